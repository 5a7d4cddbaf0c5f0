import type { Store } from '../../../src/store/types.ts';

interface LeaseValue {
  holder: string;
  expiresAt: number; // ms epoch
}

/** An exclusive, expiring claim held by one instance (the one that may hold the WhatsApp connection). */
export interface Lease {
  /** Take the lease if free or expired, or renew it if already ours. True when we hold it afterwards. */
  acquire(): Promise<boolean>;
  /** Give it up if we hold it (another instance may then take it at once). */
  release(): Promise<void>;
  readonly holder: string;
}

/**
 * Lease on the Store interface (memory or Redis) through its atomic update. The expiry is kept inside the
 * value, not only as the key's TTL, so a non-holder that reads the lease can never extend it.
 */
export function createStoreLease(store: Store, key: string, holder: string, ttlMs: number): Lease {
  const ttlSeconds = Math.max(1, Math.ceil((ttlMs * 2) / 1000));
  return {
    holder,
    async acquire() {
      const now = Date.now();
      const v = await store.update<LeaseValue>(
        key,
        (cur) => (!cur || cur.holder === holder || cur.expiresAt <= now ? { holder, expiresAt: now + ttlMs } : cur),
        ttlSeconds,
      );
      return v?.holder === holder;
    },
    async release() {
      await store.update<LeaseValue>(key, (cur) => (cur?.holder === holder ? undefined : cur), ttlSeconds);
    },
  };
}
