/**
 * JP (Jaminan Pensiun) estimate (facts §5d, §6, §10b variant V1).
 *
 * - Pension age by PP 45/2015 art. 15: 56 until 2018, 57 from 2019, +1 every 3 years, 65 from 2043.
 *   A participant retires in the first calendar year y with (y − birth year) ≥ pensionAge(y), in the birth month.
 * - Contributions run from the as-of month (inclusive) to the month before the retirement month.
 * - Wage: nominal; the yearly raise is applied every January after the as-of year. Each month counts
 *   min(wage, JP ceiling). The ceiling in force grows by the assumed rate every March (PP 45/2015 art. 29
 *   adjusts it in March); months before the current ceiling's `from` use the previous ceiling.
 * - Monthly benefit (first year) = accrual (1%) × months/12 × average counted wage. No inflation indexing (V1).
 *   Clamp: below the latest KNOWN minimum → raised to it (minimums only rise, so this is safe);
 *   above the latest KNOWN maximum → capped at it and flagged `cappedAtMax` (the maximum in the pension year
 *   is unknown and will be higher, so the capped figure is conservative; `formulaBenefit` keeps the uncapped one).
 * - Fewer than jp.min_months (180) months: a lump sum instead. ESTIMATE: the contributions (employer+worker share
 *   of the capped wage) accumulated at the latest JP fund return, effective annual, paid on the 1st of each month.
 * Arithmetic is floating point; results are rounded half-up to whole rupiah only at the end.
 */
import type { CalcParams, YearMonth } from './params.ts';
import { roundHalfUp } from './money.ts';

/** JP pension age in calendar year `year`. */
export function pensionAge(year: number): number {
  if (year < 2019) return 56;
  return Math.min(65, 57 + Math.floor((year - 2019) / 3));
}

export interface YMD { year: number; month: number; day: number }

/** "1990-06-15" → { year, month, day }; throws on anything else. */
export function parseIsoDate(iso: string): YMD {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) throw new RangeError(`not a valid date: ${iso}`);
  return d;
}

/** Year and month the participant reaches JP pension age, and that age. */
export function retirementDate(birth: string | YMD): { year: number; month: number; age: number } {
  const b = typeof birth === 'string' ? parseIsoDate(birth) : birth;
  let y = b.year + 56;
  while (y - b.year < pensionAge(y)) y++;
  return { year: y, month: b.month, age: pensionAge(y) };
}

/**
 * First-year monthly benefit from contribution months and the average counted wage:
 * accrual × months/12 × average, rounded half-up, then raised to the latest known minimum or capped at the
 * latest known maximum (flags say which). Does not check the minimum months.
 */
export function jpBenefitFormula(months: number, averageWage: number, params: CalcParams):
  { formula: number; benefit: number; raisedToMin: boolean; cappedAtMax: boolean } {
  const formula = roundHalfUp(params.jpAccrualRate * (months / 12) * averageWage);
  if (formula < params.jpBenefitMin) return { formula, benefit: params.jpBenefitMin, raisedToMin: true, cappedAtMax: false };
  if (formula > params.jpBenefitMax) return { formula, benefit: params.jpBenefitMax, raisedToMin: false, cappedAtMax: true };
  return { formula, benefit: formula, raisedToMin: false, cappedAtMax: false };
}

export interface JpInput {
  /** ISO "YYYY-MM-DD". */
  birthDate: string;
  monthlyWage: number;
  /** Yearly raise as a fraction (0.05 = 5%); default 0. */
  yearlyRaise?: number;
  /** Contributions start in this month; default now. A Date is read in Indonesian western time (UTC+7). */
  asOf?: Date | string;
  /** Assumed yearly growth of the JP wage ceiling; default params.jpCeilingGrowth. */
  ceilingGrowth?: number;
  /** Return used for the lump-sum estimate; default params.jpReturnRate. */
  returnRate?: number;
}

export interface JpResult {
  /** monthly: pension per month; lump_sum: under the minimum months; past_pension_age: no months left to contribute. */
  kind: 'monthly' | 'lump_sum' | 'past_pension_age';
  pensionAge: number;
  retirementYear: number;
  retirementMonth: number;
  startYear: number;
  startMonth: number;
  contributionMonths: number;
  /** Average of min(wage, ceiling) over the contribution months (whole rupiah). */
  averageWage: number;
  /** 1% × months/12 × average, before any clamp (0 unless kind = monthly). */
  formulaBenefit: number;
  /** The figure to show for kind = monthly (clamped as described above); 0 otherwise. */
  monthlyBenefit: number;
  raisedToMin: boolean;
  cappedAtMax: boolean;
  /** The latest known minimum / maximum used for the clamp, and from when they apply. */
  benefitMin: number;
  benefitMax: number;
  benefitLimitsFrom?: YearMonth;
  /** Employer + worker JP contributions over the period (whole rupiah). */
  totalContributions: number;
  /** Lump-sum estimate (kind = lump_sum; computed for every kind, 0 when there are no months). */
  lumpSum: number;
  assumptions: { yearlyRaise: number; ceilingGrowth: number; returnRate: number; wageCeilingNow: number };
}

/** Calendar month of a Date in UTC+7, or of a "YYYY-MM[-DD]" string. */
export function monthOf(asOf: Date | string): YearMonth {
  if (typeof asOf === 'string') {
    const m = /^(\d{4})-(\d{2})/.exec(asOf);
    if (!m) throw new RangeError(`not an ISO date: ${asOf}`);
    return { year: Number(m[1]), month: Number(m[2]) };
  }
  const d = new Date(asOf.getTime() + 7 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

const index = (ym: YearMonth): number => ym.year * 12 + (ym.month - 1);

/** JP wage ceiling for a month, projected: the current one grows every anniversary of its `from` month. */
export function ceilingFor(ym: YearMonth, params: CalcParams, growth: number, asOf: YearMonth): number {
  // Without a known `from`, anchor the current ceiling at the latest March at or before the as-of month.
  const from = params.jpWageCeilingFrom ?? { year: asOf.month >= 3 ? asOf.year : asOf.year - 1, month: 3 };
  if (index(ym) < index(from)) return params.jpWageCeilingPrev;
  const steps = ym.year - from.year - (ym.month < from.month ? 1 : 0);
  return params.jpWageCeiling * Math.pow(1 + growth, steps);
}

export function simulateJp(input: JpInput, params: CalcParams): JpResult {
  const birth = parseIsoDate(input.birthDate);
  const wage = input.monthlyWage;
  const raise = input.yearlyRaise ?? 0;
  const cg = input.ceilingGrowth ?? params.jpCeilingGrowth;
  const rr = input.returnRate ?? params.jpReturnRate;
  if (!Number.isFinite(wage) || wage < 0) throw new RangeError('monthlyWage must be a non-negative number');
  if (!Number.isFinite(raise) || raise <= -1) throw new RangeError('yearlyRaise must be above -100%');
  const start = monthOf(input.asOf ?? new Date());
  const ret = retirementDate(birth);
  const months = Math.max(0, index({ year: ret.year, month: ret.month }) - index(start));

  const rate = params.jpEmployerRate + params.jpWorkerRate;
  const f = Math.pow(1 + rr, 1 / 12);
  let sumWage = 0, sumContrib = 0, fund = 0;
  for (let i = 0; i < months; i++) {
    const ym = { year: start.year + Math.floor((start.month - 1 + i) / 12), month: ((start.month - 1 + i) % 12) + 1 };
    const w = wage * Math.pow(1 + raise, ym.year - start.year);
    const counted = Math.min(w, ceilingFor(ym, params, cg, start));
    sumWage += counted;
    sumContrib += counted * rate;
    fund = (fund + counted * rate) * f;
  }
  const average = months > 0 ? sumWage / months : 0;
  const kind: JpResult['kind'] = months === 0 ? 'past_pension_age' : months < params.jpMinMonths ? 'lump_sum' : 'monthly';
  const b = kind === 'monthly' ? jpBenefitFormula(months, average, params) : { formula: 0, benefit: 0, raisedToMin: false, cappedAtMax: false };
  const { formula, benefit, raisedToMin, cappedAtMax } = b;

  return {
    kind,
    pensionAge: ret.age,
    retirementYear: ret.year,
    retirementMonth: ret.month,
    startYear: start.year,
    startMonth: start.month,
    contributionMonths: months,
    averageWage: roundHalfUp(average),
    formulaBenefit: formula,
    monthlyBenefit: benefit,
    raisedToMin,
    cappedAtMax,
    benefitMin: params.jpBenefitMin,
    benefitMax: params.jpBenefitMax,
    benefitLimitsFrom: params.jpBenefitFrom,
    totalContributions: roundHalfUp(sumContrib),
    lumpSum: roundHalfUp(fund),
    assumptions: { yearlyRaise: raise, ceilingGrowth: cg, returnRate: rr, wageCeilingNow: roundHalfUp(ceilingFor(start, params, cg, start)) },
  };
}
