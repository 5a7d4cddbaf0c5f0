import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

/** The six homepage services added 2026-12-02 (issue #12, "Must be answerable"), asked in chat in both languages. */
let svc: Service;
beforeAll(async () => { svc = await startService(); });
afterAll(async () => { await svc.close(); });

const cases: { intent: string; id: string; idPhrase: RegExp; en: string; enPhrase: RegExp }[] = [
  { intent: 'bsu_info', id: 'kapan bsu cair tahun depan', idPhrase: /bsu\.bpjsketenagakerjaan\.go\.id/,
    en: 'when is the wage subsidy paid out', enPhrase: /government wage subsidy/i },
  { intent: 'fraud_alert', id: 'ada orang ngaku petugas minta kode otp supaya klaim jht saya cair', idPhrase: /tidak pernah meminta OTP/,
    en: 'a man says he is from bpjs and wants an admin fee before my jht claim is paid', enPhrase: /never asks for an OTP/ },
  { intent: 'comarketing_promo', id: 'ada promo diskon merchant buat peserta?', idPhrase: /Co-Marketing \/ Promo/,
    en: 'any merchant discounts for members?', enPhrase: /partner merchants/ },
  { intent: 'disability_jobs', id: 'ada lowongan kerja untuk penyandang disabilitas?', idPhrase: /lokerdisabilitas\.bpjsketenagakerjaan\.go\.id/,
    en: 'are there job vacancies for disabled people', enPhrase: /Loker Disabilitas/ },
  { intent: 'financial_planning', id: 'kalkulator perencanaan keuangan ada di mana', idPhrase: /Kalkulator Perencanaan Keuangan/,
    en: 'where is the financial planning calculator', enPhrase: /Financial Planning Calculator/ },
  { intent: 'employer_reporting', id: 'perusahaan mau lapor perubahan data tenaga kerja', idPhrase: /Pelaporan Data Perusahaan/,
    en: 'how does an employer report changes in workforce data', enPhrase: /Employers must report/ },
];

describe('new homepage intents answer in chat', () => {
  for (const c of cases) {
    it(`${c.intent} (id)`, async () => {
      const r = await svc.say({}, c.id);
      expect(r.status).toBe(200);
      expect(r.intent?.id).toBe(c.intent);
      expect(r.text).toMatch(c.idPhrase);
    });
    it(`${c.intent} (en)`, async () => {
      const r = await svc.say({}, c.en);
      expect(r.status).toBe(200);
      expect(r.intent?.id).toBe(c.intent);
      expect(r.text).toMatch(c.enPhrase);
    });
  }

  it('the fraud warning wins over the topic word and never starts a complaint or balance flow', async () => {
    for (const text of ['saldo jht bisa cair asal transfer dulu biaya admin, bener gak?', 'dikirim link apk buat klaim bpu, aman?']) {
      const r = await svc.say({}, text);
      expect(r.intent?.id, text).toBe('fraud_alert');
      expect(r.text).toMatch(/Jangan\* transfer|Jangan\* pasang aplikasi/);
    }
  });

  it('a household worker registered by the family goes to BPU registration, not housing or a complaint', async () => {
    for (const text of ['daftarkan pembantu rumah tangga saya', 'daftarkan ART dan sopir pribadi saya']) {
      const r = await svc.say({}, text);
      expect(r.intent?.id, text).toBe('registration_bpu');
      expect(r.text).toMatch(/BPU/);
    }
  });
});
