/** Percentages: "5%", "5 %", "5 persen", "5,5%", "0.5 percent", "lima persen", "naik 3 persen per tahun". */
import { findNumberWords } from './numwords.ts';
import { lower, type Span } from './text.ts';

export interface PercentMatch extends Span {
  /** As typed: 5.5 for "5,5%". */
  value: number;
  /** As a fraction: 0.055. */
  fraction: number;
  raw: string;
}

const DIGITS = /(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(%|persen\b|prosen\b|percent\b|per cent\b|pct\b)/g;

/** 5.1 → 0.051 without binary noise. */
const frac = (v: number): number => Number((v / 100).toPrecision(12));

/** Every percentage in the text, left to right. */
export function findPercents(text: string): PercentMatch[] {
  const t = lower(text);
  const out: PercentMatch[] = [];
  for (const m of t.matchAll(DIGITS)) {
    const value = Number(m[1]!.replace(',', '.'));
    out.push({ value, fraction: frac(value), raw: text.slice(m.index, m.index + m[0].length), index: m.index, end: m.index + m[0].length });
  }
  for (const w of findNumberWords(t)) {
    const after = /^\s*(persen|prosen|percent)\b/.exec(t.slice(w.end));
    if (w.value === null || !after) continue;
    const end = w.end + after[0].length;
    out.push({ value: w.value, fraction: frac(w.value), raw: text.slice(w.index, end), index: w.index, end });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The first percentage in the text, or null. */
export function parsePercent(text: string): PercentMatch | null {
  return findPercents(text)[0] ?? null;
}
