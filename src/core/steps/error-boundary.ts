/**
 * `errorBoundary(opts)`: a turn that fails gets the bilingual apology instead of reaching the channel as an
 * exception. Infrastructure errors (the store is down, the conversation's lock could not be had) are
 * rethrown, so the HTTP edge can answer 503 and a webhook sender retries. It sits outside `session`, so a
 * failed turn's state is never saved.
 */
import type { Logger } from 'pino';
import type { Middleware } from '../compose.ts';
import { say, setIntent, type TurnContext } from '../context.ts';
import type { Lang } from '../types.ts';

export interface ErrorBoundaryOptions {
  logger: Logger;
  /** True for errors the edge must see (answered 503 / retried), e.g. StoreUnavailableError. */
  rethrow(err: unknown): boolean;
  apology(lang: Lang): string;
}

export function errorBoundary<C extends TurnContext>(opts: ErrorBoundaryOptions): Middleware<C> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (opts.rethrow(err)) throw err;
      opts.logger.error({ err, channel: ctx.input.channel }, 'turn failed');
      ctx.out = [];
      say(ctx, opts.apology(ctx.lang));
      setIntent(ctx, 'out_of_scope', 0, 'error');
    }
  };
}
