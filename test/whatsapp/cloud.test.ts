import { createHmac } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWhatsAppCloudRouter } from '../../adapters/whatsapp/cloud/router.ts';
import { whatsappConversationId } from '../../adapters/whatsapp/shared/conversation-key.ts';
import type { Bot, OutMessage, TurnInput } from '../../src/core/types.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { listen, until } from '../helpers/net.ts';

const SECRET = 'app-secret';
const PHONE_ID = '1098765432';
const USER = '6281234567890';
const SALT = 'test-salt';

interface GraphCall {
  url: string;
  auth: string | undefined;
  body: any;
}

let graph: { server: http.Server; url: string };
const calls: GraphCall[] = [];
const inputs: TurnInput[] = [];
let reply: (input: TurnInput) => OutMessage[] = () => [];
const bot: Bot = {
  async handle(input) {
    inputs.push(input);
    return { messages: reply(input), intent: { id: 'echo', confidence: 1 } };
  },
};
const apps: { server: http.Server; url: string }[] = [];

/** Service with the router; `leadParser` mimics src/app.ts (JSON parsed app-wide, raw bytes kept). */
async function service(leadParser = false) {
  const app = express();
  if (leadParser) app.use(express.json({ verify: (req, _res, buf) => ((req as unknown as { rawBody?: Buffer }).rawBody = buf) }));
  app.use(
    createWhatsAppCloudRouter({
      bot, store: new MemoryStore(), logger: pino({ level: 'silent' }),
      verifyToken: 'verify-me', appSecret: SECRET, accessToken: 'EAAG-token', phoneNumberId: PHONE_ID,
      graphBaseUrl: `${graph.url}/v21.0`, salt: SALT,
    }),
  );
  const s = await listen(app);
  apps.push(s);
  return s.url;
}

const sign = (raw: string, secret = SECRET) => 'sha256=' + createHmac('sha256', secret).update(raw).digest('hex');
const webhook = (messages: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000000', phone_number_id: PHONE_ID }, contacts: [{ wa_id: USER, profile: { name: 'Peserta' } }], messages, ...extra } }] }],
  });
let seq = 0;
const textMessage = (body: string) => ({ from: USER, id: `wamid.${++seq}`, timestamp: '1700000000', type: 'text', text: { body } });
const post = (url: string, raw: string, signature?: string) =>
  fetch(`${url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body: raw });
const sends = () => calls.filter((c) => c.body.type);

beforeAll(async () => {
  graph = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ url: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.out${calls.length}` }] }));
    });
  });
});
afterAll(async () => {
  for (const s of [graph, ...apps]) await new Promise((r) => s.server.close(r));
});
beforeEach(() => {
  calls.length = 0;
  inputs.length = 0;
  reply = (i) => [{ text: `echo: ${i.text ?? i.payload}` }];
});

describe('WhatsApp Business Cloud API webhook', () => {
  it('answers the verification handshake only with the right token', async () => {
    const url = await service();
    const ok = await fetch(`${url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
    expect((await fetch(`${url}/webhooks/whatsapp?hub.challenge=1`)).status).toBe(403);
  });

  it('answers a signed text message through the Graph API', async () => {
    const url = await service();
    const raw = webhook([textMessage('halo jessi')]);
    const r = await post(url, raw, sign(raw));
    expect(r.status).toBe(200);
    await until(() => sends().length === 1);
    const [send] = sends();
    expect(send.url).toBe(`/v21.0/${PHONE_ID}/messages`);
    expect(send.auth).toBe('Bearer EAAG-token');
    expect(send.body).toMatchObject({ messaging_product: 'whatsapp', to: USER, type: 'text', text: { body: 'echo: halo jessi' } });
    // The sender's WhatsApp id is the way back for a live-chat agent's messages.
    expect(inputs[0]).toEqual({ channel: 'whatsapp_cloud', conversationId: whatsappConversationId(SALT, USER), text: 'halo jessi', replyAddress: USER });
    // Same key as Baileys gives this number ("62812…@s.whatsapp.net").
    expect(inputs[0].conversationId).toBe(whatsappConversationId(SALT, `${USER}@s.whatsapp.net`));
    // Marked read.
    await until(() => calls.some((c) => c.body.status === 'read'));
  });

  it('also works behind the app-wide JSON parser that keeps the raw body', async () => {
    const url = await service(true);
    const raw = webhook([textMessage('lewat parser')]);
    expect((await post(url, raw, sign(raw))).status).toBe(200);
    await until(() => sends().length === 1);
    expect(sends()[0].body.text.body).toBe('echo: lewat parser');
  });

  it('rejects unsigned and wrongly signed posts without calling the bot', async () => {
    const url = await service();
    const raw = webhook([textMessage('palsu')]);
    expect((await post(url, raw)).status).toBe(401);
    expect((await post(url, raw, sign(raw, 'other-secret'))).status).toBe(403);
    expect((await post(url, raw, 'sha256=abc')).status).toBe(403);
    expect((await post(url, raw.replace('palsu', 'PALSU'), sign(raw))).status).toBe(403);
    const leadUrl = await service(true);
    expect((await post(leadUrl, raw, sign(raw, 'other-secret'))).status).toBe(403);
    await new Promise((r) => setTimeout(r, 50));
    expect(inputs).toHaveLength(0);
    expect(calls).toHaveLength(0);
  });

  it('maps interactive button and list replies to their payloads and ignores statuses', async () => {
    const url = await service();
    const raw = webhook(
      [
        { from: USER, id: 'wamid.b', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'intent:klaim_jht', title: 'Klaim JHT' } } },
        { from: USER, id: 'wamid.l', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'intent:cek_saldo', title: 'Cek saldo' } } },
      ],
      { statuses: [{ id: 'wamid.x', status: 'delivered', recipient_id: USER }] },
    );
    expect((await post(url, raw, sign(raw))).status).toBe(200);
    const statusOnly = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: { metadata: { phone_number_id: PHONE_ID }, statuses: [{ id: 'wamid.y', status: 'read' }] } }] }] });
    expect((await post(url, statusOnly, sign(statusOnly))).status).toBe(200);
    await until(() => sends().length === 2);
    expect(inputs.map((i) => i.payload)).toEqual(['intent:klaim_jht', 'intent:cek_saldo']);
    expect(inputs.every((i) => i.text === undefined)).toBe(true);
  });

  it('handles a retried webhook once', async () => {
    const url = await service();
    const raw = webhook([textMessage('sekali')]);
    await post(url, raw, sign(raw));
    await post(url, raw, sign(raw));
    await until(() => sends().length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(inputs).toHaveLength(1);
  });

  it('sends reply buttons, a list, or a numbered text list whose number maps back', async () => {
    const url = await service();
    const b = (n: number, len = 8) => Array.from({ length: n }, (_, i) => ({ title: `Pilihan ${i + 1}`.padEnd(len, '.'), payload: `p${i + 1}` }));
    reply = (i) =>
      i.text === 'menu'
        ? [
            { text: 'Tiga tombol', buttons: b(3) },
            { text: 'Enam baris', buttons: b(6, 22) },
            { text: 'Terlalu panjang', buttons: [{ title: 'x'.repeat(30), payload: 'long-1' }, { title: 'Lainnya', payload: 'long-2' }] },
          ]
        : [{ text: `echo: ${i.text ?? i.payload}` }];
    let raw = webhook([textMessage('menu')]);
    await post(url, raw, sign(raw));
    await until(() => sends().length === 3);
    const [buttons, list, text] = sends().map((c) => c.body);
    expect(buttons.interactive).toEqual({
      type: 'button',
      body: { text: 'Tiga tombol' },
      action: { buttons: b(3).map((x) => ({ type: 'reply', reply: { id: x.payload, title: x.title } })) },
    });
    expect(list.interactive.type).toBe('list');
    expect(list.interactive.action.sections[0].rows).toHaveLength(6);
    expect(list.interactive.action.sections[0].rows[5]).toEqual({ id: 'p6', title: b(6, 22)[5].title });
    expect(text.text.body).toBe(`Terlalu panjang\n\nBalas dengan angka:\n1. ${'x'.repeat(30)}\n2. Lainnya`);
    raw = webhook([textMessage('2')]);
    await post(url, raw, sign(raw));
    await until(() => inputs.length === 2);
    expect(inputs[1]).toMatchObject({ payload: 'long-2' });
  });
});
