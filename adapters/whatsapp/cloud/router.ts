import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { Bot, Button, Lang } from '../../../src/core/types.ts';
import type { HandoffDesk } from '../../../src/handoff/types.ts';
import type { Store } from '../../../src/store/types.ts';
import { errorFacts, startPushDelivery, type PushOutcome } from '../../push.ts';
import { rememberChoices } from '../shared/choices.ts';
import { whatsappConversationId } from '../shared/conversation-key.ts';
import { KeyedQueue, firstSight, runInbound, type SenderLimit } from '../shared/inbox.ts';
import { createGraphClient, renderCloudMessage, type GraphClient } from './graph.ts';
import { inboundMessages, validSignature, type CloudInbound } from './webhook.ts';

export interface WhatsAppCloudOptions {
  bot: Bot;
  store: Store;
  logger: Logger;
  /** WHATSAPP_CLOUD_VERIFY_TOKEN: echoed back by Meta in the subscription handshake. */
  verifyToken: string;
  /** WHATSAPP_CLOUD_APP_SECRET: key of the X-Hub-Signature-256 HMAC. */
  appSecret: string;
  /** WHATSAPP_CLOUD_ACCESS_TOKEN: bearer token for sending. */
  accessToken: string;
  /** WHATSAPP_CLOUD_PHONE_NUMBER_ID: the business number messages are sent from. */
  phoneNumberId: string;
  /** WHATSAPP_CLOUD_GRAPH_URL */
  graphBaseUrl?: string;
  /** CONVERSATION_KEY_SALT: same salt as the Baileys adapter, so a user is one conversation on both. */
  salt: string;
  /** How long a numbered choice list stays answerable (default 1800 s). */
  choicesTtlSeconds?: number;
  /** Per-sender message limit (WHATSAPP_MESSAGES_PER_MINUTE); none = only the bot's per-conversation limit. */
  senderLimit?: SenderLimit;
  /** Waits between retries of a claimed message when the store fails while answering it. */
  storeRetryDelaysMs?: readonly number[];
  /** The live-chat desk: what agents write is sent to the user through the Graph API. */
  handoff?: HandoffDesk;
  /** Catalogue sentences (the agent's name before their text); needed with `handoff`. */
  message?(key: string, lang: Lang, params?: Record<string, string | number>): string | Promise<string>;
  /** Counts live-chat deliveries (jessi_handoff_push_total). */
  observePush?(channel: string, outcome: PushOutcome): void;
}

/** The channel name this transport gives the bot (the desk keeps it with a handed-off conversation). */
export const CLOUD_CHANNEL = 'whatsapp_cloud';
const WA_ID = /^\d{5,20}$/;

/** Constant-time string comparison (via fixed-length digests). */
const sameSecret = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** The exact bytes Meta signed: kept by the app's JSON parser (`req.rawBody`) or read here by express.raw. */
function rawBodyOf(req: Request): Buffer | undefined {
  const kept = (req as Request & { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(kept)) return kept;
  return Buffer.isBuffer(req.body) ? req.body : undefined;
}

/**
 * WhatsApp Business Cloud API webhook: `GET /webhooks/whatsapp` (subscription handshake) and
 * `POST /webhooks/whatsapp` (signed events; acknowledged at once, answered through the Graph API).
 */
export function createWhatsAppCloudRouter(opts: WhatsAppCloudOptions): Router {
  const { bot, store, salt, phoneNumberId } = opts;
  const log = opts.logger.child({ channel: 'whatsapp_cloud' });
  const graph: GraphClient = createGraphClient({ graphBaseUrl: opts.graphBaseUrl ?? 'https://graph.facebook.com/v21.0', phoneNumberId, accessToken: opts.accessToken });
  const choicesTtl = opts.choicesTtlSeconds ?? 1_800;
  const queue = new KeyedQueue();
  const router = express.Router();

  // Agents' messages go out through the Graph API from whichever instance claims them first.
  if (opts.handoff && opts.message) {
    const message = opts.message;
    void startPushDelivery({
      desk: opts.handoff,
      channel: CLOUD_CHANNEL,
      log,
      message,
      observe: opts.observePush,
      send: async (to, text) => {
        if (!WA_ID.test(to)) throw new TypeError('stored address is not a WhatsApp id');
        // After a reply being sent to the same user, never in the middle of it.
        await queue.call(to, () => graph.send({ recipient_type: 'individual', to, type: 'text', text: { body: text, preview_url: false } }));
      },
    }).catch((err: unknown) => log.error(errorFacts(err), 'live-chat delivery not started: agents cannot reach whatsapp cloud users'));
  }

  router.get('/webhooks/whatsapp', (req: Request, res: Response) => {
    const q = req.query as Record<string, unknown>;
    const mode = q['hub.mode'];
    const token = q['hub.verify_token'];
    const challenge = q['hub.challenge'];
    if (mode === 'subscribe' && typeof token === 'string' && typeof challenge === 'string' && sameSecret(token, opts.verifyToken)) {
      res.type('text/plain').send(challenge);
      return;
    }
    res.sendStatus(403);
  });

  router.post('/webhooks/whatsapp', express.raw({ type: () => true, limit: '1mb' }), async (req: Request, res: Response) => {
    const raw = rawBodyOf(req);
    const signature = req.get('x-hub-signature-256');
    if (!signature) return void res.status(401).json({ error: 'missing_signature' });
    if (!raw) log.error('raw request body unavailable: keep req.rawBody in the JSON parser or mount this router before it');
    if (!raw || !validSignature(opts.appSecret, raw, signature)) return void res.status(403).json({ error: 'bad_signature' });
    let body: unknown;
    try {
      body = Buffer.isBuffer(req.body) ? JSON.parse(raw.toString('utf8')) : req.body;
    } catch {
      return void res.status(400).json({ error: 'invalid_json' });
    }
    const messages = inboundMessages(body, phoneNumberId);
    if (!messages.length) return void res.sendStatus(200); // statuses and other events: nothing to keep
    // Each message is claimed in the store (de-duplication) BEFORE the acknowledgement: while the store is down
    // the answer is 503 and Meta delivers the batch again later, instead of a 200 for messages then lost.
    const claims = await Promise.allSettled(messages.map((m) => firstSight(store, m.id)));
    const fresh = messages.filter((_, i) => claims[i]!.status === 'fulfilled' && (claims[i] as PromiseFulfilledResult<boolean>).value);
    const unclaimed = claims.filter((c) => c.status === 'rejected').length;
    // Claimed ones are answered in any case (a redelivery skips them); the rest come again with Meta's retry.
    for (const m of fresh) void queue.run(m.from, () => handle(m));
    if (unclaimed) {
      log.warn({ messages: messages.length, unclaimed }, 'state store unavailable: whatsapp cloud webhook answered 503 for a retry');
      return void res.status(503).set('retry-after', '30').json({ error: 'unavailable' });
    }
    res.sendStatus(200);
  });

  async function handle(m: CloudInbound): Promise<void> {
    const conversationId = whatsappConversationId(salt, m.from);
    const sendText = (text: string) => graph.send({ recipient_type: 'individual', to: m.from, type: 'text', text: { body: text } }).then(() => undefined);
    await runInbound(
      { store, bot, log, senderLimit: opts.senderLimit, retryDelaysMs: opts.storeRetryDelaysMs },
      { channel: CLOUD_CHANNEL, conversationId, messageId: m.id, claimed: true, replyAddress: m.from, ...(m.payload !== undefined ? { payload: m.payload } : { text: m.text }) },
      {
        accepted: async () => {
          void graph.send({ status: 'read', message_id: m.id }).catch(() => undefined);
        },
        sendText,
        deliver: async (out) => {
          const numbered: Button[] = [];
          for (const msg of out.messages) {
            const r = renderCloudMessage(m.from, msg, numbered.length + 1);
            await graph.send(r.body);
            numbered.push(...r.numbered);
          }
          await rememberChoices(store, conversationId, numbered, choicesTtl).catch((err: unknown) => log.warn({ conversationId, err: String(err) }, 'whatsapp choices not kept'));
        },
      },
    );
  }

  return router;
}
