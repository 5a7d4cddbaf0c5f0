import { z } from 'zod';
import type { Store } from '../store/types.ts';

export interface RateLimitResult {
  allowed: boolean;
  /** Hits left in the current window (Number.MAX_SAFE_INTEGER when the limiter is off). */
  remaining: number;
  /** Seconds until the window resets (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /** Count one hit for `key` (a client address, a conversation id) and say whether it is within the limit. */
  hit(key: string): Promise<RateLimitResult>;
}

const Options = z.object({
  /** Short name used in keys: rl:<name>:<key>:<window>. */
  name: z.string().regex(/^[a-z0-9-]+$/),
  /** Hits allowed per window; 0 turns the limiter off. */
  limit: z.number().int().min(0),
  windowSeconds: z.number().int().min(1),
});

export type RateLimiterOptions = z.input<typeof Options> & { now?: () => number };

/**
 * Fixed-window limiter on Store.increment: one counter per key and window, expiring with the window, so it
 * behaves the same on the memory store and on Redis (where all instances share the counters).
 */
export function createRateLimiter(store: Store, options: RateLimiterOptions): RateLimiter {
  const { name, limit, windowSeconds } = Options.parse(options);
  const now = options.now ?? Date.now;
  const windowMs = windowSeconds * 1000;
  return {
    name,
    limit,
    windowSeconds,
    async hit(key: string): Promise<RateLimitResult> {
      if (limit === 0) return { allowed: true, remaining: Number.MAX_SAFE_INTEGER, retryAfterSeconds: 0 };
      const t = now();
      const window = Math.floor(t / windowMs);
      const count = await store.increment(`rl:${name}:${key}:${window}`, windowSeconds);
      const allowed = count <= limit;
      const resetInMs = (window + 1) * windowMs - t;
      return { allowed, remaining: Math.max(0, limit - count), retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(resetInMs / 1000)) };
    },
  };
}
