/**
 * Counts for the supervisor view, kept in the shared store (not parsed from logs): turns by channel, intent and
 * outcome, handoffs, queue waits and answer votes, per UTC hour. A turn only adds to an in-memory buffer; every
 * few seconds each instance merges its buffer into `insights:<hour>` (one atomic update per hour and flush), so
 * the hot path pays no store round trip and many instances add up.
 */
import type { Store } from '../store/types.ts';
import type { HourStats } from './types.ts';

const HOUR_MS = 3_600_000;
const TTL_SECONDS = 15 * 86_400;
const MAX_KEYS = 300;
export const hourKey = (hour: number) => `insights:${hour}`;

const empty = (hour: number): HourStats => ({ hour, turns: 0, byChannel: {}, byIntent: {}, byOutcome: {}, handoffs: 0, queueWaitSum: 0, queueWaits: 0, feedbackUp: 0, feedbackDown: 0 });

function addMap(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  const out = { ...into };
  for (const [k, v] of Object.entries(from)) if (k in out || Object.keys(out).length < MAX_KEYS) out[k] = (out[k] ?? 0) + v;
  return out;
}

function merge(a: HourStats, b: HourStats): HourStats {
  return {
    hour: a.hour,
    turns: a.turns + b.turns,
    byChannel: addMap(a.byChannel, b.byChannel),
    byIntent: addMap(a.byIntent, b.byIntent),
    byOutcome: addMap(a.byOutcome, b.byOutcome),
    handoffs: a.handoffs + b.handoffs,
    queueWaitSum: a.queueWaitSum + b.queueWaitSum,
    queueWaits: a.queueWaits + b.queueWaits,
    feedbackUp: a.feedbackUp + b.feedbackUp,
    feedbackDown: a.feedbackDown + b.feedbackDown,
  };
}

export interface StatsRecorder {
  turn(channel: string, intent: string, outcome: string): void;
  handoff(): void;
  queueWait(seconds: number): void;
  feedback(helpful: boolean): void;
  /** Write what is buffered to the store now (also runs every `flushMs`). */
  flush(): Promise<void>;
  /** The last `hours` hours from the store (buffer flushed first), oldest first; hours without turns are zero. */
  hours(hours: number): Promise<HourStats[]>;
  close(): Promise<void>;
}

export function createStatsRecorder(store: Store, opts: { now?: () => number; flushMs?: number } = {}): StatsRecorder {
  const now = opts.now ?? (() => Date.now());
  const buffer = new Map<number, HourStats>();
  const cur = () => {
    const hour = Math.floor(now() / HOUR_MS) * HOUR_MS;
    let s = buffer.get(hour);
    if (!s) buffer.set(hour, (s = empty(hour)));
    return s;
  };
  const bump = (m: Record<string, number>, k: string) => {
    if (k in m || Object.keys(m).length < MAX_KEYS) m[k] = (m[k] ?? 0) + 1;
  };
  let flushing: Promise<void> = Promise.resolve();
  async function flushNow(): Promise<void> {
    const pending = [...buffer.values()];
    buffer.clear();
    for (const s of pending) await store.update<HourStats>(hourKey(s.hour), (old) => merge(old ?? empty(s.hour), s), TTL_SECONDS);
  }
  const flush = () => (flushing = flushing.then(flushNow, flushNow));
  const timer = setInterval(() => void flush().catch(() => undefined), opts.flushMs ?? 5_000);
  timer.unref();

  return {
    turn(channel, intent, outcome) {
      const s = cur();
      s.turns++;
      bump(s.byChannel, channel);
      bump(s.byIntent, intent);
      bump(s.byOutcome, outcome);
    },
    handoff() {
      cur().handoffs++;
    },
    queueWait(seconds) {
      const s = cur();
      s.queueWaitSum += seconds;
      s.queueWaits++;
    },
    feedback(helpful) {
      if (helpful) cur().feedbackUp++;
      else cur().feedbackDown++;
    },
    flush,
    async hours(n) {
      await flush().catch(() => undefined);
      const last = Math.floor(now() / HOUR_MS) * HOUR_MS;
      const hours = Array.from({ length: Math.max(1, Math.min(n, 24 * 14)) }, (_, i) => last - (n - 1 - i) * HOUR_MS);
      return Promise.all(hours.map(async (h) => (await store.get<HourStats>(hourKey(h))) ?? empty(h)));
    },
    async close() {
      clearInterval(timer);
      await flush().catch(() => undefined);
    },
  };
}
