import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bpuContribution, wageEarnerContribution, RISK_CLASSES } from '../../src/calc/contributions.ts';
import { params } from './params.ts';

describe('wage earner contributions (facts §10c)', () => {
  it('wage 5.000.000, very low risk', () => {
    const r = wageEarnerContribution({ monthlyWage: 5_000_000, riskClass: 'very_low' }, params);
    expect(r.jht).toEqual({ employer: 185_000, worker: 100_000, total: 285_000 });
    expect(r.jkk.employer).toBe(12_000);
    expect(r.jkk.worker).toBe(0);
    expect(r.jkm.employer).toBe(15_000);
    expect(r.jp).toMatchObject({ employer: 100_000, worker: 50_000, cappedWage: 5_000_000 });
    expect(r.jkp).toEqual({ employer: 0, worker: 0, total: 0 });
    expect(r.total).toEqual({ employer: 185_000 + 12_000 + 15_000 + 100_000, worker: 150_000, total: 462_000 });
  });

  it('wage 15.000.000: JP on the ceiling in force', () => {
    const now = wageEarnerContribution({ monthlyWage: 15_000_000 }, params);
    expect(now.jht).toMatchObject({ employer: 555_000, worker: 300_000 });
    expect(now.jkk.employer).toBe(36_000);
    expect(now.jkm.employer).toBe(45_000);
    expect(now.jp).toMatchObject({ employer: 221_726, worker: 110_863, cappedWage: 11_086_300 });
    const march26 = wageEarnerContribution({ monthlyWage: 15_000_000, asOf: '2026-03-01' }, params);
    expect(march26.jp).toMatchObject({ employer: 221_726, worker: 110_863 });
    const feb26 = wageEarnerContribution({ monthlyWage: 15_000_000, asOf: '2026-02-28' }, params);
    expect(feb26.jp).toMatchObject({ employer: 210_948, worker: 105_474, cappedWage: 10_547_400 });
  });

  it.each([
    ['very_low', 12_000], ['low', 27_000], ['medium', 44_500], ['high', 63_500], ['very_high', 87_000],
  ] as const)('JKK class %s on 5.000.000 → %d', (cls, jkk) => {
    expect(wageEarnerContribution({ monthlyWage: 5_000_000, riskClass: cls }, params).jkk.employer).toBe(jkk);
  });
});

describe('BPU contributions (facts §3)', () => {
  it.each([
    [1_000_000, 10_000, 16_800, 20_000, 36_800],
    [2_000_000, 20_000, 26_800, 40_000, 66_800],
    [5_000_000, 50_000, 56_800, 100_000, 156_800],
    [20_700_000, 207_000, 213_800, 414_000, 627_800],
  ])('income %d', (income, jkk, basic, jht, full) => {
    const r = bpuContribution({ declaredIncome: income }, params);
    expect(r).toMatchObject({ jkk, jkm: 6_800, basic, jht, full, clampedIncome: income });
    expect(r.outOfRange).toBeUndefined();
  });

  it('the minimum packages match the published ones', () => {
    const r = bpuContribution({ declaredIncome: 1_000_000 }, params);
    expect(r.basic).toBe(params.bpuPackageBasic);
    expect(r.full).toBe(params.bpuPackageFull);
  });

  it('keeps the income within the allowed range and says so', () => {
    expect(bpuContribution({ declaredIncome: 500_000 }, params)).toMatchObject({ clampedIncome: 1_000_000, outOfRange: 'below_min', basic: 16_800 });
    expect(bpuContribution({ declaredIncome: 30_000_000 }, params)).toMatchObject({ clampedIncome: 20_700_000, outOfRange: 'above_max', jkk: 207_000 });
  });
});

describe('contributions: properties', () => {
  const wage = fc.integer({ min: 0, max: 500_000_000 });
  const cls = fc.constantFrom(...RISK_CLASSES);
  it('integer, non-negative, monotone in wage', () => {
    fc.assert(fc.property(wage, wage, cls, (a, b, c) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const x = wageEarnerContribution({ monthlyWage: lo, riskClass: c }, params);
      const y = wageEarnerContribution({ monthlyWage: hi, riskClass: c }, params);
      for (const v of [x.total.employer, x.total.worker, x.jp.employer, x.jkk.employer]) expect(Number.isInteger(v) && v >= 0).toBe(true);
      expect(x.total.total).toBeLessThanOrEqual(y.total.total);
      expect(x.jp.total).toBeLessThanOrEqual(y.jp.total);
      const p = bpuContribution({ declaredIncome: lo }, params), q = bpuContribution({ declaredIncome: hi }, params);
      expect(Number.isInteger(p.full) && p.full >= params.bpuPackageFull).toBe(true);
      expect(p.full).toBeLessThanOrEqual(q.full);
    }));
  });
});
