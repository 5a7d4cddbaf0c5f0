/** Test doubles for the WhatsApp channels: a local Graph API that records sends, and a fake Baileys socket. */
import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { makeEventBuffer, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import pino from 'pino';
import type { MakeSocket } from '../../adapters/whatsapp/baileys/index.ts';
import { listen } from '../helpers/net.ts';

export const SECRET = 'app-secret';
export const PHONE_ID = '1098765432';

/** Local Graph API: records every POST body (`to`, `type`, `text.body`…). */
export async function graphStub(): Promise<{ server: http.Server; url: string; calls: any[]; to(phone: string): any[] }> {
  const calls: any[] = [];
  const s = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push(JSON.parse(body));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.out${calls.length}` }] }));
    });
  });
  return { ...s, calls, to: (phone) => calls.filter((c) => c.to === phone && c.type) };
}

export const cloudConfig = (graphUrl: string) => ({
  WHATSAPP_CLOUD_APP_SECRET: SECRET,
  WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG-token',
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
  WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify-me',
  WHATSAPP_CLOUD_GRAPH_URL: `${graphUrl}/v21.0`,
});

let seq = 0;
export const cloudText = (from: string, body: string) => ({ from, id: `wamid.in${Date.now()}.${++seq}`, timestamp: '1700000000', type: 'text', text: { body } });
export const cloudBatch = (messages: unknown[]) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000000', phone_number_id: PHONE_ID }, messages } }] }],
  });
export const sign = (raw: string) => 'sha256=' + createHmac('sha256', SECRET).update(raw).digest('hex');
export const postWebhook = (url: string, raw: string) =>
  fetch(`${url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) }, body: raw, signal: AbortSignal.timeout(5000) });

/** A fake Baileys socket (Baileys' own event buffer); records sends and read receipts. */
export function fakeBaileys() {
  const silent = pino({ level: 'silent' });
  const state = { sent: [] as { jid: string; text: string }[], reads: [] as WAMessageKey[], ev: undefined as ReturnType<typeof makeEventBuffer> | undefined };
  let out = 0;
  const make: MakeSocket = () => {
    const ev = makeEventBuffer(silent);
    state.ev = ev;
    return {
      ev,
      sendMessage: async (jid, content) => {
        const text = (content as { text?: string }).text ?? '';
        state.sent.push({ jid, text });
        return { key: { remoteJid: jid, fromMe: true, id: `OUT${++out}` }, message: { conversation: text } } as WAMessage;
      },
      readMessages: async (keys) => void state.reads.push(...keys),
      sendPresenceUpdate: async () => undefined,
      requestPairingCode: async () => 'ABCD1234',
      end: async () => undefined,
    };
  };
  const receive = (jid: string, text: string, id = `IN${Date.now()}.${++seq}`) =>
    state.ev!.emit('messages.upsert', { messages: [{ key: { remoteJid: jid, fromMe: false, id }, message: { conversation: text }, messageTimestamp: Math.floor(Date.now() / 1000) }], type: 'notify' });
  return { make, state, receive, open: () => state.ev!.emit('connection.update', { connection: 'open' }) };
}
