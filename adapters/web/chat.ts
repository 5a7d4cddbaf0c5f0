/** The web chat API (`POST /api/chat`) and the answer feedback (`POST /api/feedback`) the widget calls. */
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Bot } from '../../src/core/types.ts';
import { clientAddress } from '../../src/http/client-address.ts';
import { sendError } from '../../src/http/errors.ts';
import { sendJson } from '../../src/http/send-json.ts';
import type { SessionIds } from '../../src/http/session-ids.ts';
import type { HandoffDesk } from '../../src/handoff/types.ts';
import { ChatRequest, FeedbackRequest, type ChatResponseBody } from '../../src/http/schemas.ts';
import type { Limiter } from '../channel.ts';

export { ChatRequest };

/** Intents of the personal-data dialogs: every message of such a turn is marked `private` (the widget never stores it). */
const PRIVATE_INTENTS = new Set(['jht_balance', 'claim_status']);

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

export interface ChatDeps {
  bot: Bot;
  addressLimiter: Limiter;
  isReady: () => boolean;
  sessionIds: SessionIds;
  desk?: HandoffDesk;
}

/**
 * One chat API turn, given the parsed JSON body: validates it, applies the per-address limit, hands the turn to the
 * bot and answers. The same for both ways in: the hot route (src/http/hot-routes.ts, nearly every request) and the
 * app's route below (what the hot route leaves: a query string, another charset, a compressed body).
 */
export function chatTurn(deps: ChatDeps): (req: Request, res: Response, body: unknown) => Promise<void> {
  return async (req, res, raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return sendError(res, 400, 'invalid_request', 'The body must be a JSON object.');
    const parsed = ChatRequest.safeParse(raw);
    if (!parsed.success) return sendError(res, 400, 'invalid_request', describe(parsed.error));
    if (!deps.isReady()) return sendError(res, 503, 'not_ready', 'The assistant is starting; please retry in a moment.', 1);
    const address = clientAddress(req);
    const limit = await deps.addressLimiter.hit(address);
    if (!limit.allowed)
      return sendError(res, 429, 'rate_limited', `Terlalu banyak permintaan dari alamat ini; coba lagi dalam ${limit.retryAfterSeconds} detik. (Too many requests; retry in ${limit.retryAfterSeconds} s.)`, limit.retryAfterSeconds);
    const body = parsed.data;
    // Only ids this server issued continue a conversation; anything else silently starts a new one.
    const sessionId = body.sessionId && (await deps.sessionIds.current(body.sessionId)) ? body.sessionId : await deps.sessionIds.issue();
    const channel = req.get('x-jessi-channel') === 'web' ? 'web' : 'api';
    const out = await deps.bot.handle({ channel, conversationId: sessionId, text: body.text, payload: body.payload, locale: body.locale, clientAddress: address });
    if (out.rateLimited) return sendError(res, 429, 'rate_limited', out.messages[0]?.text ?? 'Too many messages; please slow down.', out.rateLimited.retryAfterSeconds);
    const messages = PRIVATE_INTENTS.has(out.intent.id) ? out.messages.map((m) => ({ ...m, private: true as const })) : out.messages;
    // A turn of the live chat: tell the widget to listen for the agents' messages.
    const rec = out.intent.id === 'handoff_agent' && deps.desk ? await deps.desk.get(sessionId) : undefined;
    const live = rec && (rec.owner === 'queued' || rec.owner.startsWith('agent:')) ? { live: true as const } : {};
    sendJson(res, 200, { sessionId, messages, intent: out.intent, ...live } satisfies ChatResponseBody);
  };
}

/** The chat API on the app's router (after its body parser): the requests the hot route does not take. */
export function chatRouter(deps: ChatDeps): Router {
  const router = Router();
  const turn = chatTurn(deps);
  router.post('/api/chat', (req, res, next) => {
    if (!req.is('application/json')) return sendError(res, 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
    turn(req, res, req.body).catch(next);
  });
  return router;
}

/**
 * POST /api/feedback: a 👍/👎 on one answer. Only the intent and the vote are kept (no text, no conversation id,
 * no address); the conversation id must be one the server issued, and the intent one the bot knows (metrics
 * labels never come from what a client makes up).
 */
export function feedbackRouter(deps: {
  addressLimiter: Limiter;
  sessionIds: SessionIds;
  isKnownIntent: (id: string) => boolean;
  record: (intent: string, helpful: boolean) => Promise<void>;
}): Router {
  const router = Router();
  router.post('/api/feedback', async (req, res, next) => {
    try {
      if (!req.is('application/json')) return sendError(res, 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
      if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
        return sendError(res, 400, 'invalid_request', 'The body must be a JSON object.');
      const parsed = FeedbackRequest.safeParse(req.body);
      if (!parsed.success) return sendError(res, 400, 'invalid_request', describe(parsed.error));
      const limit = await deps.addressLimiter.hit(clientAddress(req));
      if (!limit.allowed) return sendError(res, 429, 'rate_limited', `Too many requests; retry in ${limit.retryAfterSeconds} s.`, limit.retryAfterSeconds);
      const { sessionId, intent, helpful } = parsed.data;
      if (!deps.isKnownIntent(intent)) return sendError(res, 400, 'invalid_request', 'intent: not an intent of this assistant');
      if (!(await deps.sessionIds.current(sessionId))) return sendError(res, 400, 'invalid_request', 'sessionId: not a current conversation');
      await deps.record(intent, helpful);
      res.json({ status: 'recorded' as const });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
