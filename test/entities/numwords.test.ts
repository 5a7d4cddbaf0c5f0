import { describe, expect, it } from 'vitest';
import { findNumberWords, parseBareNumber, wordsToNumber } from '../../src/nlu/entities/numwords.ts';

const n = (s: string) => wordsToNumber(s.split(' '));

describe('Indonesian number words', () => {
  it.each([
    ['nol', 0], ['satu', 1], ['sembilan', 9], ['sepuluh', 10], ['sebelas', 11], ['dua belas', 12], ['sembilan belas', 19],
    ['dua puluh', 20], ['dua puluh lima', 25], ['seratus', 100], ['tiga ratus', 300], ['seratus lima puluh ribu', 150_000],
    ['seribu', 1000], ['seribu lima ratus', 1500], ['sejuta', 1_000_000], ['lima juta', 5_000_000],
    ['satu juta lima ratus ribu', 1_500_000], ['setengah', 0.5], ['satu setengah', 1.5], ['dua setengah juta', 2_500_000],
    ['setengah juta', 500_000], ['dua koma lima juta', 2_500_000], ['twelve million', 12_000_000], ['twenty two', 22],
    ['two hundred fifty thousand', 250_000],
  ])('%s = %d', (s, v) => expect(n(s)).toBe(v));

  it.each(['dua tiga', 'juta', 'belas', 'puluh dua', 'sepuluh lima', 'lima ribu juta', 'puluhan'])('%s is not a number', (s) => expect(n(s)).toBeNull());

  it('finds runs in a sentence and marks vague ones', () => {
    const runs = findNumberWords('kerja sepuluh tahun, gaji puluhan juta');
    expect(runs.map((r) => [r.raw, r.value, r.vague])).toEqual([['sepuluh', 10, false], ['puluhan juta', null, true]]);
    expect(findNumberWords('one hundred and fifty thousand')[0]!.value).toBe(150_000);
  });

  it('parseBareNumber takes messages that are only a number', () => {
    expect(['20', '20 aja', '7,5', 'dua puluh', '5.000.000', ' 12 '].map(parseBareNumber)).toEqual([20, 20, 7.5, 20, 5_000_000, 12]);
    expect(['20 tahun', 'sekitar dua puluh', '5 juta', ''].map(parseBareNumber)).toEqual([null, null, null, null]);
  });
});
