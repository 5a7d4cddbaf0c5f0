/**
 * Text normalisation shared by the router and other modules: NFKC (full-width forms), lower case, accents,
 * control and zero-width characters, emoji, repeated letters ("bangeeet" → "banget"), slang expansion.
 * Digits and the characters - / . , % inside amounts, dates and tickets (ADU-20251014-0042) are kept.
 */
import { getLexicon, type Lexicon } from './lexicon.ts';
import { indonesianDictionary } from './stem.ts';

const MAX_INPUT_CHARS = 4000;
const ZERO_WIDTH = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/g;
const CLITICS = new Set(['nya', 'ku', 'mu', 'lah', 'kah', 'pun']);
const LAUGHTER = /^(?:(?:wk)+w?|(?:ha){2,}h?|(?:he){2,}|(?:hi){2,}|(?:xi){2,}|a?(?:ha){2,}|k{3,}|(?:ck){2,})$/;

/** Splits one whitespace-free chunk into word/number tokens. */
function splitChunk(chunk: string, out: string[]): void {
  const t = chunk.replace(/^[-/.,%]+/, '').replace(/[-/.,]+$/, '');
  if (!t) return;
  if (/^[a-z]{2,}2$/.test(t)) {
    out.push(t.slice(0, -1)); // chat reduplication: "syarat2" = syarat-syarat
    return;
  }
  if (/\d/.test(t)) {
    if (/^[a-z]{2,6}-\d/.test(t) || /^\d+[-/.]\d+[-/.]\d+$/.test(t)) {
      out.push(t); // ticket number or date
      return;
    }
    // letters glued to numbers: "rp5.000.000", "5jt", "10persen"
    for (const part of t.match(/[a-z]+|[\d][\d.,/%-]*/g) ?? []) {
      const p = part.replace(/[-/.,]+$/, '');
      if (!p) continue;
      if (/^[a-z]+$/.test(p) || /^\d[\d.,/]*%?$/.test(p)) out.push(p);
      else for (const q of p.split(/[-]/)) if (q) out.push(q);
    }
    return;
  }
  const clean = t.replace(/%/g, ' ');
  for (const piece of clean.split(/[.,/\s]+/)) {
    if (!piece) continue;
    if (!piece.includes('-')) {
      out.push(piece);
      continue;
    }
    const parts = piece.split('-').filter(Boolean);
    if (parts.length === 2 && parts[0] === parts[1]) out.push(parts[0]); // reduplication: anak-anak
    else if (parts.length === 2 && (CLITICS.has(parts[1]) || parts[0].length === 1)) out.push(parts[0] + parts[1]); // saldo-nya, e-klaim
    else out.push(...parts);
  }
}

/** "bangeeet" → "banget", "maaaf" → "maaf" (keeps a double letter when that makes a known word). */
function collapseRepeats(w: string, lex: Lexicon): string {
  if (!/([a-z])\1\1/.test(w)) return w;
  const two = w.replace(/([a-z])\1{2,}/g, '$1$1');
  const one = w.replace(/([a-z])\1{2,}/g, '$1');
  if (lex.known.has(one) || lex.slang.has(one)) return one;
  if (lex.known.has(two) || lex.slang.has(two)) return two;
  // mixed: try collapsing every double too ("hallooo" → "halo")
  const single = one.replace(/([a-z])\1+/g, '$1');
  if (lex.known.has(single) || lex.slang.has(single)) return single;
  return one;
}

/** Colloquial affixes: cairin → cairkan, dicairin → dicairkan, ngecek → cek, ngurus → urus, jhtnya → jht. */
function deColloquial(w: string, lex: Lexicon): string[] | undefined {
  const dict = indonesianDictionary();
  if (w.length > 4 && w.endsWith('in')) {
    const base = w.slice(0, -2);
    if (dict.has(base)) return [base + 'kan'];
    if (base.startsWith('di') && dict.has(base.slice(2))) return ['di' + base.slice(2) + 'kan'];
    if (base.startsWith('nge') && dict.has(base.slice(3))) return [base.slice(3) + 'kan'];
    if (base.startsWith('ng') && dict.has(base.slice(2))) return [base.slice(2) + 'kan'];
  }
  if (w.length > 5 && w.startsWith('nge') && dict.has(w.slice(3))) return [w.slice(3)];
  if (w.length > 4 && w.startsWith('ng') && dict.has(w.slice(2))) return [w.slice(2)];
  if (w.length > 4 && w.endsWith('nya')) {
    const base = w.slice(0, -3);
    const exp = lex.slang.get(base);
    if (exp) return exp;
  }
  return undefined;
}

/** Normalised tokens of a message. Never throws. */
export function normalizeTokens(text: string, lex: Lexicon = getLexicon()): string[] {
  if (typeof text !== 'string' || !text) return [];
  let s = text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
  s = s.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
  s = s.replace(/👋/gu, ' halo ').replace(/['’‘`´]/g, '');
  s = s.replace(/[^a-z0-9\-/.,%]+/g, ' ');
  const raw: string[] = [];
  for (const chunk of s.split(' ')) if (chunk) splitChunk(chunk, raw);
  const out: string[] = [];
  for (let w of raw) {
    if (!/^[a-z]+$/.test(w)) {
      out.push(w);
      continue;
    }
    w = collapseRepeats(w, lex);
    if (LAUGHTER.test(w)) continue;
    const exp = lex.slang.get(w);
    if (exp) {
      out.push(...exp);
      continue;
    }
    if (!lex.known.has(w)) {
      const alt = deColloquial(w, lex);
      if (alt) {
        out.push(...alt);
        continue;
      }
    }
    out.push(w);
  }
  return out;
}

/** Normalised text: lower case, NFKC, no accents/control/zero-width/emoji, repeats collapsed, slang expanded. */
export function normalize(text: string): string {
  try {
    return normalizeTokens(text).join(' ');
  } catch {
    return '';
  }
}
