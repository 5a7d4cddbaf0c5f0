import type { Store } from '../../../src/store/types.ts';

/** True the first time a message id is seen (WhatsApp redelivers; webhooks are retried). Atomic on every Store. */
export async function firstSight(store: Store, messageId: string, ttlSeconds = 86_400): Promise<boolean> {
  return (await store.increment(`wa:seen:${messageId}`, ttlSeconds)) === 1;
}

/** Runs tasks one after another per key (one chat's messages in order), different keys concurrently. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task).catch(() => undefined);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves when every queued task has finished. */
  async drain(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}

/** Text users see when the bot failed on their message. */
export const APOLOGY = 'Maaf, Jessi sedang mengalami gangguan. Silakan coba lagi sebentar lagi.';

/** Longest user text handed to the bot (the chat API's limit). */
export const MAX_TEXT = 2000;
