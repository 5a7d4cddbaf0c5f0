import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ceilingFor, jpBenefitFormula, pensionAge, retirementDate, simulateJp } from '../../src/calc/jp.ts';
import { params } from './params.ts';

describe('JP pension age (facts §6)', () => {
  it.each([
    [2015, 56], [2018, 56], [2019, 57], [2021, 57], [2022, 58], [2024, 58], [2025, 59], [2027, 59],
    [2028, 60], [2031, 61], [2034, 62], [2037, 63], [2040, 64], [2042, 64], [2043, 65], [2060, 65],
  ])('pensionAge(%d) = %d', (y, a) => expect(pensionAge(y)).toBe(a));

  it.each([
    ['1959-05-01', 2015, 56], ['1965-07-16', 2023, 58], ['1966-03-10', 2024, 58], ['1967-08-01', 2026, 59],
    ['1969-12-01', 2029, 60], ['1975-01-20', 2038, 63], ['1980-01-01', 2045, 65], ['1990-06-15', 2055, 65],
    ['1988-06-21', 2053, 65],
  ])('born %s → retires in %d at %d', (birth, year, age) => {
    const r = retirementDate(birth);
    expect(r).toEqual({ year, month: Number(birth.slice(5, 7)), age });
  });
});

describe('simulateJp', () => {
  it('facts §10b V1: born 1990-06-15, Rp6.000.000, +5%/yr from Jan 2026 → Rp3.842.266', () => {
    const r = simulateJp({ birthDate: '1990-06-15', monthlyWage: 6_000_000, yearlyRaise: 0.05, asOf: '2026-01-10' }, params);
    expect(r.kind).toBe('monthly');
    expect(r).toMatchObject({ pensionAge: 65, retirementYear: 2055, retirementMonth: 6, contributionMonths: 353 });
    expect(r.averageWage).toBe(13_061_528);
    expect(r.monthlyBenefit).toBe(3_842_266);
    expect(r.formulaBenefit).toBe(3_842_266);
    expect(r.cappedAtMax).toBe(false);
    expect(r.raisedToMin).toBe(false);
  });

  it('accepts a Date as the as-of month (read in UTC+7)', () => {
    const r = simulateJp({ birthDate: '1990-06-15', monthlyWage: 6_000_000, yearlyRaise: 0.05, asOf: new Date('2025-12-31T18:00:00Z') }, params);
    expect(r.startYear).toBe(2026);
    expect(r.monthlyBenefit).toBe(3_842_266);
  });

  it('simple vector: 15 years at a flat Rp5.000.000 → Rp750.000', () => {
    expect(jpBenefitFormula(180, 5_000_000, params).benefit).toBe(750_000);
    // born Jan 1975 retires Jan 2038: from Jan 2023 that is exactly 180 months
    const r = simulateJp({ birthDate: '1975-01-20', monthlyWage: 5_000_000, asOf: '2023-01-01' }, params);
    expect(r.contributionMonths).toBe(180);
    expect(r.kind).toBe('monthly');
    expect(r.monthlyBenefit).toBe(750_000);
  });

  it('simple vector: 30 years at Rp10.547.400 → Rp3.164.220 (under the known maximum)', () => {
    const b = jpBenefitFormula(360, 10_547_400, params);
    expect(b).toEqual({ formula: 3_164_220, benefit: 3_164_220, raisedToMin: false, cappedAtMax: false });
  });

  it('a wage above the ceiling counts only up to the ceiling', () => {
    const r = simulateJp({ birthDate: '1975-01-20', monthlyWage: 50_000_000, asOf: '2026-03-01', ceilingGrowth: 0 }, params);
    expect(r.averageWage).toBe(11_086_300);
    expect(r.assumptions.wageCeilingNow).toBe(11_086_300);
  });

  it('raises a small result to the known minimum and caps a large one at the known maximum', () => {
    expect(jpBenefitFormula(180, 1_000_000, params)).toEqual({ formula: 150_000, benefit: 393_500, raisedToMin: true, cappedAtMax: false });
    expect(jpBenefitFormula(540, 11_086_300, params)).toMatchObject({ formula: 4_988_835, benefit: 4_718_200, cappedAtMax: true });
    const r = simulateJp({ birthDate: '2000-01-01', monthlyWage: 20_000_000, yearlyRaise: 0.05, asOf: '2026-01-01' }, params);
    expect(r.cappedAtMax).toBe(true);
    expect(r.monthlyBenefit).toBe(4_718_200);
    expect(r.formulaBenefit).toBeGreaterThan(4_718_200);
  });

  it('under 180 months gives a lump-sum estimate (contributions plus returns)', () => {
    // born Aug 1967 retires Aug 2026: from Jan 2026, 7 months
    const r = simulateJp({ birthDate: '1967-08-01', monthlyWage: 5_000_000, asOf: '2026-01-15' }, params);
    expect(r.kind).toBe('lump_sum');
    expect(r.contributionMonths).toBe(7);
    expect(r.monthlyBenefit).toBe(0);
    expect(r.totalContributions).toBe(7 * 150_000);
    expect(r.lumpSum).toBeGreaterThan(r.totalContributions);
    expect(r.lumpSum).toBeLessThan(r.totalContributions * 1.05);
  });

  it('reports when pension age is already reached', () => {
    const r = simulateJp({ birthDate: '1960-02-01', monthlyWage: 5_000_000, asOf: '2026-01-01' }, params);
    expect(r.kind).toBe('past_pension_age');
    expect(r.contributionMonths).toBe(0);
  });

  it('uses the previous ceiling before March 2026 and projects it after', () => {
    const asOf = { year: 2026, month: 1 };
    expect(ceilingFor({ year: 2026, month: 2 }, params, 0.05, asOf)).toBe(10_547_400);
    expect(ceilingFor({ year: 2026, month: 3 }, params, 0.05, asOf)).toBe(11_086_300);
    expect(ceilingFor({ year: 2027, month: 2 }, params, 0.05, asOf)).toBe(11_086_300);
    expect(ceilingFor({ year: 2027, month: 3 }, params, 0.05, asOf)).toBeCloseTo(11_086_300 * 1.05, 6);
  });
});

describe('simulateJp: properties', () => {
  const birth = fc.record({ y: fc.integer({ min: 1962, max: 2008 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}-15`);
  const wage = fc.integer({ min: 0, max: 100_000_000 });
  const raise = fc.constantFrom(0, 0.03, 0.05, 0.1);

  it('integer rupiah, never negative', () => {
    fc.assert(fc.property(birth, wage, raise, (b, w, r) => {
      const s = simulateJp({ birthDate: b, monthlyWage: w, yearlyRaise: r, asOf: '2026-01-01' }, params);
      for (const v of [s.monthlyBenefit, s.formulaBenefit, s.averageWage, s.lumpSum, s.totalContributions, s.contributionMonths])
        expect(Number.isInteger(v) && v >= 0).toBe(true);
    }), { numRuns: 60 });
  });

  it('monotone in wage, and in months contributed (earlier start)', () => {
    fc.assert(fc.property(birth, wage, wage, (b, w1, w2) => {
      const [lo, hi] = w1 <= w2 ? [w1, w2] : [w2, w1];
      const at = (w: number, asOf: string) => simulateJp({ birthDate: b, monthlyWage: w, asOf, ceilingGrowth: 0 }, params);
      const a = at(lo, '2026-03-01'), c = at(hi, '2026-03-01');
      expect(a.formulaBenefit).toBeLessThanOrEqual(c.formulaBenefit);
      expect(a.lumpSum).toBeLessThanOrEqual(c.lumpSum);
      // starting a year earlier means more months, so no smaller a formula benefit (flat wage, flat ceiling)
      const longer = at(hi, '2025-03-01');
      expect(longer.contributionMonths).toBeGreaterThanOrEqual(c.contributionMonths);
      if (c.kind === 'monthly') expect(longer.formulaBenefit).toBeGreaterThanOrEqual(c.formulaBenefit);
    }), { numRuns: 60 });
  });
});
