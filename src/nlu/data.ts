/** Loads and validates the router's data files (intents/*.yaml, lexicon.yaml, keywords.yaml). */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const DEFAULT_INTENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../intents');

const utteranceList = z.array(z.string().trim().min(1)).default([]);

const IntentFile = z.object({
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/, 'intent id must be snake_case'),
  description: z.string().optional(),
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

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot parse YAML: ${(err as Error).message}`);
  }
  const res = schema.safeParse(raw);
  if (!res.success) {
    const issues = res.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${file}: invalid data\n${issues}`);
  }
  return res.data;
}

export function loadLexiconData(dir = DEFAULT_INTENTS_DIR): LexiconData {
  const file = join(dir, 'lexicon.yaml');
  if (!existsSync(file)) return { slang: {}, english: {}, keep: [], stems: {}, fillers: [] };
  return readYaml(file, LexiconFile);
}

export function loadKeywords(dir = DEFAULT_INTENTS_DIR): KeywordsData {
  const file = join(dir, 'keywords.yaml');
  if (!existsSync(file)) return { cues: [] };
  return readYaml(file, KeywordsFile);
}

const RESERVED = new Set(['lexicon.yaml', 'keywords.yaml']);

/** Every intents/<id>.yaml file; the file name must equal its `intent` field. */
export function loadIntents(dir = DEFAULT_INTENTS_DIR): IntentData[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !RESERVED.has(f)).sort();
  const out: IntentData[] = [];
  for (const f of files) {
    const data = readYaml(join(dir, f), IntentFile);
    if (`${data.intent}.yaml` !== f) throw new Error(`${join(dir, f)}: field intent "${data.intent}" does not match the file name`);
    if (data.utterances.id.length + data.utterances.en.length === 0) throw new Error(`${join(dir, f)}: utterances: no utterances`);
    out.push(data);
  }
  if (!out.length) throw new Error(`${dir}: no intent files found`);
  return out;
}
