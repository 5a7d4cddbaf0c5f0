/**
 * Routing step 2, `activeDialog`: a dialog in progress gets the message first. When the message fills none of
 * its slots, the interruption policy decides: another question is answered (or asked back) and the dialog is
 * offered again; a request for another dialog replaces it; anything else is asked again.
 */
import type { Middleware } from '../core/compose.ts';
import { classify } from '../dialogs/context.ts';
import { continueDialog, expireDialog, offerResume, repromptDialog } from '../dialogs/engine.ts';
import type { RouteContext } from './deps.ts';
import { followUpIntent } from './followup.ts';
import { isOtherQuestion } from './interruption.ts';
import { answerFromKnowledge, askBack, fallback } from './replies.ts';
import { runIntent, startsDialog } from './run-intent.ts';

export function activeDialog(): Middleware<RouteContext> {
  return async (ctx, next) => {
    expireDialog(ctx);
    const active = ctx.state.dialog ? ctx.deps.dialogs.get(ctx.state.dialog.id) : undefined;
    if (!active) return next();
    const r = await continueDialog(ctx, active);
    if (r.handled) return;
    if (!isOtherQuestion(ctx, active, r.extraction)) return repromptDialog(ctx, active, r.extraction);

    const nlu = classify(ctx);
    if (nlu.outcome === 'ask') {
      askBack(ctx, nlu);
      offerResume(ctx, active);
      return;
    }
    const intent = followUpIntent(nlu.intent, ctx.state.lastIntent, ctx.normalized);
    const other = ctx.deps.dialogs.forIntent(intent);
    if (other && other.id !== active.id && startsDialog(ctx, intent)) {
      // Starting another dialog replaces the unfinished one.
      await runIntent(ctx, intent, nlu.confidence, false);
      return;
    }
    if (!answerFromKnowledge(ctx, intent, nlu.confidence)) fallback(ctx, nlu.confidence);
    offerResume(ctx, active);
  };
}
