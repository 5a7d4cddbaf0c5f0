/**
 * Jakon (construction) JKK + JKM contribution for a contract value ("nilai kontrak proyek 2 miliar iurannya berapa?"),
 * each charged tier by tier. "jkm nya sendiri berapa?" right after gives the JKM part alone (transient `part`).
 * JKM is computed on its verified tiers only; a contract above them says the rest is to be confirmed.
 */
import type { DialogContext } from '../context.ts';
import { jakonJkkContribution, jakonJkmContribution, jakonJkmTiersFrom, jakonTiersFrom } from '../../calc/jakon.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatPercent } from '../format.ts';
import { readMoney, rememberFacts } from '../values.ts';
import type { DialogDef, FollowUpSlots } from '../types.ts';

/** A sentence of the benefits catalogue (knowledge/messages/benefits.yaml). */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`benefits.${key}`, ctx.lang, params);

const CALC_CUE = /\b(kontrak|contract|hitung|calculate|simulasi|nilai proyek|project value)\b/i;
const PART = { jkm: /\b(jkm|jaminan kematian|death benefit)\b/i, jkk: /\b(jkk|jaminan kecelakaan kerja|work accident)\b/i };
const ASKS_FEE = /\b(iuran|iurannya|biaya|bayar|berapa|brp|hitung|contribution|fee|cost|how much|calculate)\b/i;

/**
 * The contract value; the part asked alone (`part`), whether the value was remembered (`reused`), whether a fee
 * was asked about a contract (`asksFee`).
 */
export type JakonSlots = FollowUpSlots & { contractValue: number; part?: 'jkm' | 'jkk'; reused?: boolean; asksFee?: boolean };

export const jakonContribution: DialogDef<JakonSlots> = {
  id: 'jakon_contribution',
  intent: 'registration_jakon',
  title: 'dialogs.jakon_contribution',
  slots: [{ name: 'contractValue' }],
  whatIf: true,
  covers: ['jakon', 'jkk', 'jkm'],
  transient: ['part', 'reused', 'asksFee'],
  startWhen: (first) => first.values.contractValue !== undefined || first.values.asksFee === true,

  extract(text, awaiting, ctx, slots) {
    const values: Partial<JakonSlots> = {};
    const money = readMoney(text);
    const v = money.unlabelled[0] ?? money.wage ?? money.income;
    if (v !== undefined && v >= 1_000_000) values.contractValue = v;
    // A fee question starts the calculation only when it is about a contract ("iurannya berapa?" alone gets the answer).
    if (ASKS_FEE.test(text) && CALC_CUE.test(text)) values.asksFee = true;
    const jkm = PART.jkm.test(text), jkk = PART.jkk.test(text);
    if (jkm !== jkk) values.part = jkm ? 'jkm' : 'jkk';
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
    const value = slots.contractValue;
    const rules = ctx.deps.kb.rules;
    const num = (k: string) => rules.num(k);
    const jkk = jakonJkkContribution(value, jakonTiersFrom(num));
    const jkm = jakonJkmContribution(value, jakonJkmTiersFrom(num));
    rememberFacts(ctx.state, { contractValue: value });
    const rp = formatRupiah;
    const L = ctx.lang === 'en' ? 'en' : 'id';
    const rows = (r: typeof jkk) => r.parts.map((p) => `• ${formatPercent(p.rate, L)} × ${rp(p.base)} = ${rp(p.amount)}`).join('\n');
    const jkmNote = jkm.uncovered > 0 ? m(ctx, 'jakon_jkm_uncovered', { covered: rp(value - jkm.uncovered), rest: rp(jkm.uncovered) }) : '';
    const reused = slots.reused ? `${m(ctx, 'jakon_reused', { value: rp(value) })}\n` : '';
    const part = slots.part === 'jkm' || slots.part === 'jkk' ? slots.part : undefined;
    if (slots.followUp && part) {
      const r = part === 'jkm' ? jkm : jkk;
      const text = m(ctx, part === 'jkm' ? 'jakon_jkm_only' : 'jakon_jkk_only', { value: rp(value), rows: rows(r), total: rp(r.total), note: part === 'jkm' ? jkmNote : '' });
      return { done: true, messages: [{ text: reused + text }] };
    }
    const text = m(ctx, 'jakon_result', {
      value: rp(value), rows: rows(jkk), total: rp(jkk.total), jkm_rows: rows(jkm), jkm_total: rp(jkm.total),
      grand_total: rp(jkk.total + jkm.total) + (jkm.uncovered > 0 ? m(ctx, 'jakon_total_partial', { covered: rp(value - jkm.uncovered) }) : ''), jkm_note: jkmNote,
    });
    return { done: true, messages: [{ text: reused + text }] };
  },
};
