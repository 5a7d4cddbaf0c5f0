/** Loads and validates the router's data files (intents/*.yaml, lexicon.yaml, keywords.yaml). */
import { readFileSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { z } from 'zod';

const require = createRequire(import.meta.url);

export const DEFAULT_INTENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../intents');

const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use snake_case ids');
export const ASPECTS = ['info', 'claim_how', 'requirements', 'amount', 'eligibility', 'duration', 'channel', 'deadline', 'contribution', 'calc', 'status', 'registration', 'partial', 'facility', 'other', 'payer', 'reporting', 'payment'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const CUES = ['ticket', 'claim_number', 'identity'] as const;
export type IntentCue = (typeof CUES)[number];
const words = z.array(z.string().trim().min(1)).default([]);
const langWords = z.object({ id: words, en: words }).strict();

const ProgramsFile = z.object({
  programs: z.record(slug, z.object({ id: words, en: words, slang: words }).strict()),
  /** Words that give a message its own topic without naming one programme (a death, an accident, a layoff). */
  topics: langWords.default({ id: [], en: [] }),
}).strict();
export type ProgramsData = z.infer<typeof ProgramsFile>;

const AspectsFile = z.object({
  aspects: z.partialRecord(z.enum(ASPECTS), z.object({ cues: langWords, fallback: z.array(z.enum(ASPECTS)).default([]) }).strict()),
  variants: z.record(slug, langWords).default({}),
  includes: langWords.default({ id: [], en: [] }),
  starters: langWords.default({ id: [], en: [] }),
  rules: z.array(z.object({ program: slug, aspect: z.enum(ASPECTS), intent: slug, item: slug.optional() }).strict()).default([]),
  /** A question of this aspect about one of these programmes, with the values the dialog needs, is computed by it. */
  computations: z.array(z.object({ aspect: z.enum(ASPECTS), programs: z.array(slug).min(1), dialog: slug }).strict()).default([]),
}).strict();
export type AspectsData = z.infer<typeof AspectsFile>;

const utteranceList = z.array(z.string().trim().min(1)).default([]);

const IntentFile = z.object({
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/, 'intent id must be snake_case'),
  description: z.string().optional(),
  /** Programme the intent belongs to (free id: jht, jp, jkk, jkm, jkp, bpu, pu, jakon, pmi, mlt, returns, …). */
  program: slug.optional(),
  /** What about the programme it answers. */
  aspect: z.enum(ASPECTS).optional(),
  /** Position in the main menu, 1 = first. */
  menu: z.number().int().positive().optional(),
  /** The user closes a topic with it ("makasih", "dadah"): channels without 👍/👎 then ask whether the answer helped. */
  endsTopic: z.boolean().optional(),
  /** Identifier cues that point at this intent (ticket, claim_number, identity). */
  cues: z.array(z.enum(CUES)).optional(),
  utterances: z.object({ id: utteranceList, en: utteranceList }).strict(),
}).strict();
export type IntentData = z.infer<typeof IntentFile>;

const LexiconFile = z.object({
  /** slang / abbreviation / common typo (one token) → canonical text (one or more words). */
  slang: z.record(z.string().regex(/^[a-z0-9]+$/, 'slang keys are single lower-case tokens'), z.string()),
  /** English word → Indonesian canonical word, added as an extra feature (not shown in the text). */
  english: z.record(z.string(), z.string()).default({}),
  /** Words the stemmer must leave alone (negations, question words, domain terms). */
  keep: z.array(z.string()).default([]),
  /** Stem fixes where the stemmer goes wrong: surface word → stem. */
  stems: z.record(z.string(), z.string()).default({}),
  /** Filler particles that carry no intent. */
  fillers: z.array(z.string()).default([]),
}).strict();
export type LexiconData = z.infer<typeof LexiconFile>;

const KeywordsFile = z.object({
  cues: z.array(z.object({
    intent: z.string(),
    /** normalised phrases; matched on word boundaries of the normalised text */
    phrases: z.array(z.string().min(1)).min(1),
    /** bonus added to the intent's log score */
    weight: z.number().positive().max(10),
  }).strict()),
}).strict();
export type KeywordsData = z.infer<typeof KeywordsFile>;

/** Bumped when the schemas change, so that stale caches are ignored. */
const CACHE_VERSION = 2;

function validate<T>(file: string, raw: unknown, schema: z.ZodType<T>): T {
  const res = schema.safeParse(raw);
  if (!res.success) {
    const issues = res.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${file}: invalid data\n${issues}`);
  }
  return res.data;
}

function parseYaml(file: string, text: string): unknown {
  // loaded lazily: the yaml parser needs ~200 ms to warm up and is skipped when the cache is fresh
  const { parse } = require('yaml') as typeof import('yaml');
  try {
    return parse(text);
  } catch (err) {
    throw new Error(`${file}: cannot parse YAML: ${(err as Error).message}`);
  }
}

export interface DataBundle {
  intents: IntentData[];
  lexicon: LexiconData;
  keywords: KeywordsData;
  programs: ProgramsData;
  aspects: AspectsData;
}

const RESERVED = new Set(['lexicon.yaml', 'keywords.yaml', 'programs.yaml', 'aspects.yaml']);
const bundles = new Map<string, DataBundle>();

function build(dir: string, texts: Map<string, string>): DataBundle {
  const lexText = texts.get('lexicon.yaml');
  const kwText = texts.get('keywords.yaml');
  const lexicon = lexText === undefined
    ? { slang: {}, english: {}, keep: [], stems: {}, fillers: [] }
    : validate(join(dir, 'lexicon.yaml'), parseYaml(join(dir, 'lexicon.yaml'), lexText), LexiconFile);
  const keywords = kwText === undefined ? { cues: [] } : validate(join(dir, 'keywords.yaml'), parseYaml(join(dir, 'keywords.yaml'), kwText), KeywordsFile);
  const optional = <T>(name: string, schema: z.ZodType<T>, empty: unknown): T => {
    const t = texts.get(name);
    const file = join(dir, name);
    return validate(file, t === undefined ? empty : parseYaml(file, t), schema);
  };
  const programs = optional('programs.yaml', ProgramsFile, { programs: {} });
  const aspects = optional('aspects.yaml', AspectsFile, { aspects: {} });
  const intents: IntentData[] = [];
  for (const [f, text] of texts) {
    if (RESERVED.has(f)) continue;
    const file = join(dir, f);
    const data = validate(file, parseYaml(file, text), IntentFile);
    if (`${data.intent}.yaml` !== f) throw new Error(`${file}: field intent "${data.intent}" does not match the file name`);
    if (data.utterances.id.length + data.utterances.en.length === 0) throw new Error(`${file}: utterances: no utterances`);
    intents.push(data);
  }
  if (!intents.length) throw new Error(`${dir}: no intent files found`);
  const ids = new Set(intents.map((i) => i.intent));
  aspects.rules.forEach((r, k) => {
    if (!ids.has(r.intent)) throw new Error(`${join(dir, 'aspects.yaml')}: rules[${k}].intent: no intents/${r.intent}.yaml`);
  });
  return { intents, lexicon, keywords, programs, aspects };
}

/**
 * All data files of an intents directory, parsed and validated. The validated result is cached as JSON in the
 * OS temp directory under a hash of the files' contents, so a restart with unchanged data skips YAML parsing.
 */
export function loadBundle(dirIn: string = DEFAULT_INTENTS_DIR): DataBundle {
  const dir = resolve(dirIn);
  const hit = bundles.get(dir);
  if (hit) return hit;
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const texts = new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const h = createHash('sha1').update(String(CACHE_VERSION));
  for (const [f, t] of texts) h.update(`\0${f}\0${t}`);
  const cacheFile = join(tmpdir(), `jessi-nlu-${h.digest('hex')}.json`);
  let bundle: DataBundle | undefined;
  try {
    bundle = JSON.parse(readFileSync(cacheFile, 'utf8')) as DataBundle;
  } catch {
    bundle = undefined;
  }
  if (!bundle) {
    bundle = build(dir, texts);
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(bundle));
      renameSync(tmp, cacheFile);
    } catch {
      // no writable temp dir: parse every time
    }
  }
  bundles.set(dir, bundle);
  return bundle;
}

export function loadLexiconData(dir = DEFAULT_INTENTS_DIR): LexiconData {
  return loadBundle(dir).lexicon;
}

export function loadKeywords(dir = DEFAULT_INTENTS_DIR): KeywordsData {
  return loadBundle(dir).keywords;
}

/** Every intents/<id>.yaml file; the file name must equal its `intent` field. */
export function loadIntents(dir = DEFAULT_INTENTS_DIR): IntentData[] {
  return loadBundle(dir).intents;
}

export function loadPrograms(dir = DEFAULT_INTENTS_DIR): ProgramsData {
  return loadBundle(dir).programs;
}

export function loadAspects(dir = DEFAULT_INTENTS_DIR): AspectsData {
  return loadBundle(dir).aspects;
}
