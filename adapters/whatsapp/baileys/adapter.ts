/**
 * WhatsApp through Baileys (a linked device): one instance holds the connection (a lease in the store) and
 * answers every chat on it, in order per chat; what live-chat agents write is sent on the same connection.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import makeWASocket, {
  BufferJSON,
  DisconnectReason,
  makeCacheableSignalKeyStore,
  type BaileysEventMap,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageContent,
  type WASocket,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { Bot, Button, Lang } from '../../../src/core/types.ts';
import type { HandoffDesk } from '../../../src/handoff/types.ts';
import type { Store } from '../../../src/store/types.ts';
import { startPushDelivery, type PushDelivery, type PushOutcome } from '../../push.ts';
import { numberedText, rememberChoices } from '../shared/choices.ts';
import { whatsappConversationId, whatsappLidConversationId } from '../shared/conversation-key.ts';
import { KeyedQueue, runInbound, type SenderLimit } from '../shared/inbox.ts';
import type { WaAuthStore } from './auth.ts';
import { acceptable, isIgnoredJid, senderOf, type InboundContent } from './inbound.ts';
import { createStoreLease } from './lease.ts';

/** The part of a Baileys socket the adapter uses (tests pass a fake built on Baileys' own types). */
export type WaSocket = Pick<WASocket, 'ev' | 'sendMessage' | 'readMessages' | 'sendPresenceUpdate' | 'requestPairingCode' | 'end'>;
export type MakeSocket = (config: UserFacingSocketConfig) => WaSocket;

export interface BaileysAdapterOptions {
  bot: Bot;
  /** Conversation state: de-duplication, numbered choices, sent messages for retries. */
  store: Store;
  logger: Logger;
  authStore: WaAuthStore;
  /** Salt of the conversation-key hash (CONVERSATION_KEY_SALT); same as the Cloud API adapter's. */
  salt: string;
  /** Pair by code instead of QR: the bot's own number, digits with country code (WHATSAPP_PAIRING_NUMBER). */
  pairingNumber?: string;
  /** Where the connection lease lives (default: `store`). */
  leaseStore?: Store;
  makeSocket?: MakeSocket;
  lease?: { key?: string; ttlMs?: number; renewMs?: number; instanceId?: string };
  backoff?: { initialMs?: number; maxMs?: number };
  /** How long a numbered choice list stays answerable (default 1800 s). */
  choicesTtlSeconds?: number;
  /** Per-sender message limit (WHATSAPP_MESSAGES_PER_MINUTE); none = only the bot's per-conversation limit. */
  senderLimit?: SenderLimit;
  /** Waits between retries of a message that arrived while the store was down (default: about 2 minutes in all). */
  storeRetryDelaysMs?: readonly number[];
  /** Shows the pairing QR (default: printed in the terminal with qrcode-terminal). */
  onQr?: (qr: string) => void;
  /** Shows the pairing code (default: printed in the terminal). */
  onPairingCode?: (code: string) => void;
  /** The live-chat desk: what agents write is sent on this connection (by the instance holding it). */
  handoff?: HandoffDesk;
  /** Catalogue sentences (the agent's name before their text); needed with `handoff`. */
  message?(key: string, lang: Lang, params?: Record<string, string | number>): string | Promise<string>;
  /** Counts live-chat deliveries (jessi_handoff_push_total). */
  observePush?(channel: string, outcome: PushOutcome): void;
}

/** The channel name this transport gives the bot (the desk keeps it with a handed-off conversation). */
export const BAILEYS_CHANNEL = 'whatsapp';
/** A one-to-one chat's jid, as the adapter keeps it for an agent's messages. */
const USER_JID = /^[0-9]{1,20}(:[0-9]{1,4})?@(s\.whatsapp\.net|c\.us|hosted|lid|hosted\.lid)$/;

export type BaileysStatus = 'standby' | 'connecting' | 'open' | 'reconnecting' | 'logged_out' | 'stopped';

export interface BaileysAdapter {
  /** Close the connection, give up the lease and wait for in-flight turns. */
  stop(): Promise<void>;
  status(): BaileysStatus;
  /** True while this instance holds the WhatsApp connection lease. */
  isLeader(): boolean;
}

const SENT_TTL_SECONDS = 86_400;
const sentKey = (id: string) => `wa:sent:${id}`;

function disconnectCode(err: unknown): number | undefined {
  const code = (err as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

function printQr(qr: string): void {
  const qrcode = createRequire(import.meta.url)('qrcode-terminal') as {
    generate(text: string, opts: { small: boolean }, cb: (out: string) => void): void;
  };
  qrcode.generate(qr, { small: true }, (out) => process.stdout.write(`\nScan with WhatsApp > Linked devices:\n${out}\n`));
}

function printPairingCode(code: string): void {
  process.stdout.write(`\nWhatsApp pairing code: ${code}\n(WhatsApp > Linked devices > Link with phone number)\n`);
}

/** Baileys' own logger: at most `warn`, so message contents and JIDs at debug level stay out of the logs. */
function baileysLogger(logger: Logger): Logger {
  const warn = logger.levels.values.warn;
  const own = logger.levelVal;
  return logger.child({ module: 'baileys' }, { level: own > warn ? logger.level : 'warn' });
}

/**
 * WhatsApp through Baileys (a linked device). Only the instance holding the lease connects; it reconnects
 * with backoff on every close except loggedOut, which clears the saved session.
 */
export async function startBaileysAdapter(opts: BaileysAdapterOptions): Promise<BaileysAdapter> {
  const { bot, store, logger, authStore, salt, pairingNumber } = opts;
  const log = logger.child({ channel: 'whatsapp' });
  const makeSocket: MakeSocket = opts.makeSocket ?? ((config) => makeWASocket(config));
  const ttlMs = opts.lease?.ttlMs ?? 30_000;
  const renewMs = opts.lease?.renewMs ?? Math.floor(ttlMs / 3);
  const lease = createStoreLease(opts.leaseStore ?? store, opts.lease?.key ?? 'wa:baileys:lease', opts.lease?.instanceId ?? randomUUID(), ttlMs);
  const initialMs = opts.backoff?.initialMs ?? 1_000;
  const maxMs = opts.backoff?.maxMs ?? 60_000;
  const choicesTtl = opts.choicesTtlSeconds ?? 1_800;
  const onQr = opts.onQr ?? printQr;
  const onPairingCode = opts.onPairingCode ?? printPairingCode;
  const queue = new KeyedQueue();

  let status: BaileysStatus = 'standby';
  let leader = false;
  let stopped = false;
  let sock: WaSocket | undefined;
  let generation = 0; // bumps on every new socket / drop: events of older sockets are ignored
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let lastLeaseOk = 0;

  const dropConnection = (reason: string) => {
    generation++;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    const s = sock;
    sock = undefined;
    if (s) {
      log.info({ reason }, 'whatsapp connection closed');
      void s.end(undefined).catch(() => undefined);
    }
  };

  const scheduleReconnect = (code: number | undefined) => {
    const base = Math.min(maxMs, initialMs * 2 ** attempt);
    const delay = Math.round(base * (0.8 + Math.random() * 0.2));
    attempt++;
    status = 'reconnecting';
    log.warn({ code, attempt, delayMs: delay }, 'whatsapp disconnected, reconnecting');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(), delay);
  };

  const connect = async () => {
    if (stopped || !leader) return;
    const gen = ++generation;
    status = 'connecting';
    let loaded: Awaited<ReturnType<WaAuthStore['load']>>;
    try {
      loaded = await authStore.load();
    } catch (err) {
      log.error({ err: String(err) }, 'whatsapp auth state could not be loaded');
      if (gen === generation) scheduleReconnect(undefined);
      return;
    }
    if (gen !== generation || stopped || !leader) return;
    const { state, saveCreds } = loaded;
    const wsLogger = baileysLogger(logger);
    const s = makeSocket({
      auth: { creds: state.creds, keys: makeCacheableSignalKeyStore(state.keys, wsLogger) },
      logger: wsLogger,
      markOnlineOnConnect: false,
      syncFullHistory: false,
      shouldSyncHistoryMessage: () => false,
      shouldIgnoreJid: (jid) => isIgnoredJid(jid),
      getMessage: async (key) => (key.id ? loadSent(key.id) : undefined),
    });
    sock = s;
    let pairingRequested = false;

    s.ev.on('creds.update', () => {
      saveCreds().catch((err: unknown) => log.error({ err: String(err) }, 'whatsapp credentials not saved'));
    });
    s.ev.on('connection.update', (u: BaileysEventMap['connection.update']) => {
      if (gen !== generation) return;
      if (u.qr) {
        if (pairingNumber && !state.creds.registered) {
          if (!pairingRequested) {
            pairingRequested = true;
            s.requestPairingCode(pairingNumber).then(onPairingCode, (err: unknown) =>
              log.error({ err: String(err) }, 'whatsapp pairing code request failed'),
            );
          }
        } else onQr(u.qr);
      }
      if (u.connection === 'open') {
        attempt = 0;
        status = 'open';
        log.info('whatsapp connected');
      } else if (u.connection === 'close') {
        sock = undefined;
        if (stopped || !leader) return;
        const code = disconnectCode(u.lastDisconnect?.error);
        if (code === DisconnectReason.loggedOut) {
          status = 'logged_out';
          generation++;
          log.error('whatsapp logged this device out: saved session cleared; restart to pair again');
          void authStore.clear().catch((err: unknown) => log.error({ err: String(err) }, 'whatsapp auth state not cleared'));
          // Let another instance (if any) take over and show a fresh QR.
          leader = false;
          void lease.release().catch(() => undefined);
          return;
        }
        scheduleReconnect(code);
      }
    });
    s.ev.on('messages.upsert', ({ messages, type }: BaileysEventMap['messages.upsert']) => {
      if (gen !== generation || stopped || type !== 'notify') return;
      for (const msg of messages) {
        const m = acceptable(msg);
        if (!m) continue;
        void queue.run(m.jid, () => handleMessage(m.jid, m.key.id ?? undefined, msg, m.content));
      }
    });
  };

  async function loadSent(id: string): Promise<WAMessageContent | undefined> {
    const raw = await store.get<string>(sentKey(id)).catch(() => undefined);
    return raw ? (JSON.parse(raw, BufferJSON.reviver) as WAMessageContent) : undefined;
  }

  async function send(jid: string, text: string): Promise<void> {
    const s = sock;
    if (!s) throw new Error('whatsapp not connected');
    const sent = await s.sendMessage(jid, { text });
    // Kept for Baileys' retry requests; a store outage must not turn a sent message into a failure.
    if (sent?.key.id && sent.message)
      await store.set(sentKey(sent.key.id), JSON.stringify(sent.message, BufferJSON.replacer), SENT_TTL_SECONDS).catch((err: unknown) => log.warn({ err: String(err) }, 'sent whatsapp message not kept for retries'));
  }

  async function handleMessage(jid: string, id: string | undefined, msg: WAMessage, content: InboundContent): Promise<void> {
    const who = senderOf(msg.key);
    if (!who) return;
    const conversationId = 'phone' in who ? whatsappConversationId(salt, who.phone) : whatsappLidConversationId(salt, who.lid);
    await runInbound(
      { store, bot, log, senderLimit: opts.senderLimit, retryDelaysMs: opts.storeRetryDelaysMs, stopped: () => stopped },
      { channel: BAILEYS_CHANNEL, conversationId, messageId: id, replyAddress: jid, ...('payload' in content ? { payload: content.payload } : { text: content.text }) },
      {
        accepted: async () => {
          await sock?.readMessages([msg.key]).catch(() => undefined);
          await sock?.sendPresenceUpdate('composing', jid).catch(() => undefined);
        },
        sendText: async (text) => {
          await sock?.sendPresenceUpdate('paused', jid).catch(() => undefined);
          await send(jid, text);
        },
        deliver: async (out) => {
          await sock?.sendPresenceUpdate('paused', jid).catch(() => undefined);
          const choices: Button[] = [];
          for (const m of out.messages) {
            await send(jid, numberedText(m, choices.length + 1));
            choices.push(...(m.buttons ?? []));
          }
          await rememberChoices(store, conversationId, choices, choicesTtl).catch((err: unknown) => log.warn({ conversationId, err: String(err) }, 'whatsapp choices not kept'));
        },
      },
    );
  }

  const leaseTick = async () => {
    if (stopped || status === 'logged_out') return;
    try {
      const held = await lease.acquire();
      lastLeaseOk = Date.now();
      if (held && !leader) {
        leader = true;
        attempt = 0;
        log.info('whatsapp lease taken: this instance holds the connection');
        void connect();
      } else if (!held && leader) {
        leader = false;
        status = 'standby';
        log.warn('whatsapp lease lost to another instance');
        dropConnection('lease lost');
      }
    } catch (err) {
      log.warn({ err: String(err) }, 'whatsapp lease not renewed');
      if (leader && Date.now() - lastLeaseOk >= ttlMs) {
        leader = false;
        status = 'standby';
        dropConnection('lease expired');
      }
    }
  };

  // Only the instance holding the connection claims an agent's message, and sends it on the socket.
  let push: PushDelivery | undefined;
  if (opts.handoff && opts.message) {
    push = await startPushDelivery({
      desk: opts.handoff,
      channel: BAILEYS_CHANNEL,
      log,
      message: opts.message,
      observe: opts.observePush,
      // The instance holding the lease sends (a closed connection then fails, logged and counted); the others leave it.
      canSend: () => leader,
      send: async (jid, text) => {
        if (!USER_JID.test(jid) || isIgnoredJid(jid)) throw new TypeError('stored address is not a one-to-one chat');
        // After a reply being sent to the same chat, never in the middle of it.
        await queue.call(jid, () => send(jid, text));
      },
    });
  }

  await leaseTick();
  const timer = setInterval(() => void leaseTick(), renewMs);
  timer.unref();
  if (!leader) log.info('whatsapp standing by: another instance holds the connection');

  return {
    status: () => status,
    isLeader: () => leader,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await push?.stop();
      // Finish in-flight turns (bounded), then close.
      await Promise.race([queue.drain(), new Promise((r) => setTimeout(r, 10_000).unref())]);
      dropConnection('stopping');
      status = 'stopped';
      if (leader) {
        leader = false;
        await lease.release().catch(() => undefined);
      }
    },
  };
}
