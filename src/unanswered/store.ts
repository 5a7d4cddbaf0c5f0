import { createHash } from 'node:crypto';
import { redactFreeText } from '../observability/redact.ts';
import type { Store } from '../store/types.ts';

/**
 * Messages the bot could not answer (fallback) or had to ask back about, kept so the team can see what
 * to add to the knowledge base. Personal data is stripped before anything is stored.
 *
 * Keys (see src/store/redis.ts): unanswered:count:<h> (integer), unanswered:text:<h> (sample),
 * unanswered:index (JSON array of <h>, newest first, capped). <h> = hash of the normalised, redacted text.
 */
export type UnansweredOutcome = 'fallback' | 'ask';

export interface UnansweredInput {
  text: string;
  outcome: UnansweredOutcome;
  intent?: string;
  lang: string;
}

export interface UnansweredEntry {
  /** A redacted sample of the text as typed (latest occurrence). */
  text: string;
  count: number;
  outcome: UnansweredOutcome;
  intent?: string;
  lang: string;
  lastSeen: string;
}

export const UNANSWERED_INDEX_KEY = 'unanswered:index';
export const UNANSWERED_CAP = 1000;
const TTL_SECONDS = 30 * 24 * 3600;
const MAX_TEXT = 300;
/** Re-promote a text in the index every this many occurrences, so frequent ones are not evicted. */
const PROMOTE_EVERY = 10;

/** Same key for texts that differ only in case, punctuation or spacing (after redaction). */
export function normaliseUnanswered(text: string): string {
  return redactFreeText(text)
    .toLowerCase()
    .replace(/\[(nik|kpj|phone|number|email|amount|date)\]/g, ' $1 ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, MAX_TEXT);
}

const hashOf = (normalised: string) => createHash('sha256').update(normalised).digest('hex').slice(0, 20);
const countKey = (h: string) => `unanswered:count:${h}`;
const textKey = (h: string) => `unanswered:text:${h}`;

export async function recordUnanswered(store: Store, input: UnansweredInput, opts: { cap?: number; now?: () => number } = {}): Promise<void> {
  const cap = opts.cap ?? UNANSWERED_CAP;
  const normalised = normaliseUnanswered(input.text);
  if (!normalised) return;
  const h = hashOf(normalised);
  const count = await store.increment(countKey(h), TTL_SECONDS);
  const sample: Omit<UnansweredEntry, 'count'> = {
    text: redactFreeText(input.text.replace(/\s+/g, ' ').trim()).slice(0, MAX_TEXT),
    outcome: input.outcome,
    ...(input.intent ? { intent: input.intent } : {}),
    lang: input.lang,
    lastSeen: new Date((opts.now ?? Date.now)()).toISOString(),
  };
  await store.set(textKey(h), sample, TTL_SECONDS);
  // The index changes only for new texts and now and then for frequent ones: few writes to one hot key.
  if (count !== 1 && count % PROMOTE_EVERY !== 0) return;
  let evicted: string[] = [];
  await store.update<string[]>(
    UNANSWERED_INDEX_KEY,
    (list = []) => {
      const next = [h, ...list.filter((x) => x !== h)];
      evicted = next.slice(cap);
      return next.slice(0, cap);
    },
    TTL_SECONDS,
  );
  // Forget what fell off the index, so storage stays bounded by the cap.
  for (const e of evicted) {
    await store.delete(countKey(e));
    await store.delete(textKey(e));
  }
}

/** The `n` most frequent unanswered texts, most frequent first. */
export async function topUnanswered(store: Store, n = 20): Promise<UnansweredEntry[]> {
  const index = (await store.get<string[]>(UNANSWERED_INDEX_KEY)) ?? [];
  const entries = await Promise.all(
    index.map(async (h) => {
      const [count, sample] = await Promise.all([store.get<number>(countKey(h)), store.get<Omit<UnansweredEntry, 'count'>>(textKey(h))]);
      return count && sample ? { ...sample, count: Number(count) } : undefined;
    }),
  );
  return entries
    .filter((e): e is UnansweredEntry => e !== undefined)
    .sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen))
    .slice(0, Math.max(0, n));
}
