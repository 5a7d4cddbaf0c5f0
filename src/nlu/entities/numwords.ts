/**
 * Indonesian (and basic English) number words: "lima" 5, "dua belas" 12, "dua puluh lima" 25,
 * "seratus lima puluh ribu" 150000, "dua setengah juta" 2500000, "satu koma lima" 1.5, "twelve million".
 * Vague quantities ("belasan", "puluhan", "jutaan") are recognised but have no value.
 */
import { lower } from './text.ts';

type Word =
  | { t: 'unit'; v: number } // 0–9 (Indonesian), 0–19 (English)
  | { t: 'ten'; v: number } // sepuluh, sebelas, twenty…ninety
  | { t: 'belas' } | { t: 'puluh' } | { t: 'ratus' } | { t: 'hundred'; v: number }
  | { t: 'big'; v: number; se?: boolean } // ribu/juta/miliar (se-: seribu…)
  | { t: 'half'; v: number } // setengah, seperempat
  | { t: 'koma' }
  | { t: 'vague' };

const UNITS: Record<string, number> = {
  nol: 0, kosong: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9,
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  sepuluh: 10, sebelas: 11, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const BIG: Record<string, number> = {
  ribu: 1e3, rebu: 1e3, thousand: 1e3, juta: 1e6, million: 1e6, miliar: 1e9, milyar: 1e9, billion: 1e9, triliun: 1e12, trillion: 1e12,
};
const SE_BIG: Record<string, number> = { seribu: 1e3, sejuta: 1e6, semiliar: 1e9, semilyar: 1e9 };
const VAGUE = new Set(['belasan', 'puluhan', 'ratusan', 'ribuan', 'jutaan', 'miliaran', 'milyaran', 'beberapa', 'several', 'dozens', 'hundreds', 'thousands', 'millions']);

function classify(w: string): Word | undefined {
  if (w in UNITS) return { t: 'unit', v: UNITS[w]! };
  if (w in TENS) return { t: 'ten', v: TENS[w]! };
  if (w in BIG) return { t: 'big', v: BIG[w]! };
  if (w in SE_BIG) return { t: 'big', v: SE_BIG[w]!, se: true };
  if (w === 'belas') return { t: 'belas' };
  if (w === 'puluh') return { t: 'puluh' };
  if (w === 'ratus') return { t: 'ratus' };
  if (w === 'seratus') return { t: 'hundred', v: 100 };
  if (w === 'hundred') return { t: 'hundred', v: 0 };
  if (w === 'setengah' || w === 'half') return { t: 'half', v: 0.5 };
  if (w === 'seperempat') return { t: 'half', v: 0.25 };
  if (w === 'koma') return { t: 'koma' };
  if (VAGUE.has(w)) return { t: 'vague' };
  return undefined;
}

/** True for a word the number parser knows (including vague ones). */
export const isNumberWord = (w: string): boolean => classify(lower(w)) !== undefined;

/** True for ribu/juta/miliar and their se- forms. */
export const isMagnitudeWord = (w: string): boolean => classify(lower(w))?.t === 'big';

/** Words → number, or null when the sequence is not a well-formed number ("dua tiga", "juta"). */
export function wordsToNumber(words: readonly string[]): number | null {
  let total = 0, hundreds = 0, small = 0, frac = 0, fracScale = 0;
  let seen = false, last: Word['t'] | '' = '';
  for (const raw of words) {
    const w = classify(lower(raw));
    if (!w || w.t === 'vague') return null;
    if (fracScale) {
      // after "koma": single digits, then optionally a big unit ("dua koma lima juta")
      if (w.t === 'unit' && w.v <= 9) { frac += w.v / fracScale; fracScale *= 10; last = 'unit'; continue; }
      if (w.t !== 'big' || fracScale === 10) return null;
    }
    switch (w.t) {
      case 'unit': {
        // a digit may follow nothing, a hundreds/big word, or a round tens ("dua puluh lima", "twenty five")
        const afterTens = (last === 'puluh' || last === 'ten') && small >= 20 && small % 10 === 0 && w.v <= 9;
        if (small !== 0 && !afterTens) return null;
        small += w.v; seen = true; break;
      }
      case 'ten':
        if (small !== 0) return null;
        small = w.v; seen = true; break;
      case 'belas':
        if (last !== 'unit' || small < 1 || small > 9) return null;
        small += 10; break;
      case 'puluh':
        if (last !== 'unit' || small < 1 || small > 9) return null;
        small *= 10; break;
      case 'ratus':
        if (last !== 'unit' || small < 1 || small > 9 || hundreds) return null;
        hundreds = small * 100; small = 0; break;
      case 'hundred':
        if (hundreds) return null;
        hundreds = w.v || (small || 1) * 100; small = 0; seen = true; break;
      case 'half':
        if (last === 'half') return null;
        small += w.v; seen = true; break;
      case 'koma':
        if (!seen || last === 'big') return null;
        fracScale = 10; break;
      case 'big': {
        let group = hundreds + small + frac;
        if (w.se) { if (group) return null; group = 1; }
        else if (!group) return null;
        if (total && total < w.v) return null; // "lima ribu juta" is not a number we accept
        total += group * w.v; hundreds = 0; small = 0; frac = 0; fracScale = 0; seen = true;
        break;
      }
    }
    last = w.t;
  }
  if (!seen || fracScale === 10) return null;
  return total + hundreds + small + frac;
}

export interface NumberWordsMatch {
  value: number | null; vague: boolean; index: number; end: number; raw: string; words: string[];
  /** Start offset of each word in `words`. */
  starts: number[];
}

/** Maximal runs of number words in the text (value null + vague when the run is "puluhan", "jutaan", …). */
export function findNumberWords(text: string): NumberWordsMatch[] {
  const t = lower(text);
  const out: NumberWordsMatch[] = [];
  const re = /[a-z]+/g;
  // "and" may join English number words ("one hundred and fifty"); it never ends a run.
  let run: { index: number; end: number; words: string[]; starts: number[]; pendingAnd: boolean } | null = null;
  const flush = () => {
    if (!run) return;
    const vague = run.words.some((w) => classify(w)?.t === 'vague');
    const value = vague ? null : wordsToNumber(run.words);
    if (vague || value !== null) out.push({ value, vague, index: run.index, end: run.end, raw: text.slice(run.index, run.end), words: run.words, starts: run.starts });
    run = null;
  };
  let lastEnd = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const w = m[0];
    const gapOk = run !== null && /^[\s-]*$/.test(t.slice(lastEnd, m.index));
    lastEnd = m.index + w.length;
    if (run && gapOk && w === 'and' && !run.pendingAnd) { run.pendingAnd = true; continue; }
    const known = classify(w) !== undefined;
    if (known && run && gapOk) { run.words.push(w); run.starts.push(m.index); run.end = m.index + w.length; run.pendingAnd = false; continue; }
    flush();
    if (known) run = { index: m.index, end: m.index + w.length, words: [w], starts: [m.index], pendingAnd: false };
  }
  flush();
  return out;
}

/**
 * A message that is just a number: "20", "20 aja", "7,5", "dua puluh", "sepuluh". Returns null otherwise.
 * Decimal comma or point with one or two decimals; thousands dots ("5.000.000") are grouping.
 */
export function parseBareNumber(text: string): number | null {
  const t = lower(text).trim().replace(/[!?.]+$/, '').replace(/\s+(aja|saja|deh|dong|ya|kak|min|sih)$/g, '').trim();
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replace(/\./g, ''));
  if (/^\d+([.,]\d{1,2})?$/.test(t)) return Number(t.replace(',', '.'));
  const words = t.split(/\s+/);
  if (words.every((w) => classify(w) !== undefined)) return wordsToNumber(words);
  return null;
}
