/**
 * Routing step 3, `whatIf`: shortly after a computed result, a message about that result is answered from it.
 * - "kalau 20 tahun?", "gaji 10 juta": recompute with the one value changed;
 * - "yang ditanggung perusahaan berapa?", "jkm nya sendiri?": the same result with that part first (transient
 *   slots of the dialog, or a programme the result covers);
 * - "totalnya berapa buat saya?": the result again, the aspect asked first (the dialog's resultAspects).
 * Both of the latter are marked `followUp`, so a dialog may give the part alone instead of the whole result.
 * A clearly different question, or a new full request ("simulasi jht gaji 5 juta 10 tahun" again), goes on to
 * `understand`.
 */
import type { Middleware } from '../core/compose.ts';
import { classify } from '../dialogs/context.ts';
import { recompute, WHAT_IF_WINDOW_MS } from '../dialogs/engine.ts';
import type { DialogDef, Slots } from '../dialogs/types.ts';
import { isWhatIf } from '../dialogs/words.ts';
import { followUpIntent } from './followup.ts';
import { INTERRUPT_CONFIDENCE } from './interruption.ts';
import { topicText, type RouteContext } from './deps.ts';

/** The last result's slots without the ones that only said which part was asked. */
function lasting(def: DialogDef, slots: Slots): Slots {
  const out: Slots = { ...slots };
  for (const k of [...(def.transient ?? []), 'aspect', 'followUp']) delete out[k];
  return out;
}

export function whatIf(): Middleware<RouteContext> {
  return async (ctx, next) => {
    const last = ctx.state.lastResult;
    if (!last || ctx.deps.now() - last.at > WHAT_IF_WINDOW_MS) return next();
    const def = ctx.deps.dialogs.get(last.dialog);
    if (!def) return next();
    const base = lasting(def, last.slots);
    const extraction = def.extract(ctx.text, undefined, ctx, base);
    const changed = Object.keys(extraction.values);
    const named = ctx.deps.router.catalog.detectFollowUp(topicText(ctx));
    // The message names a programme the result does not speak about: another question.
    const namesOther = !!named.program && !(def.covers ?? []).includes(named.program);
    if (!changed.length) {
      const aspect = named.aspect;
      const aboutResult = !namesOther && aspect !== undefined && (def.resultAspects ?? []).includes(aspect) && (named.bare || !!named.program);
      if (!aboutResult) return next();
      return recompute(ctx, def, { ...base, aspect, followUp: true });
    }
    const nlu = classify(ctx);
    // Only a part of the result is asked ("the company's part of the JP?"), and the classifier is not sure of a
    // topic outside what the result covers ("perusahaan saya belum bayar iuran" is a question of its own).
    const nluProgram = ctx.deps.router.catalog.meta(nlu.intent)?.program;
    const onlyTransient = changed.every((k) => (def.transient ?? []).includes(k));
    // A covered programme with an aspect this dialog does not compute ("kalau suami meninggal karena kecelakaan
    // kerja dapat berapa?" after a contribution result: the JKK death benefit) is a question of its own.
    const asksElsewhere = !!named.program && !!named.aspect && !(def.resultAspects ?? []).includes(named.aspect) &&
      ctx.deps.router.catalog.computation(named.program, named.aspect) !== def.id;
    const partOnly = onlyTransient && !namesOther && !asksElsewhere &&
      (nlu.intent === def.intent || nlu.outcome !== 'answer' || nlu.confidence <= INTERRUPT_CONFIDENCE || (def.covers ?? []).includes(nluProgram ?? '') ||
        // "biaya pemakamannya berapa?" read as JKM, in a conversation about a JKK death: the topic stands
        followUpIntent(nlu.intent, ctx.state.lastIntent, topicText(ctx), ctx.deps.router.catalog) === def.intent);
    if (onlyTransient && !partOnly) return next();
    // A refinement of the result ("saya ikut jp dari 2017", "kenaikan gaji 5%"): only optional slots changed, and
    // the classifier reads the result's own programme (or is unsure).
    const optional = new Set(def.slots.filter((x) => x.optional).map((x) => x.name));
    const refinement = !partOnly && !namesOther && changed.every((k) => optional.has(k) || (def.transient ?? []).includes(k)) &&
      (nlu.intent === def.intent || nlu.outcome !== 'answer' || nlu.confidence <= INTERRUPT_CONFIDENCE || (def.covers ?? []).includes(nluProgram ?? ''));
    // A dialog that says which programmes its result covers: a message naming another one is another question
    // ("and if he had died of a heart attack at home?" after a JKK death is JKM).
    if (!partOnly && !refinement && namesOther && def.covers) return next();
    if (!partOnly && !refinement) {
      const phrase = isWhatIf(ctx.normalized);
      if (!phrase && nlu.outcome === 'answer' && nlu.intent !== def.intent && nlu.confidence > INTERRUPT_CONFIDENCE) return next();
      if (!phrase && changed.length >= 2 && nlu.intent === def.intent) return next();
    }
    // `followUp`: a part of a result already shown is asked, so the dialog may answer that part alone.
    await recompute(ctx, def, { ...base, ...extraction.values, ...(partOnly ? { followUp: true } : {}) });
  };
}
