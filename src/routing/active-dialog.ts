/**
 * Routing step 2, `activeDialog`: a dialog in progress gets the message first. When the message fills none of
 * its slots, the interruption policy decides: another question is answered (or asked back) and the dialog is
 * offered again; a request for another dialog replaces it; anything else is asked again.
 */
import type { Middleware } from '../core/compose.ts';
import { classify } from '../dialogs/context.ts';
import { continueDialog, expireDialog, offerResume, repromptDialog } from '../dialogs/engine.ts';
import type { RouteContext } from './deps.ts';
import { isOtherQuestion } from './interruption.ts';
import { answerFromKnowledge, askBack, fallback } from './replies.ts';
import { resolveAnswer } from './resolve.ts';
import { runIntent, startsDialog } from './run-intent.ts';
import { explainPrompt, isWhyAsked } from './why-asked.ts';
import { isRepair } from '../nlu/followup.ts';

export function activeDialog(): Middleware<RouteContext> {
  return async (ctx, next) => {
    expireDialog(ctx);
    const active = ctx.state.dialog ? ctx.deps.dialogs.get(ctx.state.dialog.id) : undefined;
    if (!active) return next();
    const c = await continueDialog(ctx, active);
    if (c.handled) return;
    if (isRepair(ctx.text)) {
      // "bukan itu maksud saya" at a slot prompt: starting this dialog was the wrong reading; the repair step answers
      ctx.state.dialog = undefined;
      return next();
    }
    if (!c.extraction.invalid && isWhyAsked(ctx.text)) {
      // a question about the prompt itself: answered, then the same slot again (not counted as a failed answer)
      explainPrompt(ctx, active);
      const ds = ctx.state.dialog;
      if (ds) ds.reprompts = Math.max(0, ds.reprompts - 1);
      return repromptDialog(ctx, active, c.extraction);
    }
    if (!isOtherQuestion(ctx, active, c.extraction)) return repromptDialog(ctx, active, c.extraction);

    const nlu = classify(ctx);
    if (nlu.outcome === 'ask') {
      askBack(ctx, nlu);
      offerResume(ctx, active);
      return;
    }
    const r = resolveAnswer(ctx, nlu);
    const other = ctx.deps.dialogs.forIntent(r.intent);
    if (other && other.id !== active.id && startsDialog(ctx, r.intent)) {
      // Starting another dialog replaces the unfinished one.
      await runIntent(ctx, r.intent, nlu.confidence, false, r);
      return;
    }
    if (!answerFromKnowledge(ctx, r.intent, nlu.confidence, r)) fallback(ctx, nlu.confidence);
    offerResume(ctx, active);
  };
}
