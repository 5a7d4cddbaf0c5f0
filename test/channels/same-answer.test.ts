/**
 * One bot core, every channel: "gimana cara klaim jht" gets the same answer through /api/chat, Bot Framework
 * (real HTTP round trip to a local serviceUrl), WhatsApp Cloud API (signed webhook, local Graph API) and
 * WhatsApp via Baileys (a fake socket that emits Baileys-shaped events), all on the real service.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEventBuffer, type WAMessage } from '@whiskeysockets/baileys';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAuthStore } from '../../adapters/whatsapp/baileys/auth.ts';
import { startBaileysAdapter, type WaSocket } from '../../adapters/whatsapp/baileys/index.ts';
import { startService, type Service } from '../helpers/service.ts';
import { listen, until } from '../helpers/net.ts';

const QUESTION = 'gimana cara klaim jht';
const SECRET = 'cloud-secret';
const silent = pino({ level: 'silent' });

/** Channels differ in markup only (*bold* vs **bold**, numbered choices): compare the words. */
const plain = (s: string): string => s.replace(/\*+/g, '').replace(/\s+/g, ' ').trim();

const received: { url: string; body: any }[] = [];
let peer: { server: http.Server; url: string };
let svc: Service;
let apiAnswer: string;

beforeAll(async () => {
  // Stands in for both the Bot Framework channel (serviceUrl) and the Graph API.
  peer = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(body || '{}') });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'r1', messages: [{ id: 'wamid.out' }] }));
    });
  });
  svc = await startService({
    RATE_LIMIT_PER_MINUTE: 0, BOTFRAMEWORK_EMULATOR: true,
    WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify', WHATSAPP_CLOUD_APP_SECRET: SECRET, WHATSAPP_CLOUD_ACCESS_TOKEN: 'token',
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: '12345', WHATSAPP_CLOUD_GRAPH_URL: `${peer.url}/v21.0`,
  });
  const r = await svc.say({}, QUESTION);
  expect(r.intent?.id).toBe('jht_claim_how');
  apiAnswer = r.body.messages[0].text;
  expect(apiAnswer).toMatch(/JMO/);
  expect(apiAnswer).toMatch(/Lapak Asik/);
});
afterAll(async () => {
  await svc.close();
  peer.server.close();
});

describe('the same answer on every channel', () => {
  it('Bot Framework: the reply activity at the serviceUrl carries the answer and suggested actions', async () => {
    const activity = {
      type: 'message', id: 'act-1', timestamp: new Date().toISOString(), channelId: 'emulator', serviceUrl: peer.url,
      from: { id: 'u1' }, recipient: { id: 'jessi' }, conversation: { id: 'conv-same-1' }, text: QUESTION,
    };
    const r = await fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(r.status).toBeLessThan(300);
    await until(() => received.some((x) => x.url.startsWith('/v3/conversations/conv-same-1/activities')));
    const reply = received.find((x) => x.url.startsWith('/v3/conversations/conv-same-1/activities'))!.body;
    expect(plain(reply.text)).toContain(plain(apiAnswer));
    expect(reply.suggestedActions.actions.length).toBeGreaterThan(0);
  });

  it('WhatsApp Cloud API: a signed webhook gets the answer sent through the Graph API', async () => {
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '12345' },
        contacts: [{ wa_id: '6281234567890' }], messages: [{ from: '6281234567890', id: 'wamid.in1', timestamp: '1700000000', type: 'text', text: { body: QUESTION } }] } }] }],
    });
    const sig = 'sha256=' + createHmac('sha256', SECRET).update(raw).digest('hex');
    const r = await fetch(`${svc.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig }, body: raw });
    expect(r.status).toBe(200);
    // The first call to /messages can be the read receipt ({ status: 'read' }), and the answer may go out as
    // several Graph API messages: wait for the whole reply.
    const sentText = () => plain(received.filter((x) => x.url.startsWith('/v21.0/12345/messages')).map((x) => x.body.text?.body ?? x.body.interactive?.body?.text ?? '').filter(Boolean).join(' '));
    await until(() => sentText().includes(plain(apiAnswer)));
    expect(sentText()).toContain(plain(apiAnswer));
  });

  it('WhatsApp via Baileys: the answer is sent to the chat, buttons as a numbered list', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jessi-wa-'));
    const sent: string[] = [];
    const ev = makeEventBuffer(silent);
    const sock = {
      ev,
      sendMessage: async (jid: string, content: { text?: string }) => {
        sent.push(content.text ?? '');
        return { key: { remoteJid: jid, fromMe: true, id: `OUT${sent.length}` }, message: { conversation: content.text } } as WAMessage;
      },
      readMessages: async () => undefined,
      sendPresenceUpdate: async () => undefined,
      requestPairingCode: async () => 'ABCD1234',
      end: async () => undefined,
    } as unknown as WaSocket;
    const bot = await svc.jessi.ready;
    let socketMade = false;
    const wa = await startBaileysAdapter({ bot, store: svc.jessi.store, logger: silent, authStore: fileAuthStore(dir), salt: 'salt', makeSocket: () => ((socketMade = true), sock), onQr: () => undefined, lease: { ttlMs: 1000, renewMs: 200 } });
    try {
      await until(() => socketMade); // the adapter took the connection lease and built its socket
      ev.emit('connection.update', { connection: 'open' });
      ev.emit('messages.upsert', {
        type: 'notify',
        messages: [{ key: { remoteJid: '6281234567890@s.whatsapp.net', fromMe: false, id: 'IN1' }, message: { conversation: QUESTION }, messageTimestamp: 1_700_000_000 } as WAMessage],
      });
      await until(() => sent.length > 0);
      const text = sent.join('\n');
      expect(plain(text)).toContain(plain(apiAnswer));
      expect(text).toMatch(/Balas dengan angka/);
      expect(text).toMatch(/^1\. /m);
    } finally {
      await wa.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
