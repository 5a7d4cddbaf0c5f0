import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { Bot, Button, TurnOutput } from '../../../src/core/types.ts';
import type { Store } from '../../../src/store/types.ts';
import { rememberChoices, resolveChoice } from '../shared/choices.ts';
import { whatsappConversationId } from '../shared/conversation-key.ts';
import { APOLOGY, KeyedQueue, MAX_TEXT, firstSight } from '../shared/inbox.ts';
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
}

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
    // With the store down the messages cannot be de-duplicated or answered: 503 so that Meta retries later.
    if (!(await store.ping().catch(() => false))) return void res.status(503).json({ error: 'unavailable' });
    res.sendStatus(200); // acknowledge first: Meta retries slow webhooks
    for (const m of inboundMessages(body, phoneNumberId)) void queue.run(m.from, () => handle(m));
  });

  async function handle(m: CloudInbound): Promise<void> {
    const conversationId = whatsappConversationId(salt, m.from);
    try {
      if (!(await firstSight(store, m.id))) return;
      void graph.send({ status: 'read', message_id: m.id }).catch(() => undefined);
      let payload = m.payload;
      const text = m.text?.slice(0, MAX_TEXT);
      if (payload === undefined && text !== undefined) payload = await resolveChoice(store, conversationId, text);
      let out: TurnOutput;
      try {
        out = await bot.handle(payload !== undefined ? { channel: 'whatsapp_cloud', conversationId, payload } : { channel: 'whatsapp_cloud', conversationId, text });
      } catch (err) {
        log.error({ conversationId, err: String(err) }, 'bot failed on a whatsapp cloud message');
        await graph.send({ recipient_type: 'individual', to: m.from, type: 'text', text: { body: APOLOGY } });
        return;
      }
      const numbered: Button[] = [];
      for (const msg of out.messages) {
        const r = renderCloudMessage(m.from, msg, numbered.length + 1);
        await graph.send(r.body);
        numbered.push(...r.numbered);
      }
      await rememberChoices(store, conversationId, numbered, choicesTtl);
      log.debug({ conversationId, intent: out.intent.id }, 'whatsapp cloud turn answered');
    } catch (err) {
      log.error({ conversationId, err: String(err) }, 'whatsapp cloud message not handled');
    }
  }

  return router;
}
