/**
 * JKK death benefit for the user's wage ("suami meninggal kecelakaan kerja, gajinya 6 juta, dapat berapa?").
 * Serves jkk_info (startWhen: the message is about a death), so a work/commute death never gets the JKM answer.
 */
import type { DialogContext } from '../context.ts';
import { jkkDeathBenefit } from '../../calc/benefits.ts';
import { formatRupiah } from '../../calc/money.ts';
import { rememberFacts, reusedWageNote, readWageAmount } from '../values.ts';
import type { DialogDef, Extraction, Slots } from '../types.ts';

/** A sentence of the benefits catalogue (knowledge/messages/benefits.yaml). */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`benefits.${key}`, ctx.lang, params);

/** The message is about a death ("meninggal", "wafat", "died"). */
export const DEATH = /\b(meninggal|wafat|tewas|almarhum|almh|alm|mati|gugur|died|dies|death|dead|passed away|killed)\b/i;
/** The funeral costs are asked ("biaya pemakamannya berapa?"): a fixed figure, given before the wage is asked. */
const FUNERAL = /\b(pemakaman|pemakamannya|penguburan|pemakamanya|kubur|funeral|burial)\b/i;

export const jkkDeath: DialogDef = {
  id: 'jkk_death',
  intent: 'jkk_info',
  title: 'dialogs.jkk_death',
  slots: [{ name: 'wage' }],
  whatIf: true,
  covers: ['jkk'],
  transient: ['funeral', 'reusedWage', 'death'],
  startWhen: (first) => first.values.death === true,

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    if (DEATH.test(text)) values.death = true;
    if (FUNERAL.test(text)) values.funeral = true;
    const wage = readWageAmount(text);
    if (wage !== undefined) values.wage = wage;
    const known = ctx?.state.facts?.wage;
    if (values.wage === undefined && awaiting === undefined && !slots?.wage && typeof known === 'number') {
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
    return [{ text: m(ctx, 'jkk_death_ask', { example }) }];
  },

  async complete(ctx, slots) {
    const wage = slots.wage as number;
    const p = ctx.deps.calc;
    const r = jkkDeathBenefit({ monthlyWage: wage }, p);
    rememberFacts(ctx.state, { wage });
    const rp = formatRupiah;
    const reused = slots.reusedWage ? `${reusedWageNote(ctx, rp(wage))}
` : '';
    // "biaya pemakamannya berapa?" right after the result: that line alone.
    if (slots.funeral && slots.followUp) return { done: true, messages: [{ text: m(ctx, 'jkk_death_funeral', { funeral: rp(r.funeral), wage: rp(wage) }) }] };
    const atMin = r.lumpSum === p.jkkDeathMin && p.jkkDeathMultiplier * wage < p.jkkDeathMin;
    const text = m(ctx, 'jkk_death_result', {
      wage: rp(wage), multiplier: p.jkkDeathMultiplier, lump_sum: rp(r.lumpSum),
      min_note: m(ctx, atMin ? 'jkk_death_min_applied' : 'jkk_death_min_note', { min: rp(p.jkkDeathMin) }),
      funeral: rp(r.funeral), periodic: rp(r.periodic), total: rp(r.total),
      children: ctx.deps.kb.rules.num('scholarship.max_children'), scholarship: rp(r.scholarshipMax),
    });
    return { done: true, messages: [{ text: reused + text, buttons: [
      { title: m(ctx, 'jkk_claim_button'), payload: 'intent:jkk_claim' },
    ] }] };
  },
};
