import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntentCatalog, detectFollowUp, identityCue, intentCatalog, isRepair, needsIdentity, splitLeadIn } from '../../src/nlu/followup.ts';
import { loadKnowledgeBase } from '../../src/knowledge/loader.ts';
import { createRouter } from '../../src/nlu/router.ts';
import { getLexicon } from '../../src/nlu/lexicon.ts';
import { normalizeTokens } from '../../src/nlu/normalize.ts';

const catalog = intentCatalog();
const lex = getLexicon();
const norm = (s: string) => normalizeTokens(s, lex).join(' ');

/** [topic of the conversation, follow-up, expected programme after the follow-up, aspect, expected intent] */
type Row = [string, string, string, string | undefined, string];
const FOLLOW_UPS: Row[] = [
  // JKM
  ['jkm', 'syaratnya apa?', 'jkm', 'requirements', 'jkm_claim'],
  ['jkm', 'dokumennya apa aja?', 'jkm', 'requirements', 'jkm_claim'],
  ['jkm', 'berapa lama cairnya?', 'jkm', 'duration', 'jkm_claim'],
  ['jkm', 'batas waktunya kapan?', 'jkm', 'deadline', 'jkm_claim'],
  ['jkm', 'bisa online?', 'jkm', 'channel', 'jkm_claim'],
  ['jkm', 'berapa dapatnya?', 'jkm', 'amount', 'jkm_info'],
  ['jkm', 'what documents do I need?', 'jkm', 'requirements', 'jkm_claim'],
  ['jkm', 'how long does it take?', 'jkm', 'duration', 'jkm_claim'],
  // MLT housing
  ['mlt', 'syaratnya apa aja?', 'mlt', 'requirements', 'housing_benefit'],
  ['mlt', 'maksimalnya berapa?', 'mlt', 'amount', 'housing_benefit'],
  ['mlt', 'ajukannya lewat mana?', 'mlt', 'channel', 'housing_benefit'],
  ['mlt', 'what are the requirements?', 'mlt', 'requirements', 'housing_benefit'],
  ['mlt', 'how long is the term? how many years', 'mlt', 'duration', 'housing_benefit'],
  // PMI
  ['pmi', 'iurannya berapa?', 'pmi', 'contribution', 'registration_pmi'],
  ['pmi', 'biayanya berapa?', 'pmi', 'contribution', 'registration_pmi'],
  ['pmi', 'daftarnya bisa online?', 'pmi', 'channel', 'registration_pmi'],
  ['pmi', 'how much is the fee?', 'pmi', 'contribution', 'registration_pmi'],
  ['pmi', 'what about the requirements?', 'pmi', 'requirements', 'registration_pmi'],
  // Jakon
  ['jakon', 'batas waktunya kapan?', 'jakon', 'deadline', 'registration_jakon'],
  ['jakon', 'iurannya berapa?', 'jakon', 'contribution', 'registration_jakon'],
  ['jakon', 'paling lambat kapan didaftarkan?', 'jakon', 'deadline', 'registration_jakon'],
  ['jakon', 'what is the deadline?', 'jakon', 'deadline', 'registration_jakon'],
  ['jakon', 'how much is the contribution?', 'jakon', 'contribution', 'registration_jakon'],
  // JKK
  ['jkk', 'syaratnya apa?', 'jkk', 'requirements', 'jkk_claim'],
  ['jkk', 'batas waktu lapornya kapan?', 'jkk', 'deadline', 'jkk_claim'],
  ['jkk', 'cara klaimnya gimana?', 'jkk', 'claim_how', 'jkk_claim'],
  ['jkk', 'berapa dapatnya?', 'jkk', 'amount', 'jkk_info'],
  ['jkk', 'how do I claim?', 'jkk', 'claim_how', 'jkk_claim'],
  ['jkk', 'what documents are needed?', 'jkk', 'requirements', 'jkk_claim'],
  // JKP
  ['jkp', 'syaratnya apa?', 'jkp', 'requirements', 'jkp_info'],
  ['jkp', 'bisa online?', 'jkp', 'channel', 'jkp_claim'],
  ['jkp', 'batas waktunya?', 'jkp', 'deadline', 'jkp_claim'],
  ['jkp', 'berapa lama dapatnya?', 'jkp', 'duration', 'jkp_info'],
  // JP
  ['jp', 'iurannya berapa?', 'jp', 'contribution', 'jp_info'],
  ['jp', 'syaratnya apa?', 'jp', 'requirements', 'jp_info'],
  ['jp', 'cara klaimnya?', 'jp', 'claim_how', 'jp_claim'],
  // returns: variants keep the programme
  ['returns', 'kalau yang syariah?', 'returns', undefined, 'returns_info'],
  ['returns', 'what about sharia?', 'returns', undefined, 'returns_info'],
  ['returns', 'kalau yang konvensional?', 'returns', undefined, 'returns_info'],
  // BPU
  ['bpu', 'daftarnya bisa online?', 'bpu', 'channel', 'registration_bpu'],
  ['bpu', 'iurannya berapa?', 'bpu', 'contribution', 'contribution_bpu'],
  ['bpu', 'syaratnya apa?', 'bpu', 'requirements', 'registration_bpu'],
  // switches: the follow-up names another programme
  ['jkm', 'kalau jkk syaratnya apa?', 'jkk', 'requirements', 'jkk_claim'],
  ['pmi', 'kalau jht bisa online?', 'jht', 'channel', 'jht_claim_how'],
  ['jakon', 'what about the pension contribution?', 'jp', 'contribution', 'jp_info'],
  ['mlt', 'klaim jkm berapa lama?', 'jkm', 'duration', 'jkm_claim'],
  ['returns', 'kalau jp?', 'jp', undefined, 'jp_info'],
];

describe('detectFollowUp (programme × aspect from intents/programs.yaml and aspects.yaml)', () => {
  it.each(FOLLOW_UPS)('after %s: %s → %s/%s → %s', (topic, text, program, aspect, intent) => {
    for (const t of [text, norm(text)]) {
      const f = detectFollowUp(t);
      const prog = f.program ?? topic;
      expect(prog).toBe(program);
      expect(f.aspect).toBe(aspect);
      expect(f.bare).toBe(f.program === undefined);
      expect(catalog.resolve(prog, f.aspect)).toBe(intent);
    }
  });

  it('has at least 40 follow-ups in both languages', () => {
    expect(FOLLOW_UPS.length).toBeGreaterThanOrEqual(40);
    expect(FOLLOW_UPS.filter((r) => /\b(what|how)\b/.test(r[1])).length).toBeGreaterThanOrEqual(12);
  });

  it('"kalau yang syariah?" is a variant, not a switch', () => {
    expect(detectFollowUp('kalau yang syariah?')).toMatchObject({ variant: 'sharia', bare: true });
    expect(detectFollowUp('kalau yang syariah?').program).toBeUndefined();
  });

  it('"itu udah termasuk jht?" keeps the programme and mentions JHT', () => {
    const f = detectFollowUp('itu udah termasuk jht?');
    expect(f.program).toBeUndefined();
    expect(f.mentions).toEqual(['jht']);
    expect(f.bare).toBe(true);
    expect(detectFollowUp('is jht included too?').mentions).toEqual(['jht']);
  });

  it('a full question naming a programme is not bare', () => {
    expect(detectFollowUp('apa itu jaminan hari tua')).toMatchObject({ program: 'jht', aspect: 'info', bare: false });
    expect(detectFollowUp('bisa lewat jmo?').program).toBeUndefined();
  });

  it('a long message without programme or cue is not a follow-up', () => {
    expect(detectFollowUp('saya sedang bingung dengan banyak hal di kantor saya akhir-akhir ini').bare).toBe(false);
  });
});

describe('IntentCatalog', () => {
  it('every intent with a programme has an aspect; menu order comes from the data', () => {
    const router = createRouter();
    return router.then((r) => {
      for (const id of r.intents()) {
        const m = catalog.meta(id)!;
        expect(m).toBeDefined();
        if (m.program) expect(m.aspect, id).toBeDefined();
      }
      expect(catalog.menu().slice(0, 3)).toEqual(['jht_info', 'jht_claim_how', 'jht_balance']);
      expect(catalog.withCue('ticket')).toEqual(['complaint_track']);
      expect(catalog.withCue('claim_number')).toEqual(['claim_status']);
    });
  });

  it('falls back along the aspect chain to the programme info intent', () => {
    expect(catalog.resolve('jkk', 'requirements')).toBe('jkk_claim');
    expect(catalog.resolve('scholarship', 'duration')).toBe('scholarship');
    expect(catalog.resolve('jmo', 'amount')).toBe('jmo_app');
    expect(catalog.resolve('nonexistent', 'info')).toBeUndefined();
    expect(catalog.target('jkm', 'duration')).toEqual({ intent: 'jkm_claim', item: 'duration' });
  });

  it('every rule of aspects.yaml points at an existing knowledge item', async () => {
    const kb = await loadKnowledgeBase('knowledge');
    const { loadAspects } = await import('../../src/nlu/data.ts');
    for (const r of loadAspects().rules) {
      const e = kb.entryFor(r.intent);
      expect(e, r.intent).toBeDefined();
      if (r.item) expect(e!.items.map((i) => i.id), `${r.intent}#${r.item}`).toContain(r.item);
    }
  });

  it('a new programme in a copy of intents/ resolves follow-ups without code changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jessi-intents-'));
    try {
      cpSync('intents', dir, { recursive: true });
      writeFileSync(join(dir, 'tapera_info.yaml'), [
        'intent: tapera_info', 'description: public housing savings (Tapera), a test programme', 'program: tapera', 'aspect: info',
        'utterances:', '  id:', '    - apa itu tapera', '    - tabungan perumahan rakyat itu apa', '    - manfaat tapera', '  en:', '    - what is tapera',
      ].join('\n') + '\n');
      writeFileSync(join(dir, 'tapera_claim.yaml'), [
        'intent: tapera_claim', 'description: how to withdraw Tapera savings', 'program: tapera', 'aspect: claim_how',
        'utterances:', '  id:', '    - cara cairkan tapera', '    - klaim tapera gimana', '  en:', '    - how to withdraw tapera',
      ].join('\n') + '\n');
      const programs = readFileSync(join(dir, 'programs.yaml'), 'utf8');
      writeFileSync(join(dir, 'programs.yaml'), programs + '  tapera:\n    id: [tapera, tabungan perumahan rakyat]\n    en: [tapera]\n    slang: []\n');
      const cat = new IntentCatalog(dir);
      expect(cat.programs()).toContain('tapera');
      const f = cat.detectFollowUp('syaratnya apa?');
      expect(cat.resolve('tapera', f.aspect)).toBe('tapera_claim'); // requirements → claim_how by the fallback chain
      expect(cat.resolve('tapera', cat.detectFollowUp('berapa dapatnya?').aspect)).toBe('tapera_info');
      expect(cat.detectFollowUp('kalau tapera bisa online?')).toMatchObject({ program: 'tapera', aspect: 'channel', bare: false });
      const router = await createRouter({ intentsDir: dir });
      expect(router.intents()).toContain('tapera_claim');
      // and a knowledge entry with items for it, in a copy of knowledge/
      const kdir = mkdtempSync(join(tmpdir(), 'jessi-kb-'));
      try {
        cpSync('knowledge', kdir, { recursive: true });
        writeFileSync(join(kdir, 'answers', 'tapera_claim.yaml'), [
          'id: tapera_claim', 'intent: tapera_claim', 'title: { id: "Klaim Tapera", en: "Tapera claim" }', 'source: "test"', 'reviewed: 2026-12-01',
          'answer:', '  id: "Cara klaim Tapera."', '  en: "How to claim Tapera."', 'items:', '  - id: requirements', '    aspect: requirements',
          '    cues: { id: [syarat], en: [requirements] }', '    answer: { id: "Syarat klaim Tapera.", en: "Tapera claim requirements." }',
        ].join('\n') + '\n');
        const kb = await loadKnowledgeBase(kdir);
        const item = kb.item('tapera_claim', f.aspect, 'syaratnya apa', 'id');
        expect(item?.id).toBe('requirements');
        expect(kb.replyItem('tapera_claim', item!, 'en')![0].text).toMatch(/^Tapera claim requirements\.[\s\S]*Source: test/);
      } finally {
        rmSync(kdir, { recursive: true, force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('splitLeadIn', () => {
  const cases: [string, string, boolean, boolean][] = [
    ['Hi! quick question, what is JHT?', 'what is JHT?', true, false],
    ['makasih, satu lagi: beasiswa anak berapa?', 'beasiswa anak berapa?', false, true],
    ['halo min, mau tanya, cara klaim jht gimana?', 'cara klaim jht gimana?', true, false],
    ['Selamat pagi kak, iuran bpu berapa ya', 'iuran bpu berapa', true, false],
    ['thanks. one more: what is the JKK rate?', 'what is the JKK rate?', false, true],
    ['Assalamualaikum, permisi, numpang tanya syarat klaim jkm', 'syarat klaim jkm', true, false],
    ['jkp itu apa? makasih ya', 'jkp itu apa?', false, true],
    ['halo', '', true, false],
    ['terima kasih banyak!', '', false, true],
    ['cara klaim jht', 'cara klaim jht', false, false],
    ['hitung iuran jp', 'hitung iuran jp', false, false],
    ['minimal iuran bpu berapa', 'minimal iuran bpu berapa', false, false],
  ];
  it.each(cases)('%s', (text, question, greeting, thanks) => {
    const r = splitLeadIn(text);
    expect(r.question).toBe(question);
    expect(r.greeting).toBe(greeting);
    expect(r.thanks).toBe(thanks);
  });
});

describe('isRepair', () => {
  it.each([
    'bukan itu maksud saya', 'salah', 'salah, bukan itu yang saya tanya', 'Salah!', 'bukan itu', 'ga nyambung jawabannya',
    'not what I meant', "no, that's not what I meant", 'wrong answer', 'That is not it', 'you misunderstood me', 'maksud saya bukan itu',
  ])('repair: %s', (t) => expect(isRepair(t)).toBe(true));
  it.each([
    'salah input data di jmo gimana', 'saya salah transfer iuran bpu', 'bukan penerima upah iurannya berapa', 'no kpj saya lupa',
    'kalau bukan pekerja formal bisa ikut jht?', 'what is JHT', 'no', 'the wrong account number was used for my claim',
  ])('not a repair: %s', (t) => expect(isRepair(t)).toBe(false));
});

describe('identity cues', () => {
  it.each([
    'BSU kapan cair?', 'bantuan subsidi upah 2025 saya dapat ga', 'kartu bpjs saya hilang gimana', 'I lost my card', 'cara ganti data di dukcapil',
    'sertifikasi BNSP itu apa', 'halo selamat pagi', 'makasih ya', 'apa itu jht', 'ada yang telepon minta OTP saya, katanya petugas BPJS',
  ])('no identity needed: %s', (t) => {
    expect(needsIdentity(t)).toBe(false);
    expect(identityCue(t)).toBeNull();
  });
  it.each([
    ['berapa saldo JHT saya sekarang?', 'balance'],
    ['min mau lihat saldo jht saya', 'balance'],
    ['status klaim jht saya gimana', 'claim_status'],
    ['pengajuan klaim jht saya udah sampai tahap apa ya?', 'claim_status'],
    ['what is my balance', 'balance'],
  ])('identity: %s', (t, cue) => {
    expect(identityCue(t)).toBe(cue);
    expect(needsIdentity(t)).toBe(true);
  });
  it('tickets are ADU-YYYYMMDD-NNNN only; KLM-… is a claim number', () => {
    expect(identityCue('cek tiket ADU-20251014-0042')).toBe('ticket');
    expect(identityCue('tiket ABC-2025-12 gimana')).toBeNull();
    expect(identityCue('klaim KLM-2026-000871 sudah sampai mana')).toBe('claim_number');
    expect(needsIdentity('cek tiket ADU-20251014-0042')).toBe(false);
  });
  it('the router sends a claim number to claim status and a ticket to complaint tracking', async () => {
    const r = await createRouter();
    expect(r.classify('KLM-2026-000871').intent).toBe('claim_status');
    expect(r.classify('ADU-20251014-0042').intent).toBe('complaint_track');
  });
});
