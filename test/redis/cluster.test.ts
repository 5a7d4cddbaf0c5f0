import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKey, sessionLockKey, type ConversationState } from '../../src/core/state.ts';
import { createRedisClusterStore, type RedisStore } from '../../src/store/redis.ts';
import { StoreUnavailableError } from '../../src/store/types.ts';
import { startService, type ChatReply, type Service } from '../helpers/service.ts';
import { rawCommand, RedisCluster, scanNode, shouldRunClusterTests } from './redis-cluster.ts';
import { redisStoreContract } from './store-contract.ts';
import { busContract, storeContract } from '../store/contract.ts';
import { createRedisBus } from '../../src/store/redis-bus.ts';
import type { Bus } from '../../src/store/types.ts';

/**
 * The Redis store and the service on a REAL local Redis Cluster: 3 masters, no replicas, started by the test
 * (redis-server --cluster-enabled yes + redis-cli --cluster create). One cluster for the whole file; the
 * failover case runs last because it loses the data of one master.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RESULT = 'Rp44.172.736'; // 5 juta, 10 tahun, no starting balance (as in app-instances.test.ts)

async function post(url: string, body: unknown): Promise<{ status: number; json: any; ms: number }> {
  const t0 = Date.now();
  const r = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  const json = await r.json().catch(() => null);
  return { status: r.status, json, ms: Date.now() - t0 };
}
const readyz = async (url: string) => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) })).status;
const keySlot = async (cluster: RedisCluster, key: string) => Number((await rawCommand(cluster.nodes[0].port, `CLUSTER KEYSLOT ${key}`)).replace(/^:/, ''));

describe.runIf(shouldRunClusterTests())('on a real 3-master Redis Cluster', () => {
  let cluster: RedisCluster;
  let a: RedisStore;
  let b: RedisStore;
  let busA: Bus;
  let busB: Bus;
  const prefix = `c${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    cluster = await RedisCluster.start({ masters: 3 });
    const nodes = cluster.nodes.map((n) => n.address);
    a = await createRedisClusterStore(nodes, { prefix });
    // The second client knows only one node: the rest of the topology is discovered.
    b = await createRedisClusterStore([nodes[1]], { prefix });
    busA = await createRedisBus(a);
    busB = await createRedisBus(b);
  }, 60_000);
  afterAll(async () => {
    await busA?.close();
    await busB?.close();
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  describe('the Redis store contract', () => {
    redisStoreContract({ a: () => a, b: () => b, prefix, target: () => cluster.nodesSetting });
  });
  describe('the Store contract', () => storeContract(() => ({ a, b })));
  describe('the Bus contract (cluster pub/sub)', () => busContract(() => ({ a: busA, b: busB })));

  it('puts every key of one conversation on one slot, and spreads conversations over all masters', async () => {
    expect(a.mode).toBe('cluster');
    const masters = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const id = i % 3 === 0 ? `wa:${randomBytes(16).toString('hex')}` : randomBytes(33).toString('base64url').slice(0, 44);
      const keys = [
        sessionKey(id),
        sessionLockKey(id),
        `rl:session:${id}:123`,
        `rl:ticket-session:${id}:9`,
        `rl:verify-session:${id}:9`,
        `rl:complaint-session:${id}:1`,
        `rl:wa-sender:${id}:123`,
        `wa:choices:${id}`,
        `wa:limited:${id}`,
      ].map((k) => a.redisKey(k));
      for (const k of keys) expect(k).toContain(`{${id}}`);
      const slots = new Set(await Promise.all(keys.map((k) => keySlot(cluster, k))));
      expect(slots.size).toBe(1);
      masters.add((await cluster.nodeForKey(keys[0])).port);
    }
    expect(masters.size).toBe(3);
    // Keys of nobody's conversation are not tagged: they spread by their full name.
    expect(a.redisKey('rl:ip:10.0.0.1:5')).toBe(`${prefix}rl:ip:10.0.0.1:5`);
    expect(a.redisKey('unanswered:index')).toBe(`${prefix}unanswered:index`);
  });

  it('returns a store that is not ready when no node is reachable, fails fast, and closes', async () => {
    const t0 = Date.now();
    const dead = await createRedisClusterStore(['127.0.0.1:1'], { prefix, connectTimeoutMs: 300 });
    try {
      expect(Date.now() - t0).toBeLessThan(1500);
      expect(await dead.ping()).toBe(false);
      const t1 = Date.now();
      await expect(dead.get('session:x')).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - t1).toBeLessThan(100);
    } finally {
      await dead.close();
    }
  });

  describe('two app instances', () => {
    let x: Service;
    let y: Service;
    beforeAll(async () => {
      // The per-address limiter is off: its counter for 127.0.0.1 would sit on one master, and the failover case
      // below needs requests to reach conversations on the other masters (see the README, Redis Cluster).
      const overrides = { REDIS_CLUSTER_NODES: cluster.nodesSetting, RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 100 };
      [x, y] = await Promise.all([startService(overrides), startService(overrides)]);
    }, 60_000);
    afterAll(async () => {
      await x?.close();
      await y?.close();
    });

    it('refuses a malformed REDIS_CLUSTER_NODES at start-up, naming the variable', async () => {
      await expect(startService({ REDIS_CLUSTER_NODES: '127.0.0.1' })).rejects.toThrow(/REDIS_CLUSTER_NODES/);
    });

    it('continues one JHT simulation across instances turn by turn, with its state in one slot', async () => {
      const s: { id?: string } = {};
      let r = await x.say(s, 'simulasi jht');
      expect(r.intent?.id).toBe('jht_simulation');
      r = await y.say(s, '5 juta');
      expect(r.text).toMatch(/tahun/i);
      r = await x.say(s, '10 tahun');
      expect(r.text).toContain(RESULT);
      r = await y.say(s, 'kalau 20 tahun?');
      expect(r.status).toBe(200);
      expect(r.text).toMatch(/20 tahun/);
      expect((await y.jessi.store.get<ConversationState>(sessionKey(s.id!)))?.turns).toBe(4);
      // What the turns wrote for this conversation (state, per-conversation counter) is on one master, one slot.
      const found = cluster.nodes.map((n) => scanNode(n.port, `jessi:*${s.id}*`));
      const holding = found.filter((keys) => keys.length > 0);
      expect(holding).toHaveLength(1);
      expect(holding[0]).toEqual(expect.arrayContaining([`jessi:session:{${s.id}}`, expect.stringMatching(new RegExp(`^jessi:rl:session:\\{${s.id}\\}:\\d+$`))]));
      expect(new Set(await Promise.all(holding[0].map((k) => keySlot(cluster, k)))).size).toBe(1);
    });

    it('serialises concurrent messages of one conversation sent to both instances (the turn lock on the cluster)', async () => {
      const pairs = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const s: { id?: string } = {};
          await (i % 2 ? x : y).say(s, 'simulasi jht');
          const [wage, years] = await Promise.all([x.say({ ...s }, '5 juta'), y.say({ ...s }, '10 tahun')]);
          return { id: s.id!, wage, years };
        }),
      );
      for (const { id, wage, years } of pairs) {
        expect([wage.status, years.status]).toEqual([200, 200]);
        expect([wage, years].filter((r: ChatReply) => r.text.includes(RESULT))).toHaveLength(1);
        expect((await x.jessi.store.get<ConversationState>(sessionKey(id)))?.turns).toBe(3);
      }
      const s: { id?: string } = {};
      await x.say(s, 'halo');
      const burst = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? x : y).say({ ...s }, 'apa itu jht?')));
      expect(burst.every((r) => r.status === 200)).toBe(true);
      expect((await y.jessi.store.get<ConversationState>(sessionKey(s.id!)))?.turns).toBe(17);
    }, 30_000);

    it('losing one master: its conversations get a fast 503, the others go on; all recover when it returns', async () => {
      // Conversations half-way through a dialog, grouped by the master that holds them.
      const convs: { id: string; port: number }[] = [];
      const redisKey = (id: string) => (x.jessi.store as RedisStore).redisKey(sessionKey(id));
      for (let i = 0; i < 40 && (convs.length < 12 || new Set(convs.map((c) => c.port)).size < 3); i++) {
        const s: { id?: string } = {};
        await (i % 2 ? x : y).say(s, 'simulasi jht');
        await (i % 2 ? y : x).say(s, '5 juta');
        convs.push({ id: s.id!, port: (await cluster.nodeForKey(redisKey(s.id!))).port });
      }
      const victim = cluster.nodes.find((n) => n.port === convs[0].port)!;
      const onVictim = convs.filter((c) => c.port === victim.port);
      const elsewhere = convs.filter((c) => c.port !== victim.port);
      expect(elsewhere.length).toBeGreaterThan(0);

      await victim.stop('SIGKILL');
      const down = Date.now();
      let slowest503 = 0;
      for (const [i, c] of onVictim.entries()) {
        const r = await post((i % 2 ? x : y).url, { sessionId: c.id, text: '10 tahun' });
        slowest503 = Math.max(slowest503, r.ms);
        expect(r.status).toBe(503);
        expect(r.ms).toBeLessThan(1500);
        expect(r.json?.error?.message).toMatch(/unavailable|try again/i);
      }
      // The other masters' conversations finish their dialog, on either instance.
      for (const [i, c] of elsewhere.entries()) {
        const r = await post((i % 2 ? y : x).url, { sessionId: c.id, text: '10 tahun' });
        expect(r.status).toBe(200);
        expect(r.json.messages.map((m: { text: string }) => m.text).join('\n')).toContain(RESULT);
      }
      // Both instances stay ready: two of three masters answer (an instance is no less ready than its peers).
      expect(await readyz(x.url)).toBe(200);
      expect(await readyz(y.url)).toBe(200);
      // New conversations: those whose id hashes to the lost master get a 503, the rest are served.
      const fresh = await Promise.all(Array.from({ length: 12 }, (_, i) => post((i % 2 ? x : y).url, { text: 'simulasi jht' })));
      expect(fresh.every((r) => r.status === 200 || r.status === 503)).toBe(true);
      expect(fresh.some((r) => r.status === 200)).toBe(true);
      expect(Date.now() - down).toBeLessThan(8000);

      await victim.start(); // same port, same nodes.conf: rejoins with its slots, empty (no persistence)
      const back = Date.now();
      let firstOk = -1;
      while (Date.now() - back < 10_000) {
        const r = await post(x.url, { sessionId: onVictim[0].id, text: '10 tahun' });
        expect([200, 503]).toContain(r.status);
        if (r.status === 200) {
          firstOk = Date.now() - back;
          break;
        }
        await sleep(100);
      }
      expect(firstOk).toBeGreaterThanOrEqual(0);
      // Every conversation of the returned master is served again, on both instances (its dialog state was lost
      // with the master's memory, so it starts over), and a whole dialog works there.
      for (const [i, c] of onVictim.entries()) expect((await post((i % 2 ? x : y).url, { sessionId: c.id, text: 'halo' })).status).toBe(200);
      const t: { id?: string } = {};
      expect((await x.say(t, 'simulasi jht')).status).toBe(200);
      expect((await y.say(t, '5 juta')).text).toMatch(/tahun/i);
      expect((await x.say(t, '10 tahun')).text).toContain(RESULT);
      console.log(`[cluster failover] ${onVictim.length} conversations on the lost master, ${elsewhere.length} elsewhere; slowest 503 ${slowest503} ms; first 200 after it returned: ${firstOk} ms`);
    }, 60_000);
  });
});
