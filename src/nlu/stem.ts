/** Indonesian stemming (natural's Sastrawi port, deep-imported: ~30 ms instead of ~1 s for all of natural). */
import { createRequire } from 'node:module';

interface SastrawiStemmer {
  stem(word: string): string;
  dictionary: string[];
}

const require = createRequire(import.meta.url);
let stemmer: SastrawiStemmer | undefined;
let dictionary: Set<string> | undefined;

function load(): SastrawiStemmer {
  stemmer ??= require('natural/lib/natural/stemmers/indonesian/stemmer_id.js') as SastrawiStemmer;
  return stemmer;
}

/** Indonesian root words (kata dasar, ~30k). */
export function indonesianDictionary(): Set<string> {
  dictionary ??= new Set(load().dictionary);
  return dictionary;
}

/** Light English suffix stripping for words the Indonesian stemmer does not know. */
function stemEnglish(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

export interface StemOptions {
  keep: Set<string>;
  fixes: Map<string, string>;
  /** uncached stemmer calls still allowed for this message (Sastrawi costs up to ~120 µs on odd words) */
  budget?: { left: number };
}

/** Words that could carry an Indonesian affix; anything else is not worth the stemmer's time. */
const AFFIXED = /^(me|di|ke|pe|be|te|se)|(kan|an|i|nya|lah|kah|ku|mu|pun)$/;

const cache = new Map<string, string>();
const CACHE_MAX = 20_000;

/** Stem one lower-case word. Words in `keep` (negations, question words, domain terms) stay as they are. */
export function stemWord(word: string, opts: StemOptions): string {
  if (opts.keep.has(word)) return word;
  const fix = opts.fixes.get(word);
  if (fix) return fix;
  if (word.length < 4 || /\d/.test(word)) return word;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let s = word;
  if (!indonesianDictionary().has(word) && AFFIXED.test(word)) {
    if (opts.budget) {
      if (opts.budget.left <= 0) return word;
      opts.budget.left--;
    }
    try {
      s = load().stem(word);
    } catch {
      s = word;
    }
  }
  if (!s) s = word;
  if (s === word && !indonesianDictionary().has(word)) s = stemEnglish(word);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, s);
  return s;
}
