import { describe, expect, it } from 'vitest';
import { calcParamsFrom } from '../../src/calc/params.ts';
import { params } from './params.ts';

describe('calc params from knowledge/rules.yaml', () => {
  it('maps the rules keys', () => {
    expect(params.jhtEmployerRate).toBe(0.037);
    expect(params.jhtWorkerRate).toBe(0.02);
    expect(params.jkkRates.very_high).toBe(0.0174);
    expect(params.jpWageCeiling).toBe(11_086_300);
    expect(params.jpWageCeilingFrom).toEqual({ year: 2026, month: 3 });
    expect(params.jpWageCeilingPrev).toBe(10_547_400);
    expect(params.bpuJkm).toBe(6800);
    expect(params.jpBenefitMin).toBe(393_500);
    expect(params.jhtGrowth).toBe(0.05);
  });
  it('fails loudly when a required key is missing', () => {
    expect(() => calcParamsFrom((k) => { throw new Error(`unknown rule "${k}"`); })).toThrow(/unknown rule/);
  });
  it('works without `from` dates (current JP ceiling treated as in force)', () => {
    const p = calcParamsFrom((k) => ({ 'contribution.jp.wage_ceiling': 11_086_300 } as Record<string, number>)[k] ?? 0.01);
    expect(p.jpWageCeilingFrom).toBeUndefined();
    expect(p.jpCeilingGrowth).toBe(0.01);
  });
});
