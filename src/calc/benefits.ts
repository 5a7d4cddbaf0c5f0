/** Benefit amounts (facts §5a–§5c). Rounded half-up to whole rupiah. */
import type { CalcParams } from './params.ts';
import { roundHalfUp } from './money.ts';

/** JKM (death not caused by work): fixed cash amounts, plus the scholarship cap (needs jkmScholarshipMinYears of contributions). */
export function jkmBenefit(params: CalcParams): {
  lumpSum: number; periodic: number; funeral: number; total: number; scholarshipMax: number; scholarshipMinYears: number;
} {
  return {
    lumpSum: params.jkmLumpSum,
    periodic: params.jkmPeriodic,
    funeral: params.jkmFuneral,
    total: params.jkmTotal,
    scholarshipMax: params.scholarshipMaxTotal,
    scholarshipMinYears: params.jkmScholarshipMinYears,
  };
}

/** PP 6/2025 applies to layoffs (PHK) from this date; earlier ones follow PP 37/2021. */
export const JKP_PP6_2025_FROM = '2025-02-07';
export type JkpRule = 'pp6_2025' | 'pp37_2021';

/** Which JKP rule applies to a PHK on an ISO date. */
export const jkpRuleFor = (phkDate: string): JkpRule => (phkDate < JKP_PP6_2025_FROM ? 'pp37_2021' : 'pp6_2025');

/**
 * JKP (job loss) cash benefit on the last reported wage capped at jkp.wage_cap.
 * PP 6/2025: 60% for 6 months. PP 37/2021: 45% for months 1–3, 25% for months 4–6.
 */
export function jkpBenefit(input: { monthlyWage: number; rule?: JkpRule }, params: CalcParams): {
  rule: JkpRule; wageBasis: number; monthly: number[]; total: number;
} {
  const rule = input.rule ?? 'pp6_2025';
  if (!Number.isFinite(input.monthlyWage) || input.monthlyWage < 0) throw new RangeError('monthlyWage must be a non-negative number');
  const basis = Math.min(input.monthlyWage, params.jkpWageCap);
  const months = params.jkpBenefitMonths;
  const monthly = Array.from({ length: months }, (_, i) => {
    const rate = rule === 'pp6_2025' ? params.jkpBenefitRate : i < months / 2 ? params.jkpOldRateFirst3 : params.jkpOldRateNext3;
    return roundHalfUp(basis * rate);
  });
  return { rule, wageBasis: basis, monthly, total: monthly.reduce((a, b) => a + b, 0) };
}

/** JKK death from a work accident or occupational disease: 48 × wage (at least jkk.death_min) + funeral + periodic. */
export function jkkDeathBenefit(input: { monthlyWage: number }, params: CalcParams): {
  lumpSum: number; funeral: number; periodic: number; total: number; scholarshipMax: number;
} {
  if (!Number.isFinite(input.monthlyWage) || input.monthlyWage < 0) throw new RangeError('monthlyWage must be a non-negative number');
  const lumpSum = Math.max(params.jkkDeathMin, roundHalfUp(params.jkkDeathMultiplier * input.monthlyWage));
  const total = lumpSum + params.jkkFuneral + params.jkkPeriodic;
  return { lumpSum, funeral: params.jkkFuneral, periodic: params.jkkPeriodic, total, scholarshipMax: params.scholarshipMaxTotal };
}

/** JKK total permanent disability: 56 × wage, plus the periodic benefit paid at once. */
export function jkkTotalDisabilityBenefit(input: { monthlyWage: number }, params: CalcParams): {
  lumpSum: number; periodic: number; total: number; scholarshipMax: number;
} {
  if (!Number.isFinite(input.monthlyWage) || input.monthlyWage < 0) throw new RangeError('monthlyWage must be a non-negative number');
  const lumpSum = roundHalfUp(params.jkkDisabilityMultiplier * input.monthlyWage);
  return { lumpSum, periodic: params.jkkPeriodic, total: lumpSum + params.jkkPeriodic, scholarshipMax: params.scholarshipMaxTotal };
}

/** JKK wage while temporarily unable to work (STMB): a share of the monthly wage in the first months, then a lower share until recovery. */
export function jkkStmbBenefit(input: { monthlyWage: number }, params: CalcParams): { firstMonthly: number; firstMonths: number; afterMonthly: number; firstTotal: number } {
  if (!Number.isFinite(input.monthlyWage) || input.monthlyWage < 0) throw new RangeError('monthlyWage must be a non-negative number');
  const firstMonthly = roundHalfUp(params.jkkStmbFirstRate * input.monthlyWage);
  return {
    firstMonthly,
    firstMonths: params.jkkStmbFirstMonths,
    afterMonthly: roundHalfUp(params.jkkStmbAfterRate * input.monthlyWage),
    firstTotal: firstMonthly * params.jkkStmbFirstMonths,
  };
}
