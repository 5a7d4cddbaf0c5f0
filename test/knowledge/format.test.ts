import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatRupiah, formatRupiahShort } from '../../src/knowledge/format.ts';
import { parseRules } from '../../src/knowledge/rules.ts';

describe('figure formatting', () => {
  it('writes rupiah the Indonesian way', () => {
    expect(formatRupiah(45678900)).toBe('Rp45.678.900');
    expect(formatRupiah(16800)).toBe('Rp16.800');
    expect(formatRupiah(500)).toBe('Rp500');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(1234.6)).toBe('Rp1.235');
  });

  it('writes round millions short, and falls back to the full amount', () => {
    expect(formatRupiahShort(15000000, 'id')).toBe('Rp15 juta');
    expect(formatRupiahShort(15000000, 'en')).toBe('Rp15 million');
    expect(formatRupiahShort(1500000, 'id')).toBe('Rp1,5 juta');
    expect(formatRupiahShort(1500000000, 'en')).toBe('Rp1.5 billion');
    expect(formatRupiahShort(10547400, 'id')).toBe('Rp10.547.400');
    expect(formatRupiahShort(207000, 'id')).toBe('Rp207.000');
  });

  it('writes percentages without trailing zeros, comma in Indonesian', () => {
    expect(formatPercent(0.037, 'id')).toBe('3,7%');
    expect(formatPercent(0.037, 'en')).toBe('3.7%');
    expect(formatPercent(0.0024, 'id')).toBe('0,24%');
    expect(formatPercent(0.0605, 'id')).toBe('6,05%');
    expect(formatPercent(0.6, 'en')).toBe('60%');
    expect(formatPercent(1, 'id')).toBe('100%');
    expect(formatNumber(2024, 'id')).toBe('2024');
  });

  it('formats rules by kind', () => {
    const rules = parseRules(
      [
        'a.rate: { kind: percent, value: 0.0036, source: "PP 6/2025" }',
        'a.amount: { kind: rupiah, value: 36800, source: "bpjsketenagakerjaan.go.id" }',
        'a.count: { kind: number, value: 180, source: "PP 45/2015" }',
        'a.phone: { kind: text, value: "175", source: "bpjsketenagakerjaan.go.id" }',
      ].join('\n'),
    );
    expect(rules.format('a.rate', 'id')).toBe('0,36%');
    expect(rules.format('a.rate', 'en')).toBe('0.36%');
    expect(rules.format('a.amount', 'en')).toBe('Rp36.800');
    expect(rules.format('a.count', 'id')).toBe('180');
    expect(rules.format('a.phone', 'en')).toBe('175');
    expect(rules.num('a.amount')).toBe(36800);
    expect(() => rules.num('a.phone')).toThrow(/text/);
    expect(() => rules.get('a.missing')).toThrow(/unknown rule "a.missing"/);
  });
});
