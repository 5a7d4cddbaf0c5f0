import { jpBenefitFormula, simulateJp } from '../../calc/jp.ts';
import { wageEarnerContribution } from '../../calc/contributions.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatDate, formatMonths, formatPercent, monthName } from '../format.ts';
import { implausibleWage, MAX_WAGE, MIN_WAGE, readBirthDate, readJoined, readMoney, readPercent, rememberFacts, reusedWageNote, type BirthDateRead } from '../values.ts';

/** JP exists since July 2015: no contribution month before it. */
const JP_START = '2015-07';
import type { DialogDef, DialogDone } from '../types.ts';
import type { DialogContext } from '../context.ts';

/** A sentence of the simulations catalogue (knowledge/messages/simulations.yaml), in the turn's language or in both. */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`simulations.${key}`, ctx.lang, params);
const both = (ctx: DialogContext, key: string): { id: string; en: string } => ({
  id: ctx.deps.kb.message(`simulations.${key}`, 'id'), en: ctx.deps.kb.message(`simulations.${key}`, 'en'),
});

/** The monthly JP contribution (employer + worker) for a wage. */
function contributionReply(ctx: DialogContext, wage: number, reusedWage: boolean): DialogDone {
    rememberFacts(ctx.state, { wage });
    const c = wageEarnerContribution({ monthlyWage: wage, riskClass: 'very_low' }, ctx.deps.calc).jp;
    const rp = formatRupiah;
    const reused = reusedWage ? `${reusedWageNote(ctx, rp(wage))}\n` : '';
    const capped = c.cappedWage < wage;
    const L = ctx.lang;
    const text = reused + m(ctx, 'jp_contribution', {
      wage: rp(wage), employer: rp(c.employer), employer_rate: formatPercent(ctx.deps.calc.jpEmployerRate, L),
      worker: rp(c.worker), worker_rate: formatPercent(ctx.deps.calc.jpWorkerRate, L),
      cap_note: capped ? m(ctx, 'jp_contribution_cap', { cap: rp(c.cappedWage) }) : '',
    });
    return { done: true, messages: [{ text, buttons: [
      { title: m(ctx, 'jp_simulation_button'), payload: 'dialog:jp_simulation' },
      { title: m(ctx, 'all_contributions_button'), payload: 'intent:contribution_rates' },
    ] }] };
}

/**
 * The wage and the birth date ("YYYY-MM-DD"; `birthYearOnly` when only the year was said: mid-year is assumed);
 * the yearly raise (0 when not said), since when the user contributes (`joined`: "YYYY-MM", or 'now' for "baru
 * ikut"), the age the user stops contributing at (`stopAge`); whether the wage or birth date was remembered;
 * `ask`: the JP contribution for the wage is asked instead ("iuran JP saya berapa?" after a result).
 */
export type JpSlots = {
  wage: number;
  birthDate: string;
  birthYearOnly?: boolean;
  raise?: number;
  joined?: string;
  stopAge?: number;
  reusedWage?: boolean;
  reusedBirth?: boolean;
  ask?: 'contribution';
};

/** JP pension estimate: asks for the wage and the birth date; the yearly raise is optional (0%). */
export const jpSimulation: DialogDef<JpSlots> = {
  id: 'jp_simulation',
  intent: 'jp_simulation',
  title: 'dialogs.jp_simulation',
  slots: [{ name: 'wage' }, { name: 'birthDate' }, { name: 'raise', optional: true }, { name: 'joined', optional: true }, { name: 'stopAge', optional: true }],
  whatIf: true,
  covers: ['jp'],
  transient: ['reusedWage', 'reusedBirth'],

  // "iuran JP saya berapa?" (often routed here): the monthly JP contribution for the wage already known.
  async onStart(ctx, slots) {
    const t = ctx.text.toLowerCase();
    const asksContribution = (/\b(iuran|iurannya|contributions?|premi|potongan|dipotong)\b/.test(t) || /\b(bayar|membayar|pay|paying)\b.*\bjp\b|\bjp\b.*\b(bayar|pay)\b/.test(t)) && !/\b(simulasi|simulation|manfaat|benefit|dapat|terima|estimasi|estimate|hitung pensiun)\b/.test(t);
    if (!asksContribution || typeof slots.wage !== 'number') return undefined;
    return contributionReply(ctx, slots.wage, slots.reusedWage === true);
  },

  extract(text, awaiting, ctx, slots) {
    const values: Partial<JpSlots> = {};
    // "eh salah, lahirnya 1992" after a birth date is known: the year changes, day and month stay.
    const yearOnly = /\b(?:lahir\w*|born)\s+(?:(?:saya|aku|gue|gw|sy|in|tahun|thn|th)\s+)*((?:19|20)\d\d)\b(?![-/.]\d)/i.exec(text);
    if (yearOnly && typeof slots.birthDate === 'string' && !readBirthDate(text, ctx.deps.now()).iso) {
      const candidate = `${yearOnly[1]}${slots.birthDate.slice(4)}`;
      if (readBirthDate(candidate, ctx.deps.now()).iso) values.birthDate = candidate;
    }
    const money = readMoney(text);
    const wage = money.wage ?? money.unlabelled[0];
    if (wage !== undefined && wage >= MIN_WAGE && wage <= MAX_WAGE) values.wage = wage;
    if (wage !== undefined && wage > MAX_WAGE) return { values, invalid: { slot: 'wage', reason: implausibleWage(ctx) } };
    // "iuran JP saya berapa?" after a result: the JP contribution for that wage.
    if (typeof slots.wage === 'number' && /\b(iuran|iurannya|contributions?|potongan|dipotong|deducted)\b/i.test(text) && !/\d/.test(text)) return { values: { ask: 'contribution' } };
    // "kalau pensiun umur 58?": the user stops contributing at that age.
    const stop = /\b(?:pensiun|berhenti( kerja| bekerja)?|resign|retire|stop working)\s+(?:di\s+|pada\s+|at\s+)?(?:umur|usia|age)?\s*(\d{2})\b/i.exec(text) ?? /\b(?:umur|usia|age)\s+(\d{2})\b/i.exec(text);
    const stopAge = stop ? Number(stop[2] ?? stop[1]) : undefined;
    if (stopAge !== undefined && stopAge >= 40 && stopAge <= 70) return { values: { stopAge } };
    const joined = readJoined(text, ctx.deps.now());
    if (joined) values.joined = joined;
    // "sejak Maret 2018" is a join date, not a birth date.
    const birth: BirthDateRead = joined && !/\b(lahir|born|birth)/i.test(text) ? { invalid: false } : readBirthDate(text, ctx.deps.now());
    if (birth.iso && values.birthDate === undefined) {
      values.birthDate = birth.iso;
      values.birthYearOnly = false;
    }
    // "lahir 1990" (or a bare year when the birth date is asked) with no birth date known yet: the year is enough
    // for an estimate; mid-year is assumed and said in the result.
    const bareYear = awaiting === 'birthDate' ? /^\s*(?:tahun\s+|th\s+|thn\s+)?((?:19|20)\d\d)\s*$/.exec(text) : null;
    const birthYear = (yearOnly ?? bareYear)?.[1];
    if (values.birthDate === undefined && !birth.iso && birthYear && typeof slots.birthDate !== 'string' && !joined) {
      const candidate = `${birthYear}-07-01`;
      if (readBirthDate(candidate, ctx.deps.now()).iso) {
        values.birthDate = candidate;
        values.birthYearOnly = true;
      }
    }
    // A new simulation reuses the wage and birth date given earlier in this conversation.
    const facts = ctx.state.facts;
    if (!Object.keys(slots).length && awaiting === undefined && facts) {
      if (values.wage === undefined && typeof facts.wage === 'number') { values.wage = facts.wage; values.reusedWage = true; }
      if (values.birthDate === undefined && typeof facts.birthDate === 'string') { values.birthDate = facts.birthDate; values.reusedBirth = true; }
    }
    const raise = joined ? undefined : readPercent(text);
    if (raise !== undefined && raise >= 0 && raise <= 0.3) values.raise = raise;
    if (birth.invalid && awaiting === 'birthDate')
      return { values, invalid: { slot: 'birthDate', reason: both(ctx, 'jp_birth_date_invalid') } };
    if (money.vague && values.wage === undefined)
      return { values, invalid: { slot: 'wage', reason: both(ctx, 'jp_vague_wage') } };
    return { values };
  },

  prompt(slot, ctx, _slots, reprompt) {
    if (slot === 'wage')
      return [{ text: m(ctx, reprompt ? 'jp_ask_wage_again' : 'jp_ask_wage', { example: ctx.lang === 'en' ? '7 million' : '7 juta' }) }];
    return [{ text: m(ctx, reprompt ? 'jp_ask_birth_date_again' : 'jp_ask_birth_date') }];
  },

  async complete(ctx, slots) {
    if (slots.ask === 'contribution') {
      delete slots.ask;
      return contributionReply(ctx, slots.wage, true);
    }
    const L = ctx.lang;
    const wage = slots.wage, birthDate = slots.birthDate, raise = slots.raise ?? 0;
    rememberFacts(ctx.state, { wage, birthDate });
    const nowDate = new Date(ctx.deps.now());
    const nowMonth = new Date(ctx.deps.now() + 7 * 3600_000).toISOString().slice(0, 7);
    // Since when the user contributes: never before JP began (July 2015), never after this month.
    const rawJoined = typeof slots.joined === 'string' && slots.joined !== 'now' ? slots.joined : undefined;
    const joined = rawJoined ? (rawJoined < JP_START ? JP_START : rawJoined > nowMonth ? nowMonth : rawJoined) : undefined;
    if (joined) rememberFacts(ctx.state, { joinedJpYear: Number(joined.slice(0, 4)) });
    const r = simulateJp({ birthDate, monthlyWage: wage, yearlyRaise: raise, asOf: joined ? `${joined}-01` : nowDate }, ctx.deps.calc);
    const fromNow = joined ? simulateJp({ birthDate, monthlyWage: wage, yearlyRaise: raise, asOf: nowDate }, ctx.deps.calc) : r;
    const paidMonths = r.contributionMonths - fromNow.contributionMonths;
    const joinedMonth = joined ? `${monthName(Number(joined.slice(5, 7)), L)} ${joined.slice(0, 4)}` : '';
    const reused = [
      slots.reusedWage ? reusedWageNote(ctx, formatRupiah(wage)) : '',
      slots.reusedBirth ? m(ctx, 'jp_reused_birth', { date: formatDate(birthDate, L) }) : '',
      slots.birthYearOnly === true ? m(ctx, 'jp_birth_year_only', { year: birthDate.slice(0, 4) }) : '',
    ].filter(Boolean).join(' ');
    const prefix = reused ? `${reused}\n\n` : '';
    const clamped = rawJoined && rawJoined < JP_START
      ? m(ctx, 'jp_joined_clamped')
      : '';
    const basis = joined
      ? m(ctx, 'jp_basis_joined', { month: joinedMonth, clamped, paid: formatMonths(paidMonths, L) })
      : m(ctx, slots.joined === 'now' ? 'jp_basis_just_joined' : 'jp_basis_from_now');
    const invite = !joined && slots.joined !== 'now'
      ? m(ctx, 'jp_invite_joined')
      : '';
    const when = `${monthName(r.retirementMonth, L)} ${r.retirementYear}`;
    const masa = formatMonths(r.contributionMonths, L);
    const assumptions = m(ctx, 'jp_assumptions', {
      basis, wage: formatRupiah(wage), raise: formatPercent(raise, L), example_raise: formatPercent(0.05, L),
      ceiling: formatRupiah(ctx.deps.calc.jpWageCeiling), ceiling_growth: formatPercent(ctx.deps.calc.jpCeilingGrowth, L), born: formatDate(birthDate, L),
    });
    let text: string;
    const stopAge = typeof slots.stopAge === 'number' ? slots.stopAge : undefined;
    const birthY = Number(birthDate.slice(0, 4)), birthM = Number(birthDate.slice(5, 7));
    const startIdx = r.startYear * 12 + r.startMonth - 1;
    const stopMonths = stopAge !== undefined ? Math.max(0, Math.min(r.contributionMonths, (birthY + stopAge) * 12 + birthM - 1 - startIdx)) : undefined;
    if (stopAge !== undefined && stopMonths !== undefined && stopAge < r.pensionAge && r.kind !== 'past_pension_age') {
      const b = jpBenefitFormula(stopMonths, r.averageWage, ctx.deps.calc);
      const enough = stopMonths >= ctx.deps.calc.jpMinMonths;
      text = m(ctx, 'jp_stop_result', {
        stop_age: stopAge, pension_age: r.pensionAge, when, period: formatMonths(stopMonths, L), months: stopMonths,
        outcome: enough
          ? m(ctx, 'jp_stop_monthly', { when, benefit: formatRupiah(b.benefit), accrual: formatPercent(ctx.deps.calc.jpAccrualRate, L), average: formatRupiah(r.averageWage) })
          : m(ctx, 'jp_stop_lump_sum', { min_months: ctx.deps.calc.jpMinMonths }),
        assumptions,
      });
    } else if (r.kind === 'monthly') {
      text = m(ctx, 'jp_monthly', {
        pension_age: r.pensionAge, when, period: masa, months: r.contributionMonths, benefit: formatRupiah(r.monthlyBenefit),
        limit_note: (r.cappedAtMax ? m(ctx, 'jp_capped_at_max') : '') + (r.raisedToMin ? m(ctx, 'jp_raised_to_min') : ''),
        accrual: formatPercent(ctx.deps.calc.jpAccrualRate, L), average: formatRupiah(r.averageWage), assumptions, invite,
      });
    } else if (r.kind === 'past_pension_age') {
      text = m(ctx, 'jp_past_pension_age', { born: formatDate(birthDate, L), pension_age: r.pensionAge, when });
    } else if (!joined && slots.joined !== 'now') {
      // Under 180 months counted from now: an existing participant may still reach them. Ask before saying "lump sum".
      text = m(ctx, 'jp_ask_joined', { pension_age: r.pensionAge, when, period: masa, months: r.contributionMonths, min_months: ctx.deps.calc.jpMinMonths });
    } else {
      text = m(ctx, 'jp_lump_sum', {
        pension_age: r.pensionAge, when, period: masa, months: r.contributionMonths, min_months: ctx.deps.calc.jpMinMonths,
        lump_sum: formatRupiah(r.lumpSum), assumptions,
      });
    }
    text = prefix + text;
    return { done: true, messages: [{ text, buttons: [
      { title: m(ctx, 'jp_info_button'), payload: 'intent:jp_info' },
      { title: m(ctx, 'jht_simulation_button'), payload: 'dialog:jht_simulation' },
    ] }] };
  },
};
