/** Jakon (construction) JKK contribution for a contract value ("nilai kontrak proyek 2 miliar iurannya berapa?"). */
import { tr } from '../context.ts';
import { jakonJkkContribution, jakonTiersFrom } from '../../calc/jakon.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatPercent } from '../format.ts';
import { readMoney, rememberFacts } from '../values.ts';
import type { DialogDef, Extraction, Slots } from '../types.ts';

const ASKS_FEE = /\b(iuran|iurannya|biaya|bayar|berapa|brp|hitung|contribution|fee|cost|how much|calculate)\b/i;

export const jakonContribution: DialogDef = {
  id: 'jakon_contribution',
  intent: 'registration_jakon',
  title: { id: 'hitung iuran Jakon', en: 'Jakon contribution calculation' },
  slots: [{ name: 'contractValue' }],
  whatIf: true,
  startWhen: (first) => first.values.contractValue !== undefined || first.values.asksFee === true,

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    const money = readMoney(text);
    const v = money.unlabelled[0] ?? money.wage ?? money.income;
    if (v !== undefined && v >= 1_000_000) values.contractValue = v;
    if (ASKS_FEE.test(text)) values.asksFee = true;
    const known = ctx?.state.facts?.contractValue;
    if (values.contractValue === undefined && awaiting === undefined && !slots?.contractValue && typeof known === 'number' && values.asksFee) {
      values.contractValue = known;
      values.reused = true;
    }
    return { values };
  },

  prompt(_slot, ctx) {
    return [{ text: tr(ctx, {
      id: 'Berapa *nilai kontrak proyek* konstruksinya? Contoh: *2 miliar*.',
      en: 'What is the *contract value* of the construction project? E.g. *2 billion*.',
    }) }];
  },

  async complete(ctx, slots) {
    const value = slots.contractValue as number;
    const rules = ctx.deps.kb.rules;
    const r = jakonJkkContribution(value, jakonTiersFrom((k) => rules.num(k)));
    rememberFacts(ctx.state, { contractValue: value });
    const rp = formatRupiah;
    const L = ctx.lang === 'en' ? 'en' : 'id';
    const rows = r.parts.map((p) => `• ${formatPercent(p.rate, L)} × ${rp(p.base)} = ${rp(p.amount)}`).join('\n');
    const reused = slots.reused
      ? tr(ctx, { id: `Memakai nilai kontrak ${rp(value)} yang Anda sebut tadi.\n`, en: `Using the contract value of ${rp(value)} you gave earlier.\n` })
      : '';
    const text = tr(ctx, {
      id: `🏗️ *Iuran JKK Jasa Konstruksi* untuk nilai kontrak ${rp(value)}, dihitung bertahap per bagian nilai kontrak:\n${rows}\n*Total JKK*: *${rp(r.total)}*\n\n` +
        `Ditambah iuran JKM yang juga dihitung bertahap dari nilai kontrak; pastikan besarnya ke kantor cabang. Jika upah pekerja diketahui, iuran dihitung dari upah (tarif penerima upah). Proyek wajib didaftarkan paling lambat ${rules.num('jakon.register_days')} hari kerja sejak SPK terbit.`,
      en: `🏗️ *Construction (Jakon) JKK contribution* for a contract value of ${rp(value)}, charged tier by tier on each part of the value:\n${rows}\n*JKK total*: *${rp(r.total)}*\n\n` +
        `A JKM contribution, also tiered on the contract value, comes on top; confirm its amount with a branch office. When the workers' wages are known, the wage-earner rates on the wages apply instead. The project must be registered within ${rules.num('jakon.register_days')} working days after the work order (SPK).`,
    });
    return { done: true, messages: [{ text: reused + text }] };
  },
};
