import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { botFrameworkConversationId, createBotFrameworkHandler, toActivity, toMarkdown } from '../../adapters/botframework/index.ts';
import type { Bot, TurnInput } from '../../src/core/types.ts';
import { listen, until } from '../helpers/net.ts';

const inputs: TurnInput[] = [];
let failing = false;
const bot: Bot = {
  async handle(input) {
    inputs.push(input);
    if (failing) throw new Error('core down');
    return {
      messages: [
        { text: input.payload ? `payload ${input.payload}` : `Klaim JHT lewat *JMO* atau Lapak Asik. (${input.text})` },
        { text: 'Ada lagi?', buttons: [{ title: 'Cek saldo', payload: 'intent:cek_saldo' }, { title: 'Klaim JHT', payload: 'intent:klaim_jht' }] },
      ],
      intent: { id: 'klaim_jht', confidence: 0.9 },
    };
  },
};

const replies: { url: string; auth?: string; activity: any }[] = [];
let channel: { server: http.Server; url: string };
let service: { server: http.Server; url: string };

beforeAll(async () => {
  channel = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      replies.push({ url: req.url ?? '', auth: req.headers.authorization, activity: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `r${replies.length}` }));
    });
  });
  const bf = createBotFrameworkHandler({ bot, logger: pino({ level: 'silent' }) });
  const app = express();
  app.use(express.json());
  app.post('/api/messages', bf.handler);
  service = await listen(app);
  await bf.init();
}, 30_000);
afterAll(async () => {
  for (const s of [channel, service]) await new Promise((r) => s.server.close(r));
});
beforeEach(() => {
  replies.length = 0;
  inputs.length = 0;
  failing = false;
});

const activity = (id: string, extra: Record<string, unknown>) => ({
  type: 'message', id, timestamp: new Date().toISOString(), channelId: 'emulator', serviceUrl: channel.url, locale: 'id-ID',
  from: { id: 'user-1', name: 'Peserta' }, recipient: { id: 'jessi', name: 'Jessi' }, conversation: { id: 'conv-1' }, ...extra,
});
const post = (body: unknown) =>
  fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('Bot Framework channel', () => {
  it('answers a message activity at its serviceUrl, with buttons as suggested actions', async () => {
    const r = await post(activity('act-1', { text: 'gimana cara klaim jht' }));
    expect(r.status).toBe(200);
    await until(() => replies.length === 2);
    expect(replies.map((x) => x.url)).toEqual(['/v3/conversations/conv-1/activities/act-1', '/v3/conversations/conv-1/activities/act-1']);
    expect(replies[0].auth).toBeUndefined(); // emulator mode: no credentials
    const [first, second] = replies.map((x) => x.activity);
    expect(first).toMatchObject({ type: 'message', replyToId: 'act-1', text: 'Klaim JHT lewat **JMO** atau Lapak Asik. (gimana cara klaim jht)' });
    expect(second.text).toBe('Ada lagi?');
    expect(second.suggestedActions.actions).toEqual([
      { type: 'messageBack', title: 'Cek saldo', text: 'Cek saldo', displayText: 'Cek saldo', value: { payload: 'intent:cek_saldo' } },
      { type: 'messageBack', title: 'Klaim JHT', text: 'Klaim JHT', displayText: 'Klaim JHT', value: { payload: 'intent:klaim_jht' } },
    ]);
    expect(inputs).toEqual([{ channel: 'botframework', conversationId: botFrameworkConversationId('emulator', 'conv-1'), text: 'gimana cara klaim jht', replyAddress: expect.any(String) }]);
    // The way back for a live-chat agent's messages: the conversation reference, without the user's name.
    expect(JSON.parse(inputs[0].replyAddress!)).toEqual({
      channelId: 'emulator', locale: 'id-ID', serviceUrl: channel.url, conversation: { id: 'conv-1' }, user: { id: 'user-1' }, bot: { id: 'jessi' },
    });
    expect(inputs[0].conversationId).toMatch(/^bf:[0-9a-f]{32}$/);
  });

  it('hands a tapped suggested action to the bot as its payload', async () => {
    await post(activity('act-2', { text: 'Klaim JHT', value: { payload: 'intent:klaim_jht' } }));
    await until(() => replies.length === 2);
    expect(inputs[0]).toMatchObject({ payload: 'intent:klaim_jht' });
    expect(inputs[0].text).toBeUndefined();
    expect(replies[0].activity.text).toBe('payload intent:klaim_jht');
  });

  it('rejects malformed bodies with 4xx, never 5xx, and acknowledges other activity types', async () => {
    expect((await post('{"type": 42')).status).toBe(400);
    expect((await post({ type: 42 })).status).toBe(400);
    expect((await post([1, 2])).status).toBe(400);
    expect((await post({ type: 'message', text: 'x' })).status).toBe(400);
    expect((await post(activity('act-3', { text: 'x', serviceUrl: 'ftp://example.org' }))).status).toBe(400);
    expect((await post(activity('act-4', { text: 'x', conversation: { id: 7 } }))).status).toBe(400);
    expect((await post(activity('act-5', { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(inputs).toHaveLength(0);
    expect(replies).toHaveLength(0);
  });

  it('without credentials refuses to call a serviceUrl that is not local', async () => {
    const r = await post(activity('act-6', { text: 'halo', serviceUrl: 'https://attacker.example.org' }));
    expect(r.status).toBe(403);
    expect(inputs).toHaveLength(0);
  });

  it('apologises when the bot fails', async () => {
    failing = true;
    const r = await post(activity('act-7', { text: 'halo' }));
    expect(r.status).toBe(200);
    await until(() => replies.length === 1);
    expect(replies[0].activity.text).toMatch(/^Maaf/);
  });

  it('validates tokens when an app id is configured', async () => {
    const bf = createBotFrameworkHandler({ bot, logger: pino({ level: 'silent' }), appId: '00000000-0000-0000-0000-000000000001', appPassword: 'secret' });
    const app = express();
    app.use(express.json());
    app.post('/api/messages', bf.handler);
    const s = await listen(app);
    try {
      const r = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity('act-8', { text: 'halo', serviceUrl: 'https://smba.trafficmanager.net/amer/' })) });
      expect(r.status).toBe(401);
      expect(inputs).toHaveLength(0);
    } finally {
      await new Promise((r) => s.server.close(r));
    }
  });
});

describe('Markdown for Bot Framework', () => {
  it('turns *bold* into **bold** and leaves other stars alone', () => {
    expect(toMarkdown('Saldo *Rp45.678.900* per *1 Mei*')).toBe('Saldo **Rp45.678.900** per **1 Mei**');
    expect(toMarkdown('2 * 3 = 6')).toBe('2 * 3 = 6');
  });

  it('keeps a masked name literal (its stars are escaped, not emphasis)', () => {
    expect(toMarkdown('Atas nama *B*** S*****:* saldo *Rp1*')).toBe(String.raw`Atas nama \*B\*\*\* S\*\*\*\*\*:\* saldo **Rp1**`);
    expect(toMarkdown('Nama: B*** S*****')).toBe(String.raw`Nama: B\*\*\* S\*\*\*\*\*`);
  });

  it('puts links under the text as Markdown links', () => {
    const a = toActivity({ text: 'Hubungi kami', links: [{ title: 'Call center 175', url: 'tel:175' }, { title: 'Lapak [Asik]', url: 'https://lapakasik.bpjsketenagakerjaan.go.id/' }] });
    expect(a.text).toBe('Hubungi kami\n\n[Call center 175](tel:175) · [Lapak Asik](https://lapakasik.bpjsketenagakerjaan.go.id/)');
  });
});
