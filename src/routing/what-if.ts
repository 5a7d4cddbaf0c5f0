/**
 * Routing step 3, `whatIf`: "kalau 20 tahun?" or "gaji 10 juta" shortly after a simulation result recomputes
 * it with the one value changed. A clearly different question, or a new full request ("simulasi jht gaji 5
 * juta 10 tahun" again), goes on to `understand`.
 */
import type { Middleware } from '../core/compose.ts';
import { classify } from '../dialogs/context.ts';
import { recompute, WHAT_IF_WINDOW_MS } from '../dialogs/engine.ts';
import { isWhatIf } from '../dialogs/words.ts';
import { INTERRUPT_CONFIDENCE } from './interruption.ts';
import type { RouteContext } from './deps.ts';

export function whatIf(): Middleware<RouteContext> {
  return async (ctx, next) => {
    const last = ctx.state.lastResult;
    if (!last || ctx.deps.now() - last.at > WHAT_IF_WINDOW_MS) return next();
    const def = ctx.deps.dialogs.get(last.dialog);
    if (!def) return next();
    const extraction = def.extract(ctx.text, undefined, ctx, last.slots);
    const changed = Object.keys(extraction.values);
    if (!changed.length) return next();
    const nlu = classify(ctx);
    const phrase = isWhatIf(ctx.normalized);
    if (!phrase && nlu.outcome === 'answer' && nlu.intent !== def.intent && nlu.confidence > INTERRUPT_CONFIDENCE) return next();
    if (!phrase && changed.length >= 2 && nlu.intent === def.intent) return next();
    await recompute(ctx, def, { ...last.slots, ...extraction.values });
  };
}
