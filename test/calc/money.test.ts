import { describe, expect, it } from 'vitest';
import { formatRupiah, roundHalfUp } from '../../src/calc/money.ts';

describe('formatRupiah', () => {
  it.each([
    [45_678_900, 'Rp45.678.900'],
    [0, 'Rp0'],
    [999, 'Rp999'],
    [1000, 'Rp1.000'],
    [16_800, 'Rp16.800'],
    [1_500_000_000, 'Rp1.500.000.000'],
    [1234.5, 'Rp1.235'],
  ])('%d → %s', (n, s) => expect(formatRupiah(n)).toBe(s));
});

describe('roundHalfUp', () => {
  it('rounds halves up and absorbs floating-point noise', () => {
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(2.4999)).toBe(2);
    expect(roundHalfUp(0.1 * 3 * 5)).toBe(2); // 1.5000000000000002
    expect(roundHalfUp(1.005 * 1000 - 4.5)).toBe(1001); // 1000.4999999999999 is really 1000.5
    expect(roundHalfUp(44_172_735.94)).toBe(44_172_736);
  });
  it('rejects non-finite input', () => expect(() => roundHalfUp(NaN)).toThrow());
});
