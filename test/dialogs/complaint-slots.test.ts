/** The complaint dialog takes only what validates for each slot (#10 point 5). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

describe('complaint slots', () => {
  it('a complaint told in full in the first message asks only the contact, is confirmed in the summary, and "tiket itu" is the ticket just filed', async () => {
    const s = {};
    let r = await svc.say(s, 'saya mau komplain, iuran saya dipotong tiap bulan tapi tidak masuk ke saldo sejak Juli');
    expect(r.text).toMatch(/HP\/WhatsApp atau email/);
    expect(r.text).toMatch(/kategori Iuran/);
    expect(r.text).toMatch(/tidak masuk ke saldo sejak Juli/);
    expect(r.text).not.toMatch(/jelaskan|ceritakan/i);
    r = await svc.say(s, '0813-2468-1357');
    expect(r.text).toMatch(/Ringkasan pengaduan/);
    expect(r.text).toMatch(/Keluhan: iuran saya dipotong tiap bulan tapi tidak masuk ke saldo sejak Juli/);
    r = await svc.say(s, 'ya');
    const ticket = /ADU-\d{8}-\d{4}/.exec(r.text)?.[0];
    expect(ticket).toBeDefined();
    r = await svc.say(s, 'status tiket itu');
    expect(r.intent?.id).toBe('complaint_track');
    expect(r.text).toContain(ticket!);
  });

  it('a complaint told without what it is about asks the category, then offers the text told for confirmation', async () => {
    const s = {};
    let r = await svc.say(s, 'saya mau komplain, sudah tiga kali saya datang tapi berkas saya selalu dikembalikan tanpa alasan');
    expect(r.text).toMatch(/Pilih \*kategori\*/);
    r = await svc.say(s, 'yang keempat');
    expect(r.text).toMatch(/Apakah ini keluhan/);
    expect(r.text).toMatch(/berkas saya selalu dikembalikan/);
    r = await svc.say(s, 'ya');
    expect(r.text).toMatch(/HP\/WhatsApp atau email/);
  });

  it('en: a complaint about the app told in full asks only for a contact; the ticket just filed is tracked without its number', async () => {
    const s = {};
    let r = await svc.say(s, "I want to complain about the JMO app: every time I log in it says my data cannot be found, since last week");
    expect(r.text).toMatch(/phone\/WhatsApp number or email/);
    expect(r.text).toMatch(/category JMO app/);
    expect(r.text).not.toMatch(/describe the problem/i);
    r = await svc.say(s, 'budi.santoso@example.com');
    expect(r.text).toMatch(/Complaint summary/);
    r = await svc.say(s, 'yes');
    const ticket = /ADU-\d{8}-\d{4}/.exec(r.text)?.[0];
    expect(ticket).toBeDefined();
    r = await svc.say(s, "what's happening with the complaint I just filed?");
    expect(r.intent?.id).toBe('complaint_track');
    expect(r.text).toContain(ticket!);
    expect(r.text).not.toMatch(/send your complaint \*ticket number\*/);
  });

  it('a question typed at the description prompt is never filed as the complaint', async () => {
    const s = {};
    await svc.say(s, 'saya mau komplain');
    await svc.say(s, { payload: 'pelayanan' });
    let r = await svc.say(s, 'jam buka kantor cabang sampai jam berapa?');
    expect(r.text).not.toMatch(/Ringkasan|HP\/WhatsApp atau email/);
    r = await svc.say(s, 'Antrian di kantor cabang sangat lama, saya menunggu 4 jam tanpa kejelasan.');
    expect(r.text).toMatch(/HP|email/i);
    await svc.say(s, 'budi@example.com');
    r = await svc.say(s, 'ya');
    expect(r.text).toMatch(/ADU-\d{8}-\d{4}/);
  });

  it('a free-text category in English is understood ("contributions")', async () => {
    const s = {};
    await svc.say(s, 'I want to file a complaint');
    const r = await svc.say(s, 'contributions');
    expect(r.text).toMatch(/describe/i);
    await svc.say(s, 'My employer deducts the contribution but it never shows in my balance.');
    const summary = await svc.say(s, 'budi@example.com');
    expect(summary.text).toMatch(/Category: Contributions/);
  });
});
