/**
 * The Store and Bus contract every implementation keeps: what the bot core, the limiters, the locks and the
 * handoff desk rely on. Run against the memory store (test/store/memory.test.ts), one real redis-server
 * (test/redis/store.test.ts) and a real 3-master Redis Cluster (test/redis/cluster.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { LockTimeoutError, type Bus, type Store } from '../../src/store/types.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unique = (what: string) => `${what}:${randomBytes(4).toString('hex')}`;

export function storeContract(get: () => { a: Store; b: Store }): void {
  it('a value written by one client is read by another, as JSON, until deleted', async () => {
    const { a, b } = get();
    const key = unique('session');
    const value = { turns: 2, slots: { wage: 5_000_000, lang: 'id' }, list: [1, 'two', null] };
    await a.set(key, value, 60);
    expect(await b.get(key)).toEqual(value);
    await b.delete(key);
    expect(await a.get(key)).toBeUndefined();
  });

  it('a value expires after its time-to-live and reports the time left before', async () => {
    const { a, b } = get();
    const key = unique('session');
    await a.set(key, 'x', 1);
    expect(await b.ttl(key)).toBeGreaterThanOrEqual(1);
    await sleep(1_100);
    expect(await b.get(key)).toBeUndefined();
    expect(await b.ttl(key)).toBe(0);
  });

  it('update is atomic: concurrent increments from two clients lose nothing', async () => {
    const { a, b } = get();
    const key = unique('counter');
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).update<number>(key, (n = 0) => n + 1, 60)));
    expect(await a.get(key)).toBe(40);
    expect(await a.update<number>(key, () => undefined, 60)).toBeUndefined();
    expect(await b.get(key)).toBeUndefined();
  });

  it('increment counts from both clients and sets the TTL once', async () => {
    const { a, b } = get();
    const key = unique('rl');
    const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).increment(key, 60)));
    expect(counts.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await a.increment(key, 60, 5)).toBe(15);
    expect(await a.ttl(key)).toBeGreaterThan(50);
  });

  it('withLock serialises holders across clients and gives up after waitMs', async () => {
    const { a, b } = get();
    const key = unique('lock:session');
    const order: string[] = [];
    await Promise.all([
      a.withLock(key, async () => {
        order.push('a-in');
        await sleep(150);
        order.push('a-out');
      }),
      sleep(20).then(() =>
        b.withLock(key, async () => {
          order.push('b-in');
        }),
      ),
    ]);
    expect(order).toEqual(['a-in', 'a-out', 'b-in']);
    const held = a.withLock(key, () => sleep(400), { leaseMs: 2_000 });
    await sleep(20);
    await expect(b.withLock(key, async () => 'never', { waitMs: 100 })).rejects.toBeInstanceOf(LockTimeoutError);
    await held;
    expect(await b.withLock(key, async () => 'free again')).toBe('free again');
  });

  it('answers ping while up', async () => {
    expect(await get().a.ping()).toBe(true);
  });
}

export function busContract(get: () => { a: Bus; b: Bus }): void {
  it('a message published by one instance reaches the subscribers of every instance, in order', async () => {
    const { a, b } = get();
    const topic = unique('topic');
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    const offA = await a.subscribe(topic, (m) => seenA.push(m));
    const offB = await b.subscribe(topic, (m) => seenB.push(m));
    for (let i = 1; i <= 3; i++) await a.publish(topic, { type: 'message', seq: i, text: 'halo <b>' });
    for (let i = 0; i < 50 && (seenA.length < 3 || seenB.length < 3); i++) await sleep(20);
    const expected = [1, 2, 3].map((seq) => ({ type: 'message', seq, text: 'halo <b>' }));
    expect(seenA).toEqual(expected);
    expect(seenB).toEqual(expected);
    await offB();
    await a.publish(topic, { after: 'unsubscribe' });
    await sleep(100);
    expect(seenB).toHaveLength(3);
    expect(seenA).toHaveLength(4);
    await offA();
  });

  it('topics are separate', async () => {
    const { a, b } = get();
    const [t1, t2] = [unique('t1'), unique('t2')];
    const seen: unknown[] = [];
    const off = await b.subscribe(t1, (m) => seen.push(m));
    await a.publish(t2, 'other');
    await a.publish(t1, 'mine');
    for (let i = 0; i < 50 && !seen.length; i++) await sleep(20);
    await sleep(50);
    expect(seen).toEqual(['mine']);
    await off();
  });
}
