import { Router } from 'express';
import { z } from 'zod';
import type { JessiBot } from '../core/bot.ts';
import type { RateLimiter } from '../ratelimit/limiter.ts';
import { clientAddress } from '../ratelimit/client-address.ts';
import { sendError } from './errors.ts';
import type { SessionIds } from './session-ids.ts';

/** POST /api/chat request, as docs/api.md defines it. Unknown members are dropped. */
export const ChatRequest = z
  .object({
    sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'sessionId must be 8-128 characters of A-Z, a-z, 0-9, _ or -').optional(),
    text: z.string().min(1, 'text must not be empty').max(2000, 'text must be at most 2000 characters').optional(),
    payload: z.string().min(1, 'payload must not be empty').max(200, 'payload must be at most 200 characters').optional(),
    locale: z.enum(['id', 'en']).optional(),
  })
  .refine((b) => b.text !== undefined || b.payload !== undefined, { message: 'either text or payload is required' })
  .refine((b) => b.text === undefined || b.text.trim().length > 0 || b.payload !== undefined, { message: 'text must not be blank' });


/** Intents of the personal-data dialogs: every message of such a turn is marked `private` (the widget never stores it). */
const PRIVATE_INTENTS = new Set(['jht_balance', 'claim_status']);

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** The chat API: validates, applies the per-address limit, hands the turn to the bot. */
export function chatRouter(deps: { bot: JessiBot; addressLimiter: RateLimiter; isReady: () => boolean; sessionIds: SessionIds }): Router {
  const router = Router();
  router.post('/api/chat', async (req, res, next) => {
    try {
      if (!req.is('application/json')) return sendError(res, 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
      if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
        return sendError(res, 400, 'invalid_request', 'The body must be a JSON object.');
      const parsed = ChatRequest.safeParse(req.body);
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
      if (out.rateLimited)
        return sendError(res, 429, 'rate_limited', out.messages[0]?.text ?? 'Too many messages; please slow down.', out.rateLimited.retryAfterSeconds);
      const messages = PRIVATE_INTENTS.has(out.intent.id) ? out.messages.map((m) => ({ ...m, private: true as const })) : out.messages;
      res.json({ sessionId, messages, intent: out.intent });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
