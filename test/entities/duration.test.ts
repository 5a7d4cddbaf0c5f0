import { describe, expect, it } from 'vitest';
import { findDurations, parseDuration } from '../../src/nlu/entities/duration.ts';

describe('parseDuration: accepted forms', () => {
  it.each([
    ['10 tahun', 120], ['10thn', 120], ['10 th', 120], ['10 thn', 120], ['6 bln', 6], ['6 bulan', 6],
    ['1,5 tahun', 18], ['1.5 tahun', 18], ['2 tahun 6 bulan', 30], ['3 thn dan 4 bln', 40],
    ['15 tahun ke depan', 180], ['6 tahun lagi', 72], ['22 years', 264], ['for 3 years', 36], ['18 months', 18],
    ['selama 20 thn', 240], ['sepuluh tahun', 120], ['dua puluh lima tahun', 300], ['setahun', 12], ['sebulan', 1],
    ['satu setengah tahun', 18], ['2 setengah tahun', 30], ['kalau 25 tahun gimana?', 300],
  ])('%s → %d months', (text, total) => {
    const d = parseDuration(text)!;
    expect(d.totalMonths).toBe(total);
    expect(d.years * 12 + d.months).toBe(total);
    expect(d.months).toBeLessThan(12);
  });
});

describe('parseDuration: what is not a duration', () => {
  it.each(['15-06-1990', '1990-06-15', 'lahir 15 juni 1990', '5 juta', 'Rp 10.000.000', '20', 'belasan tahun', 'pokoknya lama', '200 tahun', 'umur saya 40 tahun', 'born on the 10th of June 1990'])(
    '%s → null',
    (text) => expect(parseDuration(text)).toBeNull(),
  );

  it('takes the period, not the money or the age, from a mixed message', () => {
    expect(parseDuration('gaji lima juta sepuluh tahun')?.totalMonths).toBe(120);
    expect(parseDuration('gaji 7jt 14thn')?.totalMonths).toBe(168);
    expect(parseDuration('usia 30 tahun, mau hitung untuk 12 tahun')?.totalMonths).toBe(144);
    expect(parseDuration('lahir 01-02-1990, kerja 9 tahun lagi')?.totalMonths).toBe(108);
  });

  it('reports the position of each duration', () => {
    expect(findDurations('masa kerja 2 tahun 6 bulan')).toMatchObject([{ raw: '2 tahun 6 bulan', index: 11, totalMonths: 30 }]);
  });
});
