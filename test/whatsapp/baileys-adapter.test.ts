import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import makeWASocket, { makeEventBuffer, type UserFacingSocketConfig, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startBaileysAdapter, type BaileysAdapter, type BaileysAdapterOptions, type MakeSocket, type WaSocket } from '../../adapters/whatsapp/baileys/index.ts';
import { fileAuthStore } from '../../adapters/whatsapp/baileys/auth.ts';
import { whatsappConversationId } from '../../adapters/whatsapp/shared/conversation-key.ts';
import type { Bot, TurnInput, TurnOutput } from '../../src/core/types.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import type { Store } from '../../src/store/types.ts';

const silent = pino({ level: 'silent' });
const SALT = 'test-salt';
const PHONE = '6281234567890';
const JID = `${PHONE}@s.whatsapp.net`;

const until = async (cond: () => boolean, ms = 2_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Fake Baileys socket: real Baileys event emitter, records what the adapter sends. */
interface FakeSocket {
  sock: WaSocket;
  config: UserFacingSocketConfig;
  sent: { jid: string; text: string }[];
  reads: WAMessageKey[];
  presence: string[];
  pairingRequests: string[];
  ended: boolean;
  open(): void;
  close(statusCode: number): void;
  receive(...messages: WAMessage[]): void;
}

function fakeSockets() {
  const all: FakeSocket[] = [];
  let out = 0;
  const make: MakeSocket = (config) => {
    const ev = makeEventBuffer(silent);
    const f: FakeSocket = {
      config,
      sent: [],
      reads: [],
      presence: [],
      pairingRequests: [],
      ended: false,
      sock: {
        ev,
        sendMessage: async (jid, content) => {
          const text = (content as { text?: string }).text ?? '';
          f.sent.push({ jid, text });
          return { key: { remoteJid: jid, fromMe: true, id: `OUT${++out}` }, message: { conversation: text } } as WAMessage;
        },
        readMessages: async (keys) => {
          f.reads.push(...keys);
        },
        sendPresenceUpdate: async (type) => {
          f.presence.push(type);
        },
        requestPairingCode: async (phone) => {
          f.pairingRequests.push(phone);
          return 'ABCD1234';
        },
        end: async (error) => {
          f.ended = true;
          ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } });
        },
      },
      open: () => ev.emit('connection.update', { connection: 'open' }),
      close: (statusCode) =>
        ev.emit('connection.update', {
          connection: 'close',
          lastDisconnect: { error: Object.assign(new Error('closed'), { output: { statusCode } }), date: new Date() },
        }),
      receive: (...messages) => ev.emit('messages.upsert', { messages, type: 'notify' }),
    };
    all.push(f);
    return f.sock;
  };
  return { all, make, last: () => all[all.length - 1] };
}

let msgSeq = 0;
const textMsg = (text: string, key: Partial<WAMessageKey> = {}): WAMessage => ({
  key: { remoteJid: JID, fromMe: false, id: `IN${++msgSeq}`, ...key },
  message: { conversation: text },
  messageTimestamp: Math.floor(Date.now() / 1000),
});

/** A bot that echoes, offering two buttons; records its inputs. */
function echoBot(delayMs: (input: TurnInput) => number = () => 0) {
  const inputs: TurnInput[] = [];
  const bot: Bot = {
    async handle(input): Promise<TurnOutput> {
      inputs.push(input);
      await sleep(delayMs(input));
      return {
        messages: [
          {
            text: input.payload ? `payload: ${input.payload}` : `echo: ${input.text}`,
            buttons: [
              { title: 'Cek saldo', payload: 'intent:cek_saldo' },
              { title: 'Klaim JHT', payload: 'intent:klaim_jht' },
            ],
          },
        ],
        intent: { id: 'echo', confidence: 1 },
      };
    },
  };
  return { bot, inputs };
}

const started: { adapter: BaileysAdapter; store: Store }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) {
    await s.adapter.stop();
    await s.store.close();
  }
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function start(over: Partial<BaileysAdapterOptions> & { bot: Bot }) {
  const dir = await mkdtemp(join(tmpdir(), 'jessi-wa-auth-'));
  dirs.push(dir);
  const store = (over.store as MemoryStore | undefined) ?? new MemoryStore();
  const fakes = fakeSockets();
  const adapter = await startBaileysAdapter({
    store,
    logger: silent,
    authStore: fileAuthStore(dir),
    salt: SALT,
    makeSocket: fakes.make,
    onQr: () => undefined,
    lease: { ttlMs: 400, renewMs: 50 },
    backoff: { initialMs: 20, maxMs: 500 },
    ...over,
  });
  started.push({ adapter, store });
  await until(() => fakes.all.length > 0 || !adapter.isLeader() || over.makeSocket !== undefined);
  return { adapter, fakes, store, dir };
}

describe('WhatsApp via Baileys', () => {
  it('answers a text message, marks it read and shows typing', async () => {
    const { bot, inputs } = echoBot();
    const { fakes } = await start({ bot });
    const f = fakes.last();
    f.open();
    f.receive(textMsg('halo jessi'));
    await until(() => f.sent.length === 1);
    expect(f.sent[0].jid).toBe(JID);
    expect(f.sent[0].text).toMatch(/^echo: halo jessi/);
    // The jid is the way back for a live-chat agent's messages.
    expect(inputs[0]).toEqual({ channel: 'whatsapp', conversationId: whatsappConversationId(SALT, PHONE), text: 'halo jessi', replyAddress: JID });
    expect(inputs[0].conversationId).toMatch(/^wa:[0-9a-f]{32}$/);
    expect(inputs[0].conversationId).not.toContain(PHONE);
    expect(f.reads.map((k) => k.remoteJid)).toEqual([JID]);
    expect(f.presence).toEqual(['composing', 'paused']);
  });

  it('reads extended text and renders buttons as a numbered list', async () => {
    const { bot } = echoBot();
    const { fakes } = await start({ bot });
    const f = fakes.last();
    f.receive({ key: { remoteJid: JID, fromMe: false, id: 'EXT1' }, message: { extendedTextMessage: { text: 'cek saldo' } } });
    await until(() => f.sent.length === 1);
    expect(f.sent[0].text).toBe('echo: cek saldo\n\nBalas dengan angka:\n1. Cek saldo\n2. Klaim JHT');
  });

  it('maps a number reply to the payload of that button, and a tapped button to its id', async () => {
    const { bot, inputs } = echoBot();
    const { fakes } = await start({ bot });
    const f = fakes.last();
    f.receive(textMsg('menu'));
    await until(() => f.sent.length === 1);
    f.receive(textMsg('2'));
    await until(() => f.sent.length === 2);
    expect(inputs[1]).toMatchObject({ payload: 'intent:klaim_jht' });
    expect(inputs[1].text).toBeUndefined();
    expect(f.sent[1].text).toMatch(/^payload: intent:klaim_jht/);
    // A number beyond the list is ordinary text.
    f.receive(textMsg('7'));
    await until(() => f.sent.length === 3);
    expect(inputs[2]).toMatchObject({ text: '7' });
    // Replies to native buttons / lists carry the payload directly.
    f.receive(
      { key: { remoteJid: JID, fromMe: false, id: 'B1' }, message: { buttonsResponseMessage: { selectedButtonId: 'intent:a', selectedDisplayText: 'A' } } },
      { key: { remoteJid: JID, fromMe: false, id: 'L1' }, message: { listResponseMessage: { title: 'B', singleSelectReply: { selectedRowId: 'intent:b' } } } },
      { key: { remoteJid: JID, fromMe: false, id: 'T1' }, message: { templateButtonReplyMessage: { selectedId: 'intent:c', selectedDisplayText: 'C' } } },
      {
        key: { remoteJid: JID, fromMe: false, id: 'N1' },
        message: { interactiveResponseMessage: { body: { text: 'D' }, nativeFlowResponseMessage: { name: 'quick_reply', paramsJson: '{"id":"intent:d"}' } } },
      },
    );
    await until(() => inputs.length === 7);
    expect(inputs.slice(3).map((i) => i.payload)).toEqual(['intent:a', 'intent:b', 'intent:c', 'intent:d']);
  });

  it('ignores groups, broadcasts, status, newsletters, own messages and history', async () => {
    const { bot, inputs } = echoBot();
    const { fakes } = await start({ bot });
    const f = fakes.last();
    f.receive(
      textMsg('grup', { remoteJid: '120363000000000000@g.us', participant: JID }),
      textMsg('siaran', { remoteJid: '12345@broadcast' }),
      textMsg('status', { remoteJid: 'status@broadcast' }),
      textMsg('kanal', { remoteJid: '120363000000000001@newsletter' }),
      textMsg('dari saya', { fromMe: true }),
    );
    f.sock.ev.emit('messages.upsert', { messages: [textMsg('riwayat')], type: 'append' });
    f.receive(textMsg('pesan biasa'));
    await until(() => f.sent.length === 1);
    await sleep(30);
    expect(inputs.map((i) => i.text)).toEqual(['pesan biasa']);
    expect(f.sent).toHaveLength(1);
  });

  it('handles a redelivered message id once', async () => {
    const { bot, inputs } = echoBot();
    const { fakes } = await start({ bot });
    const f = fakes.last();
    const m = textMsg('halo');
    f.receive(m);
    f.receive(m);
    await until(() => f.sent.length === 1);
    f.receive(textMsg('lagi'));
    await until(() => f.sent.length === 2);
    expect(inputs.map((i) => i.text)).toEqual(['halo', 'lagi']);
  });

  it("keeps one chat's messages in order while other chats run concurrently", async () => {
    const OTHER = '6289999999999@s.whatsapp.net';
    // Earlier messages take longer: without a per-chat queue their replies would arrive last.
    const { bot } = echoBot((i) => (i.text?.startsWith('m') ? (5 - Number(i.text.slice(1))) * 15 : 0));
    const { fakes } = await start({ bot });
    const f = fakes.last();
    f.receive(textMsg('m1'), textMsg('m2'), textMsg('m3'), textMsg('m4'));
    f.receive(textMsg('other', { remoteJid: OTHER }));
    await until(() => f.sent.length === 5);
    const mine = f.sent.filter((s) => s.jid === JID).map((s) => s.text.split('\n')[0]);
    expect(mine).toEqual(['echo: m1', 'echo: m2', 'echo: m3', 'echo: m4']);
    // The other chat was not held up behind the slow one.
    expect(f.sent[0].jid).toBe(OTHER);
  });

  it('keys an @lid chat by the phone number in remoteJidAlt and replies to the @lid', async () => {
    const { bot, inputs } = echoBot();
    const { fakes } = await start({ bot });
    const f = fakes.last();
    f.receive(textMsg('via lid', { remoteJid: '123456789012345@lid', remoteJidAlt: JID, addressingMode: 'lid' }));
    await until(() => f.sent.length === 1);
    expect(f.sent[0].jid).toBe('123456789012345@lid');
    expect(inputs[0].conversationId).toBe(whatsappConversationId(SALT, PHONE));
    // Without a phone alternative the LID itself keys the chat (still hashed).
    f.receive(textMsg('lid only', { remoteJid: '999888777666555@lid' }));
    await until(() => f.sent.length === 2);
    expect(inputs[1].conversationId).toMatch(/^wa:[0-9a-f]{32}$/);
    expect(inputs[1].conversationId).not.toBe(inputs[0].conversationId);
  });

  it('answers retries from the store: getMessage returns a sent message', async () => {
    const { bot } = echoBot();
    const { fakes } = await start({ bot });
    const f = fakes.last();
    expect(f.config.markOnlineOnConnect).toBe(false);
    expect(f.config.syncFullHistory).toBe(false);
    f.receive(textMsg('halo'));
    await until(() => f.sent.length === 1);
    const again = await f.config.getMessage!({ remoteJid: JID, fromMe: true, id: 'OUT1' });
    expect(again?.conversation).toBe(f.sent[0].text);
    expect(await f.config.getMessage!({ remoteJid: JID, id: 'unknown' })).toBeUndefined();
  });

  it('tells the user when the bot fails', async () => {
    const bot: Bot = { handle: async () => Promise.reject(new Error('down')) };
    const { fakes } = await start({ bot });
    const f = fakes.last();
    f.receive(textMsg('halo'));
    await until(() => f.sent.length === 1);
    expect(f.sent[0].text).toMatch(/Maaf/);
  });

  it('asks for a pairing code instead of a QR when a pairing number is set', async () => {
    const qrs: string[] = [];
    const codes: string[] = [];
    const { fakes } = await start({ bot: echoBot().bot, pairingNumber: PHONE, onQr: (q) => qrs.push(q), onPairingCode: (c) => codes.push(c) });
    const f = fakes.last();
    f.sock.ev.emit('connection.update', { qr: 'QR-1' });
    f.sock.ev.emit('connection.update', { qr: 'QR-2' });
    await until(() => codes.length === 1);
    expect(f.pairingRequests).toEqual([PHONE]);
    expect(qrs).toEqual([]);
  });

  it('on loggedOut clears the saved session and does not reconnect', async () => {
    const { adapter, fakes, dir } = await start({ bot: echoBot().bot });
    const f = fakes.last();
    f.sock.ev.emit('creds.update', {});
    await sleep(30);
    expect(await readdir(dir)).toContain('creds.json');
    f.close(401);
    await sleep(150);
    await expect(readdir(dir)).rejects.toThrow();
    expect(fakes.all).toHaveLength(1);
    expect(adapter.status()).toBe('logged_out');
  });

  it('reconnects with growing delays on other close reasons, and resets after open', async () => {
    const { adapter, fakes } = await start({ bot: echoBot().bot, backoff: { initialMs: 40, maxMs: 5_000 } });
    const times = [Date.now()];
    for (const code of [428, 408, 515]) {
      fakes.last().close(code);
      const n = fakes.all.length;
      await until(() => fakes.all.length === n + 1);
      times.push(Date.now());
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // 40 ms, 80 ms, 160 ms (jitter −20 %): each wait longer than the one before.
    expect(gaps[2]).toBeGreaterThanOrEqual(125);
    expect(gaps[2]).toBeGreaterThan(gaps[0]);
    fakes.last().open();
    expect(adapter.status()).toBe('open');
    const t = Date.now();
    fakes.last().close(428);
    await until(() => fakes.all.length === 5);
    // Back to the first delay (~40 ms), not the next step (~320 ms).
    expect(Date.now() - t).toBeLessThan(200);
  });

  it('lets only one of two instances on one store connect, and hands over when the holder stops', async () => {
    const store = new MemoryStore();
    const a = await start({ bot: echoBot().bot, store, lease: { ttlMs: 400, renewMs: 50, instanceId: 'a' } });
    const b = await start({ bot: echoBot().bot, store, lease: { ttlMs: 400, renewMs: 50, instanceId: 'b' } });
    await sleep(120);
    expect(a.fakes.all).toHaveLength(1);
    expect(b.fakes.all).toHaveLength(0);
    expect([a.adapter.isLeader(), b.adapter.isLeader()]).toEqual([true, false]);
    await a.adapter.stop();
    await until(() => b.fakes.all.length === 1, 500);
    expect(b.adapter.isLeader()).toBe(true);
  });

  it('takes over when the holder stops renewing its lease', async () => {
    const shared = new MemoryStore();
    let frozen = false;
    // Instance A's view of the store stops answering, as if its process hung or lost the network.
    const aLeaseStore: Store = new Proxy(shared, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (prop === 'update') return (...args: unknown[]) => (frozen ? Promise.reject(new Error('unreachable')) : (v as Function).apply(target, args));
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const a = await start({ bot: echoBot().bot, store: new MemoryStore(), leaseStore: aLeaseStore, lease: { ttlMs: 300, renewMs: 40, instanceId: 'a' } });
    const b = await start({ bot: echoBot().bot, store: new MemoryStore(), leaseStore: shared, lease: { ttlMs: 300, renewMs: 40, instanceId: 'b' } });
    await sleep(100);
    expect(b.fakes.all).toHaveLength(0);
    frozen = true;
    const t = Date.now();
    await until(() => b.fakes.all.length === 1, 1_500);
    expect(Date.now() - t).toBeGreaterThanOrEqual(150);
    // A dropped its own connection once it could no longer renew.
    await until(() => a.fakes.last().ended, 1_000);
    expect(a.adapter.isLeader()).toBe(false);
  });

  it('drives a real Baileys socket: an unreachable server (408) leads to reconnection', async () => {
    let made = 0;
    const { adapter } = await start({
      bot: echoBot().bot,
      backoff: { initialMs: 50, maxMs: 100 },
      makeSocket: (config) => {
        made++;
        return makeWASocket({ ...config, waWebSocketUrl: 'ws://127.0.0.1:1/ws/chat' });
      },
    });
    await until(() => made >= 2, 10_000);
    expect(['connecting', 'reconnecting']).toContain(adapter.status());
  });
});
