import { describe, expect, it } from 'vitest';
import { loadRules, parseRules } from '../../src/knowledge/rules.ts';

const FILE = 'knowledge/rules.yaml';

describe('rules.yaml', () => {
  it('loads, and every figure names a source', async () => {
    const rules = await loadRules(FILE);
    expect(rules.keys().length).toBeGreaterThan(50);
    for (const key of rules.keys()) expect(rules.get(key).source.trim().length, key).toBeGreaterThan(2);
    expect(rules.format('contribution.jht.employer', 'id')).toBe('3,7%');
    expect(rules.format('bpu.package_basic', 'en')).toBe('Rp16.800');
  });

  it('rejects a figure without a source, naming the file and the rule', () => {
    expect(() => parseRules('x.rate: { kind: percent, value: 0.02 }', 'my/rules.yaml')).toThrow(/my\/rules\.yaml: field "x\.rate\.source"/);
  });

  it('rejects a percent written as a whole number, a fractional rupiah and a misspelt field', () => {
    const text = [
      'x.rate: { kind: percent, value: 3.7, source: "PP 46/2015" }',
      'x.amount: { kind: rupiah, value: 16800.5, source: "Permenaker 5/2021" }',
      'x.count: { kind: number, value: 14, soruce: "Permenakertrans 44/2015" }',
    ].join('\n');
    let message = '';
    try {
      parseRules(text, 'rules.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/field "x\.rate\.value": percent values are fractions/);
    expect(message).toMatch(/field "x\.amount\.value": rupiah amounts are whole rupiah/);
    expect(message).toMatch(/field "x\.count"/);
    expect(message).toMatch(/soruce/);
  });

  it('rejects a duplicated key, which would make a figure ambiguous', () => {
    const text = 'x.a: { kind: number, value: 1, source: "s1" }\nx.a: { kind: number, value: 2, source: "s2" }';
    expect(() => parseRules(text, 'rules.yaml')).toThrow(/rules\.yaml: YAML syntax/);
  });

  it('keeps how sure a figure is: an unknown status is rejected, the flags of the doubtful figures stay visible', async () => {
    expect(() => parseRules('x.a: { kind: number, value: 1, source: "PP 1/2025", status: guessed }', 'rules.yaml')).toThrow(/x\.a\.status/);
    expect(parseRules('x.a: { kind: number, value: 1, source: "PP 1/2025", status: reported }').get('x.a').status).toBe('reported');
    const rules = await loadRules(FILE);
    expect(rules.get('contribution.jp.wage_ceiling').status).toBe('unverified');
    expect(rules.get('returns_2025.jht_conventional').status).toBe('reported');
    expect(rules.get('jht.sim_growth').status).toBe('assumption');
    expect(rules.get('jkp.bankrupt_arrears_months')).toMatchObject({ value: 6, status: 'verified' });
    expect(rules.get('jkp.bankrupt_arrears_months').source).toMatch(/PP 6\/2025 pasal 39A/);
  });
});
