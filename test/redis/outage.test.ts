import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/store/redis.ts';
import { StoreUnavailableError } from '../../src/store/types.ts';
import { RedisServer, shouldRunRedisTests } from './redis-server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with how long `op` took to settle and how it settled. */
async function timed<T>(op: () => Promise<T>): Promise<{ ms: number; error?: unknown; value?: T }> {
  const t0 = Date.now();
  try {
    const value = await op();
    return { ms: Date.now() - t0, value };
  } catch (error) {
    return { ms: Date.now() - t0, error };
  }
}

describe.runIf(shouldRunRedisTests())('Redis outage and recovery', () => {
  let server: RedisServer;
  let store: RedisStore;

  beforeAll(async () => {
    server = await RedisServer.start();
    store = await createRedisStore(server.url, { prefix: 'outage:' });
  });
  afterAll(async () => {
    server?.resume();
    await store?.close();
    await server?.stop();
  });

  it('fails fast with StoreUnavailableError while Redis is down, then recovers on its own on the same port', async () => {
    await store.set('session:x', { turns: 1 });
    await server.stop('SIGKILL');
    await sleep(100);

    for (const op of [
      () => store.get('session:x'),
      () => store.set('session:x', { turns: 2 }),
      () => store.update('session:x', () => ({ turns: 3 })),
      () => store.increment('rl:ip:1.2.3.4:1', 60),
      () => store.withLock('lock:session:x', async () => 'ran'),
    ]) {
      const r = await timed(op);
      expect(r.error).toBeInstanceOf(StoreUnavailableError);
      expect(r.ms).toBeLessThan(1000);
    }
    const p = await timed(() => store.ping());
    expect(p.value).toBe(false);
    expect(p.ms).toBeLessThan(500);

    // Let the client back off for a while, as in a real outage, then bring Redis back.
    await sleep(1500);
    await server.start();
    const t0 = Date.now();
    let recoveredAfter = -1;
    while (Date.now() - t0 < 5000) {
      const r = await timed(() => store.set('session:x', { turns: 4 }));
      if (!r.error) {
        recoveredAfter = Date.now() - t0;
        break;
      }
      await sleep(50);
    }
    expect(recoveredAfter).toBeGreaterThanOrEqual(0);
    expect(recoveredAfter).toBeLessThan(2000);
    expect(await store.get('session:x')).toEqual({ turns: 4 });
    expect(await store.ping()).toBe(true);
    expect(await store.withLock('lock:session:x', async () => 'ran')).toBe('ran');
  });

  it('does not hang when Redis stops answering on an open connection', async () => {
    server.pause();
    try {
      const p = await timed(() => store.ping());
      expect(p.value).toBe(false);
      expect(p.ms).toBeLessThan(500);
      const r = await timed(() => store.get('session:x'));
      expect(r.error).toBeInstanceOf(StoreUnavailableError);
      expect(r.ms).toBeLessThan(1500);
    } finally {
      server.resume();
    }
    const t0 = Date.now();
    let ok = false;
    while (!ok && Date.now() - t0 < 5000) {
      ok = !(await timed(() => store.get('session:x'))).error;
      if (!ok) await sleep(50);
    }
    expect(ok).toBe(true);
    expect(await store.get('session:x')).toEqual({ turns: 4 });
  });

  it('starts without Redis (not ready) and becomes usable once Redis appears', async () => {
    const port = server.port;
    await server.stop();
    const t0 = Date.now();
    const late = await createRedisStore(`redis://127.0.0.1:${port}`, { prefix: 'outage:', connectTimeoutMs: 300 });
    try {
      expect(Date.now() - t0).toBeLessThan(1500);
      expect(await late.ping()).toBe(false);
      await expect(late.get('session:x')).rejects.toBeInstanceOf(StoreUnavailableError);
      await server.start();
      const t1 = Date.now();
      while (!(await late.ping()) && Date.now() - t1 < 5000) await sleep(50);
      expect(Date.now() - t1).toBeLessThan(2000);
      await late.set('k', 1);
      expect(await late.get('k')).toBe(1);
    } finally {
      await late.close();
    }
  });
});
