/**
 * #10 whole conversations through the real service: follow-ups keep the topic (new aspects: other benefits,
 * age limit, channel), another year of the same answer, a question about a slot prompt, typed choices, and
 * a repair at a slot prompt. Wordings differ from the dev sets on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc?.close());

type Turn = [say: string, expect?: RegExp, not?: RegExp];
const FALLBACK = /belum memahami|didn't understand/i;

async function talk(turns: Turn[]): Promise<void> {
  const session = {};
  for (const [i, [say, want, not]] of turns.entries()) {
    const r = await svc.say(session, say);
    const shown = [r.text, ...r.buttons.map((b) => b.title)].join('\n');
    const where = `turn ${i + 1} ("${say}")`;
    expect(r.status, where).toBe(200);
    if (want) expect(shown, where).toMatch(want);
    if (not) expect(shown, where).not.toMatch(not);
  }
}

describe('conversations that hold together', () => {
  it('[en] JKP: besides the cash, what else', () =>
    talk([['what is the job loss benefit?', /JKP|job/i], ['besides the cash, what else do I get?', /training|counselling/i, FALLBACK]]));

  it('[id] scholarship: the age limit of the child', () =>
    talk([['berapa beasiswa anak SD dari bpjs tk?', /SD/], ['usia maksimal anaknya berapa?', /\b23\b/, /pensiun/i]]));

  it('[id] housing: without a mortgage, then where to apply stays on housing', () =>
    talk([
      ['berapa maksimal pinjaman renovasi rumah dari bpjs tk?', /PRP|renovasi/i],
      ['kalau uang muka aja tanpa kpr bisa?', /KPR/, /JHT bisa diambil/],
      ['pengajuannya lewat mana ya?', /bank mitra/i, /Lapak Asik|klaim JHT/],
    ]));

  it('[id] returns: another year of the same answer', () =>
    talk([['berapa hasil pengembangan jht syariah?', /syariah/i], ['kalau yang syariah tahun 2023?', /6[.,]64/, /gaji|upah/i]]));

  it('[id] a question about the birth-date prompt is answered, then the prompt again, then the value counts', () =>
    talk([
      ['hitung pensiun saya dong, gaji 6 juta', /tanggal lahir|lahir/i],
      ['buat apa tanggal lahir saya?', /usia pensiun|aman/i],
      ['12-05-1988', /pensiun|Rp/i, /untuk apa|buat apa/i],
    ]));

  it('[id] a typed choice picks the menu button', () => talk([['menu', /JHT/], ['yang pertama', /JHT/, FALLBACK]]));

  it('[en] the JMO app named during the balance check is about the app, not a JHT claim channel; then the check resumes', () =>
    talk([['hi, how do i check my jht balance', /KPJ|NIK/], ['i dont have the jmo app', /JMO \(Jamsostek Mobile\).*KPJ/s, /A JHT claim can be made online/]]));

  it('[id] the JKM requirements typed in slang after the JKM benefits', () =>
    talk([['klo mninggal ahli waris dpt apa', /Jaminan Kematian/], ['syrtnya apa aj', /akta kematian/i, /Maksud Anda/]]));

  it('[en] JKK: the wage while unable to work, then my own wage computes it', () =>
    talk([['what is jkk', /JKK/], ['how much is the compensation if i cant work', /unable to work.*100%/s, /heirs receive/], ['my salary is 5 million', /Rp5\.000\.000 a month.*Rp2\.500\.000/s]]));

  it('[id] a lost membership card: the digital card in JMO', () => talk([['min kartu kpj saya hilang', /kartu peserta digital.*JMO/s]]));

  it('[id] a programme behind a filler is the question; an acknowledgement alone is thanked, inside a dialog it is not', () =>
    talk([
      ['mau tanya jkk', /Jaminan Kecelakaan Kerja/, /Halo Sahabat/],
      ['oke siap', /Sama-sama/, /belum memahami/],
      ['simulasi jht', /gaji/i],
      ['oke', /gaji|upah/i, /Sama-sama/],
    ]));

  it('[en] laid off: JKP for my own last wage, then the claim deadline', () =>
    talk([
      ['I was laid off last week', /JKP/],
      ['how much would JKP pay me? my salary was 4.5 million', /Rp4\.500\.000.*Rp2\.700\.000 a month/s, /Did you mean/],
      ['and when do I have to claim it by?', /within 6 months/, /Did you mean/],
    ]));

  it('[id] what BPJS Ketenagakerjaan is and its programmes; the menu itself stays the menu', () =>
    talk([['bpjs tk itu apa sih', /5 program.*JHT.*JKP/s, /Maksud Anda/], ['programnya apa aja', /5 program/], ['menu', /Jessi bisa membantu/]]));

  it('[en] a repair at a slot prompt apologises instead of reading it as a KPJ', () =>
    talk([['check the status of my claim', /KPJ|NIK/], ["that's not what I meant", /sorry/i, /could not find a valid|does not look right/i]]));
});
