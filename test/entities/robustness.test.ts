import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractAmounts, parseAmount } from '../../src/nlu/entities/amount.ts';
import { parseDate } from '../../src/nlu/entities/date.ts';
import { parseDuration } from '../../src/nlu/entities/duration.ts';
import { findPii } from '../../src/nlu/entities/identifiers.ts';
import { redactPii } from '../../src/observability/redact.ts';
import { parsePercent } from '../../src/nlu/entities/percent.ts';

// Messages built from pieces users type: numbers with separators, units, month names, noise.
const piece = fc.constantFrom('5', '12', '1990', '08', '3174', '0115', '-', '/', '.', ',', ' ', 'juta', 'jt', 'rb', 'tahun', 'thn',
  'bln', '%', 'persen', 'rp', 'Rp', 'juni', 'maret', 'gaji', 'saldo', 'setengah', 'lima', 'puluh', 'ADU-', '+62', '@', 'İ', '🙂');
const message = fc.oneof(fc.array(piece, { maxLength: 20 }).map((a) => a.join('')), fc.string({ maxLength: 80, unit: 'binary' }));

describe('extractors on arbitrary input', () => {
  it('never throw, and return well-formed values', () => {
    fc.assert(fc.property(message, (s) => {
      for (const a of extractAmounts(s)) {
        expect(Number.isInteger(a.value) && a.value >= 0).toBe(true);
        expect(s.slice(a.index, a.end)).toBe(a.raw);
      }
      const amount = parseAmount(s);
      if (amount && 'value' in amount) expect(Number.isSafeInteger(amount.value)).toBe(true);
      const d = parseDuration(s);
      if (d) expect(d.years * 12 + d.months).toBe(d.totalMonths);
      const date = parseDate(s);
      if (date) expect(new Date(`${date.iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date.iso);
      parsePercent(s);
      for (const p of findPii(s)) expect(s.slice(p.index, p.end)).toBe(p.raw);
      expect(redactPii(s)).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
    }), { numRuns: 400 });
  });
});

describe('amounts beyond exact integers', () => {
  it('a run of 17 digits (two dates typed together, found by the property above) is not an amount', () => {
    expect(parseAmount('19905011519901212')).toBeNull();
    expect(extractAmounts('19905011519901212')).toEqual([]);
  });
});
