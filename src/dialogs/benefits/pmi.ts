/** PMI (migrant worker) JKK+JKM fee for a contract length ("kontrak kerja 2 tahun di Taiwan iurannya berapa?"). */
import { tr } from '../context.ts';
import { pmiFee, pmiFeesFrom } from '../../calc/pmi.ts';
import { formatRupiah } from '../../calc/money.ts';
import { readBareNumber, readMonths } from '../values.ts';
import type { DialogDef, Extraction, Slots } from '../types.ts';

const ASKS_FEE = /\b(iuran|iurannya|biaya|bayar|berapa|brp|hitung|contribution|fee|cost|how much|calculate)\b/i;

export const pmiContribution: DialogDef = {
  id: 'pmi_contribution',
  intent: 'registration_pmi',
  title: { id: 'hitung iuran PMI', en: 'PMI fee calculation' },
  slots: [{ name: 'months' }],
  whatIf: true,
  startWhen: (first) => first.values.months !== undefined || first.values.asksFee === true,

  extract(text, awaiting): Extraction {
    const values: Slots = {};
    const m = readMonths(text) ?? (awaiting === 'months' ? readBareNumber(text) : undefined);
    if (m !== undefined && Number.isInteger(m) && m >= 1 && m <= 120) values.months = m;
    if (ASKS_FEE.test(text)) values.asksFee = true;
    return { values };
  },

  prompt(_slot, ctx) {
    return [{ text: tr(ctx, {
      id: 'Berapa *lama kontrak kerja* di luar negeri (dalam bulan)? Contoh: *24 bulan* atau *2 tahun*.',
      en: 'How long is the *work contract* abroad (in months)? E.g. *24 months* or *2 years*.',
    }) }];
  },

  async complete(ctx, slots) {
    const months = slots.months as number;
    const r = pmiFee(months, pmiFeesFrom((k) => ctx.deps.kb.rules.num(k)));
    const rp = formatRupiah;
    const extra = r.extraMonths > 0;
    const text = tr(ctx, {
      id: `✈️ *Iuran JKK + JKM Pekerja Migran* untuk kontrak ${months} bulan:\n` +
        `• Sebelum berangkat: ${rp(r.preDeparture)}\n` +
        `• Masa kerja dan sesudahnya: ${rp(r.bandFee)} (paket ${r.band} bulan)` + (extra ? ` + ${r.extraMonths} bulan tambahan × ${rp(r.extraFee / r.extraMonths)} = ${rp(r.workPeriod)}` : '') + `\n` +
        `*Total*: *${rp(r.total)}*, dibayar sekaligus.\n\nJHT bersifat sukarela, dengan pilihan iuran bulanan ${rp(ctx.deps.kb.rules.num('pmi.jht_min'))} sampai ${rp(ctx.deps.kb.rules.num('pmi.jht_max'))}.`,
      en: `✈️ *Migrant worker JKK + JKM fee* for a ${months}-month contract:\n` +
        `• Before departure: ${rp(r.preDeparture)}\n` +
        `• Work period and after: ${rp(r.bandFee)} (${r.band}-month band)` + (extra ? ` + ${r.extraMonths} extra months × ${rp(r.extraFee / r.extraMonths)} = ${rp(r.workPeriod)}` : '') + `\n` +
        `*Total*: *${rp(r.total)}*, paid at once.\n\nJHT is voluntary, with monthly contributions from ${rp(ctx.deps.kb.rules.num('pmi.jht_min'))} to ${rp(ctx.deps.kb.rules.num('pmi.jht_max'))}.`,
    });
    return { done: true, messages: [{ text }] };
  },
};
