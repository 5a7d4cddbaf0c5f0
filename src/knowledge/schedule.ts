/**
 * The live-chat desk's schedule (knowledge/handoff/schedule.yaml): opening hours per weekday in the agency's
 * time zone, public holidays, and the phrases that give a conversation back to the bot. Validated at load like
 * the answers (every problem collected as `file: field: message`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../core/types.ts';
import { fieldPath, type KnowledgeProblem } from './errors.ts';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Day = (typeof DAYS)[number];

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like "08:00" (24:00 = end of day)');
const Span = z.tuple([Time, Time]).refine(([a, b]) => minutes(a) < minutes(b), 'the closing time must come after the opening time');

const ScheduleSchema = z
  .object({
    timezone: z.string().refine(validZone, 'an IANA time zone such as Asia/Jakarta'),
    timezone_label: z.string().min(1),
    hours: z.partialRecord(z.enum(DAYS), Span),
    holidays: z.array(z.object({ date: z.iso.date(), name: z.string().min(1) }).strict()).default([]),
    return_phrases: z.object({ id: z.array(z.string().min(2)).min(1), en: z.array(z.string().min(2)).min(1) }).strict(),
  })
  .strict();

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface Schedule {
  /** True while agents answer (inside the day's hours, not a holiday). */
  isOpen(at: number): boolean;
  /** The next moment the desk opens, at or after `at` (undefined when no day has hours). */
  nextOpening(at: number): number | undefined;
  /** "Senin, 7 Desember 2026 pukul 08.00 WIB" / "Monday, 7 December 2026 at 08:00 WIB". */
  describe(at: number, lang: Lang): string;
  /** The holiday on the local date of `at`, if any. */
  holiday(at: number): string | undefined;
  /** The user asks to go back to the bot ("kembali ke bot", "back to bot"). */
  isReturnPhrase(text: string): boolean;
  /** The language of a "back to bot" phrase, or undefined for any other text. */
  returnPhraseLang(text: string): Lang | undefined;
}

export function compileSchedule(data: z.infer<typeof ScheduleSchema>): Schedule {
  const holidays = new Map(data.holidays.map((h) => [h.date, h.name]));
  const phrases = new Set([...data.return_phrases.id, ...data.return_phrases.en].map(squash));
  const phrasesEn = new Set(data.return_phrases.en.map(squash));
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: data.timezone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // The local date and time only change from one minute to the next: the last one is kept (formatToParts is slow).
  let last: { minuteOf: number; value: { date: string; day: Day; minute: number } } | undefined;
  const local = (at: number) => {
    const minuteOf = Math.floor(at / 60_000);
    if (last?.minuteOf === minuteOf) return last.value;
    const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
    const value = { date: `${p.year}-${p.month}-${p.day}`, day: p.weekday!.slice(0, 3).toLowerCase() as Day, minute: Number(p.hour) * 60 + Number(p.minute) };
    last = { minuteOf, value };
    return value;
  };
  const span = (day: Day) => data.hours[day];
  const isOpen = (at: number) => {
    const l = local(at);
    const s = span(l.day);
    return !!s && !holidays.has(l.date) && l.minute >= minutes(s[0]) && l.minute < minutes(s[1]);
  };
  const fmt = {
    id: new Intl.DateTimeFormat('id-ID', { timeZone: data.timezone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    en: new Intl.DateTimeFormat('en-GB', { timeZone: data.timezone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
  return {
    isOpen,
    nextOpening(at) {
      if (isOpen(at)) return at;
      // Walk forward minute by minute would be slow: step to the next whole minute, then by 15 minutes, then refine.
      const start = Math.ceil(at / 60_000) * 60_000;
      for (let t = start; t < start + 60 * 86_400_000; t += 15 * 60_000) {
        if (isOpen(t)) {
          let lo = Math.max(start, t - 15 * 60_000);
          while (!isOpen(lo)) lo += 60_000;
          return lo;
        }
      }
      return undefined;
    },
    describe(at, lang) {
      const p = Object.fromEntries(fmt[lang].formatToParts(at).map((x) => [x.type, x.value]));
      const time = `${p.hour}${lang === 'id' ? '.' : ':'}${p.minute}`;
      return lang === 'id' ? `${p.weekday}, ${p.day} ${p.month} ${p.year} pukul ${time} ${data.timezone_label}` : `${p.weekday}, ${p.day} ${p.month} ${p.year} at ${time} ${data.timezone_label}`;
    },
    holiday: (at) => holidays.get(local(at).date),
    isReturnPhrase: (text) => phrases.has(squash(text)),
    returnPhraseLang: (text) => (phrasesEn.has(squash(text)) ? 'en' : phrases.has(squash(text)) ? 'id' : undefined),
  };
}

/** Load and check knowledge/handoff/schedule.yaml; problems are collected, never thrown here. */
export async function loadSchedule(dir: string, problems: KnowledgeProblem[]): Promise<Schedule | undefined> {
  const file = path.join(dir, 'handoff', 'schedule.yaml');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    problems.push({ file, field: '', message: 'missing: the live-chat schedule (opening hours, holidays, return phrases)' });
    return undefined;
  }
  const doc = parseDocument(raw);
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, field: '', message: `YAML: ${e.message}` });
    return undefined;
  }
  const parsed = ScheduleSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push({ file, field: fieldPath(i.path), message: i.message });
    return undefined;
  }
  return compileSchedule(parsed.data);
}
