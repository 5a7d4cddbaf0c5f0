/** The slang/abbreviation lexicon (data in intents/lexicon.yaml), compiled into lookup tables. */
import { resolve } from 'node:path';
import { loadLexiconData, DEFAULT_INTENTS_DIR, type LexiconData } from './data.ts';
import { indonesianDictionary } from './stem.ts';

export interface Lexicon {
  /** slang token → canonical words */
  slang: Map<string, string[]>;
  /** English word → Indonesian canonical word (extra feature) */
  english: Map<string, string>;
  keep: Set<string>;
  stemFixes: Map<string, string>;
  fillers: Set<string>;
  /** Words known to be real: Indonesian roots, lexicon words; used to undo letter repetition. */
  known: Set<string>;
}

/** Common English words with double letters, so "goooood" → "good" and not "god". */
const ENGLISH_DOUBLES = ['good', 'see', 'need', 'feel', 'free', 'too', 'soon', 'look', 'book', 'tell', 'call', 'all', 'will', 'well', 'still', 'till', 'apply', 'account', 'address', 'access', 'office', 'offices', 'cool', 'sorry', 'hello', 'hi', 'bye', 'thanks', 'happy', 'week', 'agree', 'keep', 'sweet', 'pass', 'process', 'success', 'staff', 'off', 'stuff', 'fee', 'fees'];

export function compileLexicon(data: LexiconData): Lexicon {
  const slang = new Map<string, string[]>();
  for (const [k, v] of Object.entries(data.slang)) slang.set(k, v.trim() ? v.trim().toLowerCase().split(/\s+/) : []);
  const known = new Set<string>(indonesianDictionary());
  for (const w of ENGLISH_DOUBLES) known.add(w);
  for (const [k, v] of slang) {
    known.add(k);
    for (const w of v) known.add(w);
  }
  for (const w of data.keep) known.add(w);
  return {
    slang,
    english: new Map(Object.entries(data.english).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()])),
    keep: new Set(data.keep.map((w) => w.toLowerCase())),
    stemFixes: new Map(Object.entries(data.stems).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()])),
    fillers: new Set(data.fillers.map((w) => w.toLowerCase())),
    known,
  };
}

const cache = new Map<string, Lexicon>();

/** The lexicon of an intents directory (default: the repository's intents/), loaded once. */
export function getLexicon(dirIn: string = DEFAULT_INTENTS_DIR): Lexicon {
  const dir = resolve(dirIn);
  let lex = cache.get(dir);
  if (!lex) {
    lex = compileLexicon(loadLexiconData(dir));
    cache.set(dir, lex);
  }
  return lex;
}
