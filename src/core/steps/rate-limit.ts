/**
 * `rateLimit(limiter, reply)`: a conversation that sends too much in a short time gets one polite reply (the
 * HTTP edge turns it into a 429 with Retry-After) and the rest of the chain does not run: no state is loaded,
 * nothing is classified.
 */
import type { Middleware } from '../compose.ts';
import { say, setIntent, type TurnContext } from '../context.ts';
import type { Lang } from '../types.ts';

/** Any limiter that counts hits per key (src/ratelimit implements it over the store). */
export interface HitLimiter {
  hit(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export function rateLimit<C extends TurnContext>(limiter: HitLimiter, reply: (lang: Lang, retryAfterSeconds: number) => string): Middleware<C> {
  return async (ctx, next) => {
    const r = await limiter.hit(ctx.input.conversationId);
    if (r.allowed) return next();
    ctx.rateLimited = { retryAfterSeconds: r.retryAfterSeconds };
    ctx.lang = ctx.input.locale ?? ctx.lang;
    say(ctx, reply(ctx.lang, r.retryAfterSeconds));
    setIntent(ctx, 'out_of_scope', 0, 'rate_limited');
  };
}
