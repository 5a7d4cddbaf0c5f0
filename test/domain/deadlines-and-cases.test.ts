/**
 * Issue #12 §4 items 7 and 12 (review §4.8, §4.10–§4.12), asked in chat: the JKP claim deadline is never given as
 * JHT's or JKM's; a late accident report makes the employer liable (Permenaker 1/2025 art. 8(2a)); JKP is still paid
 * when a bankrupt employer owes at most 6 months (PP 6/2025 art. 39A); a PKWT that simply ends is not a JKP case;
 * a household worker is registered through "PU menggandeng BPU" from Rp36.800 via JMO.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => { svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 }); });
afterAll(async () => { await svc.close(); });

describe('claim deadlines', () => {
  it('id: "batas waktu klaim jht" says the 6 months are JKP\'s, not JHT\'s', async () => {
    const r = await svc.say({}, 'batas waktu klaim jht sampai kapan?');
    expect(r.text).toMatch(/batas klaim \*JKP\*, bukan JHT/);
    expect(r.text).not.toMatch(/^Klaim JKP/);
  });
  it('en: the JKM deadline question does not get the JKP deadline as JKM\'s', async () => {
    const r = await svc.say({}, 'is there a deadline to claim the JKM death benefit?');
    expect(r.text).toMatch(/do not state a deadline for a JKM claim/);
  });
});

describe('a late accident report', () => {
  it('id: the claim is not void, the employer is liable', async () => {
    const r = await svc.say({}, 'kantor telat lapor kecelakaan kerja saya, apakah klaim jkk saya hangus?');
    expect(r.text).toMatch(/^Tidak\./);
    expect(r.text).toMatch(/pemberi kerja yang wajib menanggung/);
    expect(r.text).toMatch(/Permenaker 1\/2025/);
  });
  it('en: reported late means the employer bears the benefits', async () => {
    const r = await svc.say({}, 'my employer reported my work accident late, is my JKK claim void?');
    expect(r.text).toMatch(/the employer must bear/);
  });
});

describe('JKP: bankrupt employer, and a contract that ends', () => {
  it('id: bankrupt with arrears of at most 6 months is still JKP', async () => {
    const r = await svc.say({}, 'pabrik tempat saya kerja pailit dan nunggak iuran 3 bulan, saya tetap dapat jkp?');
    expect(r.text).toMatch(/^Bisa\./);
    expect(r.text).toMatch(/paling lama 6 bulan/);
    expect(r.text).toMatch(/39A/);
  });
  it('en: a fixed-term contract that ran out is not a JKP case', async () => {
    const r = await svc.say({}, 'my fixed-term contract ended and was not renewed, can I get JKP?');
    expect(r.text).toMatch(/^No\b/);
    expect(r.text).toMatch(/not a layoff/);
  });
});

describe('household workers', () => {
  it('id: registering a driver is "PU menggandeng BPU" from Rp36.800 via JMO', async () => {
    const r = await svc.say({}, 'gimana cara daftarin sopir pribadi saya ke bpjs ketenagakerjaan?');
    expect(r.intent?.id).toBe('registration_bpu');
    expect(r.text).toMatch(/PU menggandeng BPU/);
    expect(r.text).toMatch(/Rp36\.800/);
    expect(r.text).toMatch(/JMO/);
  });
});

describe('homepage services within existing answers', () => {
  it('id: autodebet is answered (not only the payment codes)', async () => {
    const r = await svc.say({}, 'gimana cara daftar autodebet buat bayar iuran?');
    expect(r.intent?.id).toBe('payment_how');
    expect(r.text).toMatch(/autodebet/);
    expect(r.text).toMatch(/Daftar Auto Debit/);
  });
  it('en: paying through a Perisai agent', async () => {
    const r = await svc.say({}, 'can I pay my contributions through a perisai agent?');
    expect(r.text).toMatch(/^Yes, you can\./);
    expect(r.text).toMatch(/perisai\.bpjs\.go\.id/);
  });
  it('id: rusunawa says what is known and where to ask, nothing invented', async () => {
    const r = await svc.say({}, 'ada info rusunawa untuk pekerja?');
    expect(r.intent?.id).toBe('housing_benefit');
    expect(r.text).toMatch(/Rusunawa/);
    expect(r.text).toMatch(/kantor cabang terdekat atau call center 175/);
  });
  it('en: the WhatsApp number of the homepage', async () => {
    const r = await svc.say({}, 'what is the whatsapp number of bpjs ketenagakerjaan?');
    expect(r.text).toMatch(/wa\.me\/6281380070175/);
  });
});

describe('JHT tax and portal links', () => {
  it('en: a tax question gets the tax point (rate not invented), not the returns', async () => {
    const r = await svc.say({}, 'do I pay tax when I withdraw my JHT?');
    expect(r.intent?.id).toBe('jht_info');
    expect(r.text).toMatch(/final income tax/);
    expect(r.text).not.toMatch(/\d+(?:[.,]\d+)?\s?%/);
  });
  it('id: company registration carries the registration portal as a link', async () => {
    const r = await svc.say({}, 'cara daftar perusahaan jadi peserta bpjs tk');
    expect(JSON.stringify(r.body.messages)).toMatch(/https:\/\/pom\.bpjsketenagakerjaan\.go\.id\/pu/);
  });
});
