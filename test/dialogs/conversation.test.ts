/** Conversation-level behaviour a user notices: follow-ups lean on the topic, language sticks, questions mid-dialog. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

describe('conversation context', () => {
  it('a contribution question after BPU registration is about BPU contributions', async () => {
    const s = {};
    let r = await svc.say(s, 'saya pedagang pasar, bisa ikut bpjs tk?');
    expect(r.intent?.id).toBe('registration_bpu');
    r = await svc.say(s, 'terus iurannya sebulan berapa?');
    expect(r.intent?.id).toBe('contribution_bpu');
    expect(r.text).toMatch(/Rp16\.800/);
    r = await svc.say(s, 'kalau penghasilan saya 3 juta?');
    expect(r.intent?.id).toBe('contribution_bpu');
    expect(r.text).toMatch(/Rp96\.800/); // 30.000 + 6.800 + 60.000
  });

  it('"cara klaimnya gimana?" after JKP is about claiming JKP', async () => {
    const s = {};
    await svc.say(s, 'apa itu jkp');
    const r = await svc.say(s, 'cara klaimnya gimana?');
    expect(r.intent?.id).toBe('jkp_claim');
    expect(r.text).toMatch(/Siap Kerja/i);
  });

  it('an English conversation stays English when the answers are just values', async () => {
    const s = {};
    let r = await svc.say(s, 'I want a pension estimate');
    expect(r.intent?.id).toBe('jp_simulation');
    r = await svc.say(s, 'salary 8 million');
    expect(r.text).toMatch(/date of birth/i);
    r = await svc.say(s, 'born 3 March 1992');
    expect(r.text).toMatch(/Estimated pension/);
  });

  it('a question mid-dialog is answered and the dialog waits; "gak tau" is re-asked, not an interruption', async () => {
    const s = {};
    await svc.say(s, 'simulasi jht');
    await svc.say(s, 'gaji 6 jt');
    let r = await svc.say(s, 'gak tau');
    expect(r.intent?.id).toBe('jht_simulation');
    expect(r.text).toMatch(/tahun/);
    r = await svc.say(s, 'btw jht itu sebenarnya apa sih?');
    // the question is answered (the JHT card), not taken as the years, and the simulation waits
    expect(r.intent?.id).toBe('jht_info');
    expect(r.text).toMatch(/tabungan hari tua/);
    expect(r.text).toMatch(/belum selesai/);
    r = await svc.say(s, '10 tahun');
    expect(r.text).toMatch(/Estimasi saldo JHT/);
  });

  it('a year-only correction of the birth date after a JP result recomputes', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi pensiun gaji 6 juta lahir 15/06/1990');
    expect(r.text).toMatch(/Juni 2055/);
    r = await svc.say(s, 'eh salah, lahirnya 1992');
    expect(r.text).toMatch(/Juni 2057/);
  });

  it('"ubah data" at the complaint confirmation asks the details again', async () => {
    const s = {};
    await svc.say(s, 'saya mau komplain');
    await svc.say(s, 'iuran');
    await svc.say(s, 'Iuran saya tidak masuk ke saldo sejak bulan Juli.');
    let r = await svc.say(s, '0812-3456-7890');
    expect(r.text).toMatch(/Ringkasan/);
    r = await svc.say(s, 'ubah data');
    expect(r.text).toMatch(/ulangi/);
    expect(r.text).toMatch(/kategori/i);
  });
});
