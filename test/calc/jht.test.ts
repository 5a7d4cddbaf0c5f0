import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateJht } from '../../src/calc/jht.ts';
import { params } from './params.ts';

// facts §10a: wage, years, B0 → A, B, C
const VECTORS: [number, number, number, number, number, number][] = [
  [5_000_000, 10, 0, 44_172_736, 44_439_847, 44_181_420],
  [3_500_000, 5, 2_000_000, 16_136_522, 16_190_461, 16_139_192],
  [10_000_000, 25, 50_000_000, 504_546_646, 514_919_392, 504_612_548],
];

describe('simulateJht: facts §10a vectors', () => {
  it.each(VECTORS)('wage %d, %d years, B0 %d', (wage, years, b0, a, b, c) => {
    expect(simulateJht({ monthlyWage: wage, years, initialBalance: b0 }, params).balance).toBe(a);
    expect(simulateJht({ monthlyWage: wage, years, initialBalance: b0, convention: 'A' }, params).balance).toBe(a);
    expect(simulateJht({ monthlyWage: wage, years, initialBalance: b0, convention: 'B' }, params).balance).toBe(b);
    expect(simulateJht({ monthlyWage: wage, years, initialBalance: b0, convention: 'C' }, params).balance).toBe(c);
  });

  it('gives the breakdown of the first vector', () => {
    const r = simulateJht({ monthlyWage: 5_000_000, years: 10 }, params);
    expect(r.monthlyContribution).toBe(285_000);
    expect(r.employerMonthly).toBe(185_000);
    expect(r.workerMonthly).toBe(100_000);
    expect(r.totalContributions).toBe(34_200_000);
    expect(r.ownContributions).toBe(12_000_000);
    expect(r.employerContributions).toBe(22_200_000);
    expect(r.growth).toBe(44_172_736 - 34_200_000);
    expect(r.months).toBe(120);
    expect(r.assumptions).toMatchObject({ annualGrowth: 0.05, convention: 'A', timing: 'start_of_month' });
  });

  it('the parts add up to the balance with a starting balance', () => {
    const r = simulateJht({ monthlyWage: 3_500_000, years: 5, initialBalance: 2_000_000 }, params);
    expect(r.initialBalance + r.totalContributions + r.growth).toBe(r.balance);
    expect(r.totalContributions).toBe(11_970_000);
  });

  it('accepts months only, and years + months', () => {
    const a = simulateJht({ monthlyWage: 5_000_000, months: 120 }, params).balance;
    expect(a).toBe(44_172_736);
    expect(simulateJht({ monthlyWage: 5_000_000, years: 9, months: 12 }, params).balance).toBe(a);
    expect(simulateJht({ monthlyWage: 5_000_000, years: 1.5 }, params).months).toBe(18);
  });

  it('with 0% growth the balance is just the contributions', () => {
    const r = simulateJht({ monthlyWage: 4_000_000, years: 3, annualGrowth: 0 }, params);
    expect(r.balance).toBe(4_000_000 * 0.057 * 36);
    expect(r.growth).toBe(0);
  });

  it('rejects impossible input', () => {
    expect(() => simulateJht({ monthlyWage: 5_000_000, months: 0 }, params)).toThrow(RangeError);
    expect(() => simulateJht({ monthlyWage: -1, years: 1 }, params)).toThrow(RangeError);
  });
});

describe('simulateJht: properties', () => {
  const wage = fc.integer({ min: 0, max: 200_000_000 });
  const months = fc.integer({ min: 1, max: 600 });
  const b0 = fc.integer({ min: 0, max: 2_000_000_000 });
  const conv = fc.constantFrom('A' as const, 'B' as const, 'C' as const);

  it('integer rupiah, never negative, parts add up', () => {
    fc.assert(fc.property(wage, months, b0, conv, (w, n, b, c) => {
      const r = simulateJht({ monthlyWage: w, months: n, initialBalance: b, convention: c }, params);
      for (const v of [r.balance, r.totalContributions, r.ownContributions, r.employerContributions, r.growth, r.monthlyContribution])
        expect(Number.isInteger(v) && v >= 0).toBe(true);
      expect(r.initialBalance + r.totalContributions + r.growth).toBe(r.balance);
    }));
  });

  it('monotone in wage and in months', () => {
    fc.assert(fc.property(wage, wage, months, months, b0, conv, (w1, w2, n1, n2, b, c) => {
      const [wl, wh] = w1 <= w2 ? [w1, w2] : [w2, w1];
      const [nl, nh] = n1 <= n2 ? [n1, n2] : [n2, n1];
      const at = (w: number, n: number) => simulateJht({ monthlyWage: w, months: n, initialBalance: b, convention: c }, params).balance;
      expect(at(wl, nl)).toBeLessThanOrEqual(at(wh, nl));
      expect(at(wl, nl)).toBeLessThanOrEqual(at(wl, nh));
    }));
  });
});
