/**
 * Issue #12, the points still open after deadlines-and-cases.test.ts (review 2026-12 §4.7, §4.9, §4.11, §4.14, §3),
 * asked in chat: each checks the figure or the rule in the reply, and the portal links that come with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type ChatReply, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => { svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 }); });
afterAll(async () => { await svc.close(); });

const urls = (r: ChatReply): string[] => (r.body.messages ?? []).flatMap((m: { links?: { url: string }[] }) => (m.links ?? []).map((l) => l.url));

describe('JKK: total permanent disability and the 2 × 24 h report', () => {
  it('id: total permanent disability is 56 × wage plus the Rp12 juta periodic benefit and the scholarship', async () => {
    const r = await svc.say({}, 'kalau cacat total tetap karena kecelakaan kerja dapat apa');
    expect(r.intent?.id).toBe('jkk_info');
    expect(r.text).toMatch(/56 × upah sebulan, \*ditambah\* santunan berkala Rp12\.000\.000/);
    expect(r.text).toMatch(/beasiswa untuk maksimal 2 anak \(total hingga Rp174 juta\)/);
  });

  it('en: total permanent disability includes the periodic benefit', async () => {
    const r = await svc.say({}, 'what do I get for total permanent disability after a work accident');
    expect(r.text).toMatch(/56 × the monthly wage, \*plus\* the periodic benefit of Rp12\.000\.000/);
  });

  it('id: the report deadline cites Permenaker 5/2021 jo 1/2025 and says a late report leaves the employer liable', async () => {
    const r = await svc.say({}, 'jkk batas waktu klaim berapa lama');
    expect(r.intent?.id).toBe('jkk_claim');
    expect(r.text).toMatch(/2 × 24 jam \(48 jam\)/);
    expect(r.text).toMatch(/pemberi kerja yang menanggung manfaat JKK-nya \(pasal 8 ayat 2a\)/);
    expect(r.text).toMatch(/Sumber: .*Permenaker 5\/2021 pasal 8 jo Permenaker 1\/2025/);
  });
});

describe('JKP on the claim card: a contract that ends, a layoff before its end, a bankrupt employer', () => {
  it('id: "kontrak saya habis, bisa klaim jkp?" is told a PKWT that simply ends is not JKP (not the claim steps)', async () => {
    const r = await svc.say({}, 'kontrak saya habis, bisa klaim jkp?');
    expect(r.intent?.id).toBe('jkp_claim');
    expect(r.text).toMatch(/^Tidak\. Kontrak kerja waktu tertentu \(PKWT\) yang berakhir sesuai jangka waktunya bukan PHK/);
    expect(r.text).not.toMatch(/Ajukan Klaim/);
  });

  it('id: a contract worker laid off before the contract ends is a JKP case (no "Tidak.")', async () => {
    const r = await svc.say({}, 'saya karyawan kontrak di phk sebelum kontrak habis, dapat jkp?');
    expect(r.text).toMatch(/di-PHK \*sebelum\* kontraknya berakhir termasuk JKP/);
    expect(r.text).toMatch(/minimal 12 bulan dalam 24 bulan/);
    expect(r.text).not.toMatch(/^Tidak\./);
  });

  it('en: laid off before the end of a fixed-term contract', async () => {
    const r = await svc.say({}, 'i was laid off before my contract ended, do i get jkp?');
    expect(r.text).toMatch(/laid off \*before\* the contract ends is covered by JKP/);
  });

  it('id: a bankrupt employer asked on the claim card gets PP 6/2025 art. 39A (≤ 6 months of arrears)', async () => {
    const r = await svc.say({}, 'perusahaan bangkrut, klaim jkp gimana');
    expect(r.text).toMatch(/menunggak iuran paling lama 6 bulan, manfaat JKP tetap dibayarkan/);
    expect(r.text).toMatch(/PP 6\/2025 pasal 39A/);
  });
});

describe('JHT and JKM points', () => {
  it('id and en: leaving Indonesia for good is for foreign nationals only, also in the short "when" answers', async () => {
    let r = await svc.say({}, 'jht bisa cair umur berapa');
    expect(r.text).toMatch(/meninggalkan Indonesia untuk selamanya \(khusus peserta WNA\)/);
    r = await svc.say({}, 'at what age can I withdraw my jht');
    expect(r.text).toMatch(/Indonesia permanently \(foreign nationals only/);
  });

  it('id: a partial claim through JMO is reported by the news only, and said so', async () => {
    const r = await svc.say({}, 'klaim jht sebagian bisa lewat jmo?');
    expect(r.intent?.id).toBe('jht_claim_partial');
    expect(r.text).toMatch(/Menurut pemberitaan 2025, klaim sebagian juga bisa lewat aplikasi JMO untuk saldo sampai Rp15 juta; ini belum kami pastikan/);
    expect(urls(r)).toContain('https://lapakasik.bpjsketenagakerjaan.go.id/');
  });

  it('en: partial JHT in the JMO app', async () => {
    const r = await svc.say({}, 'can i do the partial jht withdrawal in jmo?');
    expect(r.text).toMatch(/we have not confirmed this from an official source/);
  });

  it('id: "jkm batas klaimnya kapan" gets no deadline for JKM, and never the JKP one as JKM\'s', async () => {
    const r = await svc.say({}, 'kalau jkm batas klaimnya kapan');
    expect(r.text).toMatch(/tidak mencantumkan batas waktu pengajuan klaim JKM \(batas 6 bulan setelah PHK hanya untuk JKP\)/);
  });
});

describe('homepage services: household workers in English, WhatsApp, social media, portal links', () => {
  it('en: registering a housemaid is "PU menggandeng BPU" from Rp36.800 in JMO', async () => {
    const r = await svc.say({}, 'can I register my housemaid');
    expect(r.intent?.id).toBe('registration_bpu');
    expect(r.text).toMatch(/PU menggandeng BPU/);
    expect(r.text).toMatch(/from Rp36\.800 a month/);
    expect(r.text).toMatch(/JMO app/);
  });

  it('id: the WhatsApp number from the homepage, as a real link', async () => {
    const r = await svc.say({}, 'nomor wa bpjs ketenagakerjaan berapa');
    expect(r.intent?.id).toBe('contact_office');
    expect(r.text).toMatch(/WhatsApp resmi BPJS Ketenagakerjaan .*wa\.me\/6281380070175/);
    expect(urls(r)).toContain('https://wa.me/6281380070175');
  });

  it('id and en: social media points to the official website and invents no account name', async () => {
    for (const q of ['instagram bpjs ketenagakerjaan apa', 'what are the official social media accounts of bpjs ketenagakerjaan']) {
      const r = await svc.say({}, q);
      expect(r.intent?.id, q).toBe('contact_office');
      expect(r.text, q).toMatch(/www\.bpjsketenagakerjaan\.go\.id/);
      expect(r.text, q).toMatch(/tidak ada di sumber kami|do not list the account names/);
      expect(r.text, q).not.toMatch(/@\w+/);
    }
  });

  it('the claim card links Lapak Asik and the tracking page; the payment card links the Perisai partners', async () => {
    let r = await svc.say({}, 'gimana cara cairin jht');
    expect(urls(r)).toEqual(expect.arrayContaining(['https://lapakasik.bpjsketenagakerjaan.go.id/', 'https://www.bpjsketenagakerjaan.go.id/tracking']));
    r = await svc.say({}, 'bayar iuran lewat mana');
    expect(r.intent?.id).toBe('payment_how');
    expect(urls(r)).toContain('https://perisai.bpjs.go.id/');
  });
});

describe('figures that must carry their year or their doubt (issue #12 items 3–5)', () => {
  it('id and en: the latest returns are 2025 (reported, said so), with 2024 and 2023 still given', async () => {
    let r = await svc.say({}, 'bunga jht tahun ini berapa');
    expect(r.intent?.id).toBe('returns_info');
    expect(r.text).toMatch(/Hasil pengembangan terbaru, tahun 2025\* \(diumumkan BPJS Ketenagakerjaan, dikutip media; belum kami temukan di situs resmi\)/);
    expect(r.text).toMatch(/JHT konvensional: \*5,51%\*/);
    expect(r.text).toMatch(/JHT syariah: \*6,64%\*/);
    expect(r.text).toMatch(/Jaminan Pensiun: \*6,47%\*/);
    expect(r.text).toMatch(/counter rate\) 2025: 2,63%/);
    expect(r.text).toMatch(/Tahun 2024\* \(situs resmi\): JHT konvensional 6,05%/);
    r = await svc.say({}, 'what was the jht investment return last year?');
    expect(r.text).toMatch(/Latest returns, for 2025\*/);
  });

  it('id: the JP benefit maximum is given as the 2024 figure, not as "the one in force now"', async () => {
    const r = await svc.say({}, 'manfaat pensiun maksimal berapa');
    expect(r.intent?.id).toBe('jp_info');
    expect(r.text).toMatch(/untuk \*tahun 2024\*: minimum Rp393\.500 dan maksimum Rp4\.718\.200/);
    expect(r.text).toMatch(/belum terverifikasi/);
    expect(r.text).not.toMatch(/yang berlaku sekarang: /);
  });

  it('id and en: the 2026 JP wage ceiling keeps its unverified flag in the wording', async () => {
    for (const [q, re] of [
      ['batas upah jp 2026 berapa', /dilaporkan Rp11\.086\.300, angka yang \*belum terverifikasi\*/],
      ['iuran jp berapa', /Maret 2026 dilaporkan Rp11\.086\.300 \(angka 2026 ini \*belum terverifikasi\*/],
      ['jp ceiling this year', /Rp11\.086\.300 is reported, but this figure is \*not verified\*/],
    ] as const) {
      const r = await svc.say({}, q);
      expect(r.text, q).toMatch(re);
      expect(r.text, q).toMatch(/Rp10\.547\.400/);
    }
  });

  it('id and en: a working student or an intern keeps the scholarship (Permenaker 1/2025 art. 103(3a))', async () => {
    let r = await svc.say({}, 'anak saya kuliah sambil magang, masih dapat beasiswa?');
    expect(r.intent?.id).toBe('scholarship');
    expect(r.text).toMatch(/tetap berhak atas beasiswa/);
    expect(r.text).toMatch(/pasal 103 ayat 3a/);
    r = await svc.say({}, 'my son works part time while at university, can he still get the scholarship?');
    expect(r.text).toMatch(/stays eligible for the scholarship/);
  });

  it('id and en: leaving Indonesia for good is a WNA reason; an Indonesian moving abroad claims on stopping work', async () => {
    let r = await svc.say({}, 'saya mau pindah ke australia selamanya, jht bisa cair?');
    expect(r.text).toMatch(/hanya untuk peserta \*warga negara asing \(WNA\)\* \(Permenaker 4\/2022 pasal 12\)/);
    expect(r.text).toMatch(/\*WNI\* yang pindah ke luar negeri mengklaim JHT dengan alasan \*berhenti bekerja\*/);
    r = await svc.say({}, 'i am a foreigner leaving indonesia, can i claim my jht');
    expect(r.text).toMatch(/is for \*foreign nationals \(WNA\)\* only/);
  });
});
