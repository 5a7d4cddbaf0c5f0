/**
 * #10 patterns 1 and 2 on everyday questions, through the bot core (`bot.handle`): slang is resolved before the
 * aspect is read ("dicairin kalo baru resign" = may I, after resigning), a yes/no question gets "Bisa" first, a
 * comparison gets the comparison, and a payment question after a BPU result is about paying, not the tariff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core, type Turn } from '../helpers/core.ts';

let core: Core;
beforeAll(async () => {
  core = await startCore();
});
afterAll(() => core?.close());

const talk = (turns: Turn[]): Promise<string[]> => core.talk(turns);

describe('everyday JHT questions', () => {
  it('id: slang yes/no about resigning gets "Bisa" and the rule, then the phone channel, then the 10% rule', async () => {
    await talk([
      ['min jht sy bs dicairin kalo baru resign ga?', [/^Bisa\./, /masa tunggu 1 bulan/], /Maksud Anda/],
      ['bisa lewat hp aja?', [/^Bisa\./, /JMO/]],
      ['kalau mau ambil 10 persen aja gimana?', [/10 tahun/, /10%/], /^Bisa\. Setelah resign/],
    ]);
  });

  it('en: the difference between JHT and JP, then what can be taken after resigning', async () => {
    await talk([
      ['hello! what is the difference between JHT and JP?', [/JHT\* is savings/, /JP\* is a monthly pension/, /not\* paid out on resignation/]],
      ['so which one can I take when I resign?', [/whole JHT balance/, /waiting period of 1 month/]],
    ]);
  });
});

describe('paying after a BPU contribution result', () => {
  it('id: "bisa bayar di alfamart?" is the payment answer, not the tariff again', async () => {
    await talk([
      ['saya pedagang, penghasilan 3 juta sebulan, iuran bpu berapa?', [/Iuran BPU per bulan/, /Rp30\.000/]],
      ['bisa bayar di alfamart?', [/Cara bayar iuran/, /NIK/], /Iuran BPU per bulan/],
    ]);
  });
});

describe('a calculation for the programme the message names', () => {
  it('id: "hitung jkp gaji 4 juta" is the JKP benefit, not the JHT simulation', async () => {
    await talk([['hitung jkp gaji 4 juta', [/Manfaat uang tunai JKP/, /Rp2\.400\.000 per bulan/], /lama \(tahun\)/]]);
  });
  it('en: "what is the total JKP for a 10 million wage" is the JKP benefit (capped), not the contribution table', async () => {
    await talk([['what is the total JKP for a 10 million wage?', [/JKP cash benefit/, /Rp18\.000\.000/], /Monthly BPJS Ketenagakerjaan contributions/]]);
  });
});

describe('the JHT simulation keeps the wage when a starting balance is given', () => {
  it('en: "what if I already have 20 million in it?" is the starting balance, not a new wage', async () => {
    await talk([
      ['how much will my JHT be in 15 years? I earn 9.5 million', [/Estimated JHT balance/, /Rp9\.500\.000\/month/]],
      ['what if I already have 20 million in it?', [/starting balance Rp20\.000\.000/, /Rp9\.500\.000\/month/], /Rp20\.000\.000\/month/],
    ]);
  });
  it('id: "saldo saya udah ada 35 juta" is the starting balance', async () => {
    await talk([
      ['simulasi jht gaji 6 juta 20 tahun', [/Estimasi saldo JHT/]],
      ['kalau saldo jht saya udah ada 35 juta?', [/Rp35\.000\.000/, /Rp6\.000\.000\/bulan/], /Rp35\.000\.000\/bulan/],
    ]);
  });
});

describe('"is anyone there?"', () => {
  it('id and en: a presence check is greeted (with the offer to help), not queued to a person; a person asked for by name still is', async () => {
    await talk([
      ['pagi kak, ada org ga?', [/Jessi/, /bantu/], /petugas|live chat/],
      ['cara klaim jht', [/JMO/]],
    ]);
    await talk([['is anybody there?', [/Jessi/]]]);
    await talk([['ada orang asli ga? mau ngobrol sama manusia', [/petugas|live chat|pesan/]]]);
  });
});
