/**
 * The Chatwoot bridge as Chatwoot and its users live it: the real service (startService) with CHATWOOT_* set, and a
 * fake Chatwoot (a real HTTP server on a free port) that records the REST calls the bot makes and refuses any
 * without the Agent Bot's api_access_token. Webhook bodies follow Chatwoot's Message#webhook_data and the
 * conversation's webhook_data.
 */
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { listen, until } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';

const TOKEN = 'agent-bot-token-7f3a';
const SECRET = 'cw-webhook-secret-0123456789';
const ACCOUNT = 1;

interface Call {
  method: string;
  path: string;
  token: string | undefined;
  body: any;
}

let chatwoot: { server: http.Server; url: string };
const calls: Call[] = [];
let svc: Service;

const base = (conv: number, account = ACCOUNT) => `/api/v1/accounts/${account}/conversations/${conv}`;
/** What the bot posted into a conversation, in order. */
const posted = (conv: number, account = ACCOUNT) => calls.filter((c) => c.path === `${base(conv, account)}/messages`).map((c) => c.body.content as string);
const toggles = (conv: number, account = ACCOUNT) => calls.filter((c) => c.path === `${base(conv, account)}/toggle_status`).map((c) => c.body.status as string);

let nextId = 5000;
let nextConv = 100;
const newConversation = () => ++nextConv;

/** A message_created payload as Chatwoot's agent bot webhook sends it. */
function message(conv: number, content: string | null, o: { status?: string; type?: string; private?: boolean; id?: number; account?: number | null } = {}) {
  const account = o.account === undefined ? ACCOUNT : o.account;
  const id = o.id ?? ++nextId;
  const incoming = (o.type ?? 'incoming') === 'incoming';
  return {
    event: 'message_created',
    id,
    content,
    content_type: 'text',
    content_attributes: {},
    created_at: '2026-12-02T03:00:00.000Z',
    message_type: o.type ?? 'incoming',
    private: o.private ?? false,
    source_id: null,
    sender: incoming ? { id: 42, name: 'Peserta', type: 'contact' } : { id: 3, name: 'Jessi', type: 'agent_bot' },
    inbox: { id: 7, name: 'Website' },
    conversation: {
      id: conv,
      status: o.status ?? 'pending',
      inbox_id: 7,
      channel: 'Channel::WebWidget',
      can_reply: true,
      additional_attributes: {},
      meta: { sender: { id: 42, name: 'Peserta', type: 'contact' }, assignee: null, team: null, hmac_verified: false },
      messages: [{ id, content, account_id: account ?? undefined, conversation_id: conv, message_type: incoming ? 0 : 1 }],
      labels: [],
      unread_count: 1,
      timestamp: 1796094000,
    },
    ...(account === null ? {} : { account: { id: account, name: 'BPJS Ketenagakerjaan' } }),
  };
}

/** A conversation_status_changed payload (account webhook): the conversation at the top level, no account object. */
function statusChanged(conv: number, previous: string, current: string, accountId: number | null = ACCOUNT) {
  return {
    event: 'conversation_status_changed',
    id: conv,
    status: current,
    inbox_id: 7,
    meta: { sender: { id: 42, name: 'Peserta', type: 'contact' }, assignee: { id: 9, name: 'Rina', type: 'user' } },
    messages: accountId === null ? [] : [{ id: ++nextId, content: 'terima kasih', account_id: accountId, conversation_id: conv, message_type: 1 }],
    changed_attributes: [{ status: { previous_value: previous, current_value: current } }],
    updated_at: Date.now() / 1000 + nextId,
  };
}

const post = (body: unknown, o: { url?: string; token?: string | null; header?: boolean; raw?: string } = {}) => {
  const token = o.token === undefined ? SECRET : o.token;
  const url = `${o.url ?? svc.url}/webhooks/chatwoot${token !== null && !o.header ? `?token=${encodeURIComponent(token)}` : ''}`;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(o.header && token !== null ? { 'x-chatwoot-webhook-token': token } : {}) },
    body: o.raw ?? JSON.stringify(body),
  });
};

/** Post a user message and wait until the bot has posted `n` more messages into that conversation. */
async function say(conv: number, text: string, n = 1, o: Parameters<typeof message>[2] = {}) {
  const before = posted(conv).length;
  const r = await post(message(conv, text, o));
  expect(r.status).toBe(200);
  await until(() => posted(conv).length >= before + n);
  return posted(conv).slice(before);
}

const chatwootEnv = (url: string) => ({ CHATWOOT_URL: url, CHATWOOT_BOT_TOKEN: TOKEN, CHATWOOT_WEBHOOK_SECRET: SECRET });

beforeAll(async () => {
  chatwoot = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const token = req.headers.api_access_token as string | undefined;
      calls.push({ method: req.method ?? '', path: req.url ?? '', token, body: body ? JSON.parse(body) : undefined });
      res.setHeader('content-type', 'application/json');
      if (token !== TOKEN) {
        res.statusCode = 401;
        return void res.end(JSON.stringify({ error: 'Invalid Access Token' }));
      }
      res.end(JSON.stringify({ id: calls.length, message_type: 1 }));
    });
  });
  svc = await startService({ ...chatwootEnv(chatwoot.url), RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(async () => {
  await svc?.close();
  await new Promise((r) => chatwoot.server.close(r));
});

describe('Chatwoot bridge: the bot answers pending conversations', () => {
  it('answers a user message through the REST API, as the agent bot, buttons as numbered lines a number answers', async () => {
    const conv = newConversation();
    const [reply] = await say(conv, 'cara klaim jht gimana');
    expect(reply).toMatch(/klaim JHT/);
    expect(reply).toMatch(/Balas dengan angka:\n1\. /);
    const call = calls.find((c) => c.path === `${base(conv)}/messages`)!;
    expect(call.method).toBe('POST');
    expect(call.body).toEqual({ content: reply, message_type: 'outgoing' });
    expect(calls.every((c) => c.token === TOKEN)).toBe(true);

    // "1" picks the first numbered choice.
    const first = reply!.split('\n').find((l) => l.startsWith('1. '))!.slice(3);
    const [next] = await say(conv, '1');
    expect(next).not.toMatch(/belum memahami/);
    expect(first.length).toBeGreaterThan(0);
    expect(toggles(conv)).toEqual([]);
  });

  it('answers in English when asked in English', async () => {
    const conv = newConversation();
    const [reply] = await say(conv, 'what is jkm?');
    expect(reply).toMatch(/Jaminan Kematian/);
    expect(reply).toMatch(/heirs/);
  });
});

describe('Chatwoot bridge: handoff to Chatwoot agents', () => {
  it('says the handover, toggles the conversation to open, and queues nothing in Jessi’s own desk', async () => {
    const conv = newConversation();
    await say(conv, 'cara klaim jht gimana');
    const [handover] = await say(conv, 'mau ngomong sama petugas');
    expect(handover).toMatch(/teruskan ke petugas/);
    expect(handover).toMatch(/kembali ke bot/);
    await until(() => toggles(conv).length === 1);
    expect(toggles(conv)).toEqual(['open']);
    // The message goes first, then the status: the agents see why they got it.
    const order = calls.filter((c) => c.path.startsWith(`${base(conv)}/`)).map((c) => c.path.split('/').at(-1));
    expect(order.slice(-2)).toEqual(['messages', 'toggle_status']);
    expect(await svc.jessi.handoff!.list()).toEqual([]);
  });

  it('hands over after repeated misunderstandings too', async () => {
    const conv = newConversation();
    await say(conv, 'xqzv plomb wibble');
    await say(conv, 'zzkrt fnord blarg');
    const [third] = await say(conv, 'qwpx vlorg snarf');
    expect(third).toMatch(/belum bisa memahami/);
    await until(() => toggles(conv).length === 1);
    expect(toggles(conv)).toEqual(['open']);
  });

  it('stays silent while the conversation is open (a person has it), and answers again once it is pending', async () => {
    const conv = newConversation();
    await say(conv, 'mau ngomong sama petugas');
    await until(() => toggles(conv).length === 1);
    const before = calls.length;
    for (const text of ['halo, masih ada orang?', 'cara klaim jht', 'mau ngomong sama petugas']) {
      const r = await post(message(conv, text, { status: 'open' }));
      expect(r.status).toBe(200);
    }
    // An agent hands it back (status pending): the next message is the bot's again. Messages of one conversation
    // are handled in order, so nothing can still be on its way for the open ones once this answer is here.
    const [answer] = await say(conv, 'berapa iuran bpu', 1, { status: 'pending' });
    expect(answer).toMatch(/Iuran peserta BPU/);
    const since = calls.slice(before).filter((c) => c.path.startsWith(`${base(conv)}/`));
    expect(since.map((c) => c.body.content ?? c.body.status)).toEqual([answer]);
  });

  it('"kembali ke bot" while open toggles back to pending and the bot says it is back (in the phrase’s language)', async () => {
    const conv = newConversation();
    await say(conv, 'mau ngomong sama petugas');
    const [back] = await say(conv, 'kembali ke bot', 1, { status: 'open' });
    expect(back).toMatch(/kembali dengan Jessi/);
    expect(toggles(conv)).toEqual(['open', 'pending']);
    const [answer] = await say(conv, 'cara klaim jht gimana', 1, { status: 'pending' });
    expect(answer).toMatch(/klaim JHT/);

    const en = newConversation();
    await say(en, 'I want to talk to an agent');
    const [backEn] = await say(en, 'back to bot', 1, { status: 'open' });
    expect(backEn).toMatch(/back with Jessi/);
    expect(toggles(en)).toEqual(['open', 'pending']);
  });

  it('an agent setting the conversation back to pending is announced once, in the conversation’s language', async () => {
    const conv = newConversation();
    await say(conv, 'I want to talk to an agent');
    await until(() => toggles(conv).length === 1);
    const event = statusChanged(conv, 'open', 'pending');
    const [first, again] = await Promise.all([post(event), post(event)]);
    expect([first.status, again.status]).toEqual([200, 200]);
    await until(() => posted(conv).length === 2);
    expect(posted(conv)[1]).toMatch(/handed the conversation back to Jessi/);
    // Other status changes say nothing.
    expect((await post(statusChanged(conv, 'pending', 'open'))).status).toBe(200);
    expect((await post(statusChanged(conv, 'open', 'resolved'))).status).toBe(200);
    const [answer] = await say(conv, 'what is jkm?');
    expect(answer).toMatch(/Jaminan Kematian/);
    expect(posted(conv)).toHaveLength(3);
  });

  it('the bridge’s own toggle back to pending is not announced a second time', async () => {
    const conv = newConversation();
    await say(conv, 'mau ngomong sama petugas');
    await say(conv, 'kembali ke bot', 1, { status: 'open' });
    expect((await post(statusChanged(conv, 'open', 'pending'))).status).toBe(200);
    const [answer] = await say(conv, 'berapa iuran bpu');
    expect(answer).toMatch(/Iuran peserta BPU/);
    expect(posted(conv)).toHaveLength(3);
  });
});

describe('Chatwoot bridge: no loops, no double answers', () => {
  it('ignores outgoing messages (its own replies, agents), private notes, activity lines and empty messages', async () => {
    const conv = newConversation();
    const [reply] = await say(conv, 'berapa iuran bpu');
    const before = calls.length;
    for (const body of [
      message(conv, reply!, { type: 'outgoing' }),
      message(conv, 'Catatan: peserta sudah telepon 175', { type: 'outgoing', private: true }),
      message(conv, 'cara klaim jht', { type: 'incoming', private: true }),
      message(conv, 'Conversation was marked pending by Jessi', { type: 'activity' }),
      message(conv, 'Template', { type: 'template' }),
      message(conv, null),
      message(conv, '   '),
      { ...message(conv, 'cara klaim jht'), event: 'message_updated' },
      { event: 'webwidget_triggered', id: 9, contact: { id: 42 } },
      { event: 'conversation_opened', id: conv, status: 'open' },
    ]) {
      const r = await post(body);
      expect(r.status).toBe(200);
    }
    const [probe] = await say(conv, 'what is jkm?');
    expect(probe).toMatch(/Jaminan Kematian/);
    expect(calls.slice(before).map((c) => c.body.content)).toEqual([probe]);
  });

  it('answers a message delivered twice (retries, agent bot and account webhook) once', async () => {
    const conv = newConversation();
    const body = message(conv, 'cara klaim jht gimana');
    const rs = await Promise.all([post(body), post(body), post(body)]);
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    await post(body);
    const [probe] = await say(conv, 'berapa iuran bpu');
    expect(probe).toMatch(/Iuran peserta BPU/);
    expect(posted(conv)).toHaveLength(2);
    expect(posted(conv)[0]).toMatch(/klaim JHT/);
  });
});

describe('Chatwoot bridge: the webhook is guarded', () => {
  it('401 without the secret or with a wrong one (query or header); the header works too', async () => {
    const conv = newConversation();
    const before = calls.length;
    for (const o of [{ token: null }, { token: 'wrong-secret-0123456789' }, { token: `${SECRET}x` }, { token: 'wrong', header: true }, { token: '' }]) {
      const r = await post(message(conv, 'cara klaim jht'), o);
      expect(r.status).toBe(401);
      expect((await r.json()).error.code).toBe('unauthorized');
    }
    expect(calls.length).toBe(before);
    const [ok] = await (async () => {
      const r = await post(message(conv, 'cara klaim jht gimana'), { header: true });
      expect(r.status).toBe(200);
      await until(() => posted(conv).length === 1);
      return posted(conv);
    })();
    expect(ok).toMatch(/klaim JHT/);
  });

  it('400 with a reason for malformed payloads, and nothing is answered', async () => {
    const conv = newConversation();
    const good = message(conv, 'cara klaim jht');
    const cases: [unknown, RegExp][] = [
      [[1, 2], /expected object/i],
      [{ id: 1 }, /event/],
      [{ ...good, conversation: undefined }, /conversation/],
      [{ ...good, conversation: { ...good.conversation, id: 'abc' } }, /conversation\.id/],
      [{ ...good, conversation: { ...good.conversation, status: undefined } }, /conversation\.status/],
      [{ ...good, id: -4 }, /id/],
      [{ ...good, message_type: 'sideways' }, /message_type/],
      [{ ...good, content: 42 }, /content/],
      [{ event: 'conversation_status_changed', status: 'pending' }, /id/],
    ];
    for (const [body, reason] of cases) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await r.json()).error.message).toMatch(reason);
    }
    const broken = await post(undefined, { raw: '{"event": "message_created", ' });
    expect(broken.status).toBe(400);
    expect(posted(conv)).toEqual([]);
  });
});

describe('Chatwoot bridge: limits and settings', () => {
  it('limits messages per conversation: one notice, then silence; conversation events find the account from CHATWOOT_ACCOUNT_ID', async () => {
    const limited = await startService({ ...chatwootEnv(chatwoot.url), CHATWOOT_ACCOUNT_ID: 2, WHATSAPP_MESSAGES_PER_MINUTE: 2, RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
    try {
      const conv = newConversation();
      for (const text of ['berapa iuran bpu', 'what is jkm?', 'cara klaim jht', 'halo']) {
        const r = await post(message(conv, text, { account: 2 }), { url: limited.url });
        expect(r.status).toBe(200);
      }
      await until(() => posted(conv, 2).length === 3);
      // A probe in another conversation: once it is answered, nothing more is coming (the notice is sent once).
      const other = newConversation();
      await post(message(other, 'berapa iuran bpu', { account: 2 }), { url: limited.url });
      await until(() => posted(other, 2).length === 1);
      const got = posted(conv, 2);
      expect(got).toHaveLength(3);
      expect(got[2]).toMatch(/terlalu banyak/);

      // Another account's payload is not this bridge's.
      const before = calls.length;
      expect((await post(message(conv, 'cara klaim jht', { account: 9 }), { url: limited.url })).status).toBe(200);
      // A status event without any account (as the agent bot webhook sends conversation events) uses CHATWOOT_ACCOUNT_ID.
      const handed = newConversation();
      await post(message(handed, 'mau ngomong sama petugas', { account: null }), { url: limited.url });
      await until(() => toggles(handed, 2).length === 1);
      expect((await post(statusChanged(handed, 'open', 'pending', null), { url: limited.url })).status).toBe(200);
      await until(() => posted(handed, 2).length === 2);
      expect(posted(handed, 2)[1]).toMatch(/mengembalikan percakapan ke Jessi/);
      expect(calls.slice(before).some((c) => c.path.includes('/accounts/9/'))).toBe(false);
    } finally {
      await limited.close();
    }
  });

  it('a partial configuration stops start-up naming what is missing', async () => {
    const url = 'https://chat.example.org';
    expect(() => loadConfig({ CHATWOOT_URL: url, CHATWOOT_BOT_TOKEN: TOKEN })).toThrow(/Chatwoot is partly configured: missing CHATWOOT_WEBHOOK_SECRET/);
    expect(() => loadConfig({ CHATWOOT_URL: url, CHATWOOT_WEBHOOK_SECRET: SECRET })).toThrow(/missing CHATWOOT_BOT_TOKEN$/m);
    expect(() => loadConfig({ CHATWOOT_ACCOUNT_ID: '3' })).toThrow(/missing CHATWOOT_URL, CHATWOOT_BOT_TOKEN, CHATWOOT_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...chatwootEnv(url), CHATWOOT_WEBHOOK_SECRET: 'short' })).toThrow(/CHATWOOT_WEBHOOK_SECRET: at least 16 characters/);
    expect(() => loadConfig({ ...chatwootEnv('chat.example.org') })).toThrow(ConfigError);
    expect(() => loadConfig({ ...chatwootEnv(url), CHATWOOT_ACCOUNT_ID: 'one' })).toThrow(/CHATWOOT_ACCOUNT_ID/);
    expect(loadConfig({ ...chatwootEnv(url), CHATWOOT_ACCOUNT_ID: '3' }).CHATWOOT_ACCOUNT_ID).toBe(3);
    await expect(startService({ CHATWOOT_URL: url, CHATWOOT_WEBHOOK_SECRET: SECRET })).rejects.toThrow(/missing CHATWOOT_BOT_TOKEN/);
  });

  it('without the settings there is no /webhooks/chatwoot', async () => {
    const plain = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
    try {
      expect((await post(message(1, 'halo'), { url: plain.url })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
