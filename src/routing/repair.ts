/**
 * Routing step `repair`: "bukan itu maksud saya", "salah", "not what I meant". The last answer missed: say so,
 * offer the classifier's other readings of the last question (ranked as it ranked them), and offer a person.
 */
import type { Middleware } from '../core/compose.ts';
import { intentPayload } from '../core/types.ts';
import { say, setIntent } from '../dialogs/context.ts';
import { isRepair } from '../nlu/followup.ts';
import type { RouteContext } from './deps.ts';

const HANDOFF = 'handoff_agent';

export function repair(): Middleware<RouteContext> {
  return async (ctx, next) => {
    if (ctx.payload || !ctx.state.lastIntent || !isRepair(ctx.text)) return next();
    const last = ctx.state.lastIntent;
    const others = (ctx.state.lastCandidates ?? []).filter((i) => i !== last && i !== HANDOFF && ctx.deps.kb.entryFor(i)).slice(0, 3);
    const buttons = [
      ...others.map((i) => ({ title: ctx.deps.kb.title(i, ctx.lang), payload: intentPayload(i) })),
      { title: ctx.deps.kb.message('routing.agent_button', ctx.lang), payload: intentPayload(HANDOFF) },
    ];
    say(
      ctx,
      others.length
        ? ctx.deps.kb.message('routing.repair_with_options', ctx.lang)
        : ctx.deps.kb.message('routing.repair_without_options', ctx.lang),
      buttons,
    );
    ctx.state.lastCandidates = others;
    setIntent(ctx, others[0] ?? 'out_of_scope', 0.3, 'ask');
  };
}
