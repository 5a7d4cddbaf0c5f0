/**
 * Durations: "10 tahun", "10thn", "10 th", "6 bln", "6 bulan", "1,5 tahun", "2 tahun 6 bulan", "15 tahun ke depan",
 * "6 tahun lagi", "22 years", "selama 20 thn", "sepuluh tahun", "setahun", "satu setengah tahun".
 * Ages ("umur 30 tahun"), dates and money amounts are not durations. Fractions are rounded to whole months.
 */
import { findDates } from './date.ts';
import { findPii, findTickets } from './identifiers.ts';
import { findNumberWords, isMagnitudeWord, wordsToNumber } from './numwords.ts';
import { blank, lower, type Span } from './text.ts';

export interface Duration { years: number; months: number; totalMonths: number }
export interface DurationMatch extends Duration, Span { raw: string }

const YEAR = '(?:tahun|taun|thun|tahon|thn|th|tahunan|years?|yrs?|yr)';
const MONTH = '(?:bulan|bln|bl|months?|mos?|mo)';
const UNIT_RE = new RegExp(`^\\s*(${YEAR}|${MONTH})(?![a-z])`);
const NUMERIC = /(?<![\w.,/-])(\d+(?:[.,]\d+)?)(?:\s*(setengah))?/g;
const AGE_BEFORE = /\b(umur|umurnya|usia|usianya|berumur|berusia|age|aged)\s*(saya|aku|sekarang|skrg)?\s*$/;
/** Longest sensible period (a working life). */
const MAX_MONTHS = 80 * 12;

const SE_WORDS: Record<string, number> = { setahun: 12, sebulan: 1 };

interface Piece extends Span { months: number }

function unitAfter(t: string, end: number): { months: number; end: number } | null {
  const m = UNIT_RE.exec(t.slice(end));
  if (!m) return null;
  const unit = m[1]!;
  // "10th of June" / "June 10th" is a date, not ten years
  if (unit === 'th' && /^\s*(of\b|[a-z]{3,}\s+\d)/.test(t.slice(end + m[0].length))) return null;
  return { months: new RegExp(`^${YEAR}$`).test(unit) ? 12 : 1, end: end + m[0].length };
}

function pieces(t: string): Piece[] {
  const out: Piece[] = [];
  for (const m of t.matchAll(NUMERIC)) {
    const n = Number(m[1]!.replace(',', '.')) + (m[2] ? 0.5 : 0);
    const u = unitAfter(t, m.index + m[0].length);
    if (u) out.push({ index: m.index, end: u.end, months: n * u.months });
  }
  for (const r of findNumberWords(t)) {
    // only the words after the last magnitude word: "lima juta | sepuluh tahun"
    let first = 0;
    r.words.forEach((w, i) => { if (isMagnitudeWord(w)) first = i + 1; });
    const words = r.words.slice(first);
    if (!words.length || r.vague) continue;
    const n = wordsToNumber(words);
    const u = unitAfter(t, r.end);
    if (n !== null && u) out.push({ index: r.starts[first]!, end: u.end, months: n * u.months });
  }
  for (const m of t.matchAll(/\b(setahun|sebulan)\b/g)) out.push({ index: m.index, end: m.index + m[0].length, months: SE_WORDS[m[1]!]! });
  return out.sort((a, b) => a.index - b.index);
}

/** Every duration in the text; "2 tahun 6 bulan" is one. Ages are skipped. */
export function findDurations(text: string): DurationMatch[] {
  const spans: Span[] = [...findPii(text), ...findTickets(text), ...findDates(text, new Date(), { allowFuture: true })];
  const t = blank(lower(text), spans);
  const merged: Piece[] = [];
  for (const p of pieces(t)) {
    const prev = merged[merged.length - 1];
    if (prev && p.index < prev.end) continue;
    // years then months: "2 tahun 6 bulan", "2 thn dan 6 bln"
    if (prev && prev.months % 12 === 0 && p.months < 12 && /^\s*(,|dan|and|lebih|plus)?\s*$/.test(t.slice(prev.end, p.index))) {
      merged[merged.length - 1] = { ...prev, end: p.end, months: prev.months + p.months };
    } else merged.push(p);
  }
  const out: DurationMatch[] = [];
  for (const p of merged) {
    if (AGE_BEFORE.test(t.slice(0, p.index))) continue;
    const total = Math.round(p.months);
    if (total < 0 || total > MAX_MONTHS) continue;
    out.push({ index: p.index, end: p.end, raw: text.slice(p.index, p.end), years: Math.floor(total / 12), months: total % 12, totalMonths: total });
  }
  return out;
}

/** The first duration in the text (not an age), or null. */
export function parseDuration(text: string): Duration | null {
  const d = findDurations(text)[0];
  return d ? { years: d.years, months: d.months, totalMonths: d.totalMonths } : null;
}
