import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { jakonJkkContribution, jakonTiersFrom } from '../../src/calc/jakon.ts';

const rules = parse(readFileSync(new URL('../../knowledge/rules.yaml', import.meta.url), 'utf8')) as Record<string, { value: number }>;
const tiers = jakonTiersFrom((k) => { const r = rules[k]; if (!r) throw new Error(k); return r.value; });

describe('Jakon JKK on the contract value, tier by tier', () => {
  it('facts §4 worked example: Rp2 M → 210.000 + 680.000 + 650.000 + 1.100.000 = 2.640.000', () => {
    const r = jakonJkkContribution(2_000_000_000, tiers);
    expect(r.parts.map((p) => p.amount)).toEqual([210_000, 680_000, 650_000, 1_100_000]);
    expect(r.total).toBe(2_640_000);
  });
  it('a contract within the first tier pays 0,21% of it', () => {
    expect(jakonJkkContribution(50_000_000, tiers).total).toBe(105_000);
  });
  it('above Rp5 M the rest pays 0,09%', () => {
    expect(jakonJkkContribution(6_000_000_000, tiers).total).toBe(210_000 + 680_000 + 650_000 + 4_400_000 + 900_000);
  });
  it('rejects a negative value', () => {
    expect(() => jakonJkkContribution(-1, tiers)).toThrow(RangeError);
  });
});
