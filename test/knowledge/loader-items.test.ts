import { describe, expect, it, beforeAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../../src/knowledge/loader.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { KnowledgeError } from '../../src/knowledge/errors.ts';
import { detectFollowUp } from '../../src/nlu/followup.ts';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase('knowledge');
});

const reply = (intent: string, text: string, lang: 'id' | 'en', aspect: string | null = null) => {
  const item = kb.item(intent, aspect, text, lang);
  return item ? kb.replyItem(intent, item, lang, text)![0].text : undefined;
};

describe('question-level items: the answer to the question asked', () => {
  it.each([
    // [intent, question, lang, expected start / content, must not contain]
    ['jht_info', 'jht bisa cair umur berapa?', 'id', /^JHT bisa dicairkan penuh saat usia 56 tahun/, /^Ya|^Bisa/],
    ['jht_claim_how', 'bisa ambil jht kalau baru kerja 2 tahun terus resign?', 'id', /^Bisa\. .*tanpa syarat lama kerja minimum.*10 tahun kepesertaan hanya untuk pencairan sebagian/s, /^Tidak/],
    ['jht_claim_how', 'can I take my JHT after resigning? I only worked 2 years', 'en', /^Yes, you can\. .*no minimum length of service/s, /^No/],
    ['jht_claim_how', 'harus nunggu sebulan dulu ya?', 'id', /^Ya\. .*masa tunggu 1 bulan/s, /Tidak\./],
    ['jht_claim_how', 'do I have to wait a month?', 'en', /^Yes\. .*waiting period of 1 month/s, /^No/],
    ['jht_claim_how', 'klaim jht bisa online?', 'id', /^Bisa\. .*JMO.*Rp15 juta.*Lapak Asik/s, /^Tidak/],
    ['jht_claim_how', 'berapa lama cairnya?', 'id', /masa tunggu 1 bulan/, /^Bisa/],
    ['jkm_claim', 'klaim jkm berapa lama cair?', 'id', /sekitar 3 hari/, /^Ya/],
    ['jkm_claim', 'syaratnya apa aja?', 'id', /akta kematian/, /Sumber: .*Sumber:/s],
    ['jkm_claim', 'what documents do I need?', 'en', /death certificate/, /Sumber/],
    ['jkm_info', 'berapa dapatnya?', 'id', /Rp42\.000\.000/, /^Ya/],
    ['jkk_info', 'is an accident on the way home covered?', 'en', /^Yes\. .*home to work and back/s, /^No/],
    ['jkk_info', 'biaya pengobatannya ada batas?', 'id', /^Tidak\. .*tidak dibatasi/s, /^Ya/],
    ['jkk_claim', 'batas waktu lapornya kapan?', 'id', /2 × 24 jam/, /^Ya/],
    ['jkp_info', 'kalau resign dapat jkp?', 'id', /^Tidak\. .*mengundurkan diri/s, /^Ya/],
    ['jkp_info', 'berapa dapatnya?', 'id', /60%.*Rp5\.000\.000.*6 bulan/s, /^Ya/],
    ['jkp_claim', 'batas waktunya kapan?', 'id', /6 bulan setelah PHK/, /^Ya/],
    ['jp_info', 'kalau kurang dari 15 tahun gimana?', 'id', /180 bulan.*sekaligus/s, /^Ya/],
    ['housing_benefit', 'uang muka tanpa kpr bisa?', 'id', /^Tidak bisa\. .*bersama KPR/s, /^Bisa/],
    ['housing_benefit', 'what is the maximum down payment loan?', 'en', /Rp150 million/, /^Yes/],
    ['registration_pmi', 'iurannya berapa?', 'id', /Rp189\.000.*Rp13\.500/s, /^Ya/],
    ['registration_jakon', 'batas waktunya kapan?', 'id', /14 hari kerja/, /^Ya/],
    ['registration_bpu', 'daftarnya bisa online?', 'id', /^Bisa\. .*JMO/s, /^Tidak/],
    ['returns_info', 'kalau yang syariah?', 'id', /syariah: tahun 2025 6,64% \(dilaporkan media\), tahun 2024 6,79%/, /konvensional/],
    ['returns_info', 'what about sharia?', 'en', /sharia JHT return: 6\.64% for 2025 \(as reported in the press\), 6\.79% for 2024/, /conventional/],
    ['scholarship', 'berapa anak yang bisa dapat?', 'id', /maksimal 2 anak/, /^Ya/],
    ['scholarship', 'how much for university?', 'en', /university\/training Rp12\.000\.000/, /^Yes/],
  ] as const)('%s: %s', (intent, q, lang, want, not) => {
    const text = reply(intent, q, lang, detectFollowUp(q).aspect ?? null);
    expect(text).toBeDefined();
    expect(text).toMatch(want);
    expect(text).not.toMatch(not);
  });

  it('a broad question gets no item (the topic card is shown)', () => {
    expect(kb.item('jht_info', null, 'apa itu jht', 'id')).toBeUndefined();
    expect(kb.item('jkm_info', null, 'jelaskan tentang jkm', 'id')).toBeUndefined();
  });

  it('the aspect alone picks the item when the text has no cue', () => {
    expect(kb.item('jkm_claim', 'duration', 'terus?', 'id')?.id).toBe('duration');
  });

  it('items carry the source line and the fraud reminder of their entry', () => {
    const t = reply('jkm_claim', 'berapa lama cairnya', 'en')!;
    expect(t).toMatch(/never asks for OTPs/);
    expect(t).toMatch(/Source: PP 44\/2015/);
  });

  it('a wh-question does not get a yes/no word first', () => {
    const item = kb.item('jht_claim_how', null, 'berapa lama harus nunggu sebulan', 'id')!;
    expect(kb.replyItem('jht_claim_how', item, 'id', 'berapa lama harus nunggu')![0].text).not.toMatch(/^Ya\./);
  });

  it('every main topic has items in both languages', () => {
    for (const intent of ['jht_info', 'jht_claim_how', 'jht_claim_requirements', 'jkm_info', 'jkm_claim', 'jkk_info', 'jkk_claim', 'jkp_info', 'jkp_claim', 'jp_info', 'jp_claim', 'housing_benefit', 'registration_pmi', 'registration_jakon', 'registration_bpu', 'returns_info', 'scholarship']) {
      const items = kb.entryFor(intent)!.items;
      expect(items.length, intent).toBeGreaterThan(0);
      for (const it of items) {
        expect(it.answer.id.length).toBeGreaterThan(10);
        expect(it.answer.en.length).toBeGreaterThan(10);
        expect(it.answer.id).not.toMatch(/\{\{/);
      }
    }
  });
});

describe('items are validated at load', () => {
  const broken = async (itemYaml: string): Promise<string> => {
    const dir = mkdtempSync(join(tmpdir(), 'jessi-kb-items-'));
    try {
      cpSync('knowledge', dir, { recursive: true });
      const f = join(dir, 'answers', 'jkm_claim.yaml');
      const src = readFileSync(f, 'utf8').replace(/\nitems:[\s\S]*$/, '\n');
      writeFileSync(f, `${src}items:\n${itemYaml}`);
      await loadKnowledgeBase(dir);
      return 'loaded';
    } catch (e) {
      expect(e).toBeInstanceOf(KnowledgeError);
      return (e as Error).message;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('rejects a typed figure', async () => {
    expect(await broken('  - id: amount\n    cues: { id: [berapa], en: [how much] }\n    answer: { id: "Dapat Rp42.000.000", en: "You get {{jkm.total}}" }\n')).toMatch(/items\[0\]\.answer\.id.*literal figure "Rp42\.000\.000"/);
  });
  it('rejects a missing language', async () => {
    expect(await broken('  - id: amount\n    cues: { id: [berapa], en: [] }\n    answer: { id: "Total {{jkm.total}}" }\n')).toMatch(/items\[0\]\.answer\.en.*required/);
  });
  it('rejects an unknown rule key and an unknown yes/no word', async () => {
    const m = await broken('  - id: amount\n    yesno: maybe\n    cues: { id: [berapa], en: [how much] }\n    answer: { id: "{{jkm.nope}}", en: "{{jkm.total}}" }\n');
    expect(m).toMatch(/yesno/);
    const m2 = await broken('  - id: amount\n    cues: { id: [berapa], en: [how much] }\n    answer: { id: "{{jkm.nope}}", en: "{{jkm.total}}" }\n');
    expect(m2).toMatch(/items\[0\]\.answer\.id.*unknown rule key/);
  });
  it('rejects an item that can never be picked and a duplicate id', async () => {
    const m = await broken('  - id: a\n    cues: { id: [], en: [] }\n    answer: { id: "x y", en: "x y" }\n  - id: a\n    aspect: duration\n    cues: { id: [x], en: [x] }\n    answer: { id: "x y", en: "x y" }\n');
    expect(m).toMatch(/items\[0\]\.cues/);
    expect(m).toMatch(/items\[1\]\.id.*used twice/);
  });
});
