/**
 * `session(store, opts)`: load the conversation state, run the rest of the turn, save the state.
 *
 * The whole turn holds the conversation's lock, so two messages of one conversation that reach two instances
 * at once are handled one after the other and no update is lost. There is deliberately no catch: when a later
 * step throws, the state is NOT written back (the turn did not happen), and a `LockTimeoutError` or
 * `StoreUnavailableError` propagates to the error boundary, which lets the HTTP edge answer 503.
 */
import type { Middleware } from '../compose.ts';
import type { TurnContext } from '../context.ts';
import { compactState, newState, sessionKey, sessionLockKey, type ConversationState } from '../state.ts';
import type { Store } from '../../store/types.ts';

export interface SessionOptions {
  /** How long an idle conversation is remembered. */
  ttlSeconds: number;
  /** Lock lease (the lock frees itself if its holder dies) and how long a turn waits for the lock. */
  leaseMs?: number;
  waitMs?: number;
}

export function session<C extends TurnContext>(store: Store, opts: SessionOptions): Middleware<C> {
  const lock = { leaseMs: opts.leaseMs ?? 10_000, waitMs: opts.waitMs ?? 8_000 };
  return async (ctx, next) => {
    const key = sessionKey(ctx.input.conversationId);
    await store.withLock(
      sessionLockKey(ctx.input.conversationId),
      async () => {
        ctx.state = (await store.get<ConversationState>(key)) ?? newState();
        await next();
        ctx.state.turns += 1;
        if (ctx.intent) ctx.state.lastIntent = ctx.intent.id;
        await store.set(key, compactState(ctx.state), opts.ttlSeconds);
      },
      lock,
    );
  };
}
