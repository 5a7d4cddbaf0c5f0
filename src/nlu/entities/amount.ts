/**
 * Rupiah amounts in free text: "5 jt", "5,5 juta", "7.5jt", "Rp 5.000.000", "5000000", "lima juta",
 * "dua setengah juta", "5 juta 500 ribu", "500rb", "500k", "12 million rupiah", "1,5 miliar", "1.5 M" (M = miliar).
 * "UMR"/"UMP"/"UMK"/"gaji minimum", "puluhan juta" are not amounts: parseAmount answers { error: 'vague' }.
 *
 * Numbers: with thousands groups ("5.000.000", "5,000,000") the separators are grouping; a single separator
 * followed by other than 3 digits is a decimal mark ("5,5 juta", "7.5jt"). Values are rounded half-up to whole rupiah.
 * Dates, percentages, durations ("10 tahun"), NIK/KPJ/phone numbers and tickets are never read as amounts.
 */
import { findDates } from './date.ts';
import { findPii, findTickets } from './identifiers.ts';
import { findNumberWords, isMagnitudeWord, wordsToNumber } from './numwords.ts';
import { findPercents } from './percent.ts';
import { blank, lower, overlaps, type Span } from './text.ts';

export type AmountLabel = 'wage' | 'balance' | 'income';

export interface AmountMatch extends Span {
  /** Whole rupiah. */
  value: number;
  raw: string;
  /** The word right before the amount (lower case), e.g. "gaji"; "" at the start. */
  before: string;
  /** The cue word that set the label ("gaji", "saldo", "penghasilan", …). */
  cue?: string;
  label?: AmountLabel;
  /** A bare number: no "Rp", no unit word, no thousands grouping ("5000000"). */
  plain: boolean;
}

const UNITS: [RegExp, number][] = [
  [/^(triliun|trillion)$/, 1e12],
  [/^(miliar|milyar|miliaran|milyaran|billion|bn|m)$/, 1e9],
  [/^(juta|jutaan|jt|jta|jtan|jeti|million|millions|mio|mn)$/, 1e6],
  [/^(ribu|ribuan|rebu|rb|rbu|rban|thousand|k)$/, 1e3],
];
const UNIT_ALT = 'triliun|trillion|miliaran|milyaran|miliar|milyar|billion|bn|millions|million|mio|mn|jutaan|juta|jtan|jta|jt|jeti|ribuan|ribu|rebu|rban|rbu|rb|thousand|k|m';
const NUMERIC = new RegExp(
  `(?<![\\w.,])(?:(rp\\.?|idr)\\s*)?(\\d+(?:[.,]\\d+)*)(?:\\s*(setengah))?(?:\\s*(ratus))?(?:\\s*(${UNIT_ALT}))?(?![a-z0-9])(?:\\s*,-)?`,
  'g',
);
const NOT_MONEY_AFTER = /^\s*(tahun|tahunan|thn|th|bulan|bln|bl|hari|minggu|jam|menit|detik|years?|yrs?|months?|mos?|days?|weeks?|hours?|x|kali|orang|anak|%|persen|percent)\b/;
const NOT_MONEY_BEFORE = /\b(tahun|thn|th|year|umur|usia|age|ke|no|nomor|jam|pukul|tanggal|tgl|anak)\s*$/;
const CUES: [RegExp, AmountLabel][] = [
  [/\b(gaji\w*|upah\w*|salary|salaries|wages?|take home pay|thp|gapok)\b/g, 'wage'],
  [/\b(saldo\w*|balance|tabungan|already have|already has|already got|currently have|sudah ada|udah ada|sdh ada|sudah punya|udah punya|sudah terkumpul|terkumpul|starting with|existing)\b/g, 'balance'],
  [/\b(penghasilan\w*|pendapatan\w*|income|omzet|omset)\b/g, 'income'],
];
const VAGUE = /\b(umr|ump|umk|umsk|ums|upah minimum|gaji minimum|upah minimal|gaji minimal|minimum wage|regional minimum wage|gaji standar|upah standar)\b/;

const unitMult = (u: string | undefined): number => (u ? (UNITS.find(([re]) => re.test(u))?.[1] ?? 1) : 1);

/** "5.000.000" → 5000000, "5,5" → 5.5, "7.5" → 7.5, "6.500.000,00" → 6500000; null when malformed. */
export function parseNumeral(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}(\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  if (/^\d{1,3}(,\d{3})+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d+[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
  return null;
}

interface Raw extends Span { value: number; mult: number; plain: boolean; grouped: boolean; words: boolean }

function numericMatches(t: string): Raw[] {
  const out: Raw[] = [];
  for (const m of t.matchAll(NUMERIC)) {
    const [whole, rp, num, half, ratus, unit] = m;
    const n = parseNumeral(num!);
    if (n === null) continue;
    const index = m.index + (rp ? 0 : whole.indexOf(num!));
    const end = m.index + whole.length;
    const grouped = /[.,]\d{3}(?![\d])/.test(num!) && !/^\d+[.,]\d{1,2}$/.test(num!);
    const plain = !rp && !unit && !half && !ratus && !grouped;
    if (!rp && !unit && (NOT_MONEY_AFTER.test(t.slice(end)) || NOT_MONEY_BEFORE.test(t.slice(0, index)))) continue;
    if (!rp && !unit && !half && !ratus && !Number.isInteger(n)) continue; // "5,5" alone: not rupiah
    const mult = unitMult(unit) * (ratus ? 100 : 1);
    out.push({ index, end, value: (n + (half ? 0.5 : 0)) * mult, mult: unitMult(unit), plain, grouped, words: false });
  }
  return out;
}

function wordMatches(t: string, taken: Raw[]): { found: Raw[]; vague: boolean } {
  const found: Raw[] = [];
  let vague = false;
  for (const r of findNumberWords(t)) {
    if (taken.some((x) => overlaps(x, r))) continue;
    if (r.vague) { if (r.words.some(isMagnitudeWord) || /jutaan|ribuan|miliaran|milyaran/.test(r.raw)) vague = true; continue; }
    // Keep the words up to the last magnitude ("lima juta | sepuluh tahun"); without one, only "… rupiah".
    let last = -1;
    r.words.forEach((w, i) => { if (isMagnitudeWord(w)) last = i; });
    const rupiahAfter = /^\s*(rupiah|perak)\b/.test(t.slice(r.end));
    const words = last >= 0 ? r.words.slice(0, last + 1) : rupiahAfter ? r.words : null;
    if (!words) continue;
    const value = wordsToNumber(words);
    if (value === null) continue;
    const lastWord = words.length - 1;
    const end = r.starts[lastWord]! + words[lastWord]!.length;
    const mult = last >= 0 ? unitMult(words[last]!.replace(/^se/, '')) || 1 : 1;
    found.push({ index: r.index, end, value, mult: mult === 1 && last >= 0 ? 1e3 : mult, plain: false, grouped: false, words: true });
  }
  return { found, vague };
}

/** "5 juta 500 ribu" → one amount: a larger unit followed by a smaller one. */
function combine(t: string, list: Raw[]): Raw[] {
  const out: Raw[] = [];
  for (const r of list) {
    const prev = out[out.length - 1];
    if (prev && prev.mult >= 1e3 && r.mult >= 1e3 && r.mult < prev.mult && r.value < prev.mult && /^\s*(,|dan|lebih|and|plus)?\s*$/.test(t.slice(prev.end, r.index))) {
      out[out.length - 1] = { ...prev, end: r.end, value: prev.value + r.value, mult: r.mult };
    } else out.push(r);
  }
  return out;
}

function label(t: string, from: number, index: number): { cue?: string; label?: AmountLabel } {
  const start = Math.max(from, index - 60);
  const window = t.slice(start, index);
  let best: { at: number; cue: string; label: AmountLabel } | undefined;
  for (const [re, lab] of CUES) {
    for (const m of window.matchAll(re)) if (!best || m.index >= best.at) best = { at: m.index, cue: m[0], label: lab };
  }
  return best ? { cue: best.cue, label: best.label } : {};
}

/** The spans amounts must not be read from: identifiers, tickets, dates, percentages. */
function masked(text: string): string {
  const spans: Span[] = [...findPii(text), ...findTickets(text), ...findDates(text, new Date(), { allowFuture: true }), ...findPercents(text)];
  return blank(lower(text), spans);
}

/** Every rupiah amount in the text, left to right, with the nearest preceding cue word as its label. */
export function extractAmounts(text: string): AmountMatch[] {
  const t = masked(text);
  const nums = numericMatches(t);
  const all = combine(t, [...nums, ...wordMatches(t, nums).found].sort((a, b) => a.index - b.index));
  const out: AmountMatch[] = [];
  let prevEnd = 0;
  for (const r of all) {
    const lab = label(t, prevEnd, r.index);
    prevEnd = r.end;
    // A bare number under 1000 counts only when a cue word says what it is ("saldo awal 0").
    if (r.plain && r.value < 1000 && !lab.label) continue;
    // …and a bare 19xx/20xx without one is a year ("lahir 1990"), not money.
    if (r.plain && r.value >= 1900 && r.value <= 2100 && !lab.label) continue;
    const before = /([a-z]+)\W*$/.exec(t.slice(Math.max(0, r.index - 30), r.index))?.[1] ?? '';
    const value = Math.round(r.value * 1e6) / 1e6; // absorb 4.8 × 1e6 = 4800000.000000001
    // beyond 2^53 a number is not exact any more, and no rupiah amount comes near it: a run of digits (identifiers
    // typed together), not an amount
    if (!Number.isSafeInteger(Math.floor(value + 0.5))) continue;
    out.push({ index: r.index, end: r.end, raw: text.slice(r.index, r.end), value: Math.floor(value + 0.5), before, plain: r.plain, ...lab });
  }
  return out;
}

/** True when the text names an amount without a number ("UMR", "gaji minimum", "puluhan juta"). */
export function isVagueAmount(text: string): boolean {
  const t = lower(text);
  return VAGUE.test(t) || wordMatches(t, []).vague;
}

/**
 * The amount in a message: the first one with "Rp", a unit or grouping, else the first bare number;
 * { error: 'vague' } for "UMR"-like answers without a number; null when there is no amount.
 */
export function parseAmount(text: string): (AmountMatch & { value: number; raw: string }) | { error: 'vague' } | null {
  const all = extractAmounts(text);
  const pick = all.find((a) => !a.plain) ?? all[0];
  if (pick) return pick;
  return isVagueAmount(text) ? { error: 'vague' } : null;
}
