import type { Store } from '../store/types.ts';

/**
 * 👍/👎 votes on answers, per intent. Nothing else is kept: no text, no conversation id, no address, no time
 * of a single vote, so a vote can never be traced back to a person.
 *
 * Keys: feedback:up:<intent>, feedback:down:<intent> (integers), feedback:intents (JSON array of intents voted on).
 */
export const FEEDBACK_INDEX_KEY = 'feedback:intents';
const TTL_SECONDS = 90 * 24 * 3600;
const MAX_INTENTS = 500;

export interface FeedbackRow {
  intent: string;
  up: number;
  down: number;
}

const key = (vote: 'up' | 'down', intent: string) => `feedback:${vote}:${intent}`;

export async function recordFeedback(store: Store, intent: string, helpful: boolean): Promise<void> {
  const n = await store.increment(key(helpful ? 'up' : 'down', intent), TTL_SECONDS);
  if (n === 1) await store.update<string[]>(FEEDBACK_INDEX_KEY, (list = []) => (list.includes(intent) ? list : [...list, intent].slice(-MAX_INTENTS)), TTL_SECONDS);
}

/** Votes per intent, the answers that fail people most first (most 👎, then the lowest share of 👍). */
export async function feedbackByIntent(store: Store): Promise<FeedbackRow[]> {
  const intents = (await store.get<string[]>(FEEDBACK_INDEX_KEY)) ?? [];
  const rows = await Promise.all(
    intents.map(async (intent) => {
      const [up, down] = await Promise.all([store.get<number>(key('up', intent)), store.get<number>(key('down', intent))]);
      return { intent, up: Number(up ?? 0), down: Number(down ?? 0) };
    }),
  );
  return rows.filter((r) => r.up + r.down > 0).sort((a, b) => b.down - a.down || a.up / (a.up + a.down) - b.up / (b.up + b.down) || a.intent.localeCompare(b.intent));
}
