/** The complaint dialog takes only what validates for each slot (#10 point 5). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

describe('complaint slots', () => {
  it('a complaint told in the first message is offered for confirmation, and "tiket itu" is the ticket just filed', async () => {
    const s = {};
    let r = await svc.say(s, 'saya mau komplain, iuran saya dipotong tiap bulan tapi tidak masuk ke saldo sejak Juli');
    expect(r.text).toMatch(/Apakah ini keluhan/);
    expect(r.text).toMatch(/tidak masuk ke saldo sejak Juli/);
    r = await svc.say(s, 'ya');
    expect(r.text).toMatch(/HP|email/i);
    await svc.say(s, '0813-2468-1357');
    r = await svc.say(s, 'ya');
    const ticket = /ADU-\d{8}-\d{4}/.exec(r.text)?.[0];
    expect(ticket).toBeDefined();
    r = await svc.say(s, 'status tiket itu');
    expect(r.intent?.id).toBe('complaint_track');
    expect(r.text).toContain(ticket!);
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
