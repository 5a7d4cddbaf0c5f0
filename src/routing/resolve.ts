/**
 * From a classification to what the user asked about: a short follow-up ("syaratnya apa?", "kalau yang
 * syariah?") keeps the conversation's programme and changes the aspect; a message naming a programme and an
 * aspect switches; otherwise the classifier's intent, or, when it is unsure between close candidates, the one
 * the conversation's topic points to. Programmes and aspects are data (intents/*.yaml, programs.yaml,
 * aspects.yaml): nothing here names one.
 */
import { followUpTarget, offIdentityTopic } from '../nlu/followup.ts';
import type { NluResult } from '../nlu/types.ts';
import { topicText, type RouteContext } from './deps.ts';
import { contextChoice, followUpIntent } from './followup.ts';
import { INTERRUPT_CONFIDENCE } from './interruption.ts';
import type { Asked } from './replies.ts';

export interface Resolved extends Asked {
  intent: string;
}

/**
 * The follow-up reading of this message, when it is one. When the message names its programme itself and the
 * classifier is confident about an intent of that programme ("simulasi jht"), the classifier's intent stands
 * and the aspect only picks the point of the answer.
 */
export function followUp(ctx: RouteContext, nlu?: NluResult): Resolved | undefined {
  const t = followUpTarget(ctx.state.lastIntent, topicText(ctx), ctx.deps.router.catalog);
  if (!t) return undefined;
  const named = ctx.deps.router.catalog.detectFollowUp(topicText(ctx));
  const namedInMessage = (p?: string) => !!p && (named.program === p || !!named.mentions?.includes(p));
  if (!t.kept && nlu?.outcome === 'answer') {
    // The message names its own topic and the classifier is sure. It stands ("lacak klaim jht" is a claim status,
    // not the JHT balance) unless it picked another benefit programme than the one named ("kalau jkp syaratnya
    // apa?" is JKP, not the JHT requirements); the aspect still picks the point of the answer.
    const program = ctx.deps.router.catalog.meta(nlu.intent)?.program;
    if (!program || program === t.program) return { intent: nlu.intent, aspect: t.aspect };
    if (!ctx.deps.router.catalog.isProgramme(program) || namedInMessage(program)) return { intent: nlu.intent };
  }
  // A confident request for an action ("status klaim saya", "hitung pensiun saya") is not a follow-up of the topic.
  if (t.variant) return { intent: t.intent };
  // A short message that names another topic itself and is confidently about it ("i don't have the jmo app" during
  // the JHT balance check) is that topic, not a point of the conversation's programme.
  const own = nlu?.outcome === 'answer' && nlu.confidence >= INTERRUPT_CONFIDENCE && nlu.intent !== t.intent ? ctx.deps.router.catalog.meta(nlu.intent)?.program : undefined;
  if (t.kept && own && own !== t.program && new RegExp(`\\b${own}\\b`, 'i').test(topicText(ctx))) return { intent: nlu!.intent };
  // (A dialog of another benefit programme, in a message that names none, is the classifier guessing the topic: the
  // conversation's programme stands, "terus bayarnya sekaligus?" about migrant workers is not the BPU calculator.)
  const otherProgramme = (p?: string) => ctx.deps.router.catalog.isProgramme(p) && p !== t.program && !namedInMessage(p);
  if (
    t.kept &&
    nlu?.outcome === 'answer' &&
    nlu.confidence >= INTERRUPT_CONFIDENCE &&
    nlu.intent !== t.intent &&
    ctx.deps.dialogs.forIntent(nlu.intent) &&
    !otherProgramme(ctx.deps.router.catalog.meta(nlu.intent)?.program)
  )
    return undefined;
  return { intent: t.intent, item: t.item, aspect: t.aspect };
}

/**
 * A value for the point just discussed ("my salary is 6 million, how much exactly?" after the JKK wage-while-
 * unable-to-work answer): a message that names no topic of its own, in a conversation whose programme has a
 * computation for the aspect asked (aspects.yaml `computations`, amount by default), starts that computation when
 * it accepts what the message says. The classifier's reading of such a message (often another programme's
 * calculator, from the wage alone) is the weaker guess.
 */
function conversationComputation(ctx: RouteContext): Resolved | undefined {
  const catalog = ctx.deps.router.catalog;
  const program = ctx.state.lastIntent ? catalog.meta(ctx.state.lastIntent)?.program : undefined;
  if (!program || !catalog.isProgramme(program) || catalog.namesTopic(topicText(ctx))) return undefined;
  const id = catalog.computation(program, catalog.detectFollowUp(topicText(ctx)).aspect ?? 'amount');
  const def = id ? ctx.deps.dialogs.get(id) : undefined;
  if (!def?.startWhen || !def.startWhen(def.extract(ctx.text, undefined, ctx, {}))) return undefined;
  return { intent: def.intent };
}

/**
 * A calculation for a programme the message names ("hitung jkp gaji 4 juta", "berapa total jkp kalau gaji 10
 * juta") that the classifier read as another programme's calculator (from "hitung … gaji" alone): the named
 * programme's own calculation, when one of its dialogs accepts what the message gives.
 */
function namedComputation(ctx: RouteContext, nlu: NluResult): Resolved | undefined {
  const catalog = ctx.deps.router.catalog;
  const named = catalog.detectFollowUp(topicText(ctx));
  const program = named.program;
  if (!program || !catalog.isProgramme(program) || catalog.meta(nlu.intent)?.program === program) return undefined;
  if (!ctx.deps.dialogs.forIntent(nlu.intent)) return undefined;
  // "iuran jp gaji 8 juta": the aspect has its own calculation (aspects.yaml `computations`), which the
  // classifier's dialog already is or the run-intent step starts.
  if (named.aspect && catalog.computation(program, named.aspect)) return undefined;
  for (const intent of catalog.programIntents(program)) {
    const def = ctx.deps.dialogs.forIntent(intent);
    if (def?.startWhen && def.startWhen(def.extract(ctx.text, undefined, ctx, {}))) return { intent };
  }
  return undefined;
}

/**
 * The message gives the values a calculation of a programme this conversation was about needs, and names no
 * topic of its own ("berapa iurannya kalau kontrak 2 tahun?" after the PMI answer, then a JKM question): that
 * calculation, the most recent programme first. Only dialogs that say what they need (`startWhen`) are tried.
 */
function recentComputation(ctx: RouteContext): Resolved | undefined {
  const catalog = ctx.deps.router.catalog;
  if (catalog.namesTopic(topicText(ctx))) return undefined;
  for (const program of ctx.state.recentPrograms ?? []) {
    for (const intent of catalog.programIntents(program)) {
      const def = ctx.deps.dialogs.forIntent(intent);
      if (!def?.startWhen) continue;
      const first = def.extract(ctx.text, undefined, ctx, {});
      // values of the message itself, not only ones remembered from earlier turns
      const given = Object.keys(first.values).some((k) => !/^reused/.test(k) && k !== 'asksFee' && k !== 'asksAmount');
      if (given && def.startWhen(first)) return { intent };
    }
  }
  return undefined;
}

/**
 * An unsure reading of a message that names a programme and gives what its calculation needs ("how much would JKP
 * pay me? my salary was 4.5 million"): that calculation, rather than asking which of the calculators was meant.
 */
function namedProgrammeComputation(ctx: RouteContext): Resolved | undefined {
  const catalog = ctx.deps.router.catalog;
  const program = catalog.detectFollowUp(topicText(ctx)).program;
  if (!program || !catalog.isProgramme(program)) return undefined;
  for (const intent of catalog.programIntents(program)) {
    const def = ctx.deps.dialogs.forIntent(intent);
    if (!def?.startWhen) continue;
    const first = def.extract(ctx.text, undefined, ctx, {});
    // a number the message itself gives (a wage, a period), not only what it asks or what earlier turns said
    if (Object.entries(first.values).some(([k, v]) => typeof v === 'number' && !/^reused/.test(k)) && def.startWhen(first)) return { intent };
  }
  return undefined;
}

/** For a confident classification. */
export function resolveAnswer(ctx: RouteContext, nlu: NluResult): Resolved {
  return followUp(ctx, nlu) ?? namedComputation(ctx, nlu) ?? conversationComputation(ctx) ?? { intent: followUpIntent(nlu.intent, ctx.state.lastIntent, topicText(ctx), ctx.deps.router.catalog) };
}

/** For an unsure classification: undefined means "ask back". */
export function resolveUnsure(ctx: RouteContext, nlu: NluResult): Resolved | undefined {
  const recent = recentComputation(ctx) ?? namedProgrammeComputation(ctx);
  if (recent) return recent;
  const f = followUp(ctx);
  if (f) return f;
  const byContext = contextChoice(nlu.candidates.slice(0, 3).map((c) => c.intent), ctx.state.lastIntent, topicText(ctx), ctx.deps.router.catalog);
  return byContext ? { intent: byContext } : undefined;
}

/** Does this intent start a dialog that asks for the user's KPJ/NIK? */
const asksIdentity = (ctx: RouteContext, intent: string): boolean =>
  !!ctx.deps.dialogs.forIntent(intent)?.slots.some((s) => s.name === 'identifier');

/**
 * Identity is asked only on a clear cue: a message about BSU, a lost card, Dukcapil, BNSP or an OTP scam never
 * gets "kirim nomor KPJ/NIK Anda"; the classifier's best reading that needs no identity is used instead.
 * Undefined means nothing fits (fall back).
 */
export function guardIdentity(ctx: RouteContext, nlu: NluResult, r: Resolved): Resolved | undefined {
  if (!asksIdentity(ctx, r.intent) || !offIdentityTopic(ctx.text)) return r;
  const other = nlu.candidates.find((c) => c.intent !== 'out_of_scope' && !asksIdentity(ctx, c.intent) && c.score >= 0.05);
  return other ? { intent: other.intent } : undefined;
}
