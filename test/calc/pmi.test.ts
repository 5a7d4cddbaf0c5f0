import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { pmiFee, pmiFeesFrom } from '../../src/calc/pmi.ts';

const rules = parse(readFileSync(new URL('../../knowledge/rules.yaml', import.meta.url), 'utf8')) as Record<string, { value: number }>;
const fees = pmiFeesFrom((k) => { const r = rules[k]; if (!r) throw new Error(k); return r.value; });

describe('PMI JKK+JKM fee by contract length (Permenaker 4/2023 art. 18)', () => {
  it('24 months: 332.500, with pre-departure 370.000 (the old Permenaker 18/2018 total)', () => {
    const r = pmiFee(24, fees);
    expect(r.workPeriod).toBe(332_500);
    expect(r.total).toBe(370_000);
  });
  it('12 and 6 months: the band fees', () => {
    expect(pmiFee(12, fees).workPeriod).toBe(189_000);
    expect(pmiFee(6, fees).workPeriod).toBe(108_000);
  });
  it('30 months: 24-month band + 6 × 13.500', () => {
    expect(pmiFee(30, fees).workPeriod).toBe(332_500 + 6 * 13_500);
  });
  it('rejects zero months', () => {
    expect(() => pmiFee(0, fees)).toThrow(RangeError);
  });
});
