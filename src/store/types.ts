/**
 * A key-value store with time-to-live, the only place conversation state, dialog slots,
 * verification, rate-limit counters and locks live. Memory by default, Redis when REDIS_URL is set.
 * Values are JSON-serialisable. Every method is async so the implementations are interchangeable.
 */
export interface Store {
  /** Read a value; undefined when missing or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Write a value, optionally with a time-to-live in seconds. */
  set<T>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Atomic read-modify-write: `fn` gets the current value (undefined when missing) and returns the new
   * one (undefined deletes). No other update of the same key interleaves. Returns the new value.
   */
  update<T>(key: string, fn: (current: T | undefined) => T | undefined, ttlSeconds?: number): Promise<T | undefined>;
  /** Atomic counter: adds `by` (default 1); the TTL is set when the key is created. Returns the new count. */
  increment(key: string, ttlSeconds: number, by?: number): Promise<number>;
  /** Remaining time-to-live of a key in seconds (0 when missing or without TTL). */
  ttl(key: string): Promise<number>;
  /**
   * Run `fn` while holding an exclusive lock named `key` (waits up to `waitMs` for it; the lock
   * expires after `leaseMs` if its holder dies). Serialises turns of one conversation across instances.
   */
  withLock<T>(key: string, fn: () => Promise<T>, opts?: { leaseMs?: number; waitMs?: number }): Promise<T>;
  /** True when the backing service answers (always true in memory). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown when the backing store cannot be reached; the HTTP edge turns it into a 503. */
export class StoreUnavailableError extends Error {
  constructor(message = 'state store unavailable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Thrown by withLock when the lock could not be had within waitMs. */
export class LockTimeoutError extends Error {
  constructor(key: string) {
    super(`lock busy: ${key}`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * Publish/subscribe between the instances of the service (agent handoff events, content reloads). Memory by
 * default (one process), Redis pub/sub when REDIS_URL or REDIS_CLUSTER_NODES is set, so an agent on instance
 * A reaches a user on instance B. Delivery is at most once and only to subscribers connected at the time:
 * anything that must survive is written to the Store first and the message only says "look".
 */
export interface Bus {
  publish(topic: string, message: unknown): Promise<void>;
  /** Call `handler` for every message published on `topic` (by any instance, this one included). Returns an unsubscribe. */
  subscribe(topic: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
