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

/** A monthly wage below this is not a wage ("gaji 5" means 5 juta, so it is asked again with an example). */
export const MIN_WAGE = 100_000;
/** A monthly wage above this is a typo ("4.500.000 rb"), not a wage: asked again. */
export const MAX_WAGE = 1_000_000_000;
export const IMPLAUSIBLE_WAGE = {
  id: 'Angka gaji itu tampaknya tidak wajar untuk upah per bulan; mohon periksa kembali.',
  en: 'That does not look like a monthly wage; please check the amount.',
};

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

/** A birth date (day first). `invalid` when something date-like is there but not a real past date. */
export function readBirthDate(text: string, now: number): { iso?: string; invalid: boolean } {
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
