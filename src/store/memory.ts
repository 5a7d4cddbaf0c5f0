import { LockTimeoutError, type Store } from './types.ts';

const ABOVE_LATIN1 = /[\u0100-\uffff]/;
const ALL_ABOVE_LATIN1 = /[\u0100-\uffff]/g;
const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A value as JSON text held in one byte per character: V8 keeps a string with any character above U+00FF (an
 * ellipsis, an emoji) at two bytes per character, so those characters are written as \uXXXX escapes (valid JSON
 * anywhere they can occur, inside strings) and the text copied into a one-byte string. JSON.parse reads it back
 * unchanged. A conversation state of ~700 characters then costs ~700 bytes instead of ~1,400.
 */
function encode(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined || !ABOVE_LATIN1.test(json)) return json;
  return Buffer.from(json.replace(ALL_ABOVE_LATIN1, unicodeEscape), 'latin1').toString('latin1');
}

interface Entry {
  value: string;
  expiresAt: number; // ms epoch; Infinity without TTL
}

/**
 * In-process store: the default, so that `npm start` runs on a laptop with nothing else.
 * Values are stored as JSON (as in Redis) so callers can never mutate stored state by reference, compactly (one
 * byte per character, see `encode`). Expiry is one structure for all keys: each entry carries its deadline,
 * expired keys are dropped lazily on read and by one periodic sweep (no timer per key).
 */
export class MemoryStore implements Store {
  private readonly data = new Map<string, Entry>();
  private readonly locks = new Map<string, Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 30_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const e = this.data.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= Date.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, e] of this.data) if (e.expiresAt <= now) this.data.delete(k);
  }

  private put(key: string, value: unknown, ttlSeconds?: number): void {
    const expiresAt = ttlSeconds && ttlSeconds > 0 ? Date.now() + ttlSeconds * 1000 : Infinity;
    this.data.set(key, { value: encode(value), expiresAt });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const e = this.live(key);
    return e ? (JSON.parse(e.value) as T) : undefined;
  }

  async set<T>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    this.put(key, value, ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  async update<T>(key: string, fn: (current: T | undefined) => T | undefined, ttlSeconds?: number): Promise<T | undefined> {
    // Synchronous read-modify-write: nothing can interleave inside one event-loop tick.
    const e = this.live(key);
    const next = fn(e ? (JSON.parse(e.value) as T) : undefined);
    if (next === undefined) this.data.delete(key);
    else this.put(key, next, ttlSeconds);
    return next;
  }

  async increment(key: string, ttlSeconds: number, by = 1): Promise<number> {
    const e = this.live(key);
    if (!e) {
      this.put(key, by, ttlSeconds);
      return by;
    }
    const n = Number(JSON.parse(e.value)) + by;
    e.value = JSON.stringify(n);
    return n;
  }

  async ttl(key: string): Promise<number> {
    const e = this.live(key);
    if (!e || e.expiresAt === Infinity) return 0;
    return Math.max(0, Math.ceil((e.expiresAt - Date.now()) / 1000));
  }

  async withLock<T>(key: string, fn: () => Promise<T>, opts: { leaseMs?: number; waitMs?: number } = {}): Promise<T> {
    const waitMs = opts.waitMs ?? 5_000;
    const prev = this.locks.get(key);
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const chained = prev ? prev.then(() => mine) : mine;
    this.locks.set(key, chained);
    let timer: NodeJS.Timeout | undefined;
    try {
      // A free lock (the usual case: one message of a conversation at a time) is taken at once, with no timer.
      if (prev) {
        const waited = await Promise.race([
          prev.then(() => true),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(false), waitMs))),
        ]);
        if (!waited) throw new LockTimeoutError(key);
      }
      return await fn();
    } finally {
      clearTimeout(timer);
      release();
      if (this.locks.get(key) === chained) this.locks.delete(key);
    }
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.data.clear();
  }

  /** Number of live keys (for tests and the memory-growth benchmark). */
  size(): number {
    this.sweep();
    return this.data.size;
  }
}
