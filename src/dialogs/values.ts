/**
 * What dialogs read from a message, on top of the entity extractors in src/nlu/entities/.
 * One place, so every dialog reads wages, periods, dates and identifiers the same way.
 */
import { extractAmounts, isVagueAmount } from '../nlu/entities/amount.ts';
import { findDates } from '../nlu/entities/date.ts';
import { parseDuration } from '../nlu/entities/duration.ts';
import { findEmail, findPhone, findTicket, parseIdentifier } from '../nlu/entities/identifiers.ts';
import { parseBareNumber } from '../nlu/entities/numwords.ts';
import { parsePercent } from '../nlu/entities/percent.ts';
import type { Lang } from '../core/types.ts';
import type { DialogContext } from './context.ts';

/** A monthly wage below this is not a wage ("gaji 5" means 5 juta, so it is asked again with an example). */
export const MIN_WAGE = 100_000;
/** A monthly wage above this is a typo ("4.500.000 rb"), not a wage: asked again. */
export const MAX_WAGE = 1_000_000_000;
/** Why a wage above MAX_WAGE is asked again, in both languages (an invalid answer's reason). */
export const implausibleWage = (ctx: DialogContext): Record<Lang, string> => ({
  id: ctx.deps.kb.message('values.implausible_wage', 'id'),
  en: ctx.deps.kb.message('values.implausible_wage', 'en'),
});

export interface MoneyRead {
  wage?: number;
  balance?: number;
  income?: number;
  /** Amounts with no cue word, in order. */
  unlabelled: number[];
  /** "UMR", "gaji minimum": an amount named without a number. */
  vague: boolean;
}

export function readMoney(text: string): MoneyRead {
  const out: MoneyRead = { unlabelled: [], vague: false };
  for (const a of extractAmounts(text)) {
    if (a.label && out[a.label] === undefined) out[a.label] = a.value;
    else if (!a.label) out.unlabelled.push(a.value);
  }
  out.vague = isVagueAmount(text);
  return out;
}

/** "saldo awal 0", "tanpa saldo awal", "saldonya kosong", "no starting balance". */
export function mentionsZeroBalance(text: string): boolean {
  const t = text.toLowerCase();
  return (
    /\b(saldo|balance)\b[^\d]{0,25}\b(0|nol|kosong|belum ada|tidak ada|ga ada|gak ada|zero|none)\b/.test(t) ||
    /\b(tanpa|no|without)\s+(saldo|starting balance|initial balance|balance)\b/.test(t) ||
    /\b(mulai|start(ing)?)\s+(dari\s+)?(nol|0|zero|scratch)\b/.test(t)
  );
}

/** A period in months ("10 tahun", "6 bln", "2 tahun 6 bulan"); undefined when none. */
export function readMonths(text: string): number | undefined {
  const d = parseDuration(text);
  return d && d.totalMonths > 0 ? d.totalMonths : undefined;
}

/** A bare number as the whole answer ("20", "dua puluh"), for a question that named its unit. */
export function readBareNumber(text: string): number | undefined {
  const n = parseBareNumber(text);
  return n === null ? undefined : n;
}

/** A birth date read from a message: `iso` when found, `invalid` when something date-like is there but not a real past date. */
export type BirthDateRead = { iso?: string; invalid: boolean };

/** A birth date (day first). `invalid` when something date-like is there but not a real past date. */
export function readBirthDate(text: string, now: number): BirthDateRead {
  const found = findDates(text, new Date(now));
  const valid = found.find((d) => d.date);
  if (valid?.date) return { iso: valid.date.iso, invalid: false };
  return { invalid: found.length > 0 };
}

/** A yearly raise as a fraction ("naik 5% per tahun" → 0.05). */
export function readPercent(text: string): number | undefined {
  return parsePercent(text)?.fraction;
}

/** KPJ (11 digits) or NIK (16 digits); `invalid` when the message is a number of another length. */
export function readIdentifier(text: string): { value: string; kind: 'kpj' | 'nik'; raw: string } | { invalid: true } | undefined {
  const id = parseIdentifier(text);
  if (id) {
    const raw = findRaw(text, id.value) ?? id.value;
    return { ...id, raw };
  }
  const digits = text.replace(/[\s.-]/g, '').match(/\d{6,}/);
  return digits ? { invalid: true } : undefined;
}

/** The typed form of a digit string (it may contain spaces or dashes), to blank it out of the text. */
function findRaw(text: string, digits: string): string | undefined {
  const pattern = digits.split('').join('[\\s.-]?');
  return new RegExp(pattern).exec(text)?.[0];
}

/** A complaint ticket ADU-YYYYMMDD-NNNN in any case, normalised to upper case. */
export function readTicket(text: string): string | undefined {
  return findTicket(text) ?? undefined;
}

/** A phone number or email to be contacted on. */
export function readContact(text: string): string | undefined {
  return findPhone(text) ?? findEmail(text) ?? undefined;
}

/** The user's own numbers, remembered for the conversation (ConversationState.facts). */
type Facts = NonNullable<import('../core/state.ts').ConversationState['facts']>;
export function rememberFacts(state: { facts?: Facts }, values: Partial<Facts>): void {
  const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  state.facts = { ...(state.facts ?? {}), ...clean };
}

/** "Memakai gaji Rp6.000.000 yang Anda sebut tadi." */
export function reusedWageNote(ctx: DialogContext, formatted: string): string {
  return ctx.deps.kb.message('values.reused_wage', ctx.lang, { wage: formatted });
}

const MONTH_WORDS: [RegExp, number][] = [
  [/^(jan|januari|january)$/, 1], [/^(feb|peb|februari|pebruari|february)$/, 2], [/^(mar|maret|march)$/, 3], [/^(apr|april)$/, 4],
  [/^(mei|may)$/, 5], [/^(jun|juni|june)$/, 6], [/^(jul|juli|july)$/, 7], [/^(agu|agt|agus|agustus|aug|august)$/, 8],
  [/^(sep|sept|september)$/, 9], [/^(okt|oktober|oct|october)$/, 10], [/^(nov|nopember|november)$/, 11], [/^(des|desember|dec|december)$/, 12],
];
const monthOfWord = (w: string): number | undefined => MONTH_WORDS.find(([re]) => re.test(w))?.[1];

/**
 * Since when the user has contributed to JP: "sejak 2016", "sejak Maret 2018", "udah 5 tahun ikut",
 * "since 2017", "for 3 years"; 'now' for "baru ikut" / "just joined". Returns "YYYY-MM" (not clamped).
 */
export function readJoined(text: string, now: number): string | 'now' | undefined {
  const t = text.toLowerCase();
  if (/\b(baru (saja |aja )?(ikut|daftar|gabung|mulai|jadi peserta|terdaftar)|just (joined|started|signed up|registered)|new (member|participant)|only just joined)\b/.test(t)) return 'now';
  const since = /\b(?:sejak|since|dari|from|mulai)\s+(?:(?:bulan|month|tahun|thn|year)\s+)?(?:([a-z]{3,9})\s+)?((?:19|20)\d\d)\b/.exec(t);
  if (since) {
    const m = since[1] ? monthOfWord(since[1]) : undefined;
    if (since[1] && m === undefined && !/^(tahun|thn|year|bulan|month)$/.test(since[1])) return undefined;
    return `${since[2]}-${String(m ?? 1).padStart(2, '0')}`;
  }
  const ago = /\b(?:(?:udah|sudah|sdh|already|been|for)\s+)?(\d{1,2})\s*(?:tahun|thn|th|years?|yrs?)\b/.exec(t);
  if (ago && /\b(ikut|peserta|bayar|iuran|jp|member|contribut\w*|paying|joined|terdaftar)\b/.test(t) && /\b(udah|sudah|sdh|already|been|for|ikut|selama)\b/.test(t)) {
    const d = new Date(now + 7 * 3600_000);
    const idx = d.getUTCFullYear() * 12 + d.getUTCMonth() - Number(ago[1]) * 12;
    return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
  }
  return undefined;
}

/** A monthly wage in a message ("gaji 6 juta", "upah Rp4.000.000", or a bare amount), when it is plausible (≥ Rp100.000). */
export function readWageAmount(text: string): number | undefined {
  const money = readMoney(text);
  const wage = money.wage ?? money.income ?? money.unlabelled[0];
  return wage !== undefined && wage >= 100_000 ? wage : undefined;
}
