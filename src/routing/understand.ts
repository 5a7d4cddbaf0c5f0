/**
 * Routing step 4, `understand` (terminal): classify the message and answer, ask back or fall back. A short
 * follow-up keeps the conversation's topic, and when the classifier is unsure between close candidates the
 * topic decides.
 */
import type { Middleware } from '../core/compose.ts';
import { classify } from '../dialogs/context.ts';
import type { RouteContext } from './deps.ts';
import { contextChoice, followUpIntent } from './followup.ts';
import { askBack, fallback } from './replies.ts';
import { runIntent } from './run-intent.ts';

export function understand(): Middleware<RouteContext> {
  return async (ctx) => {
    const nlu = classify(ctx);
    if (nlu.outcome === 'fallback') return fallback(ctx, nlu.confidence);
    if (nlu.outcome === 'ask') {
      const byContext = contextChoice(nlu.candidates.slice(0, 3).map((c) => c.intent), ctx.state.lastIntent, ctx.normalized);
      if (byContext) await runIntent(ctx, byContext, nlu.confidence, false);
      else askBack(ctx, nlu);
      return;
    }
    await runIntent(ctx, followUpIntent(nlu.intent, ctx.state.lastIntent, ctx.normalized), nlu.confidence, false);
  };
}
