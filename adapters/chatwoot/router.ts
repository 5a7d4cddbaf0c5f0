/**
 * The Chatwoot bridge (`POST /webhooks/chatwoot`): Jessi is the Agent Bot of a Chatwoot inbox, and Chatwoot is the
 * live-chat desk. The conversation's Chatwoot status says who answers:
 *   - `pending` (the bot's): an incoming message goes to the bot (conversation `cw:<account>:<conversation>`), the
 *     answer is posted back through the REST API (buttons as numbered lines; a number answers them). A turn that
 *     ends in a handoff (`outcome: 'handoff'`) toggles the conversation to `open`: Chatwoot's agents have it.
 *   - `open` (a person's): the bot says nothing, except to "kembali ke bot" / "back to bot", which toggles the
 *     conversation back to `pending` and says the bot is back.
 *   - an agent setting it back to `pending` (`conversation_status_changed` from `open`, on an account webhook) is
 *     announced once; from then on the bot answers.
 * Outgoing, private and activity messages (the bot's own replies, agents, notes) are never answered: no loops.
 * Deliveries are de-duplicated by message id, messages per conversation are limited, and every answer is sent
 * after the webhook is acknowledged (Chatwoot opens a pending conversation to its agents when a bot webhook fails
 * or takes longer than 5 s).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { Bot, Button, Lang, TurnInput } from '../../src/core/types.ts';
import { sendError } from '../../src/http/errors.ts';
import type { Store } from '../../src/store/types.ts';
import { numberedText, rememberChoices } from '../whatsapp/shared/choices.ts';
import { firstSight, KeyedQueue, runInbound, storeDown, type SenderLimit } from '../whatsapp/shared/inbox.ts';
import type { ChatwootClient } from './api.ts';
import { parseWebhook, type ChatwootEvent } from './webhook.ts';

export const CHATWOOT_CHANNEL = 'chatwoot';

export interface ChatwootBridgeOptions {
  bot: Bot;
  store: Store;
  logger: Logger;
  api: ChatwootClient;
  /** CHATWOOT_WEBHOOK_SECRET: `?token=` on the webhook URL, or the X-Chatwoot-Webhook-Token header. */
  secret: string;
  /** CHATWOOT_ACCOUNT_ID: used when a payload names no account; a payload of another account is ignored. */
  accountId?: number;
  /** A sentence of the message catalogue. */
  message(key: string, lang: Lang): Promise<string>;
  /** The language of a "back to bot" phrase, or undefined. */
  returnPhraseLang(text: string): Lang | undefined;
  /** Messages per conversation per minute (over it one notice, then silence). */
  senderLimit?: SenderLimit;
  choicesTtlSeconds?: number;
  storeRetryDelaysMs?: readonly number[];
}

/** Constant-time comparison (fixed-length digests, so the length of the secret does not leak either). */
const sameSecret = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export const conversationKey = (account: number, conversation: number) => `cw:${account}:${conversation}`;
/** The language of the conversation when it was handed over (for the "back with Jessi" notice). */
const langKey = (id: string) => `cw:lang:${id}`;
/** Set while the bridge itself toggles a conversation back to pending (its status event is then not announced). */
const returningKey = (id: string) => `cw:returning:${id}`;
const DAY = 86_400;

export function createChatwootRouter(opts: ChatwootBridgeOptions): Router {
  const { store, api } = opts;
  const log = opts.logger.child({ channel: CHATWOOT_CHANNEL });
  const queue = new KeyedQueue();
  const choicesTtl = opts.choicesTtlSeconds ?? 1_800;
  // Every turn of this channel tells the bot that Chatwoot is the desk.
  const bot: Bot = { handle: (input: TurnInput) => opts.bot.handle({ ...input, handoffDesk: 'channel' }) };
  const router = express.Router();

  function authorised(req: Request, res: Response, next: NextFunction): void {
    const q = req.query.token;
    const given = typeof q === 'string' ? q : req.get('x-chatwoot-webhook-token');
    if (given === undefined || !sameSecret(given, opts.secret)) return void sendError(res, 401, 'unauthorized', 'Missing or wrong webhook token.');
    next();
  }

  router.post('/webhooks/chatwoot', authorised, express.json({ limit: '1mb', strict: true }), async (req: Request, res: Response) => {
    const parsed = parseWebhook(req.body);
    if (!parsed.ok) return void sendError(res, 400, 'invalid_payload', parsed.reason);
    const e = parsed.event;
    try {
      if (e.kind === 'message') return void res.json(await onMessage(e));
      if (e.kind === 'status') return void res.json(await onStatus(e));
      res.json({ ignored: 'event' });
    } catch (err) {
      if (!storeDown(err)) throw err;
      log.warn({ err: String(err) }, 'state store unavailable: chatwoot webhook answered 503');
      sendError(res, 503, 'unavailable', 'The service is temporarily unavailable. Please try again shortly.', 30);
    }
  });

  /** The account of a payload (or the configured one); undefined when it is another account's or unknown. */
  function accountOf(given: number | undefined): number | undefined {
    if (given !== undefined && opts.accountId !== undefined && given !== opts.accountId) return undefined;
    return given ?? opts.accountId;
  }

  async function onMessage(e: Extract<ChatwootEvent, { kind: 'message' }>): Promise<Record<string, string>> {
    // The bot's own replies, agents' messages and private notes are outgoing; activity lines are Chatwoot's own.
    if (e.event !== 'message_created' || e.type !== 'incoming' || e.private) return { ignored: 'not_incoming' };
    const account = accountOf(e.account);
    if (account === undefined) {
      log.warn({ account: e.account ?? null }, 'chatwoot message of an unknown or other account ignored (CHATWOOT_ACCOUNT_ID)');
      return { ignored: 'account' };
    }
    const text = e.text.trim();
    if (!text) return { ignored: 'no_text' };
    const conversationId = conversationKey(account, e.conversation);
    if (e.status === 'open') {
      // A person has the conversation; only "kembali ke bot" is the bridge's business.
      const lang = opts.returnPhraseLang(text);
      if (!lang) return { ignored: 'with_agent' };
      if (!(await firstSight(store, `${conversationId}:${e.messageId}`))) return { ignored: 'duplicate' };
      void queue.run(conversationId, () => backToBot(account, e.conversation, conversationId, lang));
      return { accepted: 'back_to_bot' };
    }
    if (e.status !== 'pending') return { ignored: 'status' };
    if (!(await firstSight(store, `${conversationId}:${e.messageId}`))) return { ignored: 'duplicate' };
    void queue.run(conversationId, () => answer(account, e.conversation, conversationId, e.messageId, text));
    return { accepted: 'bot' };
  }

  async function answer(account: number, conversation: number, conversationId: string, messageId: number, text: string): Promise<void> {
    const post = (content: string) => api.postMessage(account, conversation, content);
    const outcome = await runInbound(
      { store, bot, log, senderLimit: opts.senderLimit, retryDelaysMs: opts.storeRetryDelaysMs },
      { channel: CHATWOOT_CHANNEL, conversationId, messageId: String(messageId), claimed: true, text },
      {
        sendText: post,
        deliver: async (out) => {
          const numbered: Button[] = [];
          try {
            // Status notices ("sent to the agent") are for the widget; Chatwoot shows its own delivery marks.
            for (const m of out.messages.filter((x) => !x.status)) {
              await post(numberedText(m, numbered.length + 1));
              numbered.push(...(m.buttons ?? []));
            }
          } finally {
            if (out.outcome === 'handoff') {
              await store.set(langKey(conversationId), out.lang ?? 'id', DAY).catch(() => undefined);
              await api.toggleStatus(account, conversation, 'open');
              log.info({ conversationId, intent: out.intent.id }, 'chatwoot conversation handed to the agents');
            }
          }
          await rememberChoices(store, conversationId, numbered, choicesTtl).catch((err: unknown) => log.warn({ conversationId, err: String(err) }, 'chatwoot choices not kept'));
        },
      },
    );
    if (outcome === 'failed') log.warn({ conversationId }, 'chatwoot answer not (fully) delivered');
  }

  async function backToBot(account: number, conversation: number, conversationId: string, lang: Lang): Promise<void> {
    try {
      await store.set(returningKey(conversationId), true, 120);
      await api.toggleStatus(account, conversation, 'pending');
      await api.postMessage(account, conversation, await opts.message('handoff.returned_by_user', lang));
      log.info({ conversationId }, 'chatwoot conversation back with the bot (user asked)');
    } catch (err) {
      log.error({ conversationId, err: String(err) }, 'chatwoot conversation not handed back to the bot');
    }
  }

  async function onStatus(e: Extract<ChatwootEvent, { kind: 'status' }>): Promise<Record<string, string>> {
    // Only an agent handing an open conversation back to the bot is announced.
    if (e.status !== 'pending' || e.previous !== 'open') return { ignored: 'status' };
    const account = accountOf(e.account);
    if (account === undefined) return { ignored: 'account' };
    const conversationId = conversationKey(account, e.conversation);
    if ((await store.get(returningKey(conversationId))) !== undefined) {
      await store.delete(returningKey(conversationId));
      return { ignored: 'own_toggle' };
    }
    if ((await store.increment(`cw:handback:${conversationId}:${e.updatedAt ?? ''}`, 120)) !== 1) return { ignored: 'duplicate' };
    const lang = ((await store.get<Lang>(langKey(conversationId))) ?? 'id') as Lang;
    void queue.run(conversationId, async () => {
      try {
        await api.postMessage(account, e.conversation, await opts.message('handoff.returned_by_agent', lang));
        log.info({ conversationId }, 'chatwoot conversation back with the bot (agent)');
      } catch (err) {
        log.error({ conversationId, err: String(err) }, 'chatwoot hand-back notice not sent');
      }
    });
    return { accepted: 'back_to_bot' };
  }

  return router;
}
