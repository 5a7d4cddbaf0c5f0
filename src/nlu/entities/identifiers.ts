/**
 * Participant identifiers and contact details in free text, and their masking.
 * KPJ = 11 digits, NIK = 16 digits (typed with or without spaces/dashes between digit groups);
 * phone = Indonesian mobile (08…, +62 8…, 62 8…), 10–13 digits as 08…; complaint ticket ADU-YYYYMMDD-NNNN;
 * email. Tickets are not personal data and are not redacted.
 */
import type { Span } from './text.ts';

export type PiiKind = 'nik' | 'kpj' | 'phone' | 'email';

export interface PiiMatch extends Span {
  kind: PiiKind;
  /** Normalised value: digits only for NIK/KPJ; "08…" for phones; lower-cased email. */
  value: string;
  raw: string;
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const TICKET = /(?<![a-z0-9])adu[\s-]?(\d{8})[\s-]?(\d{4})(?!\d)/gi;
// Digit groups joined by one space or dash ("3174 0115 0390 0001", "0813-2468-1357"), optional leading "+".
const RUN = /(?<![\w.,/+])\+?\d+(?:[ -]\d+)*(?![\w]|[.,/]\d)/g;

/** "ADU-20251014-0042" (also lower case, or with spaces) → normalised upper-case ticket; null if none. */
export function findTicket(text: string): string | null {
  TICKET.lastIndex = 0;
  const m = TICKET.exec(text);
  return m ? `ADU-${m[1]}-${m[2]}` : null;
}

const CLAIM = /(?<![a-z0-9])klm[\s-]?(\d{4})[\s-]?(\d{3,8})(?!\d)/gi;

/** A claim number "KLM-2026-000871" (any case, with spaces or dashes) → normalised upper case; null if none. A claim-status cue. */
export function findClaimNumber(text: string): string | null {
  CLAIM.lastIndex = 0;
  const m = CLAIM.exec(text);
  return m ? `KLM-${m[1]}-${m[2]}` : null;
}

/** All tickets with their spans. */
export function findTickets(text: string): (Span & { value: string })[] {
  return [...text.matchAll(TICKET)].map((m) => ({ index: m.index, end: m.index + m[0].length, value: `ADU-${m[1]}-${m[2]}` }));
}

const isPhoneStart = (digits: string): boolean => /^(08|628)/.test(digits);
const phoneNational = (digits: string): string => (digits.startsWith('62') ? `0${digits.slice(2)}` : digits);
const phoneOk = (digits: string): boolean => isPhoneStart(digits) && phoneNational(digits).length >= 10 && phoneNational(digits).length <= 13;

/** NIK, KPJ, phone numbers and emails, left to right, not overlapping. */
export function findPii(text: string): PiiMatch[] {
  const out: PiiMatch[] = [];
  const taken: Span[] = [];
  for (const m of text.matchAll(EMAIL)) {
    out.push({ kind: 'email', value: m[0].toLowerCase(), raw: m[0], index: m.index, end: m.index + m[0].length });
    taken.push(out[out.length - 1]!);
  }
  for (const t of findTickets(text)) taken.push(t);
  const free = (s: Span) => !taken.some((t) => s.index < t.end && t.index < s.end);

  for (const m of text.matchAll(RUN)) {
    const groups: { s: string; index: number }[] = [];
    for (const g of m[0].matchAll(/\+?\d+/g)) groups.push({ s: g[0].replace('+', ''), index: m.index + g.index });
    let i = 0;
    while (i < groups.length) {
      const found = matchAt(groups, i);
      if (found) {
        const first = groups[i]!, lastG = groups[found.j]!;
        const span = { index: first.index - (text[first.index - 1] === '+' && found.kind === 'phone' ? 1 : 0), end: lastG.index + lastG.s.length };
        if (free(span)) out.push({ kind: found.kind, value: found.value, raw: text.slice(span.index, span.end), ...span });
        i = found.j + 1;
      } else i++;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The identifier starting at digit group i, if any: a single group is preferred, then joined groups. */
function matchAt(groups: { s: string }[], i: number): { kind: 'nik' | 'kpj' | 'phone'; value: string; j: number } | null {
  const one = groups[i]!.s;
  if (one.length === 16 && !one.startsWith('0')) return { kind: 'nik', value: one, j: i };
  if (phoneOk(one)) return { kind: 'phone', value: phoneNational(one), j: i };
  if (one.length === 11 && !one.startsWith('0')) return { kind: 'kpj', value: one, j: i };
  if (one.length >= 11) return null; // some other long number (account number, …)
  let digits = one;
  let phone: { value: string; j: number } | null = null;
  for (let j = i + 1; j < groups.length && digits.length < 16; j++) {
    digits += groups[j]!.s;
    if (isPhoneStart(digits) || (digits.length <= 3 && '628'.startsWith(digits))) {
      if (phoneOk(digits)) phone = { value: phoneNational(digits), j };
      continue;
    }
    if (digits.length === 16 && !digits.startsWith('0')) return { kind: 'nik', value: digits, j };
    if (digits.length === 11 && !digits.startsWith('0') && !digitsExtendTo16(groups, j, digits)) return { kind: 'kpj', value: digits, j };
  }
  return phone ? { kind: 'phone', ...phone } : null;
}

/** True when more groups after j would make the digits exactly a NIK (prefer NIK over its first 11 digits). */
function digitsExtendTo16(groups: { s: string }[], j: number, digits: string): boolean {
  let d = digits;
  for (let k = j + 1; k < groups.length && d.length < 16; k++) d += groups[k]!.s;
  return d.length === 16;
}

/** First NIK (16 digits) in the text, digits only. */
export const findNik = (text: string): string | null => findPii(text).find((m) => m.kind === 'nik')?.value ?? null;
/** First KPJ (11 digits) in the text, digits only. */
export const findKpj = (text: string): string | null => findPii(text).find((m) => m.kind === 'kpj')?.value ?? null;
/** First mobile number, normalised to "08…". */
export const findPhone = (text: string): string | null => findPii(text).find((m) => m.kind === 'phone')?.value ?? null;
export const findEmail = (text: string): string | null => findPii(text).find((m) => m.kind === 'email')?.value ?? null;

/** A KPJ or NIK, whichever comes first (the status API accepts either). */
export function parseIdentifier(text: string): { kind: 'kpj' | 'nik'; value: string } | null {
  const m = findPii(text).find((p) => p.kind === 'kpj' || p.kind === 'nik');
  return m ? { kind: m.kind as 'kpj' | 'nik', value: m.value } : null;
}

/** Everything found, first of each kind. */
export function extractIdentifiers(text: string): { nik?: string; kpj?: string; phone?: string; email?: string; ticket?: string; claim?: string } {
  const out: { nik?: string; kpj?: string; phone?: string; email?: string; ticket?: string; claim?: string } = {};
  for (const m of findPii(text)) out[m.kind] ??= m.value;
  const t = findTicket(text);
  if (t) out.ticket = t;
  const c = findClaimNumber(text);
  if (c) out.claim = c;
  return out;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');
const keep = (d: string, head: number, tail: number) =>
  d.length <= head + tail ? '*'.repeat(d.length) : d.slice(0, head) + '*'.repeat(d.length - head - tail) + d.slice(d.length - tail);

/** "3174011503900001" → "3174********0001" (first 4 and last 4 digits kept). */
export const maskNik = (nik: string): string => keep(digitsOf(nik), 4, 4);
/** "21012345678" → "210*****678" (first 3 and last 3 digits kept). */
export const maskKpj = (kpj: string): string => keep(digitsOf(kpj), 3, 3);
/** "081324681357" → "0813*****357" (first 4 and last 3 digits kept). */
export const maskPhone = (phone: string): string => keep(phoneNational(digitsOf(phone)), 4, 3);
/** "budi.santoso@mail.com" → "b***@mail.com". */
export const maskEmail = (email: string): string => email.replace(/^([^@])[^@]*@/, '$1***@');

// Redaction of personal data for logs and stored questions: src/observability/redact.ts (one place).

