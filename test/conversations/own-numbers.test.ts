/**
 * #10 patterns 3 (the user's own numbers) and 5 (slot discipline), driven through the bot core (`bot.handle`, no
 * HTTP), in Indonesian and English: after a computed result, the part asked ("bagian kantor berapa?", "and JKK?",
 * "who pays the JKM?", "totalnya?", "jkm nya sendiri?", "diperpanjang 3 bulan?", "biaya pemakamannya?") is
 * answered alone from the user's numbers; another question ("jp itu apa?", a death from illness after a JKK
 * death) is not forced into the last result. Wordings and figures differ from the public dev sets on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core, type Turn } from '../helpers/core.ts';

let core: Core;
beforeAll(async () => {
  core = await startCore();
});
afterAll(() => core?.close());

const talk = (turns: Turn[]): Promise<string[]> => core.talk(turns);

const BREAKDOWN_ID = /Iuran BPJS Ketenagakerjaan per bulan/;
const BREAKDOWN_EN = /Monthly BPJS Ketenagakerjaan contributions/;

describe('a part of a contribution result is answered alone', () => {
  it('id: the employer part, then one programme, then "jp itu apa?" is a question of its own', async () => {
    await talk([
      ['berapa potongan bpjs tk kalau gaji saya 9 juta?', [/Dipotong dari gaji Anda.*Rp270\.000/, BREAKDOWN_ID]],
      ['bagian kantor berapa?', [/ditanggung perusahaan.*Rp561\.600/], BREAKDOWN_ID],
      ['kalau yang jp aja?', [/\*JP\*: pemberi kerja Rp180\.000 \+ pekerja Rp90\.000 = \*Rp270\.000\*/], BREAKDOWN_ID],
      ['jp itu apa?', [/Jaminan Pensiun/], /Rp180\.000/],
    ]);
  });

  it('en: the employer pays, one programme, who pays, and the JHT ceiling, each for the wage given', async () => {
    await talk([
      ['my salary is 11 million, what are my bpjs ketenagakerjaan contributions?', [BREAKDOWN_EN, /Rp686\.400/]],
      ['and how much does my employer pay?', [/Paid by the employer.*Rp686\.400/], BREAKDOWN_EN],
      ['and JKK?', [/JKK\* is not deducted from your pay.*Rp26\.400/], BREAKDOWN_EN],
      ['who pays the JKM?', [/entirely by the employer\*, Rp33\.000/], BREAKDOWN_EN],
      ['is the JHT capped too?', [/JHT has no wage ceiling/, /Rp11\.000\.000/], BREAKDOWN_EN],
    ]);
  });

  it('id: a benefit question after a contribution result is not a part of it', async () => {
    await talk([
      ['hitung iuran untuk gaji 6,5 juta', [BREAKDOWN_ID]],
      ['kalau pekerja meninggal karena kecelakaan kerja, ahli warisnya dapat berapa?', [/Santunan JKK/, /Rp312\.000\.000/], BREAKDOWN_ID],
    ]);
  });
});

describe('JKP for the wage given: the total and the duration', () => {
  it('id: another person\'s wage, then mine, then the total and how long', async () => {
    await talk([
      ['adik saya kena PHK, gaji terakhirnya 3,6 juta, dapat JKP berapa?', [/Rp2\.160\.000 per bulan/, /Rp12\.960\.000/]],
      ['kalau gaji saya 6 juta?', [/Rp3\.000\.000 per bulan/, /Rp18\.000\.000/]],
      ['jadi totalnya semua berapa?', [/Totalnya \*Rp18\.000\.000\*: 6 × Rp3\.000\.000/], /PP 37\/2021/],
      ['dibayar selama berapa bulan?', [/dibayar \*6 bulan\*/], /PP 37\/2021/],
    ]);
  });

  it('en: the total and the duration of the JKP computed for a wage', async () => {
    await talk([
      ['I was laid off, my last wage was 4.2 million. how much JKP do I get?', [/Rp2\.520\.000 a month/]],
      ['so what is the total?', [/The total is \*Rp15\.120\.000\*/], /PP 37\/2021/],
      ['for how many months is it paid?', [/paid for \*6 months\*/], /PP 37\/2021/],
    ]);
  });
});

describe('Jakon: JKK and JKM tier by tier, the JKM part alone', () => {
  it('id: 250 juta, the JKM part, then a 60 juta contract', async () => {
    await talk([
      ['nilai kontrak proyek jalan desa kami 250 juta, iuran jakon nya berapa?', [/JKK: \*Rp465\.000\*/, /JKM: \*Rp60\.000\*/, /Total JKK \+ JKM\*: \*Rp525\.000\*/]],
      ['kalau jkm saja berapa?', [/JKM: \*Rp60\.000\*/], /JKK: /],
      ['kalau kontraknya cuma 60 juta?', [/JKK: \*Rp126\.000\*/, /JKM: \*Rp18\.000\*/, /Rp144\.000/]],
    ]);
  });

  it('en: above the verified JKM tiers the rest is said to be unconfirmed, not invented', async () => {
    await talk([
      ['what is the jakon contribution for a construction contract of 1.2 billion?', [/JKK: \*Rp1\.760\.000\*/, /JKM: \*Rp110\.000\*/, /not confirmed yet/, /JKM on the first Rp500\.000\.000 only/]],
      ['and the JKK part only?', [/JKK: \*Rp1\.760\.000\*/], /JKM: /],
    ]);
  });
});

describe('PMI: the contract fee, then an extension priced per month', () => {
  it('id: 6-month contract, extended by 2 months', async () => {
    await talk([
      ['saya mau kerja di Taiwan kontrak 6 bulan, iuran bpjs tk nya berapa?', [/Rp145\.500/]],
      ['kalau diperpanjang 2 bulan tambah berapa?', [/2 × Rp13\.500 = \*Rp27\.000\*/], /Sebelum berangkat/],
    ]);
  });

  it('en: an extension on its own needs no contract length', async () => {
    await talk([
      ['my migrant worker contract is being extended by 5 months, how much do I pay?', [/5 × Rp13\.500 = \*Rp67\.500\*/], /How long is the/],
    ]);
  });
});

describe('a death at work is JKK; the funeral figure; a death from illness is JKM', () => {
  it('id: funeral asked before a wage is known gets the figure, then the benefit for the wage', async () => {
    await talk([
      ['kalau pekerja meninggal karena kecelakaan kerja, biaya pemakamannya dapat berapa?', [/Biaya pemakaman.*\*Rp10\.000\.000\*/, /upah terakhir per bulan/]],
      ['upahnya 4 juta', [/Rp192\.000\.000/, /Total\*: Rp214\.000\.000/]],
      ['biaya pemakamannya berapa tadi?', [/Biaya pemakaman JKK: \*Rp10\.000\.000\*/], /Santunan berkala/],
    ]);
  });

  it('en: a commute death for a wage, the funeral part, then a death from a heart attack is JKM', async () => {
    await talk([
      ['my brother died in a crash on his way to work, his wage was 5.2 million. what does the family get?', [/JKK benefit/, /Rp249\.600\.000/]],
      ['how much is the funeral part?', [/JKK funeral costs: \*Rp10\.000\.000\*/], /Periodic benefit/],
      ['and if he had died of a heart attack at home instead?', [/JKM|death benefit/i, /Rp42|42 million|Rp20\.000\.000/], /JKK benefit: death from a work accident/],
    ]);
  });

  it('id: who reports a work accident, and how fast, after the JKK benefit', async () => {
    await talk([
      ['suami saya meninggal tertabrak waktu berangkat kerja, gajinya 5 juta, dapat apa?', [/Santunan JKK/]],
      ['yang harus lapor siapa dan paling lambat kapan?', [/(Perusahaan|pemberi kerja)/i, /2 × 24 jam/]],
    ]);
  });
});

describe('JP: a birth year is enough, and refinements keep the result', () => {
  it('id: year of birth only, then since when, a raise of the wage and a corrected year, never asked again', async () => {
    const r = await talk([
      ['tolong hitung pensiun saya, gaji 9 juta, lahir tahun 1988', [/dianggap 1 Juli 1988/, /Estimasi Jaminan Pensiun/], /Kapan \*tanggal lahir\*/],
      ['saya sudah ikut jp sejak 2016', [/Estimasi Jaminan Pensiun/, /2016/], /tanggal lahir\*|yang Anda sebut tadi/],
      ['kalau lahir saya 1989?', [/1 Juli 1989/], /Kapan \*tanggal lahir\*/],
    ]);
    expect(r[2]).not.toEqual(r[1]);
  });

  it('en: a bare year typed when the birth date is asked is accepted', async () => {
    await talk([
      ['estimate my JP pension, my wage is 7 million', [/date of birth/]],
      ['1993', [/taken as 1 July 1993/, /Estimated pension|pension/i]],
    ]);
  });
});

describe('JKK wage-while-unable-to-work and disability for the wage given', () => {
  it('en: commute accident covered, STMB point, then the wage: computed for it, then total disability', async () => {
    await talk([
      ['I had an accident on my way to the office, my motorbike crashed. Is this covered?', [/^Yes\./, /home to work/]],
      ['will I still get paid while I can\'t work?', [/100% of the wage for the first 12 months/]],
      ['how much exactly if my salary is 6 million?', [/STMB/, /Rp6\.000\.000 a month/, /Rp3\.000\.000 a month/], /JHT contributions|years/],
      ['and if I ended up permanently disabled?', [/total permanent disability/, /Rp336\.000\.000/, /Total\*: Rp348\.000\.000/]],
    ]);
  });

  it('id: cacat total for a wage in one message', async () => {
    await talk([
      ['kalau kecelakaan kerja sampai cacat total tetap, gaji saya 4,5 juta dapat berapa?', [/cacat total tetap/, /Rp252\.000\.000/, /Rp264\.000\.000/]],
    ]);
  });
});

describe('a value for a programme discussed a few turns earlier', () => {
  it('id: PMI, then a JKM question, then "berapa iurannya kalau kontrak 2 tahun?" is the PMI fee', async () => {
    await talk([
      ['saya pekerja migran di taiwan, kalau kecelakaan di sana ditanggung gak?', [/Pekerja Migran Indonesia/]],
      ['kalau meninggal di sana keluarga dapat apa?', [/JKM|Jaminan Kematian/]],
      ['berapa iurannya kalau kontrak 2 tahun?', [/Pekerja Migran/, /Rp332\.500/, /Rp370\.000/], /Jaminan Kematian \(JKM\)\* dibayarkan/],
    ]);
  });
});
