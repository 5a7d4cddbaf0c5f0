/** Jakon (construction) JKK contribution for a contract value ("nilai kontrak proyek 2 miliar iurannya berapa?"). */
import type { DialogContext } from '../context.ts';
import { jakonJkkContribution, jakonTiersFrom } from '../../calc/jakon.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatPercent } from '../format.ts';
import { readMoney, rememberFacts } from '../values.ts';
import type { DialogDef, Extraction, Slots } from '../types.ts';

/** A sentence of the benefits catalogue (knowledge/messages/benefits.yaml). */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`benefits.${key}`, ctx.lang, params);

const CALC_CUE = /\b(kontrak|contract|hitung|calculate|simulasi|nilai proyek|project value)\b/i;
const ASKS_FEE = /\b(iuran|iurannya|biaya|bayar|berapa|brp|hitung|contribution|fee|cost|how much|calculate)\b/i;

export const jakonContribution: DialogDef = {
  id: 'jakon_contribution',
  intent: 'registration_jakon',
  title: { id: 'iuran Jakon', en: 'Jakon contribution' },
  slots: [{ name: 'contractValue' }],
  whatIf: true,
  startWhen: (first) => first.values.contractValue !== undefined || first.values.asksFee === true,

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    const money = readMoney(text);
    const v = money.unlabelled[0] ?? money.wage ?? money.income;
    if (v !== undefined && v >= 1_000_000) values.contractValue = v;
    // A fee question starts the calculation only when it is about a contract ("iurannya berapa?" alone gets the answer).
    if (ASKS_FEE.test(text) && CALC_CUE.test(text)) values.asksFee = true;
    const known = ctx?.state.facts?.contractValue;
    if (values.contractValue === undefined && awaiting === undefined && !slots?.contractValue && typeof known === 'number' && values.asksFee) {
      values.contractValue = known;
      values.reused = true;
    }
    return { values };
  },

  prompt(_slot, ctx) {
    return [{ text: m(ctx, 'jakon_ask', { example: ctx.lang === 'en' ? '2 billion' : '2 miliar' }) }];
  },

  async complete(ctx, slots) {
    const value = slots.contractValue as number;
    const rules = ctx.deps.kb.rules;
    const r = jakonJkkContribution(value, jakonTiersFrom((k) => rules.num(k)));
    rememberFacts(ctx.state, { contractValue: value });
    const rp = formatRupiah;
    const L = ctx.lang === 'en' ? 'en' : 'id';
    const rows = r.parts.map((p) => `• ${formatPercent(p.rate, L)} × ${rp(p.base)} = ${rp(p.amount)}`).join('\n');
    const reused = slots.reused ? `${m(ctx, 'jakon_reused', { value: rp(value) })}
` : '';
    const text = m(ctx, 'jakon_result', { value: rp(value), rows, total: rp(r.total) });
    return { done: true, messages: [{ text: reused + text }] };
  },
};
