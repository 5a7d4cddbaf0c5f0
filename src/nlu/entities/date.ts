/**
 * Dates as Indonesians type them: DAY FIRST ("07/08/1985" is 7 August 1985), ISO "1985-08-07",
 * month names in Indonesian or English ("15 Juni 1990", "3 maret 1992", "June 15, 1990"), two-digit years
 * ("15/6/90": 19xx unless that would make the person younger than 15, i.e. pivot at now − 15 years).
 * Impossible dates (31/02/1990) and dates after `now` are rejected (these are birth dates).
 */
import { lower, type Span } from './text.ts';

export interface ParsedDate { year: number; month: number; day: number; iso: string }

const MONTHS: [RegExp, number][] = [
  [/^(januari|january|jan)$/, 1], [/^(februari|pebruari|february|feb|peb)$/, 2], [/^(maret|march|mar)$/, 3],
  [/^(april|apr)$/, 4], [/^(mei|may)$/, 5], [/^(juni|june|jun)$/, 6], [/^(juli|july|jul)$/, 7],
  [/^(agustus|august|agu|agt|ags|agus|aug)$/, 8], [/^(september|sept|sep)$/, 9], [/^(oktober|october|okt|oct)$/, 10],
  [/^(november|nopember|nov|nop)$/, 11], [/^(desember|december|des|dec)$/, 12],
];
const MONTH_WORD = 'januari|january|jan|februari|pebruari|february|feb|peb|maret|march|mar|april|apr|mei|may|juni|june|jun|juli|july|jul|agustus|august|agus|agu|agt|ags|aug|september|sept|sep|oktober|october|okt|oct|november|nopember|nov|nop|desember|december|des|dec';
const monthOf = (w: string): number => MONTHS.find(([re]) => re.test(w))?.[1] ?? 0;

// Each pattern yields named groups d, m (digits) or mn (name), y.
const PATTERNS: RegExp[] = [
  /(?<![\w.,/-])(?<y>\d{4})\s*([-/.])\s*(?<m>\d{1,2})\s*\2\s*(?<d>\d{1,2})(?![\w]|[.,/-]\d)/g,
  /(?<![\w.,/-])(?<d>\d{1,2})\s*([-/.])\s*(?<m>\d{1,2})\s*\2\s*(?<y>\d{4}|\d{2})(?![\w]|[.,/-]\d)/g,
  /(?<![\w.,/-])(?<d>\d{1,2}) (?<m>\d{1,2}) (?<y>\d{4})(?![\w]|[.,/-]\d)/g,
  new RegExp(`(?<![\\w.,/-])(?<d>\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-/]\\s*|\\s+|(?=[a-z]))(?:of\\s+)?(?<mn>${MONTH_WORD})\\.?(?:\\s*[-/,]\\s*|\\s+)'?(?<y>\\d{4}|\\d{2})(?![\\w]|[.,/-]\\d)`, 'g'),
  new RegExp(`(?<![\\w])(?<mn>${MONTH_WORD})\\.?\\s+(?<d>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y>\\d{4})(?![\\w]|[.,/-]\\d)`, 'g'),
];

export interface DateMatch extends Span {
  raw: string;
  /** null when the text looks like a date but is not a valid one (31/02/1990, month 13, future). */
  date: ParsedDate | null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function build(y: number, m: number, d: number): ParsedDate | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return { year: y, month: m, day: d, iso: `${y}-${pad(m)}-${pad(d)}` };
}

/** Today's ISO date in Indonesian western time (UTC+7). */
const todayIso = (now: Date): string => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** Every date-like span (valid or not), left to right, not overlapping. */
export function findDates(text: string, now: Date = new Date(), opts: { allowFuture?: boolean } = {}): DateMatch[] {
  const t = lower(text);
  const today = todayIso(now);
  const pivot = (Number(today.slice(0, 4)) - 15) % 100;
  const out: DateMatch[] = [];
  for (const re of PATTERNS) {
    for (const m of t.matchAll(re)) {
      const span = { index: m.index, end: m.index + m[0].length };
      if (out.some((o) => o.index < span.end && span.index < o.end)) continue;
      const g = m.groups!;
      let y = Number(g.y);
      if (g.y!.length === 2) y += y <= pivot ? 2000 : 1900;
      const month = g.mn ? monthOf(g.mn) : Number(g.m);
      let date = build(y, month, Number(g.d));
      if (date && !opts.allowFuture && date.iso > today) date = null;
      out.push({ ...span, raw: text.slice(span.index, span.end), date });
    }
  }
  // A message that is only 8 digits, ddmmyyyy ("15031990"), when that is a valid past date.
  const compact = /^\s*(\d{2})(\d{2})(\d{4})\s*$/.exec(t);
  if (compact && out.length === 0) {
    const date = build(Number(compact[3]), Number(compact[2]), Number(compact[1]));
    if (date && (opts.allowFuture || date.iso <= today)) out.push({ index: t.indexOf(compact[1]!), end: t.trimEnd().length, raw: text.trim(), date });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The first date in the text; null when there is none or the first date-like text is not a valid past date. */
export function parseDate(text: string, now: Date = new Date(), opts: { allowFuture?: boolean } = {}): ParsedDate | null {
  return findDates(text, now, opts)[0]?.date ?? null;
}
