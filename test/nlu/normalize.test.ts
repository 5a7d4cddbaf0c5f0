import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/nlu/normalize.ts';

describe('normalize', () => {
  it('lower-cases, applies NFKC to full-width forms and strips accents', () => {
    expect(normalize('ＪＨＴ　ＣＡＩＲ')).toBe('jht cair');
    expect(normalize('Café SALDO')).toBe('cafe saldo');
  });

  it('removes control, zero-width characters and emoji', () => {
    expect(normalize('sal\u200Bdo\u0007 jht 😀🙏')).toBe('saldo jht');
    expect(normalize('🙏🙏🙏')).toBe('');
  });

  it('collapses repeated letters but keeps real double letters', () => {
    expect(normalize('bangeeet')).toBe('banget');
    expect(normalize('maaaaf')).toBe('maaf');
    expect(normalize('tolonggg')).toBe('tolong');
  });

  it('keeps tickets, amounts, dates and percentages', () => {
    expect(normalize('lacak ADU-20251014-0042 ya')).toContain('adu-20251014-0042');
    expect(normalize('gaji Rp5.000.000')).toContain('5.000.000');
    expect(normalize('lahir 07/08/1985')).toContain('07/08/1985');
    expect(normalize('ambil 10% jht')).toContain('10%');
  });

  it('drops punctuation that is not part of a number or code', () => {
    expect(normalize('halo!!! gimana?? (jht)')).toBe('halo bagaimana jht');
    expect(normalize('saldo-nya')).toBe('saldo');
    expect(normalize('e-klaim anak-anak')).toBe('eklaim anak');
  });

  it('never throws on odd input', () => {
    for (const s of ['', ' ', '\u0000\u0001', 'a'.repeat(5000), '🤖'.repeat(300), '\uD800', 'ß∂ƒ©˙∆˚¬']) {
      expect(() => normalize(s)).not.toThrow();
    }
    expect(normalize(undefined as unknown as string)).toBe('');
  });
});

describe('slang lexicon', () => {
  it('expands common chat slang and abbreviations', () => {
    expect(normalize('gmn cara cairin jht sy')).toBe('bagaimana cara cairkan jht saya');
    expect(normalize('gimana ngecek saldo gw')).toBe('bagaimana cek saldo saya');
    expect(normalize('brp iuran bpjs tk')).toBe('berapa iuran bpjs ketenagakerjaan');
    expect(normalize('udh resign blm cair')).toBe('sudah resign belum cair');
    expect(normalize('makasih min')).toBe('terima kasih min');
  });

  it('handles colloquial affixes', () => {
    expect(normalize('dicairin')).toBe('dicairkan');
    expect(normalize('ngurus klaim')).toBe('urus klaim');
  });
});
