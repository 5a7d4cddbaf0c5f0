import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jkkDeathBenefit, jkkStmbBenefit, jkkTotalDisabilityBenefit, jkmBenefit, jkpBenefit, jkpRuleFor } from '../../src/calc/benefits.ts';
import { params } from './params.ts';

describe('benefits (facts §10c)', () => {
  it('JKM: Rp42.000.000 cash, scholarship up to Rp174.000.000 after 3 years', () => {
    expect(jkmBenefit(params)).toEqual({ lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000, total: 42_000_000, scholarshipMax: 174_000_000, scholarshipMinYears: 3 });
    const j = jkmBenefit(params);
    expect(j.lumpSum + j.periodic + j.funeral).toBe(j.total);
  });

  it('JKP under PP 6/2025: 60% of the wage capped at Rp5.000.000, 6 months', () => {
    expect(jkpBenefit({ monthlyWage: 4_000_000 }, params)).toMatchObject({ monthly: Array(6).fill(2_400_000), total: 14_400_000 });
    expect(jkpBenefit({ monthlyWage: 5_000_000 }, params)).toMatchObject({ total: 18_000_000 });
    expect(jkpBenefit({ monthlyWage: 12_000_000 }, params)).toMatchObject({ wageBasis: 5_000_000, monthly: Array(6).fill(3_000_000), total: 18_000_000 });
  });

  it('JKP under PP 37/2021: 45% × 3 + 25% × 3', () => {
    const r = jkpBenefit({ monthlyWage: 4_000_000, rule: 'pp37_2021' }, params);
    expect(r.monthly).toEqual([1_800_000, 1_800_000, 1_800_000, 1_000_000, 1_000_000, 1_000_000]);
    expect(r.total).toBe(8_400_000);
    expect(jkpBenefit({ monthlyWage: 9_000_000, rule: 'pp37_2021' }, params).total).toBe(10_500_000);
  });

  it('picks the JKP rule by PHK date', () => {
    expect(jkpRuleFor('2025-02-06')).toBe('pp37_2021');
    expect(jkpRuleFor('2025-02-07')).toBe('pp6_2025');
  });

  it('JKK death: 48 × wage (at least Rp20.000.000) + funeral + periodic', () => {
    expect(jkkDeathBenefit({ monthlyWage: 5_000_000 }, params)).toEqual({ lumpSum: 240_000_000, funeral: 10_000_000, periodic: 12_000_000, total: 262_000_000, scholarshipMax: 174_000_000 });
    expect(jkkDeathBenefit({ monthlyWage: 300_000 }, params).lumpSum).toBe(20_000_000);
  });

  it('JKK total permanent disability: 56 × wage', () => {
    expect(jkkTotalDisabilityBenefit({ monthlyWage: 5_000_000 }, params)).toMatchObject({ lumpSum: 280_000_000, periodic: 12_000_000, total: 292_000_000 });
  });

  it('monotone in wage, integer, non-negative', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      for (const f of [
        (w: number) => jkpBenefit({ monthlyWage: w }, params).total,
        (w: number) => jkpBenefit({ monthlyWage: w, rule: 'pp37_2021' }, params).total,
        (w: number) => jkkDeathBenefit({ monthlyWage: w }, params).total,
        (w: number) => jkkTotalDisabilityBenefit({ monthlyWage: w }, params).total,
      ]) {
        expect(Number.isInteger(f(lo)) && f(lo) >= 0).toBe(true);
        expect(f(lo)).toBeLessThanOrEqual(f(hi));
      }
    }));
  });
});

describe('JKK STMB (temporarily unable to work)', () => {
  it('100% of the wage for the first 12 months, then 50% (PP 82/2019)', () => {
    expect(jkkStmbBenefit({ monthlyWage: 6_000_000 }, params)).toEqual({ firstMonthly: 6_000_000, firstMonths: 12, afterMonthly: 3_000_000, firstTotal: 72_000_000 });
    expect(jkkStmbBenefit({ monthlyWage: 4_333_333 }, params).afterMonthly).toBe(2_166_667);
  });
  it('rejects a negative wage', () => {
    expect(() => jkkStmbBenefit({ monthlyWage: -1 }, params)).toThrow(RangeError);
  });
});
