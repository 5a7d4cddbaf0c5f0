/** Turns normalised tokens into classifier features: word stems, stem bigrams, and classes of numbers/codes. */
import type { Lexicon } from './lexicon.ts';
import { stemWord } from './stem.ts';

export const TICKET = /^[a-z]{2,6}-\d/;
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;

export interface Features {
  /** feature → count */
  counts: Map<string, number>;
  /** stems of the content words (not fillers, not numbers), for the known-word share */
  content: string[];
}

function add(m: Map<string, number>, f: string, w = 1): void {
  m.set(f, (m.get(f) ?? 0) + w);
}

export function extractFeatures(tokens: string[], lex: Lexicon, budget?: { left: number }): Features {
  const counts = new Map<string, number>();
  const content: string[] = [];
  const opts = { keep: lex.keep, fixes: lex.stemFixes, budget };
  let prev: string | undefined;
  for (const t of tokens) {
    if (/\d/.test(t)) {
      prev = undefined;
      if (TICKET.test(t)) {
        add(counts, '#ticket', 2);
        add(counts, 'w:' + stemWord(t.slice(0, t.indexOf('-')), opts));
      } else if (DATE.test(t)) add(counts, '#date');
      else if (t.endsWith('%')) {
        add(counts, '#pct');
        add(counts, 'n:' + t.slice(0, -1));
      } else {
        const digits = t.replace(/\D/g, '');
        if (digits.length === 11 && /^\d+$/.test(t)) add(counts, '#kpj');
        else if (digits.length === 16 && /^\d+$/.test(t)) add(counts, '#nik');
        else add(counts, '#num');
        if (t === '10' || t === '30') add(counts, 'n:' + t);
      }
      continue;
    }
    if (lex.fillers.has(t) || t.length < 2) {
      continue;
    }
    const s = stemWord(t, opts);
    content.push(s);
    add(counts, 'w:' + s);
    const en = lex.english.get(t) ?? (s !== t ? lex.english.get(s) : undefined);
    if (en) for (const e of en.split(' ')) if (e !== s) add(counts, 'w:' + stemWord(e, opts), 0.7);
    if (prev) add(counts, 'b:' + prev + '_' + s, 0.8);
    prev = s;
  }
  return { counts, content };
}
