/**
 * JKK benefits for the user's wage: a death from a work accident ("suami meninggal kecelakaan kerja, gajinya 6
 * juta, dapat berapa?"), total permanent disability ("kalau cacat total, gaji 5 juta dapat berapa?") and the wage
 * while unable to work (STMB: "will I still get paid while I can't work? my salary is 6 million").
 * Serves jkk_info: a death always starts it (so a work/commute death never gets the JKM answer, and the wage is
 * asked); disability and STMB start it when a wage is given, or when the conversation was just about that point
 * (the answered item) and the user now gives a wage.
 */
import type { DialogContext } from '../context.ts';
import { jkkDeathBenefit, jkkStmbBenefit, jkkTotalDisabilityBenefit } from '../../calc/benefits.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatPercent } from '../format.ts';
import { rememberFacts, reusedWageNote, readWageAmount } from '../values.ts';
import type { DialogDef, FollowUpSlots } from '../types.ts';

/** A sentence of the benefits catalogue (knowledge/messages/benefits.yaml). */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`benefits.${key}`, ctx.lang, params);

/** The message is about a death ("meninggal", "wafat", "died"). */
export const DEATH = /\b(meninggal|wafat|tewas|almarhum|almh|alm|mati|gugur|died|dies|death|dead|passed away|killed)\b/i;
/** The funeral costs are asked ("biaya pemakamannya berapa?"): a fixed figure, given before the wage is asked. */
const FUNERAL = /\b(pemakaman|pemakamannya|penguburan|pemakamanya|kubur|funeral|burial)\b/i;
const DISABILITY = /\b(cacat|disabled|disability|lumpuh|paralysed|paralyzed)\b/i;
const STMB = /\b(stmb|tidak (?:mampu|bisa|dapat) (?:bekerja|kerja)|gak bisa kerja|ga bisa kerja|nggak bisa kerja|sementara tidak mampu|selama tidak bekerja|selama dirawat|(?:can't|cannot|can not|unable to) work|while i can't work|off work|still (?:get )?paid|paid while|sick leave)\b/i;
/** The amount is asked, so a wage remembered from earlier applies to disability and STMB. */
const AMOUNT = /\b(berapa|brp|dapat|dapet|hitung|how much|calculate|amount|get)\b/i;

type Kind = 'death' | 'disability' | 'stmb';
/** The JKK knowledge item a kind answers (so "gaji saya 6 juta, jadi berapa?" after that item computes it). */
const ITEM_KIND: Record<string, Kind> = { 'jkk_info/death': 'death', 'jkk_info/disability': 'disability', 'jkk_info/stmb': 'stmb' };

function readKind(text: string): Kind | undefined {
  if (DEATH.test(text)) return 'death';
  if (DISABILITY.test(text)) return 'disability';
  if (STMB.test(text)) return 'stmb';
  return undefined;
}

/**
 * The wage and which benefit (`kind`, a death when not said); whether the funeral costs were asked (`funeral`), a
 * death was said (`death`), the wage was remembered (`reusedWage`).
 */
export type JkkSlots = FollowUpSlots & { kind?: Kind; wage: number; death?: boolean; funeral?: boolean; reusedWage?: boolean };

export const jkkBenefit: DialogDef<JkkSlots> = {
  id: 'jkk_benefit',
  intent: 'jkk_info',
  title: 'dialogs.jkk_benefit',
  slots: [{ name: 'kind', optional: true }, { name: 'wage' }],
  whatIf: true,
  covers: ['jkk'],
  transient: ['funeral', 'reusedWage', 'death'],
  startWhen: (first) => first.values.kind === 'death' || (first.values.kind !== undefined && first.values.wage !== undefined),

  extract(text, awaiting, ctx, slots) {
    const values: Partial<JkkSlots> = {};
    const said = readKind(text);
    const fromTopic = !said && !slots?.kind && ctx?.state.lastItem ? ITEM_KIND[ctx.state.lastItem] : undefined;
    if (said) values.kind = said;
    if (said === 'death') values.death = true;
    if (FUNERAL.test(text)) values.funeral = true;
    const wage = readWageAmount(text);
    if (wage !== undefined) values.wage = wage;
    // "my salary is 6 million, how much exactly?" right after the STMB point: that point, for this wage.
    if (fromTopic && fromTopic !== 'death' && wage !== undefined) values.kind = fromTopic;
    const kind = values.kind ?? slots?.kind;
    const known = ctx?.state.facts?.wage;
    const mayReuse = kind === 'death' || AMOUNT.test(text);
    if (values.wage === undefined && awaiting === undefined && !slots?.wage && typeof known === 'number' && mayReuse) {
      values.wage = known;
      values.reusedWage = true;
    }
    return { values };
  },

  prompt(_slot, ctx, slots) {
    const example = ctx.lang === 'en' ? '6 million' : '6 juta';
    if (slots.funeral) {
      const p = ctx.deps.calc;
      return [{ text: m(ctx, 'jkk_death_ask_funeral', { funeral: formatRupiah(p.jkkFuneral), multiplier: p.jkkDeathMultiplier, min: formatRupiah(p.jkkDeathMin), example }) }];
    }
    return [{ text: m(ctx, slots.kind === 'death' || slots.kind === undefined ? 'jkk_death_ask' : 'jkk_wage_ask', { example }) }];
  },

  async complete(ctx, slots) {
    const wage = slots.wage;
    const p = ctx.deps.calc;
    const rp = formatRupiah;
    rememberFacts(ctx.state, { wage });
    const reused = slots.reusedWage ? `${reusedWageNote(ctx, rp(wage))}\n` : '';
    const buttons = [{ title: m(ctx, 'jkk_claim_button'), payload: 'intent:jkk_claim' }];
    const L = ctx.lang === 'en' ? 'en' : 'id';
    if (slots.kind === 'stmb') {
      const r = jkkStmbBenefit({ monthlyWage: wage }, p);
      const text = m(ctx, 'jkk_stmb_result', {
        wage: rp(wage), first_rate: formatPercent(p.jkkStmbFirstRate, L), first: rp(r.firstMonthly), months: r.firstMonths,
        after_rate: formatPercent(p.jkkStmbAfterRate, L), after: rp(r.afterMonthly), first_total: rp(r.firstTotal),
      });
      return { done: true, messages: [{ text: reused + text, buttons }] };
    }
    if (slots.kind === 'disability') {
      const r = jkkTotalDisabilityBenefit({ monthlyWage: wage }, p);
      const text = m(ctx, 'jkk_disability_result', {
        wage: rp(wage), multiplier: p.jkkDisabilityMultiplier, lump_sum: rp(r.lumpSum), periodic: rp(r.periodic), total: rp(r.total),
        children: ctx.deps.kb.rules.num('scholarship.max_children'), scholarship: rp(r.scholarshipMax),
      });
      return { done: true, messages: [{ text: reused + text, buttons }] };
    }
    const r = jkkDeathBenefit({ monthlyWage: wage }, p);
    // "biaya pemakamannya berapa?" right after the result: that line alone.
    if (slots.funeral && slots.followUp) return { done: true, messages: [{ text: m(ctx, 'jkk_death_funeral', { funeral: rp(r.funeral), wage: rp(wage) }) }] };
    const atMin = r.lumpSum === p.jkkDeathMin && p.jkkDeathMultiplier * wage < p.jkkDeathMin;
    const text = m(ctx, 'jkk_death_result', {
      wage: rp(wage), multiplier: p.jkkDeathMultiplier, lump_sum: rp(r.lumpSum),
      min_note: m(ctx, atMin ? 'jkk_death_min_applied' : 'jkk_death_min_note', { min: rp(p.jkkDeathMin) }),
      funeral: rp(r.funeral), periodic: rp(r.periodic), total: rp(r.total),
      children: ctx.deps.kb.rules.num('scholarship.max_children'), scholarship: rp(r.scholarshipMax),
    });
    return { done: true, messages: [{ text: reused + text, buttons }] };
  },
};
