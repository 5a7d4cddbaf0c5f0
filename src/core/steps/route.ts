import type { Middleware } from '../compose.ts';
import { classify, setIntent, type TurnContext } from '../context.ts';
import { answerFromKnowledge, askBack, fallback } from '../replies.ts';
import { contextChoice, followUpIntent } from '../followup.ts';
import { continueDialog, expireDialog, offerResume, startDialog, tryWhatIf } from '../../dialogs/engine.ts';

/** Route to an intent: start its dialog when it has one, else answer from the knowledge base. */
async function runIntent(ctx: TurnContext, intent: string, confidence: number, forced: boolean): Promise<void> {
  const def = ctx.deps.dialogs.forIntent(intent);
  if (def) {
    const first = forced ? { values: {} } : def.extract(ctx.text, undefined, ctx, {});
    if (forced || !def.startWhen || def.startWhen(first)) {
      await startDialog(ctx, def, first);
      return;
    }
  }
  if (!answerFromKnowledge(ctx, intent, confidence)) fallback(ctx, confidence);
}

/**
 * The router step: an active dialog gets the message first; a what-if follows a result; otherwise the
 * classifier decides between answering, asking back and falling back.
 */
export const route: Middleware<TurnContext> = async (ctx, next) => {
  // 1. A button that names an intent or a dialog.
  if (ctx.forcedIntent) {
    const forced = ctx.forcedIntent;
    if (forced.startsWith('dialog:')) {
      const def = ctx.deps.dialogs.get(forced.slice('dialog:'.length));
      if (def) await startDialog(ctx, def, { values: {} });
      else fallback(ctx, 0);
    } else if (ctx.deps.router.intents().includes(forced) || ctx.deps.kb.entryFor(forced)) {
      const active = ctx.state.dialog ? ctx.deps.dialogs.get(ctx.state.dialog.id) : undefined;
      if (active && !ctx.deps.dialogs.forIntent(forced)) {
        // A topic button tapped mid-dialog: answer it and keep the dialog for later.
        if (!answerFromKnowledge(ctx, forced, 1)) fallback(ctx, 0);
        offerResume(ctx, active);
      } else {
        ctx.state.dialog = undefined;
        await runIntent(ctx, forced, 1, true);
      }
    } else fallback(ctx, 0);
    return next();
  }

  // 2. A dialog in progress takes its answer; a clearly different question is answered, then resumed.
  expireDialog(ctx);
  const active = ctx.state.dialog ? ctx.deps.dialogs.get(ctx.state.dialog.id) : undefined;
  if (active) {
    if (await continueDialog(ctx, active)) return next();
    const nlu = classify(ctx);
    if (nlu.outcome === 'ask') {
      askBack(ctx, nlu);
      offerResume(ctx, active);
      return next();
    }
    const intent = followUpIntent(nlu.intent, ctx.state.lastIntent, ctx.text);
    const other = ctx.deps.dialogs.forIntent(intent);
    if (other && other.id !== active.id && (!other.startWhen || other.startWhen(other.extract(ctx.text, undefined, ctx, {})))) {
      // Starting another dialog replaces the unfinished one.
      await runIntent(ctx, intent, nlu.confidence, false);
    } else {
      if (!answerFromKnowledge(ctx, intent, nlu.confidence)) fallback(ctx, nlu.confidence);
      offerResume(ctx, active);
    }
    return next();
  }

  // 3. "kalau 20 tahun?" after a simulation result.
  if (await tryWhatIf(ctx)) return next();

  // 4. Classify.
  const nlu = classify(ctx);
  if (nlu.outcome === 'fallback') {
    fallback(ctx, nlu.confidence);
  } else if (nlu.outcome === 'ask') {
    // Unsure between related intents, but the conversation's topic decides ("terus iurannya berapa?" after BPU).
    const byContext = contextChoice(nlu.candidates.slice(0, 3).map((c) => c.intent), ctx.state.lastIntent, ctx.text);
    if (byContext) await runIntent(ctx, byContext, nlu.confidence, false);
    else askBack(ctx, nlu);
  } else {
    const intent = followUpIntent(nlu.intent, ctx.state.lastIntent, ctx.text);
    await runIntent(ctx, intent, nlu.confidence, false);
  }
  return next();
};

/** Report unanswered turns (ask-back, fall-back) and count every turn. */
export const observe: Middleware<TurnContext> = async (ctx, next) => {
  const started = performance.now();
  await next();
  const intent = ctx.intent ?? { id: 'out_of_scope', confidence: 0 };
  if (!ctx.intent) setIntent(ctx, intent.id, intent.confidence, 'fallback');
  const outcome = ctx.outcome ?? 'answer';
  ctx.deps.observer?.turn?.(ctx.input.channel, intent.id, outcome);
  if ((outcome === 'ask' || outcome === 'fallback') && ctx.text) ctx.deps.observer?.unanswered?.(ctx.text, outcome, intent.id, ctx.lang);
  // Per-turn line at debug level (the logger scrubs NIK, KPJ, phone numbers, amounts and tokens from it).
  if (ctx.deps.logger.isLevelEnabled('debug'))
    ctx.deps.logger.debug(
      { channel: ctx.input.channel, intent: intent.id, confidence: intent.confidence, outcome, lang: ctx.lang, dialog: ctx.state.dialog?.id, text: ctx.text, ms: Math.round((performance.now() - started) * 10) / 10 },
      'turn',
    );
};
