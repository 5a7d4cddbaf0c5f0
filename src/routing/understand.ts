/**
 * Routing step `understand` (terminal): classify the message and answer, ask back or fall back. A short
 * follow-up keeps the conversation's topic (see resolve.ts), and the classifier's other readings are kept
 * for a later "bukan itu maksud saya".
 */
import type { Middleware } from '../core/compose.ts';
import { classify } from '../dialogs/context.ts';
import { OUT_OF_SCOPE } from '../nlu/router.ts';
import type { RouteContext } from './deps.ts';
import { askBack, fallback } from './replies.ts';
import { followUp, guardIdentity, resolveAnswer, resolveUnsure } from './resolve.ts';
import { runIntent } from './run-intent.ts';

export function understand(): Middleware<RouteContext> {
  return async (ctx) => {
    const nlu = classify(ctx);
    ctx.state.lastCandidates = nlu.candidates.map((c) => c.intent).filter((i) => i !== OUT_OF_SCOPE).slice(0, 4);
    if (nlu.outcome === 'fallback') {
      const f = followUp(ctx);
      if (f) return runIntent(ctx, f.intent, nlu.confidence, false, f);
      return fallback(ctx, nlu.confidence);
    }
    const resolved = nlu.outcome === 'ask' ? resolveUnsure(ctx, nlu) : resolveAnswer(ctx, nlu);
    if (!resolved) return askBack(ctx, nlu);
    const r = guardIdentity(ctx, nlu, resolved);
    if (!r) return fallback(ctx, nlu.confidence);
    await runIntent(ctx, r.intent, nlu.confidence, false, r);
  };
}
