/**
 * JKK death benefit for the user's wage ("suami meninggal kecelakaan kerja, gajinya 6 juta, dapat berapa?").
 * Serves jkk_info (startWhen: the message is about a death), so a work/commute death never gets the JKM answer.
 */
import { tr } from '../context.ts';
import { jkkDeathBenefit } from '../../calc/benefits.ts';
import { formatRupiah } from '../../calc/money.ts';
import { readMoney, rememberFacts, reusedWageNote } from '../values.ts';
import type { DialogDef, Extraction, Slots } from '../types.ts';

/** The message is about a death ("meninggal", "wafat", "died"). */
export const DEATH = /\b(meninggal|wafat|tewas|almarhum|almh|alm|mati|gugur|died|dies|death|dead|passed away|killed)\b/i;

export const jkkDeath: DialogDef = {
  id: 'jkk_death',
  intent: 'jkk_info',
  title: { id: 'santunan kematian JKK', en: 'JKK death benefit' },
  slots: [{ name: 'wage' }],
  whatIf: true,
  startWhen: (first) => first.values.death === true,

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    if (DEATH.test(text)) values.death = true;
    const money = readMoney(text);
    const wage = money.wage ?? money.income ?? money.unlabelled[0];
    if (wage !== undefined && wage >= 100_000) values.wage = wage;
    const known = ctx?.state.facts?.wage;
    if (values.wage === undefined && awaiting === undefined && !slots?.wage && typeof known === 'number') {
      values.wage = known;
      values.reusedWage = true;
    }
    return { values };
  },

  prompt(_slot, ctx) {
    return [{ text: tr(ctx, {
      id: 'Turut berduka cita. Santunan kematian karena kecelakaan kerja (JKK) dihitung dari upah. Berapa *upah terakhir per bulan* almarhum/almarhumah yang dilaporkan ke BPJS Ketenagakerjaan? Contoh: *6 juta*.',
      en: 'Our condolences. The work-accident (JKK) death benefit depends on the wage. What was the deceased\'s *last monthly wage* reported to BPJS Ketenagakerjaan? E.g. *6 million*.',
    }) }];
  },

  async complete(ctx, slots) {
    const wage = slots.wage as number;
    const p = ctx.deps.calc;
    const r = jkkDeathBenefit({ monthlyWage: wage }, p);
    rememberFacts(ctx.state, { wage });
    const rp = formatRupiah;
    const reused = slots.reusedWage ? `${tr(ctx, reusedWageNote(wage, rp(wage)))}\n` : '';
    const atMin = r.lumpSum === p.jkkDeathMin && p.jkkDeathMultiplier * wage < p.jkkDeathMin;
    const text = tr(ctx, {
      id:
        `🕊️ *Santunan JKK: meninggal karena kecelakaan kerja* (termasuk dalam perjalanan pergi/pulang kerja) untuk upah ${rp(wage)}:\n` +
        `• Santunan kematian: ${p.jkkDeathMultiplier} × upah = *${rp(r.lumpSum)}*` + (atMin ? ` (minimal ${rp(p.jkkDeathMin)})` : ` (paling sedikit ${rp(p.jkkDeathMin)})`) + `\n` +
        `• Biaya pemakaman: ${rp(r.funeral)}\n` +
        `• Santunan berkala (dibayar sekaligus): ${rp(r.periodic)}\n` +
        `*Total*: ${rp(r.total)}\n` +
        `• Beasiswa untuk paling banyak ${ctx.deps.kb.rules.num('scholarship.max_children')} anak, total hingga ${rp(r.scholarshipMax)}, *tanpa masa iuran minimal* karena meninggal akibat kecelakaan kerja.\n\n` +
        `Ini manfaat JKK, bukan santunan JKM (yang berlaku untuk meninggal bukan karena kecelakaan kerja). Kecelakaan perlu dilaporkan pemberi kerja ke BPJS Ketenagakerjaan.`,
      en:
        `🕊️ *JKK benefit: death from a work accident* (including on the way to or from work) for a wage of ${rp(wage)}:\n` +
        `• Death benefit: ${p.jkkDeathMultiplier} × wage = *${rp(r.lumpSum)}*` + (atMin ? ` (the minimum of ${rp(p.jkkDeathMin)})` : ` (at least ${rp(p.jkkDeathMin)})`) + `\n` +
        `• Funeral costs: ${rp(r.funeral)}\n` +
        `• Periodic benefit (paid at once): ${rp(r.periodic)}\n` +
        `*Total*: ${rp(r.total)}\n` +
        `• Scholarship for up to ${ctx.deps.kb.rules.num('scholarship.max_children')} children, up to ${rp(r.scholarshipMax)} in total, *with no minimum contribution period* because the death was caused by a work accident.\n\n` +
        `This is the JKK benefit, not the JKM death benefit (which is for deaths not caused by work). The employer must report the accident to BPJS Ketenagakerjaan.`,
    });
    return { done: true, messages: [{ text: reused + text, buttons: [
      { title: tr(ctx, { id: 'Cara klaim JKK', en: 'How to claim JKK' }), payload: 'intent:jkk_claim' },
    ] }] };
  },
};
