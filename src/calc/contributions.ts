/**
 * Monthly contributions (facts §2, §3). Every line item is rounded half-up to whole rupiah on its own;
 * totals are sums of the rounded items (what a payslip or bill shows).
 */
import type { CalcParams, RiskClass } from './params.ts';
import { roundHalfUp } from './money.ts';
import { ceilingFor, monthOf } from './jp.ts';

export type { RiskClass } from './params.ts';
export { RISK_CLASSES } from './params.ts';

export interface WageEarnerInput {
  monthlyWage: number;
  /** JKK risk class of the business; default very_low. */
  riskClass?: RiskClass;
  /** Month the contribution is for (picks the JP ceiling in force); default: the current ceiling. */
  asOf?: Date | string;
}

export interface Split { employer: number; worker: number; total: number }

export interface WageEarnerContribution {
  wage: number;
  riskClass: RiskClass;
  jht: Split;
  jkk: Split & { rate: number };
  jkm: Split & { rate: number };
  /** JP on min(wage, ceiling). */
  jp: Split & { ceiling: number; cappedWage: number };
  /** JKP costs employer and worker nothing extra (funded by the government and a share of JKK). */
  jkp: Split;
  total: Split;
}

const split = (employer: number, worker: number): Split => ({ employer, worker, total: employer + worker });

/** Wage earner (Penerima Upah) contributions per program. */
export function wageEarnerContribution(input: WageEarnerInput, params: CalcParams): WageEarnerContribution {
  const wage = input.monthlyWage;
  if (!Number.isFinite(wage) || wage < 0) throw new RangeError('monthlyWage must be a non-negative number');
  const risk = input.riskClass ?? 'very_low';
  const ceiling = input.asOf === undefined
    ? params.jpWageCeiling
    : roundHalfUp(ceilingFor(monthOf(input.asOf), params, 0, monthOf(input.asOf)));
  const cappedWage = Math.min(wage, ceiling);
  const jht = split(roundHalfUp(wage * params.jhtEmployerRate), roundHalfUp(wage * params.jhtWorkerRate));
  const jkkRate = params.jkkRates[risk];
  const jkk = { ...split(roundHalfUp(wage * jkkRate), 0), rate: jkkRate };
  const jkm = { ...split(roundHalfUp(wage * params.jkmRate), 0), rate: params.jkmRate };
  const jp = { ...split(roundHalfUp(cappedWage * params.jpEmployerRate), roundHalfUp(cappedWage * params.jpWorkerRate)), ceiling, cappedWage };
  const jkp = split(0, 0);
  const employer = jht.employer + jkk.employer + jkm.employer + jp.employer;
  const worker = jht.worker + jp.worker;
  return { wage, riskClass: risk, jht, jkk, jkm, jp, jkp, total: split(employer, worker) };
}

export interface BpuInput { declaredIncome: number }

export interface BpuContribution {
  declaredIncome: number;
  /** Income the contribution is computed on: declared income kept within [bpu.income_min, bpu.income_max]. */
  clampedIncome: number;
  /** Set when the declared income was outside that range. */
  outOfRange?: 'below_min' | 'above_max';
  /** 1% of income, at least bpu.jkk_min and at most bpu.jkk_max. */
  jkk: number;
  /** Flat. */
  jkm: number;
  /** 2% of income (optional program for BPU). */
  jht: number;
  /** JKK + JKM. */
  basic: number;
  /** JKK + JKM + JHT. */
  full: number;
}

/** Self-employed (Bukan Penerima Upah) contributions by declared income. */
export function bpuContribution(input: BpuInput, params: CalcParams): BpuContribution {
  const income = input.declaredIncome;
  if (!Number.isFinite(income) || income < 0) throw new RangeError('declaredIncome must be a non-negative number');
  const clamped = Math.min(params.bpuIncomeMax, Math.max(params.bpuIncomeMin, income));
  const jkk = Math.min(params.bpuJkkMax, Math.max(params.bpuJkkMin, roundHalfUp(clamped * params.bpuJkkRate)));
  const jkm = params.bpuJkm;
  const jht = roundHalfUp(clamped * params.bpuJhtRate);
  const out: BpuContribution = { declaredIncome: income, clampedIncome: clamped, jkk, jkm, jht, basic: jkk + jkm, full: jkk + jkm + jht };
  if (income < params.bpuIncomeMin) out.outOfRange = 'below_min';
  else if (income > params.bpuIncomeMax) out.outOfRange = 'above_max';
  return out;
}
