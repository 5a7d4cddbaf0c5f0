import type { Middleware } from '../compose.ts';
import { say, setIntent, tr, type TurnContext } from '../context.ts';
import { newState, sessionKey, sessionLockKey, type ConversationState } from '../state.ts';

/**
 * Per-conversation rate limit: past it the turn gets a polite reply (the HTTP API turns it into a 429).
 */
export const rateLimit: Middleware<TurnContext> = async (ctx, next) => {
  const r = await ctx.deps.limits.session.hit(ctx.input.conversationId);
  if (r.allowed) return next();
  ctx.rateLimited = { retryAfterSeconds: r.retryAfterSeconds };
  const lang = ctx.input.locale ?? 'id';
  ctx.lang = lang;
  say(ctx, tr(ctx, {
    id: `Maaf, pesan Anda terlalu banyak dalam waktu singkat. Silakan coba lagi dalam ${r.retryAfterSeconds} detik.`,
    en: `Sorry, too many messages in a short time. Please try again in ${r.retryAfterSeconds} seconds.`,
  }));
  setIntent(ctx, 'out_of_scope', 0, 'rate_limited');
};

/**
 * Load the conversation state, run the rest of the turn, save the state. The whole turn holds the
 * conversation's lock, so two messages of one conversation that reach two instances at once are handled
 * one after the other and no update is lost.
 */
export const conversation: Middleware<TurnContext> = async (ctx, next) => {
  const { store, sessionTtlSeconds } = ctx.deps;
  const key = sessionKey(ctx.input.conversationId);
  await store.withLock(
    sessionLockKey(ctx.input.conversationId),
    async () => {
      ctx.state = (await store.get<ConversationState>(key)) ?? newState();
      await next();
      ctx.state.turns += 1;
      if (ctx.intent && ctx.outcome !== 'rate_limited') ctx.state.lastIntent = ctx.intent.id;
      const buttons = ctx.out.flatMap((m) => m.buttons ?? []);
      ctx.state.lastButtons = buttons.length ? buttons : undefined;
      await store.set(key, ctx.state, sessionTtlSeconds);
    },
    { leaseMs: 10_000, waitMs: 8_000 },
  );
};
