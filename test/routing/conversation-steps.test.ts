/** Unit tests of the routing helpers added for #10: typed choices, questions about a prompt, follow-up targets. */
import { describe, expect, it } from 'vitest';
import { choiceIndex } from '../../src/routing/choices.ts';
import { isWhyAsked } from '../../src/routing/why-asked.ts';
import { followUpTarget, intentCatalog } from '../../src/nlu/followup.ts';

describe('choiceIndex: an ordinal typed after buttons', () => {
  it.each([
    ['the first one', 0], ['yang pertama', 0], ['2', 1], ['yang kedua aja', 1], ['nomor 3', 2], ['the second', 1], ['pilih 1', 0],
  ])('%s → %i', (text, k) => expect(choiceIndex(text)).toBe(k));
  it.each(['gaji saya 2 juta', 'kalau 2 tahun?', 'one more question about jht', 'apa itu jkp', ''])('%s is no choice', (text) =>
    expect(choiceIndex(text)).toBeUndefined());
});

describe('isWhyAsked: a question about the prompt itself', () => {
  it.each(['kenapa harus tanggal lahir sih? aman ga data saya?', 'why do you need my date of birth?', 'buat apa minta nik?', 'data saya aman?'])('%s', (t) =>
    expect(isWhyAsked(t)).toBe(true));
  it.each(['15-03-1990', 'kenapa klaim jht saya ditolak?', 'apakah aman klaim lewat jmo?', 'nomor call center berapa?'])('not: %s', (t) =>
    expect(isWhyAsked(t)).toBe(false));
});

describe('followUpTarget: conversation rules', () => {
  const cat = intentCatalog();
  it('another year of the last answer stays on it', () => {
    expect(followUpTarget('returns_info', 'kalau tahun 2024?', cat)).toMatchObject({ intent: 'returns_info', variant: true });
    expect(followUpTarget('returns_info', 'terus jaminan pensiun tahun 2023 berapa?', cat)).toMatchObject({ intent: 'returns_info' });
  });
  it('a longer question naming the conversation’s programme stays on the last intent', () => {
    expect(followUpTarget('housing_benefit', 'bisa diambil sendiri tanpa kpr?', cat)).toMatchObject({ intent: 'housing_benefit', kept: false });
    // another programme named in a long question: the classifier decides
    expect(followUpTarget('housing_benefit', 'bisa diambil sendiri tanpa jht ya min?', cat)).toBeUndefined();
  });
  it('a programme taken on top of the current one ("ikut jht juga") is a mention, not a switch', () => {
    expect(followUpTarget('registration_pmi', 'kalau mau ikut jht juga, pilihan iurannya berapa aja?', cat)).toMatchObject({ intent: 'registration_pmi', kept: true });
    expect(followUpTarget('registration_bpu', 'kalau jaminan pensiun bisa ikut juga?', cat)).toMatchObject({ intent: 'registration_bpu', kept: true });
    expect(followUpTarget('jkm_info', 'kalau jkk syaratnya apa?', cat)).toMatchObject({ program: 'jkk', kept: false });
  });
  it('a payment-mode question is about the contribution', () => {
    expect(followUpTarget('registration_pmi', 'terus bayarnya sekaligus atau per bulan?', cat)).toMatchObject({ intent: 'registration_pmi', aspect: 'contribution' });
  });
  it('new aspects: other benefits, age limit, the programmes a BPU member gets', () => {
    expect(followUpTarget('jkp_info', 'selain uang tunai dapat apa lagi?', cat)).toMatchObject({ intent: 'jkp_info', item: 'other_benefits' });
    expect(followUpTarget('scholarship', 'batas umur anaknya?', cat)).toMatchObject({ intent: 'scholarship', item: 'eligibility' });
    expect(followUpTarget('registration_bpu', 'dapat perlindungan apa aja?', cat)).toMatchObject({ intent: 'registration_bpu', item: 'programs' });
    expect(followUpTarget('housing_benefit', 'ngajuinnya lewat mana?', cat)).toMatchObject({ intent: 'housing_benefit', item: 'channel' });
  });
});
