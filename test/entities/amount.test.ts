import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractAmounts, parseAmount } from '../../src/nlu/entities/amount.ts';

const value = (text: string) => {
  const r = parseAmount(text);
  return r && 'value' in r ? r.value : r;
};

describe('parseAmount: accepted forms', () => {
  it.each([
    ['5 jt', 5_000_000], ['5jt', 5_000_000], ['5,5 juta', 5_500_000], ['7.5jt', 7_500_000], ['7,5 juta', 7_500_000],
    ['Rp 5.000.000', 5_000_000], ['Rp5.000.000', 5_000_000], ['rp. 5.000.000,-', 5_000_000], ['Rp 6.250.000,00', 6_250_000],
    ['5000000', 5_000_000], ['5.000.000', 5_000_000], ['IDR 12,000,000', 12_000_000],
    ['lima juta', 5_000_000], ['dua setengah juta', 2_500_000], ['2 setengah juta', 2_500_000], ['sepuluh juta', 10_000_000],
    ['tujuh ratus lima puluh ribu', 750_000], ['satu juta dua ratus ribu', 1_200_000],
    ['5 juta 500 ribu', 5_500_000], ['6 jt 250 rb', 6_250_000], ['500rb', 500_000], ['500 ribu', 500_000], ['750k', 750_000],
    ['4,8 juta', 4_800_000], ['12 million', 12_000_000], ['around 12 million rupiah', 12_000_000], ['twelve million', 12_000_000],
    ['Rp8.300.000', 8_300_000], ['3,9jt', 3_900_000], ['1.5 M', 1_500_000_000], ['1,5 miliar', 1_500_000_000],
    ['GAJI 6 JT', 6_000_000], ['kira2 4 jutaan', 4_000_000],
  ])('%s → %d', (text, expected) => expect(value(text)).toBe(expected));

  it('keeps the raw text and the position', () => {
    expect(parseAmount('upahku sekarang Rp 4.750.000 per bulan')).toMatchObject({ value: 4_750_000, raw: 'Rp 4.750.000', index: 16, plain: false });
  });
});

describe('parseAmount: what is not an amount', () => {
  it.each(['UMR', 'umr jakarta aja', 'sesuai UMP', 'UMK bekasi', 'gaji minimum', 'upah minimum regional', 'puluhan juta lah', 'jutaan'])(
    '%s → vague',
    (text) => expect(parseAmount(text)).toEqual({ error: 'vague' }),
  );

  it.each([
    '10 tahun', '10thn', '6 bln', 'naik 5%', '5 persen', '15-06-1990', '07/08/1985', 'lahir 1990', 'tahun 2030',
    'NIK 3174011503900001', 'kpj 21012345678', '0812-3456-7890', 'ADU-20251014-0042', 'belum tau', 'umur 35', '5,5',
  ])('%s → null', (text) => expect(parseAmount(text)).toBeNull());

  it('a figure next to a real amount does not win', () => {
    expect(value('umur 35, gaji 7 jt')).toBe(7_000_000);
    expect(value('gaji 6 juta selama 12 tahun')).toBe(6_000_000);
    expect(value('hitung 8 tahun dengan gaji 4.200.000')).toBe(4_200_000);
  });
});

describe('extractAmounts: labels from nearby cue words', () => {
  it('tells the wage from the starting balance', () => {
    const r = extractAmounts('hitungkan jht dengan gaji 4,2 juta selama 9 tahun, saldo awal saya 15 juta');
    expect(r.map((a) => [a.value, a.label])).toEqual([[4_200_000, 'wage'], [15_000_000, 'balance']]);
    expect(r[0]!.cue).toBe('gaji');
  });

  it('reads "saldo ... sekarang" as the balance, and income for BPU', () => {
    expect(extractAmounts('saldo jht saya sekarang 30 jt, upah 6.000.000').map((a) => a.label)).toEqual(['balance', 'wage']);
    expect(extractAmounts('penghasilan saya kira-kira 3 juta').map((a) => a.label)).toEqual(['income']);
    expect(extractAmounts('my salary is 9 million').map((a) => a.label)).toEqual(['wage']);
    expect(extractAmounts('kalau gajinya naik ke 8 juta?')[0]).toMatchObject({ value: 8_000_000, label: 'wage', cue: 'gajinya' });
  });

  it('an amount without a cue has no label; a zero balance needs its cue', () => {
    expect(extractAmounts('6 juta')[0]!.label).toBeUndefined();
    expect(extractAmounts('kalau saldo awal 0?')).toMatchObject([{ value: 0, label: 'balance', plain: true }]);
    expect(extractAmounts('mau coba yang 0 saja')).toEqual([]);
  });

  it('records the word before the amount', () => {
    expect(extractAmounts('upah 5 juta')[0]!.before).toBe('upah');
  });
});

describe('amount properties', () => {
  it('any rupiah written with dots, with Rp, or in juta reads back exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 999_999_999 }), (n) => {
      const dotted = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      expect(value(dotted)).toBe(n);
      expect(value(`Rp${dotted}`)).toBe(n);
      expect(value(`gaji ${n}`)).toBe(n);
    }));
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 9 }), (j, d) => {
      expect(value(`${j},${d} juta`)).toBe(j * 1_000_000 + d * 100_000);
      expect(value(`${j}.${d}jt`)).toBe(j * 1_000_000 + d * 100_000);
    }));
  });

  it('never throws and always gives whole, non-negative rupiah', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => {
      for (const a of extractAmounts(s)) expect(Number.isInteger(a.value) && a.value >= 0).toBe(true);
    }));
  });
});
