import type { DialogContext } from '../context.ts';
import { simulateJht } from '../../calc/jht.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatMonths, formatPercent } from '../format.ts';
import { implausibleWage, MAX_WAGE, MIN_WAGE, mentionsZeroBalance, readBareNumber, readMoney, readMonths, readPercent, rememberFacts, reusedWageNote } from '../values.ts';
import type { Rules } from '../../knowledge/types.ts';
import { ASKS_OWN_CONTRIBUTION, contributionResult } from './contributions.ts';

/** Declared JHT returns by year from rules.yaml (returns.year / returns.prev_year and year-keyed variants). */
export function declaredJhtReturns(rules: Rules): { year: number; rate: number }[] {
  const out = new Map<number, number>();
  const keys = new Set(rules.keys());
  const num = (k: string): number | undefined => { try { return keys.has(k) ? rules.num(k) : undefined; } catch { return undefined; } };
  for (const p of ['', 'prev_', 'prev2_']) {
    const y = num(`returns.${p}year`), r = num(`returns.${p}jht_conventional`);
    if (y !== undefined && r !== undefined && !out.has(y)) out.set(y, r);
  }
  for (const k of keys) {
    const m = /^returns(?:\.(\d{4})\.jht_conventional|\.jht_conventional[._](\d{4})|_(\d{4})\.jht_conventional)$/.exec(k);
    const r = m ? num(k) : undefined;
    if (m && r !== undefined) out.set(Number(m[1] ?? m[2] ?? m[3]), r);
  }
  return [...out].map(([year, rate]) => ({ year, rate })).sort((a, b) => b.year - a.year);
}
import type { DialogDef } from '../types.ts';

const MAX_MONTHS = 50 * 12;

/** A sentence of the simulations catalogue (knowledge/messages/simulations.yaml), in the turn's language or in both. */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`simulations.${key}`, ctx.lang, params);
const both = (ctx: DialogContext, key: string, params?: Record<string, string | number>): { id: string; en: string } => ({
  id: ctx.deps.kb.message(`simulations.${key}`, 'id', params), en: ctx.deps.kb.message(`simulations.${key}`, 'en', params),
});
/** An example amount as the user would type it ("5 juta", "5 million"). */
const millions = (ctx: DialogContext, n: number): string => (ctx.lang === 'en' ? `${n} million` : `${n} juta`);

/**
 * The wage and the period in months; the starting balance (Rp0 when not said) and a yearly return (the one of
 * the rules when not said, `growthYear` when it is a declared one); whether the wage was remembered; `ask`: the
 * contributions for the wage are asked instead ("iuran saya berapa?" after a result).
 */
export type JhtSlots = {
  wage: number;
  months: number;
  balance?: number;
  growth?: number;
  growthYear?: number;
  reusedWage?: boolean;
  ask?: 'contribution';
};

/** JHT balance simulation: asks for the wage and the years; the starting balance is optional (Rp0). */
export const jhtSimulation: DialogDef<JhtSlots> = {
  id: 'jht_simulation',
  intent: 'jht_simulation',
  title: 'dialogs.jht_simulation',
  slots: [{ name: 'wage' }, { name: 'months' }, { name: 'balance', optional: true }, { name: 'growth', optional: true }, { name: 'growthYear', optional: true }],
  whatIf: true,

  extract(text, awaiting, ctx, slots) {
    const values: Partial<JhtSlots> = {};
    // Optional: another yearly return ("hasil pengembangan 6%"), or the latest declared one.
    const t = text.toLowerCase();
    if (/(hasil pengembangan|pengembangan|\b(pakai|pake|gunakan|use) (the )?hasil\b|bunga|imbal hasil|return|growth|interest)/.test(t)) {
      const pct = readPercent(text);
      if (pct !== undefined && pct > 0 && pct <= 0.2) values.growth = pct;
      else if (/(terakhir|terbaru|tahun lalu|sebenarnya|aktual|latest|last year|actual|newest|most recent|\b20\d\d\b)/.test(t)) {
        const declared = declaredJhtReturns(ctx.deps.kb.rules);
        const year = /\b(20\d\d)\b/.exec(t)?.[1];
        const pick = year ? declared.find((d) => d.year === Number(year)) : declared[0];
        if (pick) { values.growth = pick.rate; values.growthYear = pick.year; }
        else if (year) return { values, invalid: { slot: 'growth', reason: both(ctx, 'jht_growth_year_unknown', { year, available: declared.map((d) => d.year).join(', ') || '-' }) } };
        else values.growth = ctx.deps.calc.jhtLatestReturn;
      }
    }
    const money = readMoney(text);
    if (money.wage !== undefined) values.wage = money.wage;
    if (money.balance !== undefined) values.balance = money.balance;
    for (const n of money.unlabelled) {
      if (awaiting === 'balance' && values.balance === undefined) values.balance = n;
      else if (values.wage === undefined) values.wage = n;
      else if (values.balance === undefined) values.balance = n;
    }
    if (mentionsZeroBalance(text)) values.balance = 0;
    // A new simulation reuses the wage given earlier in this conversation (e.g. in the JP simulation).
    const known = ctx.state.facts?.wage;
    if (values.wage === undefined && !Object.keys(slots).length && awaiting === undefined && typeof known === 'number') {
      values.wage = known;
      values.reusedWage = true;
    }
    // "iuran saya berapa?" after a result: the contributions for that wage (answered by the contribution dialog).
    if (typeof slots.wage === 'number' && ASKS_OWN_CONTRIBUTION.test(text)) return { values: { ask: 'contribution' } };
    const months = readMonths(text);
    if (months !== undefined) values.months = months;
    else if (awaiting === 'months') {
      const n = readBareNumber(text);
      if (n !== undefined && n >= 1 && n <= 50) values.months = n * 12;
    }
    if (typeof values.wage === 'number' && values.wage < MIN_WAGE) delete values.wage;
    if (typeof values.wage === 'number' && values.wage > MAX_WAGE) {
      delete values.wage;
      return { values, invalid: { slot: 'wage', reason: implausibleWage(ctx) } };
    }
    if (typeof values.months === 'number' && (values.months < 1 || values.months > MAX_MONTHS)) {
      delete values.months;
      return { values, invalid: { slot: 'months', reason: both(ctx, 'jht_months_out_of_range') } };
    }
    if (money.vague && values.wage === undefined) return { values, invalid: { slot: 'wage', reason: both(ctx, 'jht_vague_wage') } };
    return { values };
  },

  prompt(slot, ctx, slots, reprompt) {
    const reused = slots.reusedWage && typeof slots.wage === 'number' && !reprompt ? `${reusedWageNote(ctx, formatRupiah(slots.wage))} ` : '';
    if (slot === 'wage') {
      return [{ text: reprompt ? m(ctx, 'jht_ask_wage_again', { example: millions(ctx, 5), exact: formatRupiah(5_500_000) }) : m(ctx, 'jht_ask_wage', { example: millions(ctx, 5) }) }];
    }
    return [{ text: reused + m(ctx, reprompt ? 'jht_ask_years_again' : 'jht_ask_years') }];
  },

  async complete(ctx, slots) {
    if (slots.ask === 'contribution') {
      delete slots.ask;
      return contributionResult(ctx, { wage: slots.wage, reusedWage: true });
    }
    const p = ctx.deps.calc;
    const wage = slots.wage, months = slots.months, balance = slots.balance ?? 0;
    const growthRate = slots.growth ?? p.jhtGrowth;
    const r = simulateJht({ monthlyWage: wage, months, initialBalance: balance, annualGrowth: growthRate }, p);
    rememberFacts(ctx.state, { wage, years: Math.round(months / 12) });
    const latestDeclared = declaredJhtReturns(ctx.deps.kb.rules)[0];
    const latestYear = latestDeclared?.year ?? p.jhtLatestReturnYear;
    const growthSource = typeof slots.growthYear === 'number'
      ? m(ctx, 'jht_growth_declared', { year: slots.growthYear })
      : '';
    const L = ctx.lang;
    const period = formatMonths(months, L);
    const growth = formatPercent(growthRate, L);
    const latest = formatPercent(latestDeclared?.rate ?? p.jhtLatestReturn, L);
    const growthHint =
      slots.growth === undefined && latestYear
        ? m(ctx, 'jht_growth_hint', { year: latestYear, rate: latest })
        : growthSource;
    const text =
      (slots.reusedWage ? `${reusedWageNote(ctx, formatRupiah(wage))}\n` : '') +
      m(ctx, 'jht_result', {
        period, balance: formatRupiah(r.balance),
        worker_rate: formatPercent(p.jhtWorkerRate, L), own: formatRupiah(r.ownContributions),
        employer_rate: formatPercent(p.jhtEmployerRate, L), employer: formatRupiah(r.employerContributions),
        start_part: balance ? m(ctx, 'jht_start_part', { amount: formatRupiah(balance) }) : '',
        growth_amount: formatRupiah(r.growth), wage: formatRupiah(wage), monthly: formatRupiah(r.monthlyContribution),
        growth, growth_note: growthHint,
        start_assumption: balance
          ? m(ctx, 'jht_start_assumption', { amount: formatRupiah(balance) })
          : m(ctx, 'jht_start_assumption_none', { zero: formatRupiah(0), example: millions(ctx, 10) }),
        example_wage: millions(ctx, 10),
      });
    return {
      done: true,
      messages: [{ text, buttons: [
        { title: m(ctx, 'jht_balance_button'), payload: 'intent:jht_balance' },
        { title: m(ctx, 'jht_claim_how_button'), payload: 'intent:jht_claim_how' },
        { title: m(ctx, 'jp_simulation_long_button'), payload: 'dialog:jp_simulation' },
      ] }],
    };
  },
};

