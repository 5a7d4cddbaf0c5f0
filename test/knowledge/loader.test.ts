import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadKnowledgeBase } from '../../src/knowledge/loader.ts';
import { literalFigures } from '../../src/knowledge/render.ts';
import { formatRupiahShort } from '../../src/knowledge/format.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import type { Lang } from '../../src/core/types.ts';

/** The intent catalog (shared/intents.md): every id must have an answer. */
const CATALOG = [
  'greeting', 'thanks', 'goodbye', 'bot_identity', 'menu', 'jht_info', 'jht_claim_how', 'jht_claim_requirements',
  'jht_claim_partial', 'jht_balance', 'jht_simulation', 'jp_info', 'jp_simulation', 'jp_claim', 'jkk_info', 'jkk_claim',
  'jkk_facility', 'jkm_info', 'jkm_claim', 'jkp_info', 'jkp_claim', 'claim_status', 'complaint_track', 'complaint_create',
  'registration_pu', 'registration_bpu', 'registration_jakon', 'registration_pmi', 'contribution_rates', 'contribution_bpu',
  'payment_how', 'returns_info', 'jmo_app', 'housing_benefit', 'scholarship', 'contact_office', 'handoff_agent',
  'bpjs_kesehatan', 'out_of_scope',
];
const LANGS: Lang[] = ['id', 'en'];
/** Claims and money: these answers must carry the anti-fraud reminder. */
const MONEY_INTENTS = [
  'jht_claim_how', 'jht_claim_requirements', 'jht_claim_partial', 'jht_balance', 'jp_claim', 'jkk_claim', 'jkm_claim',
  'jkp_claim', 'claim_status', 'payment_how', 'contribution_rates', 'contribution_bpu', 'housing_benefit', 'scholarship',
];

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase('knowledge');
});

const text = (intent: string, lang: Lang) => kb.reply(intent, lang)!.map((m) => m.text).join('\n');

describe('knowledge base content', () => {
  it('answers every intent of the catalog, in both languages', () => {
    expect(CATALOG).toHaveLength(39);
    for (const intent of CATALOG) {
      const e = kb.entryFor(intent);
      expect(e, intent).toBeDefined();
      for (const lang of LANGS) {
        expect(e!.answer[lang].trim().length, `${intent} ${lang}`).toBeGreaterThan(20);
        expect(e!.answer[lang].length, `${intent} ${lang} is too long for WhatsApp`).toBeLessThanOrEqual(900);
        expect(kb.title(intent, lang).length, intent).toBeGreaterThan(2);
        expect(e!.answer[lang]).not.toMatch(/\{\{|\}\}/);
      }
      expect(e!.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e!.source.length).toBeGreaterThan(3);
    }
  });

  it('replies with the answer, the source line, the reminder when due, and at most 4 buttons on the last message', () => {
    const id = kb.reply('jht_claim_how', 'id')!;
    expect(id[0]!.text.startsWith(kb.entryFor('jht_claim_how')!.answer.id)).toBe(true);
    expect(id.at(-1)!.text).toContain('Sumber: Permenaker 4/2022');
    expect(id.map((m) => m.text).join('\n')).toContain(kb.message('answers.fraud_reminder', 'id'));
    expect(id.at(-1)!.buttons!.length).toBeGreaterThan(0);
    const en = text('jht_claim_how', 'en');
    expect(en).toContain('Source: ');
    expect(en).toContain(kb.message('answers.fraud_reminder', 'en'));
    expect(text('contact_office', 'id')).not.toContain(kb.message('answers.fraud_reminder', 'id'));
    expect(kb.reply('no_such_intent', 'id')).toBeUndefined();
    for (const intent of CATALOG) {
      for (const lang of LANGS) {
        const msgs = kb.reply(intent, lang)!;
        const buttons = msgs.at(-1)!.buttons ?? [];
        expect(buttons.length).toBeLessThanOrEqual(4);
        for (const b of buttons) {
          expect(b.payload).toMatch(/^intent:[a-z_]+$/);
          expect(kb.entryFor(b.payload.slice('intent:'.length)), `${intent}: ${b.payload}`).toBeDefined();
          expect(b.title.length).toBeLessThanOrEqual(24);
        }
      }
    }
  });

  it('puts the anti-fraud reminder on every answer about claims or money amounts', () => {
    for (const e of kb.entries()) {
      const aboutMoney = MONEY_INTENTS.includes(e.intent) || /Rp\d/.test(e.answer.id);
      if (aboutMoney) expect(e.fraudReminder, e.id).toBe(true);
      if (e.fraudReminder) expect(text(e.intent, 'id')).toMatch(/tidak pernah meminta OTP, password\/PIN, atau biaya/);
    }
  });

  it('states only figures from the rules file', () => {
    const rules = kb.rules;
    for (const lang of LANGS) {
      const allowed = new Set(rules.keys().flatMap((k) => {
        const r = rules.get(k);
        if (r.kind === 'text') return [];
        const out = [rules.format(k, lang)];
        if (r.kind === 'rupiah') out.push(formatRupiahShort(r.value as number, lang));
        return out;
      }));
      let seen = 0;
      for (const e of kb.entries()) {
        const answer = e.answer[lang];
        // Every rupiah amount (full or short form) and every percentage is one of the rules' formatted values.
        const figures = [
          ...answer.matchAll(/Rp\d+(?:[.,]\d+)? (?:juta|million|miliar|billion)/g),
          ...answer.matchAll(/Rp\d{1,3}(?:\.\d{3})*(?!\d|[.,]\d|\s(?:juta|million|miliar|billion))/g),
          ...answer.matchAll(/\d+(?:[.,]\d+)?%/g),
        ].map((m) => m[0]);
        for (const f of figures) expect(allowed, `${e.id} ${lang}: ${f}`).toContain(f);
        seen += figures.length;
      }
      expect(seen).toBeGreaterThan(50);
    }
  });

  it('has no figure typed into any answer file (they must be {{rule.key}} references)', async () => {
    const dir = 'knowledge/answers';
    for (const name of await readdir(dir)) {
      const raw = parse(await readFile(path.join(dir, name), 'utf8'));
      const texts = [raw.title.id, raw.title.en, raw.answer.id, raw.answer.en, ...(raw.buttons ?? []).flatMap((b: { id: string; en: string }) => [b.id, b.en])];
      for (const t of texts) expect(literalFigures(t), `${name}: ${t.slice(0, 60)}`).toEqual([]);
    }
  });

  it('detects literal money and rate figures but not regulation numbers or counts', () => {
    expect(literalFigures('iuran Rp16.800 per bulan')).toEqual(['Rp16.800']);
    expect(literalFigures('saldo sampai 15 juta')).toEqual(['15 juta']);
    expect(literalFigures('naik 5% per tahun')).toEqual(['5%']);
    expect(literalFigures('ambil 10 persen')).toEqual(['10 persen']);
    expect(literalFigures('upah 5.000.000')).toEqual(['5.000.000']);
    expect(literalFigures('PP 82/2019, Permenaker 4/2022, call center 175, 2 x 24 jam, KPJ 11 digit')).toEqual([]);
    expect(literalFigures('sampai {{jht.jmo_limit|short}} dan {{contribution.jht.worker}}')).toEqual([]);
  });

  it('contains what users ask for most', () => {
    const how = text('jht_claim_how', 'id');
    expect(how).toMatch(/JMO/);
    expect(how).toMatch(/Lapak Asik/);
    expect(how).toMatch(/kantor cabang/i);
    const req = text('jht_claim_requirements', 'id');
    expect(req).toMatch(/KTP/);
    expect(req).toMatch(/kartu peserta/i);
    expect(req).toMatch(/KPJ/);
    expect(text('contact_office', 'id')).toMatch(/\b175\b/);
    expect(text('contact_office', 'en')).toMatch(/\b175\b/);
    for (const lang of LANGS) {
      expect(text('contribution_bpu', lang)).toContain('Rp16.800');
      expect(text('contribution_bpu', lang)).toContain('Rp36.800');
    }
    expect(text('registration_bpu', 'id')).toMatch(/JMO/);
    expect(text('registration_bpu', 'id')).toMatch(/Bukan Penerima Upah/);
    expect(text('registration_bpu', 'id')).toMatch(/daftar/i);
    const jkp = text('jkp_info', 'id');
    expect(jkp).toContain('60%');
    expect(jkp).toContain('6 bulan');
    expect(jkp).toContain('Rp5 juta');
    expect(text('jkm_info', 'id')).toContain('Rp42 juta');
    expect(text('returns_info', 'id')).toMatch(/2024[\s\S]*6,05%/);
    expect(text('returns_info', 'en')).toContain('6.05%');
    expect(text('bot_identity', 'id')).toContain('Saya Jessi, asisten virtual BPJS Ketenagakerjaan');
    expect(text('bot_identity', 'id')).toMatch(/\bbot\b/);
    expect(text('bot_identity', 'id')).toMatch(/\b175\b/);
    expect(text('handoff_agent', 'id')).toMatch(/\b175\b/);
    const kes = text('bpjs_kesehatan', 'id');
    expect(kes).toContain('Mobile JKN');
    expect(kes).not.toMatch(/\b165\b/); // BPJS Kesehatan's number is unverified in the fact sheet
    expect(text('out_of_scope', 'id')).toMatch(/\b175\b/);
    expect(kb.reply('menu', 'id')!.at(-1)!.buttons!.length).toBeGreaterThanOrEqual(3);
  });

  it('gives short titles for ask-back buttons, and the intent id for an unknown intent', () => {
    expect(kb.title('jht_claim_how', 'id')).toBe('Cara klaim JHT');
    expect(kb.title('jht_claim_how', 'en')).toBe('How to claim JHT');
    expect(kb.title('nothing_here', 'en')).toBe('nothing_here');
  });
});

describe('editing the knowledge files', () => {
  let dir = '';
  const copy = async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jessi-kb-'));
    await cp('knowledge', dir, { recursive: true });
    return dir;
  };
  const edit = async (file: string, change: (s: string) => string) => {
    const p = path.join(dir, file);
    const before = await readFile(p, 'utf8');
    const after = change(before);
    expect(after).not.toBe(before);
    await writeFile(p, after);
  };
  const loadError = async (): Promise<string> => {
    try {
      await loadKnowledgeBase(dir);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });

  it('a rate change in rules.yaml is one line and changes every answer that states it', async () => {
    await copy();
    await edit('rules.yaml', (s) => s.replace(/^(contribution\.jht\.employer:.*value: )0\.037,/m, '$10.04,'));
    await edit('rules.yaml', (s) => s.replace(/^(bpu\.package_basic:.*value: )16800,/m, '$117500,'));
    const changed = await loadKnowledgeBase(dir);
    const t = (i: string, l: Lang) => changed.reply(i, l)!.map((m) => m.text).join('\n');
    expect(t('jht_info', 'id')).toContain('4% dari pemberi kerja');
    expect(t('jht_info', 'id')).not.toContain('3,7%');
    expect(t('contribution_rates', 'en')).toContain('JHT: 4% employer');
    expect(t('contribution_bpu', 'id')).toContain('Rp17.500');
    expect(t('registration_bpu', 'en')).toContain('Rp17.500');
    expect(t('contribution_bpu', 'id')).not.toContain('Rp16.800');
  });

  it('names the file and the field when a field is missing', async () => {
    await copy();
    await edit('answers/jkm_info.yaml', (s) => s.replace(/^source:.*\n/m, ''));
    const msg = await loadError();
    expect(msg).toMatch(/answers\/jkm_info\.yaml: field "source": source \(regulation or official page\) is required/);
  });

  it('names the file and the field for a date that does not exist', async () => {
    await copy();
    await edit('answers/jp_info.yaml', (s) => s.replace(/^reviewed:.*$/m, 'reviewed: 2026-02-30'));
    expect(await loadError()).toMatch(/answers\/jp_info\.yaml: field "reviewed": must be a real date/);
  });

  it('names the file and the field for an unknown {{key}}', async () => {
    await copy();
    await edit('answers/jkp_info.yaml', (s) => s.replace('{{jkp.benefit_rate}}', '{{jkp.benefit_rat}}'));
    const msg = await loadError();
    expect(msg).toMatch(/answers\/jkp_info\.yaml: field "answer\.(id|en)": unknown rule key \{\{jkp\.benefit_rat\}\}/);
  });

  it('rejects a figure typed into an answer instead of a rules reference', async () => {
    await copy();
    await edit('answers/contribution_bpu.yaml', (s) => s.replace('{{bpu.jkm}} per bulan', 'Rp6.800 per bulan'));
    expect(await loadError()).toMatch(/answers\/contribution_bpu\.yaml: field "answer\.id": literal figure "Rp6\.800"/);
  });

  it('rejects a misspelt field, a button to an unknown intent and a YAML syntax error', async () => {
    await copy();
    await edit('answers/thanks.yaml', (s) => s.replace('show_source:', 'show_sorce:'));
    await edit('answers/goodbye.yaml', (s) => s.replace('intent: menu,', 'intent: menuu,'));
    await edit('answers/greeting.yaml', (s) => s.replace('title: {', 'title: {{'));
    const msg = await loadError();
    expect(msg).toMatch(/answers\/thanks\.yaml: field "show_sorce": unknown field/);
    expect(msg).toMatch(/answers\/goodbye\.yaml: field "buttons\[0\]\.intent": no answer file has intent "menuu"/);
    expect(msg).toMatch(/answers\/greeting\.yaml: YAML syntax/);
  });

  it('rejects a second answer for the same intent and a rules entry without a source', async () => {
    await copy();
    await writeFile(path.join(dir, 'answers/thanks_again.yaml'), (await readFile(path.join(dir, 'answers/thanks.yaml'), 'utf8')).replace('id: thanks', 'id: thanks_again'));
    expect(await loadError()).toMatch(/answers\/thanks_again\.yaml: field "intent": intent "thanks" is already answered/);
    await rm(path.join(dir, 'answers/thanks_again.yaml'));
    await edit('rules.yaml', (s) => s.replace(/^(jkm\.total:.*), source: "[^"]*"/m, '$1'));
    expect(await loadError()).toMatch(/rules\.yaml: field "jkm\.total\.source"/);
  });
});
