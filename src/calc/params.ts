/**
 * Program figures the calculators use, read from knowledge/rules.yaml (the one place for rates and amounts).
 * The calc functions take a `CalcParams` argument and contain no program figures of their own.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export type RiskClass = 'very_low' | 'low' | 'medium' | 'high' | 'very_high';
export const RISK_CLASSES: readonly RiskClass[] = ['very_low', 'low', 'medium', 'high', 'very_high'];

/** A calendar month, 1-based month. */
export interface YearMonth { year: number; month: number }

export interface CalcParams {
  // Wage earners (PU): rates are fractions (0.037 = 3,7%).
  jhtEmployerRate: number;
  jhtWorkerRate: number;
  jkkRates: Record<RiskClass, number>;
  jkmRate: number;
  jpEmployerRate: number;
  jpWorkerRate: number;
  /** JP wage ceiling now in force (Rp). */
  jpWageCeiling: number;
  /** First month the current ceiling applies (from rules.yaml `from`); undefined = treat it as in force already. */
  jpWageCeilingFrom?: YearMonth;
  /** The ceiling before that (applies to months before `jpWageCeilingFrom`). */
  jpWageCeilingPrev: number;
  /** Assumed yearly growth of the JP ceiling in projections (rules key `jp.sim_ceiling_growth` if present). */
  jpCeilingGrowth: number;
  // JP benefit.
  jpMinMonths: number;
  jpAccrualRate: number;
  /** Latest KNOWN minimum / maximum monthly benefit (the future ones are unknown). */
  jpBenefitMin: number;
  jpBenefitMax: number;
  jpBenefitFrom?: YearMonth;
  /** JP fund return, used for the lump-sum estimate below the minimum months. */
  jpReturnRate: number;
  // JHT simulation.
  jhtGrowth: number;
  /** The latest declared JHT return (conventional) and its year, for "the same with the latest return". */
  jhtLatestReturn: number;
  jhtLatestReturnYear: number;
  // Self-employed (BPU).
  bpuJkkRate: number;
  bpuJkkMin: number;
  bpuJkkMax: number;
  bpuJkm: number;
  bpuJhtRate: number;
  bpuIncomeMin: number;
  bpuIncomeMax: number;
  bpuPackageBasic: number;
  bpuPackageFull: number;
  // JKP (job loss).
  jkpBenefitRate: number;
  jkpBenefitMonths: number;
  jkpWageCap: number;
  jkpOldRateFirst3: number;
  jkpOldRateNext3: number;
  // JKK benefits.
  jkkDeathMultiplier: number;
  jkkDeathMin: number;
  jkkDisabilityMultiplier: number;
  jkkFuneral: number;
  jkkPeriodic: number;
  /** STMB (temporarily unable to work): share of the wage in the first months, and after. */
  jkkStmbFirstRate: number;
  jkkStmbFirstMonths: number;
  jkkStmbAfterRate: number;
  // JKM benefits.
  jkmLumpSum: number;
  jkmPeriodic: number;
  jkmFuneral: number;
  jkmTotal: number;
  jkmScholarshipMinYears: number;
  scholarshipMaxTotal: number;
}

/** Projection assumption used only when rules.yaml has no `jp.sim_ceiling_growth`: the ceiling has grown ≈5%/yr (facts §2a). */
const DEFAULT_CEILING_GROWTH = 0.05;

function yearMonth(iso: string | undefined): YearMonth | undefined {
  const m = iso ? /^(\d{4})-(\d{2})/.exec(iso) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]) } : undefined;
}

/**
 * Map rules keys to calculator fields. `get` returns a numeric rule (throws for unknown keys, like Rules.num);
 * `from` (optional) returns a rule's `from` date, e.g. `k => rules.get(k).from`. Without it the current JP
 * ceiling is treated as already in force for every month.
 */
export function calcParamsFrom(get: (key: string) => number, from?: (key: string) => string | undefined): CalcParams {
  const optional = (key: string, fallback: number): number => {
    try {
      const v = get(key);
      return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
    } catch {
      return fallback;
    }
  };
  const fromOf = (key: string): YearMonth | undefined => {
    try {
      return yearMonth(from?.(key));
    } catch {
      return undefined;
    }
  };
  return {
    jhtEmployerRate: get('contribution.jht.employer'),
    jhtWorkerRate: get('contribution.jht.worker'),
    jkkRates: {
      very_low: get('contribution.jkk.very_low'),
      low: get('contribution.jkk.low'),
      medium: get('contribution.jkk.medium'),
      high: get('contribution.jkk.high'),
      very_high: get('contribution.jkk.very_high'),
    },
    jkmRate: get('contribution.jkm'),
    jpEmployerRate: get('contribution.jp.employer'),
    jpWorkerRate: get('contribution.jp.worker'),
    jpWageCeiling: get('contribution.jp.wage_ceiling'),
    jpWageCeilingFrom: fromOf('contribution.jp.wage_ceiling'),
    jpWageCeilingPrev: optional('contribution.jp.wage_ceiling_prev', get('contribution.jp.wage_ceiling')),
    jpCeilingGrowth: optional('jp.sim_ceiling_growth', DEFAULT_CEILING_GROWTH),
    jpMinMonths: get('jp.min_months'),
    jpAccrualRate: get('jp.accrual_rate'),
    jpBenefitMin: get('jp.benefit_min'),
    jpBenefitMax: get('jp.benefit_max'),
    jpBenefitFrom: fromOf('jp.benefit_max'),
    jpReturnRate: get('returns.jp'),
    jhtGrowth: get('jht.sim_growth'),
    jhtLatestReturn: optional('returns.jht_conventional', get('jht.sim_growth')),
    jhtLatestReturnYear: optional('returns.year', 0),
    bpuJkkRate: get('bpu.jkk_rate'),
    bpuJkkMin: get('bpu.jkk_min'),
    bpuJkkMax: get('bpu.jkk_max'),
    bpuJkm: get('bpu.jkm'),
    bpuJhtRate: get('bpu.jht_rate'),
    bpuIncomeMin: get('bpu.income_min'),
    bpuIncomeMax: get('bpu.income_max'),
    bpuPackageBasic: get('bpu.package_basic'),
    bpuPackageFull: get('bpu.package_full'),
    jkpBenefitRate: get('jkp.benefit_rate'),
    jkpBenefitMonths: get('jkp.benefit_months'),
    jkpWageCap: get('jkp.wage_cap'),
    jkpOldRateFirst3: get('jkp.old_rate_first3'),
    jkpOldRateNext3: get('jkp.old_rate_next3'),
    jkkDeathMultiplier: get('jkk.death_multiplier'),
    jkkDeathMin: get('jkk.death_min'),
    jkkDisabilityMultiplier: get('jkk.disability_multiplier'),
    jkkFuneral: get('jkk.funeral'),
    jkkPeriodic: get('jkk.periodic'),
    jkkStmbFirstRate: get('jkk.stmb_first_rate'),
    jkkStmbFirstMonths: get('jkk.stmb_first_months'),
    jkkStmbAfterRate: get('jkk.stmb_after_rate'),
    jkmLumpSum: get('jkm.lump_sum'),
    jkmPeriodic: get('jkm.periodic'),
    jkmFuneral: get('jkm.funeral'),
    jkmTotal: get('jkm.total'),
    jkmScholarshipMinYears: get('jkm.scholarship_min_years'),
    scholarshipMaxTotal: get('scholarship.max_total'),
  };
}

interface RuleEntry { kind: string; value: unknown; source: string; from?: string }

/** Read rules.yaml (entries `{ kind, value, source, from? }`) straight into CalcParams. */
export async function loadCalcParams(file = 'knowledge/rules.yaml'): Promise<CalcParams> {
  const doc = parse(await readFile(file, 'utf8')) as Record<string, RuleEntry> | null;
  if (!doc || typeof doc !== 'object') throw new Error(`${file}: not a YAML mapping`);
  const entry = (key: string): RuleEntry => {
    const e = doc[key];
    if (!e || typeof e !== 'object') throw new Error(`${file}: missing rule "${key}"`);
    return e;
  };
  const num = (key: string): number => {
    const v = entry(key).value;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${file}: rule "${key}" is not a number`);
    return v;
  };
  return calcParamsFrom(num, (key) => entry(key).from);
}
