/**
 * JKP (job loss) cash benefit for the user's last wage ("gaji terakhir 4 juta, dapat JKP berapa?"). Serves jkp_info
 * when a wage is given. Right after a result, "totalnya berapa?" / "dibayar berapa bulan?" get that line alone.
 */
import type { DialogContext } from '../context.ts';
import { jkpBenefit } from '../../calc/benefits.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatPercent } from '../format.ts';
import { rememberFacts, reusedWageNote, readWageAmount } from '../values.ts';
import type { DialogDef, FollowUpSlots } from '../types.ts';

/** A sentence of the benefits catalogue (knowledge/messages/benefits.yaml). */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`benefits.${key}`, ctx.lang, params);

/** "berapa", "dapat", "how much": the amount is asked, so a remembered wage applies. */
const AMOUNT = /\b(berapa|brp|dapat|dapet|hitung|simulasi|how much|calculate|amount|get)\b/i;

/** The last wage; whether it was remembered from earlier in the conversation. */
export type JkpSlots = FollowUpSlots & { wage: number; reusedWage?: boolean };

export const jkpAmount: DialogDef<JkpSlots> = {
  id: 'jkp_amount',
  intent: 'jkp_info',
  title: 'dialogs.jkp_amount',
  slots: [{ name: 'wage' }],
  whatIf: true,
  covers: ['jkp'],
  transient: ['reusedWage'],
  resultAspects: ['amount', 'duration'],
  startWhen: (first) => first.values.wage !== undefined,

  extract(text, awaiting, ctx, slots) {
    const values: Partial<JkpSlots> = {};
    const wage = readWageAmount(text);
    if (wage !== undefined) values.wage = wage;
    const known = ctx?.state.facts?.wage;
    if (values.wage === undefined && awaiting === undefined && !slots?.wage && typeof known === 'number' && AMOUNT.test(text)) {
      values.wage = known;
      values.reusedWage = true;
    }
    return { values };
  },

  prompt(_slot, ctx) {
    return [{ text: m(ctx, 'jkp_ask', { example: ctx.lang === 'en' ? '4 million' : '4 juta' }) }];
  },

  async complete(ctx, slots) {
    const wage = slots.wage;
    const p = ctx.deps.calc;
    const r = jkpBenefit({ monthlyWage: wage, rule: 'pp6_2025' }, p);
    const old = jkpBenefit({ monthlyWage: wage, rule: 'pp37_2021' }, p);
    rememberFacts(ctx.state, { wage });
    const rp = formatRupiah;
    const reused = slots.reusedWage ? `${reusedWageNote(ctx, rp(wage))}
` : '';
    const capped = r.wageBasis < wage;
    const L = ctx.lang === 'en' ? 'en' : 'id';
    const lead = slots.aspect === 'amount' || slots.aspect === 'duration'
      ? m(ctx, slots.aspect === 'amount' ? 'jkp_total' : 'jkp_duration', { months: p.jkpBenefitMonths, monthly: rp(r.monthly[0] ?? 0), total: rp(r.total), wage: rp(wage) })
      : '';
    if (lead && slots.followUp) return { done: true, messages: [{ text: lead, buttons: [{ title: m(ctx, 'jkp_claim_button'), payload: 'intent:jkp_claim' }] }] };
    const text = m(ctx, 'jkp_result', {
      wage: rp(wage), capped: capped ? m(ctx, 'jkp_capped', { cap: rp(p.jkpWageCap) }) : '',
      rate: formatPercent(p.jkpBenefitRate, L), basis: rp(r.wageBasis), monthly: rp(r.monthly[0] ?? 0), months: p.jkpBenefitMonths, total: rp(r.total),
      old_first_rate: formatPercent(p.jkpOldRateFirst3, L), old_first: rp(old.monthly[0] ?? 0),
      old_next_rate: formatPercent(p.jkpOldRateNext3, L), old_next: rp(old.monthly[old.monthly.length - 1] ?? 0), old_total: rp(old.total),
      min_months: ctx.deps.kb.rules.num('jkp.min_contribution_months'),
    });
    return { done: true, messages: [{ text: reused + (lead ? `${lead}\n\n` : '') + text, buttons: [
      { title: m(ctx, 'jkp_claim_button'), payload: 'intent:jkp_claim' },
    ] }] };
  },
};
