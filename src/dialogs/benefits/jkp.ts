/** JKP (job loss) cash benefit for the user's last wage ("gaji terakhir 4 juta, dapat JKP berapa?"). Serves jkp_info when a wage is given. */
import { tr } from '../context.ts';
import { jkpBenefit } from '../../calc/benefits.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatPercent } from '../format.ts';
import { readMoney, rememberFacts, reusedWageNote } from '../values.ts';
import type { DialogDef, Extraction, Slots } from '../types.ts';

/** "berapa", "dapat", "how much": the amount is asked, so a remembered wage applies. */
const AMOUNT = /\b(berapa|brp|dapat|dapet|hitung|simulasi|how much|calculate|amount|get)\b/i;

export const jkpAmount: DialogDef = {
  id: 'jkp_amount',
  intent: 'jkp_info',
  title: { id: 'hitung manfaat JKP', en: 'JKP benefit calculation' },
  slots: [{ name: 'wage' }],
  whatIf: true,
  startWhen: (first) => first.values.wage !== undefined,

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    const money = readMoney(text);
    const wage = money.wage ?? money.income ?? money.unlabelled[0];
    if (wage !== undefined && wage >= 100_000) values.wage = wage;
    const known = ctx?.state.facts?.wage;
    if (values.wage === undefined && awaiting === undefined && !slots?.wage && typeof known === 'number' && AMOUNT.test(text)) {
      values.wage = known;
      values.reusedWage = true;
    }
    return { values };
  },

  prompt(_slot, ctx) {
    return [{ text: tr(ctx, {
      id: 'Berapa *upah terakhir per bulan* yang dilaporkan ke BPJS Ketenagakerjaan? Contoh: *4 juta*.',
      en: 'What was your *last monthly wage* reported to BPJS Ketenagakerjaan? E.g. *4 million*.',
    }) }];
  },

  async complete(ctx, slots) {
    const wage = slots.wage as number;
    const p = ctx.deps.calc;
    const r = jkpBenefit({ monthlyWage: wage, rule: 'pp6_2025' }, p);
    const old = jkpBenefit({ monthlyWage: wage, rule: 'pp37_2021' }, p);
    rememberFacts(ctx.state, { wage });
    const rp = formatRupiah;
    const reused = slots.reusedWage ? `${tr(ctx, reusedWageNote(wage, rp(wage)))}\n` : '';
    const capped = r.wageBasis < wage;
    const L = ctx.lang === 'en' ? 'en' : 'id';
    const text = tr(ctx, {
      id:
        `💼 *Manfaat uang tunai JKP* untuk upah terakhir ${rp(wage)}` + (capped ? ` (dihitung dari batas upah JKP ${rp(p.jkpWageCap)})` : '') + `:\n` +
        `• PHK sejak 7 Februari 2025 (PP 6/2025): ${formatPercent(p.jkpBenefitRate, L)} × ${rp(r.wageBasis)} = *${rp(r.monthly[0] ?? 0)} per bulan* selama ${p.jkpBenefitMonths} bulan, total *${rp(r.total)}*.\n` +
        `• PHK sebelum 7 Februari 2025 (PP 37/2021): ${formatPercent(p.jkpOldRateFirst3, L)} (3 bulan pertama, ${rp(old.monthly[0] ?? 0)}/bulan) + ${formatPercent(p.jkpOldRateNext3, L)} (3 bulan berikutnya, ${rp(old.monthly[old.monthly.length - 1] ?? 0)}/bulan), total ${rp(old.total)}.\n\n` +
        `Syarat: minimal ${ctx.deps.kb.rules.num('jkp.min_contribution_months')} bulan iuran dalam 24 bulan sebelum PHK; bukan karena mengundurkan diri.`,
      en:
        `💼 *JKP cash benefit* for a last wage of ${rp(wage)}` + (capped ? ` (on the JKP wage cap of ${rp(p.jkpWageCap)})` : '') + `:\n` +
        `• Layoff on or after 7 February 2025 (PP 6/2025): ${formatPercent(p.jkpBenefitRate, L)} × ${rp(r.wageBasis)} = *${rp(r.monthly[0] ?? 0)} a month* for ${p.jkpBenefitMonths} months, *${rp(r.total)}* in total.\n` +
        `• Layoff before 7 February 2025 (PP 37/2021): ${formatPercent(p.jkpOldRateFirst3, L)} (first 3 months, ${rp(old.monthly[0] ?? 0)}/month) + ${formatPercent(p.jkpOldRateNext3, L)} (next 3 months, ${rp(old.monthly[old.monthly.length - 1] ?? 0)}/month), ${rp(old.total)} in total.\n\n` +
        `Conditions: at least ${ctx.deps.kb.rules.num('jkp.min_contribution_months')} months of contributions in the 24 months before the layoff; resignation does not qualify.`,
    });
    return { done: true, messages: [{ text: reused + text, buttons: [
      { title: tr(ctx, { id: 'Cara klaim JKP', en: 'How to claim JKP' }), payload: 'intent:jkp_claim' },
    ] }] };
  },
};
