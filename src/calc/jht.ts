/**
 * JHT balance simulation with the agency website's assumptions (facts §10a).
 *
 * Contribution C = wage × (employer + worker rate), paid on the 1st of every month (annuity due); every
 * contribution grows for the rest of its month and every later month; the balance is read at the end of month n.
 * Conventions for turning the annual growth g into monthly steps:
 *  A (default): effective annual, f = (1+g)^(1/12) — B0 grows by exactly (1+g)^years.
 *  B: nominal, f = 1 + g/12 (effective yield slightly above g).
 *  C: annual crediting (reference): each full year balance×(1+g) + C×(12 + g×6.5); a partial last year of k months
 *     credits simple interest pro rata (balance×(1+g·k/12) + C×(k + g·k(k+1)/24)).
 * Arithmetic is floating point; amounts are rounded half-up to whole rupiah only at the end.
 */
import type { CalcParams } from './params.ts';
import { roundHalfUp } from './money.ts';

export type GrowthConvention = 'A' | 'B' | 'C';

export interface JhtInput {
  monthlyWage: number;
  /** Whole or fractional years; added to `months`. At least one month in total. */
  years?: number;
  months?: number;
  initialBalance?: number;
  /** Annual growth as a fraction; default rules `jht.sim_growth`. */
  annualGrowth?: number;
  employerRate?: number;
  workerRate?: number;
  convention?: GrowthConvention;
}

export interface JhtResult {
  /** Estimated balance at the end of the last month (whole rupiah). */
  balance: number;
  /** C per month, and its employer / worker parts (each rounded separately, for display). */
  monthlyContribution: number;
  employerMonthly: number;
  workerMonthly: number;
  /** Sum of the contributions over the period (exact sum, rounded once). */
  totalContributions: number;
  ownContributions: number;
  employerContributions: number;
  initialBalance: number;
  /** balance − initialBalance − totalContributions (so the parts add up to the balance exactly). */
  growth: number;
  months: number;
  assumptions: {
    annualGrowth: number;
    employerRate: number;
    workerRate: number;
    convention: GrowthConvention;
    /** Monthly growth factor used (A/B); for C the annual factor. */
    factor: number;
    timing: 'start_of_month';
  };
}

/** Total months from years + months, rounded to a whole month (1,5 tahun → 18). */
export function totalMonths(years = 0, months = 0): number {
  return Math.round(years * 12 + months);
}

export function simulateJht(input: JhtInput, params: CalcParams): JhtResult {
  const wage = input.monthlyWage;
  const n = totalMonths(input.years, input.months);
  const b0 = input.initialBalance ?? 0;
  const g = input.annualGrowth ?? params.jhtGrowth;
  const er = input.employerRate ?? params.jhtEmployerRate;
  const wr = input.workerRate ?? params.jhtWorkerRate;
  const convention = input.convention ?? 'A';
  if (!Number.isFinite(wage) || wage < 0) throw new RangeError('monthlyWage must be a non-negative number');
  if (!Number.isFinite(n) || n < 1) throw new RangeError('the period must be at least one month');
  if (!Number.isFinite(b0) || b0 < 0) throw new RangeError('initialBalance must be a non-negative number');
  if (!Number.isFinite(g) || g <= -1) throw new RangeError('annualGrowth must be above -100%');

  const c = wage * (er + wr);
  let balance: number;
  let factor: number;
  if (convention === 'C') {
    factor = 1 + g;
    balance = b0;
    const fullYears = Math.floor(n / 12);
    for (let y = 0; y < fullYears; y++) balance = balance * (1 + g) + c * (12 + g * 6.5);
    const k = n % 12;
    if (k > 0) balance = balance * (1 + (g * k) / 12) + c * (k + (g * k * (k + 1)) / 24);
  } else {
    factor = convention === 'A' ? Math.pow(1 + g, 1 / 12) : 1 + g / 12;
    balance = b0;
    // Paid on the 1st, grows through the month: iterate (identical to B0·fⁿ + C·f·(fⁿ−1)/(f−1), also for g = 0).
    for (let i = 0; i < n; i++) balance = (balance + c) * factor;
  }

  const total = roundHalfUp(c * n);
  const own = roundHalfUp(wage * wr * n);
  const rounded = roundHalfUp(balance);
  return {
    balance: rounded,
    monthlyContribution: roundHalfUp(c),
    employerMonthly: roundHalfUp(wage * er),
    workerMonthly: roundHalfUp(wage * wr),
    totalContributions: total,
    ownContributions: own,
    employerContributions: total - own,
    initialBalance: roundHalfUp(b0),
    growth: rounded - roundHalfUp(b0) - total,
    months: n,
    assumptions: { annualGrowth: g, employerRate: er, workerRate: wr, convention, factor, timing: 'start_of_month' },
  };
}
