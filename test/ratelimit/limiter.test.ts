import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/ratelimit/limiter.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { createRedisStore } from '../../src/store/redis.ts';
import type { Store } from '../../src/store/types.ts';
import { RedisServer, shouldRunRedisTests } from '../redis/redis-server.ts';

/** The same behaviour on every store; `second` is another instance sharing the state (or the same store). */
function limiterBehaviour(stores: () => { first: Store; second: Store }) {
  it('allows `limit` hits per window, then refuses with the seconds until the window resets', async () => {
    const { first } = stores();
    let t = 60_000 * 1000 + 15_000; // 15 s into a minute window
    const limiter = createRateLimiter(first, { name: 'ip', limit: 3, windowSeconds: 60, now: () => t });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit('10.0.0.1'));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3].retryAfterSeconds).toBe(45);
    // Another key has its own budget.
    expect((await limiter.hit('10.0.0.2')).allowed).toBe(true);
    // The next window starts afresh.
    t += 45_000;
    expect(await limiter.hit('10.0.0.1')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('shares the budget between instances using the same store', async () => {
    const { first, second } = stores();
    const t = 120_000 * 1000;
    const a = createRateLimiter(first, { name: 'session', limit: 5, windowSeconds: 60, now: () => t });
    const b = createRateLimiter(second, { name: 'session', limit: 5, windowSeconds: 60, now: () => t });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).hit('conv-1')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('is off when the limit is 0', async () => {
    const { first } = stores();
    const limiter = createRateLimiter(first, { name: 'ip', limit: 0, windowSeconds: 60 });
    for (let i = 0; i < 50; i++) expect((await limiter.hit('1.1.1.1')).allowed).toBe(true);
  });

  it('keeps each counter (rl:<name>:<key>:<window>) only as long as its window', async () => {
    const { first } = stores();
    const t = 1_000_000_000_000;
    const limiter = createRateLimiter(first, { name: 'ticket-ip', limit: 5, windowSeconds: 1, now: () => t });
    await limiter.hit('9.9.9.9');
    await limiter.hit('9.9.9.9');
    const key = `rl:ticket-ip:9.9.9.9:${t / 1000}`;
    expect(await first.get(key)).toBe(2);
    expect(await first.ttl(key)).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await first.get(key)).toBeUndefined();
  });
}

describe('rate limiter on the memory store', () => {
  let store: MemoryStore;
  beforeAll(() => {
    store = new MemoryStore();
  });
  afterAll(() => store.close());
  limiterBehaviour(() => ({ first: store, second: store }));

  it('rejects invalid options', () => {
    expect(() => createRateLimiter(store, { name: 'bad name', limit: 1, windowSeconds: 60 })).toThrow();
    expect(() => createRateLimiter(store, { name: 'ip', limit: -1, windowSeconds: 60 })).toThrow();
  });
});

describe.runIf(shouldRunRedisTests())('rate limiter on Redis (two clients)', () => {
  let server: RedisServer;
  let first: Store;
  let second: Store;
  beforeAll(async () => {
    server = await RedisServer.start();
    const prefix = `rl${randomBytes(3).toString('hex')}:`;
    first = await createRedisStore(server.url, { prefix });
    second = await createRedisStore(server.url, { prefix });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await server?.stop();
  });
  limiterBehaviour(() => ({ first, second }));
});
