import { beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/nlu/router.ts';
import type { IntentRouter } from '../../src/nlu/types.ts';

/** The public contract of docs/intents.md. */
const CATALOG = ['greeting', 'thanks', 'goodbye', 'bot_identity', 'menu', 'jht_info', 'jht_claim_how', 'jht_claim_requirements',
  'jht_claim_partial', 'jht_balance', 'jht_simulation', 'jp_info', 'jp_simulation', 'jp_claim', 'jkk_info', 'jkk_claim', 'jkk_facility',
  'jkm_info', 'jkm_claim', 'jkp_info', 'jkp_claim', 'claim_status', 'complaint_track', 'complaint_create', 'registration_pu',
  'registration_bpu', 'registration_jakon', 'registration_pmi', 'contribution_rates', 'contribution_bpu', 'payment_how', 'returns_info',
  'jmo_app', 'housing_benefit', 'scholarship', 'contact_office', 'handoff_agent', 'bpjs_kesehatan', 'out_of_scope'];

let router: IntentRouter;
beforeAll(async () => {
  router = await createRouter();
});

describe('router robustness', () => {
  it('can return every catalog intent', () => {
    expect(router.intents()).toEqual(expect.arrayContaining(CATALOG));
  });

  it('never throws and always returns a well-formed result', () => {
    const odd = ['', '   ', '\u0000\u0007\u001b[31m', 'ＪＨＴ　ＣＡＩＲ', '🤖🙏😀'.repeat(50), 'x'.repeat(2000),
      Array.from({ length: 400 }, (_, i) => `kata${i}`).join(' '), '\uD800\uDFFF\uFFFF', 'Привет как дела', '你好 社保',
      'مرحبا', '12345678901', '3174012345678901', '!!!???...', 'cek saldo jht '.repeat(150)];
    for (const s of odd) {
      const r = router.classify(s);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(r.candidates.length).toBeLessThanOrEqual(5);
      expect(['answer', 'ask', 'fallback']).toContain(r.outcome);
      if (r.outcome === 'fallback') expect(r.intent).toBe('out_of_scope');
    }
  });

  it('falls back with low confidence on gibberish and unknown words', () => {
    for (const s of ['asdkjh qwpoeiru zxcmnb', 'zzzz', 'blorf grimble snaz', '😀😀', '12345678901']) {
      const r = router.classify(s);
      expect(r.outcome, s).toBe('fallback');
      expect(r.intent).toBe('out_of_scope');
      expect(r.confidence, s).toBeLessThan(0.3);
    }
  });

  it('answers clearly off-topic messages with out_of_scope', () => {
    for (const s of ['berapa harga tv led 43 inch', 'kapan taspen cair untuk pensiunan guru', 'klaim santunan jasa raharja korban tabrakan']) {
      expect(router.classify(s).intent, s).toBe('out_of_scope');
    }
  });

  it('asks back when a message is too vague to answer', () => {
    const r = router.classify('jht');
    expect(r.outcome).not.toBe('answer');
  });

  it('corrects typos in the normalised text', () => {
    expect(router.classify('cara klaiim jht').normalized).toContain('klaim');
  });
});

// Hand-written phrasings, not in intents/ and not from the dev set.
const OWN: Array<[string, string]> = [
  ['pagi kak, mau tanya sesuatu', 'greeting'],
  ['oke jelas, makasih banyak ya min', 'thanks'],
  ['udah cukup infonya, sampai jumpa', 'goodbye'],
  ['yang bales chat ini robot kah', 'bot_identity'],
  ['jessi bisa bantu soal apa aja sih', 'menu'],
  ['jaminan hari tua tuh sebenernya buat apa', 'jht_info'],
  ['abis resign pengen nyairin jht lewat online, langkahnya gmn', 'jht_claim_how'],
  ['pas klaim jht wajib bawa surat paklaring ga ya', 'jht_claim_requirements'],
  ['aku masih kerja, boleh narik 10 persen dari jht?', 'jht_claim_partial'],
  ['pengen tau jht ku udah kekumpul berapa', 'jht_balance'],
  ['kalo gaji 4,5 juta kerja 12 tahun, jht nanti kira2 brp', 'jht_simulation'],
  ['bunga jht taun ini brp persen ya', 'returns_info'],
  ['program pensiun bpjs tk itu kayak gimana', 'jp_info'],
  ['tolong hitungin perkiraan pensiun bulanan sy', 'jp_simulation'],
  ['bapak udah umur 58, ngurus klaim pensiunnya gmn', 'jp_claim'],
  ['jatuh dari tangga pas lagi kerja, dapet santunan apa aja', 'jkk_info'],
  ['karyawan saya celaka di gudang, prosedur klaim ke bpjs gimana', 'jkk_claim'],
  ['rumah sakit plkk di daerah bogor ada dimana', 'jkk_facility'],
  ['kalo peserta wafat, keluarganya dapet uang berapa', 'jkm_info'],
  ['ayah meninggal bulan lalu, syarat ahli waris ngurus klaimnya apa', 'jkm_claim'],
  ['abis kena phk, ada tunjangan dari bpjs ga', 'jkp_info'],
  ['prosedur ngajuin jkp lewat siapkerja gmn', 'jkp_claim'],
  ['udah 3 minggu ngajuin klaim jht kok blm cair juga', 'claim_status'],
  ['status tiket ADU-20240101-0001 gimana', 'complaint_track'],
  ['pengaduan yg sy kirim minggu lalu udah ditindak belum', 'complaint_track'],
  ['pelayanan kantor cabang parah, sy mau ngadu', 'complaint_create'],
  ['hrd mau daftarin karyawan baru ke bpjs tk', 'registration_pu'],
  ['saya jualan bakso keliling, bisa jadi peserta bpjs tk?', 'registration_bpu'],
  ['tukang proyek gedung pemerintah didaftarin gimana', 'registration_jakon'],
  ['mau berangkat kerja ke jepang, perlu daftar bpjs tk?', 'registration_pmi'],
  ['potongan bpjs tk di slip gaji karyawan berapa persen sih', 'contribution_rates'],
  ['driver ojol bayar iuran bulanan berapaan', 'contribution_bpu'],
  ['bayar iuran bpu bisa lewat alfamart?', 'payment_how'],
  ['aplikasi jmo ga bisa login padahal password bener', 'jmo_app'],
  ['ada pinjaman buat dp rumah dari bpjs tk?', 'housing_benefit'],
  ['beasiswa buat anak peserta dapet berapa', 'scholarship'],
  ['alamat kantor cabang bpjs tk di depok dimana', 'contact_office'],
  ['males chat sama bot, sambungin ke cs aja', 'handoff_agent'],
  ['kartu kis ibu saya ga bisa dipake di puskesmas', 'bpjs_kesehatan'],
  ['how do I withdraw my jht after quitting my job', 'jht_claim_how'],
  ['what is my old age savings balance', 'jht_balance'],
  ['can a street food seller sign up for bpjs', 'registration_bpu'],
  ['I want to talk to a real person', 'handoff_agent'],
];

describe('unseen phrasings route to the right intent', () => {
  it.each(OWN)('%s → %s', (text, intent) => {
    expect(router.classify(text).intent).toBe(intent);
  });
});
