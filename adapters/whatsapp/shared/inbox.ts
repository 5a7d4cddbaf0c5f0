/**
 * The one WhatsApp turn both transports share (Cloud webhook, Baileys socket): de-duplication, the sender's
 * limit, numbered choices, the bot's turn with the sender's way back (`replyAddress`), the reply.
 */
import type { Logger } from 'pino';
import type { Bot, TurnOutput } from '../../../src/core/types.ts';
import { LockTimeoutError, StoreUnavailableError, type Store } from '../../../src/store/types.ts';
import { sendable } from '../../push.ts';
import { resolveChoice } from './choices.ts';

/** True the first time a message id is seen (WhatsApp redelivers; webhooks are retried). Atomic on every Store. */
export async function firstSight(store: Store, messageId: string, ttlSeconds = 86_400): Promise<boolean> {
  return (await store.increment(`wa:seen:${messageId}`, ttlSeconds)) === 1;
}

/** Runs tasks one after another per key (one chat's messages in order), different keys concurrently. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task).catch(() => undefined);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Like `run`, but the caller gets the task's error (a live-chat message sent between two turns of the chat). */
  async call(key: string, task: () => Promise<void>): Promise<void> {
    let failed: { err: unknown } | undefined;
    await this.run(key, () =>
      task().catch((err: unknown) => {
        failed = { err };
      }),
    );
    if (failed) throw failed.err;
  }

  /** Resolves when every queued task has finished. */
  async drain(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}

/** Text users see when the bot failed on their message. */
export const APOLOGY = 'Maaf, Jessi sedang mengalami gangguan. Silakan coba lagi sebentar lagi.';

/** Longest user text handed to the bot (the chat API's limit). */
export const MAX_TEXT = 2000;

/** Counts hits per key (src/ratelimit's limiter fits; adapters get it from the app). */
export interface SenderLimiter {
  hit(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

/**
 * Per-sender limit of a WhatsApp channel (keyed by the conversation id, a salted hash of the number). A sender
 * over the limit gets one notice per window and is then ignored until the window ends: no bot turn, no state
 * loaded, no reply sent (a flood of messages costs one store counter each, and no outgoing message).
 */
export interface SenderLimit {
  limiter: SenderLimiter;
  /** The notice sent once per window to a sender over the limit. */
  notice(retryAfterSeconds: number): string | Promise<string>;
}

/** True for errors that mean "the state store is unreachable right now" (worth waiting for, not the user's fault). */
export function storeDown(err: unknown): boolean {
  return err instanceof StoreUnavailableError || err instanceof LockTimeoutError;
}

/**
 * How long a message that arrived while the store was down is kept and retried before the user is told to
 * try again (about two minutes in all).
 */
export const STORE_RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 30_000, 30_000];

export interface InboundMessage {
  channel: string;
  conversationId: string;
  /** The channel's message id; claimed in the store (de-duplication) unless `claimed` says it already is. */
  messageId?: string;
  claimed?: boolean;
  text?: string;
  payload?: string;
  /** The sender's WhatsApp id (Cloud) or jid (Baileys): how an agent's later messages reach them. Never logged. */
  replyAddress?: string;
}

export interface InboundDeps {
  store: Store;
  bot: Bot;
  log: Logger;
  senderLimit?: SenderLimit;
  retryDelaysMs?: readonly number[];
  /** True once the channel is stopping: a message still waiting for the store is given up (logged). */
  stopped?: () => boolean;
}

export interface InboundIo {
  /** Called once the message is claimed and admitted (Baileys: read receipt, typing). */
  accepted?(): Promise<void>;
  /** Send a plain text (the limit notice, the apology). */
  sendText(text: string): Promise<void>;
  /** Send the bot's answer (its status notices already left out: WhatsApp has its own delivery marks). */
  deliver(out: TurnOutput, conversationId: string): Promise<void>;
}

export type InboundOutcome = 'answered' | 'duplicate' | 'limited' | 'apologised' | 'abandoned' | 'failed';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One inbound WhatsApp message, from claim to reply: de-duplicate, check the sender's limit, map a numbered
 * reply to its button, run the bot, send the answer (never the bot's status notices). While the state store is unreachable nothing is dropped:
 * the message waits and is retried (`retryDelaysMs`); if the store stays down the user is told to try again.
 * Once part of an answer has been sent nothing is retried (no message is sent twice).
 */
export async function runInbound(deps: InboundDeps, msg: InboundMessage, io: InboundIo): Promise<InboundOutcome> {
  const { store, bot, log, senderLimit } = deps;
  const delays = deps.retryDelaysMs ?? STORE_RETRY_DELAYS_MS;
  const { conversationId } = msg;
  let claimed = msg.claimed === true || msg.messageId === undefined;
  let admitted = !senderLimit;
  let acknowledged = false;
  let out: TurnOutput | undefined;
  for (let attempt = 0; out === undefined; attempt++) {
    try {
      if (!claimed) {
        if (!(await firstSight(store, msg.messageId!))) return 'duplicate';
        claimed = true;
      }
      if (!admitted) {
        const r = await senderLimit!.limiter.hit(conversationId);
        if (!r.allowed) {
          // One notice per window; the rest of the flood is ignored.
          if ((await store.increment(`wa:limited:${conversationId}`, Math.max(1, r.retryAfterSeconds))) === 1) {
            log.info({ conversationId, retryAfterSeconds: r.retryAfterSeconds }, 'whatsapp sender over its rate limit');
            await io.sendText(await senderLimit!.notice(r.retryAfterSeconds)).catch((err: unknown) => log.warn({ conversationId, err: String(err) }, 'whatsapp limit notice not sent'));
          }
          return 'limited';
        }
        admitted = true;
      }
      if (!acknowledged) {
        acknowledged = true;
        await io.accepted?.().catch(() => undefined);
      }
      let payload = msg.payload;
      const text = msg.text?.slice(0, MAX_TEXT);
      if (payload === undefined && text !== undefined) payload = await resolveChoice(store, conversationId, text);
      const address = msg.replyAddress !== undefined ? { replyAddress: msg.replyAddress } : {};
      out = await bot.handle(payload !== undefined ? { channel: msg.channel, conversationId, payload, ...address } : { channel: msg.channel, conversationId, text, ...address });
    } catch (err) {
      if (storeDown(err) && attempt < delays.length && !deps.stopped?.()) {
        if (attempt === 0) log.warn({ conversationId, err: String(err) }, 'state store unavailable: whatsapp message kept for a retry');
        await sleep(delays[attempt]!);
        if (!deps.stopped?.()) continue;
      }
      if (deps.stopped?.()) {
        log.error({ conversationId }, 'whatsapp message not answered: channel stopping while the store was down');
        return 'abandoned';
      }
      log.error({ conversationId, err: String(err), attempts: attempt + 1 }, 'whatsapp message not answered');
      await io.sendText(APOLOGY).catch((e: unknown) => log.warn({ conversationId, err: String(e) }, 'whatsapp apology not sent'));
      return 'apologised';
    }
  }
  try {
    // While a person has the conversation the bot only says "sent to the agent": nothing goes out then.
    await io.deliver({ ...out, messages: sendable(out.messages) }, conversationId);
    log.debug({ conversationId, intent: out.intent.id }, 'whatsapp turn answered');
    return 'answered';
  } catch (err) {
    log.error({ conversationId, err: String(err) }, 'whatsapp answer not delivered');
    return 'failed';
  }
}
