/**
 * Live chat on the push channels, on the real service: WhatsApp Cloud (signed webhooks, a local Graph API),
 * WhatsApp via Baileys (a fake socket on Baileys' own event buffer) and Bot Framework (emulator mode, a local
 * connector on loopback). A user asks for a person, an agent picks up, the bot stays quiet while the agent
 * has the conversation, the agent's reply reaches the user on their channel exactly once (also with a second
 * instance listening on the same store and bus), the agent hands back and the bot answers again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { botFrameworkConversationId, createBotFrameworkHandler } from '../../adapters/botframework/index.ts';
import { fileAuthStore } from '../../adapters/whatsapp/baileys/auth.ts';
import { startBaileysAdapter, type BaileysAdapter } from '../../adapters/whatsapp/baileys/index.ts';
import { createWhatsAppCloudRouter } from '../../adapters/whatsapp/cloud/router.ts';
import { whatsappConversationId } from '../../adapters/whatsapp/shared/conversation-key.ts';
import { createApp, type JessiApp } from '../../src/app.ts';
import { listen, until } from '../helpers/net.ts';
import { cloudBatch, cloudConfig, cloudText, fakeBaileys, postWebhook } from '../security/whatsapp-fakes.ts';

// Wednesday 2 December 2026, 10:00 WIB: agents on duty.
const OPEN = Date.UTC(2026, 11, 2, 3, 0);
const PHONE = '6281234567890';
const JID = `${PHONE}@s.whatsapp.net`;
const AGENT = { id: 'rina', name: 'Rina' };
const AGENT_TEXT = 'Halo, saya Rina. Iuran BPU bisa dibayar lewat JMO.';
const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Long enough for anything still under way (a second delivery, a bot reply) to have arrived. */
const settle = () => sleep(150);

/** Stands in for the Graph API and the Bot Framework connector: records every POST. */
const hits: { url: string; body: any }[] = [];
let peer: { server: http.Server; url: string };
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  peer = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', body: JSON.parse(body || '{}') });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `r${hits.length}`, messaging_product: 'whatsapp', messages: [{ id: `wamid.out${hits.length}` }] }));
    });
  });
});
afterAll(async () => {
  await new Promise((r) => peer.server.close(r));
});
beforeEach(() => {
  hits.length = 0;
});
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** The service at a fixed clock, its logs kept (to check that no number, address or agent text is logged). */
async function service() {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const jessi = await createApp(
    { PORT: 0, LOG_LEVEL: 'debug', METRICS_TOKEN: 'metrics-token', RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, BOTFRAMEWORK_EMULATOR: true, ...cloudConfig(peer.url) } as never,
    { now: () => OPEN, logger },
  );
  closers.push(() => jessi.close());
  await jessi.ready;
  await jessi.handoff!.presence('rina'); // an agent has the console open
  const s = await listen(jessi.app);
  closers.push(() => new Promise((r) => s.server.close(r)));
  return { jessi, desk: jessi.handoff!, url: s.url, logs };
}

/** A condition that needs the store (the desk's transcript). */
async function eventually(cond: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** jessi_handoff_push_total{channel, outcome} as /metrics shows it. */
async function metric(url: string, channel: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer metrics-token' } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`jessi_handoff_push_total{channel="${channel}",outcome="${outcome}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** What the agent's side does, and what the user must see, the same on every channel. */
async function agentSession(o: {
  jessi: JessiApp;
  url: string;
  /** The channel name the adapter gives the bot. */
  channel: string;
  conversationId: string;
  /** Everything the user received so far, in order. */
  received: () => string[];
  /** The user writes; resolves once the bot has handled the message. */
  say: (text: string) => Promise<void>;
  logs: string[];
  secrets: string[];
}) {
  const desk = o.jessi.handoff!;
  const count = (re: RegExp) => o.received().filter((t) => re.test(t)).length;

  await o.say('mau bicara dengan petugas');
  await until(() => count(/Posisi antrean Anda: \*{1,2}1\*{1,2}/) === 1);
  expect((await desk.get(o.conversationId))!.owner).toBe('queued');

  expect(await desk.pickUp(o.conversationId, AGENT)).toEqual({ ok: true });
  await until(() => count(/Petugas Rina bergabung/) === 1);

  // While the agent has the conversation the bot never answers (not even "Terkirim ke petugas.").
  const before = o.received().length;
  await o.say('berapa iuran bpu');
  expect((await desk.transcript(o.conversationId)).at(-1)).toMatchObject({ from: 'user', text: 'berapa iuran bpu' });
  await settle();
  expect(o.received().slice(before)).toEqual([]);

  // The agent's reply reaches the user once, with the agent's name.
  expect((await desk.reply(o.conversationId, AGENT.id, AGENT_TEXT)).ok).toBe(true);
  await until(() => count(/Iuran BPU bisa dibayar lewat JMO/) > 0);
  await settle();
  expect(o.received().filter((t) => t.includes('Iuran BPU bisa dibayar lewat JMO'))).toHaveLength(1);
  expect(o.received().at(-1)).toMatch(/^\*{1,2}Petugas Rina:\*{1,2} Halo, saya Rina\./);

  // Handed back: the user is told once, and the bot answers the next message.
  expect(await desk.handBack(o.conversationId, AGENT.id)).toBe(true);
  await until(() => count(/mengembalikan percakapan ke Jessi/) > 0);
  await settle();
  expect(count(/mengembalikan percakapan ke Jessi/)).toBe(1);
  const afterBack = o.received().length;
  await o.say('berapa iuran bpu');
  await until(() => o.received().length > afterBack);
  expect(o.received().slice(afterBack).join('\n')).toMatch(/BPU|Bukan Penerima Upah/i);

  // Three deliveries in all (joined, the reply, handed back), by one instance each.
  expect(await metric(o.url, o.channel, 'delivered')).toBe(3);
  expect(await metric(o.url, o.channel, 'failed')).toBe(0);

  // Neither the user's number or address nor what the agent wrote is in the logs.
  const log = o.logs.join('');
  expect(log).toMatch(/live-chat message delivered/);
  for (const s of [...o.secrets, 'Iuran BPU bisa dibayar']) expect(log).not.toContain(s);
}

describe('WhatsApp Cloud API', () => {
  const sentTo = (phone: string) => hits.filter((h) => h.body.to === phone && h.body.type).map((h) => h.body.text?.body ?? h.body.interactive?.body?.text ?? '');

  async function cloud() {
    const svc = await service();
    const conversationId = whatsappConversationId(svc.jessi.config.CONVERSATION_KEY_SALT, PHONE);
    const say = async (text: string) => {
      const seen = (await svc.desk.transcript(conversationId)).length;
      const before = sentTo(PHONE).length;
      expect((await postWebhook(svc.url, cloudBatch([cloudText(PHONE, text)]))).status).toBe(200);
      // handled: either something was sent or the message went to the transcript
      await eventually(async () => sentTo(PHONE).length > before || (await svc.desk.transcript(conversationId)).length > seen);
    };
    return { ...svc, conversationId, say };
  }

  it('the bot never replies while an agent owns the conversation; the agent reaches the user through the Graph API', async () => {
    const svc = await cloud();
    await agentSession({ ...svc, channel: 'whatsapp_cloud', received: () => sentTo(PHONE), secrets: [PHONE] });
  });

  it('with two instances listening on one store and bus, each agent message is sent once', async () => {
    const svc = await cloud();
    // A second instance of the channel: its own router, the same store and desk (bus).
    const other = express();
    const services = svc.jessi.channelServices;
    other.use(createWhatsAppCloudRouter({
      bot: services.bot, store: svc.jessi.store, logger: silent, verifyToken: 'verify-me', appSecret: 'x', accessToken: 'EAAG-token',
      phoneNumberId: svc.jessi.config.WHATSAPP_CLOUD_PHONE_NUMBER_ID!, graphBaseUrl: `${peer.url}/v21.0`, salt: svc.jessi.config.CONVERSATION_KEY_SALT,
      handoff: svc.desk, message: services.message, observePush: services.observePush,
    }));
    await agentSession({ ...svc, channel: 'whatsapp_cloud', received: () => sentTo(PHONE), secrets: [PHONE] });
  });

  it('"kembali ke bot" is answered once, in the turn (not again as a pushed notice)', async () => {
    const svc = await cloud();
    await svc.say('mau bicara dengan petugas');
    await svc.desk.pickUp(svc.conversationId, AGENT);
    await until(() => sentTo(PHONE).some((t) => /bergabung/.test(t)));
    await svc.say('kembali ke bot');
    await until(() => sentTo(PHONE).some((t) => /kembali dengan Jessi/.test(t)));
    await settle();
    expect(sentTo(PHONE).filter((t) => /kembali dengan Jessi/.test(t))).toHaveLength(1);
    expect((await svc.desk.get(svc.conversationId))!.owner).toBe('bot');
  });

  it('a complaint filed on WhatsApp and marked urgent by an operator: the agent reaches the user there', async () => {
    const svc = await cloud();
    for (const t of ['saya mau komplain, iuran saya dipotong tiap bulan tapi tidak masuk ke saldo sejak Juli', '0813-2468-1357', 'ya']) await svc.say(t);
    await until(() => sentTo(PHONE).some((t) => /ADU-\d{8}-\d{4}/.test(t)));
    const ticket = /ADU-\d{8}-\d{4}/.exec(sentTo(PHONE).join('\n'))![0];
    expect(await svc.desk.markUrgent(ticket)).toEqual({ ok: true, conversationId: svc.conversationId });
    await until(() => sentTo(PHONE).some((t) => t.includes(ticket) && /mendesak/.test(t)));
    expect(await svc.desk.pickUp(svc.conversationId, AGENT)).toEqual({ ok: true });
    expect((await svc.desk.reply(svc.conversationId, AGENT.id, 'Pengaduan Anda sedang kami tangani.')).ok).toBe(true);
    await until(() => sentTo(PHONE).some((t) => t.includes('sedang kami tangani')));
    expect(await metric(svc.url, 'whatsapp_cloud', 'no_address')).toBe(0);
  });

  it('a stored address that is not a WhatsApp id is not used (logged and counted, nothing sent)', async () => {
    const svc = await cloud();
    await svc.say('mau bicara dengan petugas');
    await until(() => sentTo(PHONE).some((t) => /antrean/.test(t)));
    await svc.jessi.store.set(`handoff-address:${svc.conversationId}`, 'not-a-number', 600);
    const before = sentTo(PHONE).length;
    await svc.desk.pickUp(svc.conversationId, AGENT);
    await until(() => svc.logs.some((l) => l.includes('live-chat message not delivered')));
    expect(sentTo(PHONE).length).toBe(before);
    expect(hits.some((h) => h.body.to === 'not-a-number')).toBe(false);
    expect(await metric(svc.url, 'whatsapp_cloud', 'failed')).toBe(1);
  });
});

describe('WhatsApp via Baileys', () => {
  async function baileys(instances = 1) {
    const svc = await service();
    const dir = await mkdtemp(join(tmpdir(), 'jessi-push-wa-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const services = svc.jessi.channelServices;
    const fakes = Array.from({ length: instances }, () => fakeBaileys());
    const made: boolean[] = [];
    const adapters: BaileysAdapter[] = [];
    for (const [i, f] of fakes.entries()) {
      const a = await startBaileysAdapter({
        bot: services.bot, store: svc.jessi.store, logger: svc.jessi.logger, authStore: fileAuthStore(dir), salt: svc.jessi.config.CONVERSATION_KEY_SALT,
        makeSocket: (config) => {
          made[i] = true;
          return f.make(config);
        }, onQr: () => undefined, lease: { ttlMs: 2_000, renewMs: 200 },
        handoff: svc.desk, message: services.message, observePush: services.observePush,
      });
      adapters.push(a);
      closers.push(() => a.stop());
    }
    await until(() => made.some(Boolean));
    const leader = fakes[made.findIndex(Boolean)]!;
    leader.open();
    const conversationId = whatsappConversationId(svc.jessi.config.CONVERSATION_KEY_SALT, PHONE);
    const received = () => fakes.flatMap((f) => f.state.sent.filter((s) => s.jid === JID).map((s) => s.text));
    const say = async (text: string) => {
      const seen = (await svc.desk.transcript(conversationId)).length;
      const before = received().length;
      leader.receive(JID, text);
      await eventually(async () => received().length > before || (await svc.desk.transcript(conversationId)).length > seen);
    };
    return { ...svc, conversationId, received, say, adapters, fakes };
  }

  it('the bot never replies while an agent owns the conversation; the agent reaches the user on the socket', async () => {
    const svc = await baileys();
    await agentSession({ ...svc, channel: 'whatsapp', secrets: [PHONE, JID] });
  });

  it('an agent message while the connection is down is logged and counted as failed (never thrown)', async () => {
    const svc = await baileys();
    await svc.say('mau bicara dengan petugas');
    await until(() => svc.received().some((t) => /antrean/.test(t)));
    await svc.desk.pickUp(svc.conversationId, AGENT);
    await until(() => svc.received().some((t) => /bergabung/.test(t)));
    // The connection drops (Baileys reconnects after a backoff).
    svc.fakes[0]!.state.ev!.emit('connection.update', { connection: 'close', lastDisconnect: { error: Object.assign(new Error('closed'), { output: { statusCode: 428 } }), date: new Date() } });
    expect((await svc.desk.reply(svc.conversationId, AGENT.id, AGENT_TEXT)).ok).toBe(true);
    await until(() => svc.logs.some((l) => l.includes('live-chat message not delivered')));
    expect(await metric(svc.url, 'whatsapp', 'failed')).toBe(1);
    expect(svc.received().some((t) => t.includes('Iuran BPU'))).toBe(false);
    expect(svc.logs.join('')).not.toContain(PHONE);
  });

  it('with a second instance on standby (same store and bus), only the connected one sends, once', async () => {
    const svc = await baileys(2);
    expect(svc.adapters.filter((a) => a.isLeader())).toHaveLength(1);
    await agentSession({ ...svc, channel: 'whatsapp', secrets: [PHONE, JID] });
    expect(svc.fakes.filter((f) => f.state.sent.length > 0)).toHaveLength(1);
  });
});

describe('Bot Framework', () => {
  const CONV = 'conv-push-1';
  let seq = 0;
  const activity = (text: string) => ({
    type: 'message', id: `act-${++seq}`, timestamp: new Date().toISOString(), channelId: 'emulator', serviceUrl: peer.url, locale: 'id-ID',
    from: { id: 'user-1', name: 'Budi Santoso' }, recipient: { id: 'jessi', name: 'Jessi' }, conversation: { id: CONV }, text,
  });
  const received = () => hits.filter((h) => h.url.startsWith(`/v3/conversations/${CONV}/activities`)).map((h) => String(h.body.text ?? ''));

  async function botframework() {
    const svc = await service();
    const conversationId = botFrameworkConversationId('emulator', CONV);
    const say = async (text: string) => {
      const r = await fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(text)) });
      expect(r.status).toBe(200); // the emulator-mode turn runs inside the request
    };
    return { ...svc, conversationId, say };
  }

  it('the bot never replies while an agent owns the conversation; the agent reaches the user proactively', async () => {
    const svc = await botframework();
    await agentSession({ ...svc, channel: 'botframework', received, secrets: ['Budi Santoso', peer.url.replace('http://', '')] });
    // The proactive messages went to the conversation at the stored serviceUrl, as the bot.
    const pushed = hits.find((h) => String(h.body.text).includes('Iuran BPU bisa dibayar'))!;
    expect(pushed.body).toMatchObject({ type: 'message', from: { id: 'jessi' }, conversation: { id: CONV } });
    // The stored reference carries no display name of the user.
    expect(await svc.desk.replyAddress(svc.conversationId)).not.toContain('Budi');
  });

  it('with a second instance listening on the same store and bus, each agent message is sent once', async () => {
    const svc = await botframework();
    const services = svc.jessi.channelServices;
    const second = createBotFrameworkHandler({ bot: services.bot, logger: silent, handoff: svc.desk, message: services.message, observePush: services.observePush });
    await second.init();
    await agentSession({ ...svc, channel: 'botframework', received, secrets: ['Budi Santoso'] });
  });

  it('a stored reference to a serviceUrl that is not allowed is not used', async () => {
    const svc = await botframework();
    await svc.say('mau bicara dengan petugas');
    await until(() => received().some((t) => /antrean/.test(t)));
    const ref = JSON.parse((await svc.desk.replyAddress(svc.conversationId))!);
    await svc.jessi.store.set(`handoff-address:${svc.conversationId}`, JSON.stringify({ ...ref, serviceUrl: 'https://attacker.example.org' }), 600);
    const before = hits.length;
    await svc.desk.pickUp(svc.conversationId, AGENT);
    await until(() => svc.logs.some((l) => l.includes('live-chat message not delivered')));
    expect(hits.length).toBe(before);
  });
});
