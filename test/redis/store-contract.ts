import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import type { RedisStore } from '../../src/store/redis.ts';
import { LockTimeoutError } from '../../src/store/types.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Redis store's contract cases, run against one redis-server (store.test.ts) and against a real 3-master
 * Redis Cluster (cluster.test.ts). `a` and `b` are two clients, as two instances of the service would have;
 * `target` is what test/redis/lock-holder.ts connects to (a redis:// URL, or the cluster's host:port list).
 */
export function redisStoreContract(ctx: { a(): RedisStore; b(): RedisStore; prefix: string; target(): string }): void {
  let a: RedisStore;
  let b: RedisStore;
  const prefix = ctx.prefix;
  const server = { get url() { return ctx.target(); } };
  const use = () => {
    a = ctx.a();
    b = ctx.b();
  };

  it('stores JSON values that another client reads back, and deletes them', async () => {
    use();
    const state = { turns: 3, slots: { kpj: null, lang: 'id' }, list: [1, 'two'] };
    await a.set('session:abc', state, 60);
    expect(await b.get('session:abc')).toEqual(state);
    expect(await b.get('session:missing')).toBeUndefined();
    await b.delete('session:abc');
    expect(await a.get('session:abc')).toBeUndefined();
    expect(await a.ping()).toBe(true);
  });

  it('expires keys after their TTL and reports the remaining TTL', async () => {
    use();
    await a.set('short', 'x', 1);
    await a.set('forever', 'y');
    expect(await a.ttl('short')).toBe(1);
    expect(await a.ttl('forever')).toBe(0);
    expect(await a.ttl('nothing')).toBe(0);
    await sleep(1150);
    expect(await b.get('short')).toBeUndefined();
    expect(await b.get('forever')).toBe('y');
  });

  it('loses no update when 50 updates of one key race from two clients', async () => {
    use();
    await a.delete('counter');
    const bump = (s: RedisStore) => s.update<{ n: number }>('counter', (cur) => ({ n: (cur?.n ?? 0) + 1 }), 60);
    await Promise.all(Array.from({ length: 50 }, (_, i) => bump(i % 2 ? a : b)));
    expect(await a.get('counter')).toEqual({ n: 50 });
    expect(await a.ttl('counter')).toBeGreaterThan(50);
    // Returning undefined deletes.
    expect(await b.update('counter', () => undefined)).toBeUndefined();
    expect(await a.get('counter')).toBeUndefined();
  });

  it('increments atomically across clients and sets the TTL only when the counter is created', async () => {
    use();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).increment('hits', 1)));
    expect(Math.max(...results)).toBe(100);
    expect(new Set(results).size).toBe(100);
    expect(await a.get('hits')).toBe(100);
    expect(await a.increment('hits', 1, 5)).toBe(105);
    await sleep(1150); // the TTL was not pushed back by later increments
    expect(await b.increment('hits', 1)).toBe(1);
  });

  it('serialises two lock holders on two clients: their critical sections never interleave', async () => {
    use();
    await a.delete('marks');
    const mark = (s: RedisStore, m: string) => s.update<string[]>('marks', (l = []) => [...l, m]);
    const worker = (s: RedisStore, who: string) =>
      Promise.all(
        Array.from({ length: 5 }, () =>
          s.withLock('lock:session:shared', async () => {
            await mark(s, `${who}:start`);
            await sleep(15);
            await mark(s, `${who}:end`);
          }, { leaseMs: 2000, waitMs: 10_000 }),
        ),
      );
    await Promise.all([worker(a, 'A'), worker(b, 'B')]);
    const marks = (await a.get<string[]>('marks'))!;
    expect(marks).toHaveLength(20);
    for (let i = 0; i < marks.length; i += 2) {
      const who = marks[i].split(':')[0];
      expect([marks[i], marks[i + 1]]).toEqual([`${who}:start`, `${who}:end`]);
    }
    expect(marks.filter((m) => m.startsWith('A:'))).toHaveLength(10);
  });

  it('gives up with LockTimeoutError when the lock stays busy longer than waitMs, and frees it after', async () => {
    use();
    let release!: () => void;
    const held = a.withLock('busy', () => new Promise<void>((r) => (release = r)), { leaseMs: 5000 });
    await sleep(50);
    const t0 = Date.now();
    await expect(b.withLock('busy', async () => 'never', { waitMs: 200 })).rejects.toBeInstanceOf(LockTimeoutError);
    expect(Date.now() - t0).toBeLessThan(1000);
    release();
    await held;
    expect(await b.withLock('busy', async () => 'mine', { waitMs: 200 })).toBe('mine');
  });

  it('keeps a lock alive past its lease while the holder works', async () => {
    use();
    const order: string[] = [];
    const slow = a.withLock('long', async () => {
      await sleep(700);
      order.push('slow done');
    }, { leaseMs: 300 });
    await sleep(50);
    await b.withLock('long', async () => void order.push('second'), { waitMs: 3000 });
    await slow;
    expect(order).toEqual(['slow done', 'second']);
  });

  it('releases the lock when its lease runs out after the holder process died', async () => {
    use();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/redis/lock-holder.ts', server.url, prefix, 'lock:session:dead', '800'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => String(d).includes('locked') && resolve());
      child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    // While the holder lives, nobody else gets the lock.
    await expect(b.withLock('lock:session:dead', async () => 1, { waitMs: 1000 })).rejects.toBeInstanceOf(LockTimeoutError);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const t0 = Date.now();
    expect(await b.withLock('lock:session:dead', async () => 'taken over', { waitMs: 3000 })).toBe('taken over');
    expect(Date.now() - t0).toBeLessThan(1500);
  });
}
