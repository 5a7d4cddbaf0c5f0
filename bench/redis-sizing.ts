/**
 * `npm run bench:redis-sizing`: the numbers behind the README's Redis sizing arithmetic, measured on a real
 * local 3-master Redis Cluster (started here like the cluster tests) with one in-process service on it.
 *
 *   1. Redis round trips per turn, by command (redis-cli MONITOR on every master): the first turn of a
 *      conversation and a continuing turn, plus the commands Lua scripts run inside Redis.
 *   2. Bytes of Redis memory per conversation: used_memory over all masters before and after N conversations
 *      of a 4-turn dialog, and MEMORY USAGE of each conversation's keys.
 *   3. Turns per second of that one service process on the cluster (20 concurrent conversations, 4-turn dialogs),
 *      a rough figure here because the service, the load and three redis-servers share the machine's cores.
 *
 * Usage: npm run bench:redis-sizing [-- --conversations 1000]
 * Rate limits are on (with limits too high to trip) so their counters are counted and sized.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sessionKey } from '../src/core/state.ts';
import type { RedisStore } from '../src/store/redis.ts';
import { startService, type Service } from '../test/helpers/service.ts';
import { rawCommand, RedisCluster, REDIS_CLI_BIN, scanNode } from '../test/redis/redis-cluster.ts';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const N = Number(arg('conversations', '1000'));
const DIALOG = ['simulasi jht', '5 juta', '10 tahun', 'apa itu jht?'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cluster = await RedisCluster.start({ masters: 3 });
let svc: Service | undefined;
try {
  svc = await startService({
    REDIS_CLUSTER_NODES: cluster.nodesSetting,
    RATE_LIMIT_PER_MINUTE: 1_000_000,
    SESSION_RATE_LIMIT_PER_MINUTE: 1_000_000,
    LOG_LEVEL: 'silent',
  });
  const service = svc;
  const store = service.jessi.store as RedisStore;
  // Warm up (session-id key, lazily loaded code) so the counts below are steady-state turns.
  await service.say({}, 'halo');

  /** Client commands (round trips) and script-internal commands seen by every master while `fn` runs. */
  async function monitor(fn: () => Promise<void>): Promise<{ client: Map<string, number>; lua: Map<string, number> }> {
    const client = new Map<string, number>();
    const lua = new Map<string, number>();
    const procs = cluster.nodes.map((n) => spawn(REDIS_CLI_BIN, ['-p', String(n.port), 'monitor'], { stdio: ['ignore', 'pipe', 'ignore'] }));
    const outputs = procs.map(() => '');
    await Promise.all(
      procs.map(
        (p, i) =>
          new Promise<void>((resolve) =>
            p.stdout!.on('data', (d: Buffer) => {
              outputs[i] += d.toString();
              if (outputs[i].includes('OK')) resolve();
            }),
          ),
      ),
    );
    await fn();
    await sleep(300);
    for (const p of procs) p.kill();
    for (const out of outputs)
      for (const line of out.split('\n')) {
        const m = /^\d+\.\d+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
        if (!m) continue;
        const target = m[1] === 'lua' ? lua : client;
        const name = m[2].toUpperCase();
        target.set(name, (target.get(name) ?? 0) + 1);
      }
    return { client, lua };
  }
  const fmt = (m: Map<string, number>, turns: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${(v / turns).toFixed(2)}`)
      .join(', ');
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

  // 1. Round trips per turn.
  const SAMPLE = 50;
  const sessions = Array.from({ length: SAMPLE }, () => ({}) as { id?: string });
  const first = await monitor(async () => {
    for (const s of sessions) await service.say(s, DIALOG[0]);
  });
  const later = await monitor(async () => {
    for (const s of sessions) for (const text of DIALOG.slice(1)) await service.say(s, text);
  });
  const laterTurns = SAMPLE * (DIALOG.length - 1);
  console.log(`Redis Cluster, 3 masters, ${os.cpus().length} cores, node ${process.version}; rate limits on (per address and per conversation)`);
  console.log(`round trips per turn, first turn of a conversation: ${(total(first.client) / SAMPLE).toFixed(2)} (${fmt(first.client, SAMPLE)})`);
  console.log(`  inside Lua scripts: ${(total(first.lua) / SAMPLE).toFixed(2)} (${fmt(first.lua, SAMPLE)})`);
  console.log(`round trips per turn, continuing turn: ${(total(later.client) / laterTurns).toFixed(2)} (${fmt(later.client, laterTurns)})`);
  console.log(`  inside Lua scripts: ${(total(later.lua) / laterTurns).toFixed(2)} (${fmt(later.lua, laterTurns)})`);
  const perConv = total(first.client) / SAMPLE + (total(later.client) / laterTurns) * (DIALOG.length - 1);
  console.log(`a ${DIALOG.length}-turn conversation: ${perConv.toFixed(1)} round trips`);

  // 2. Memory per conversation.
  const usedMemory = async () => {
    let sum = 0;
    for (const n of cluster.nodes) sum += Number(/used_memory:(\d+)/.exec(await rawCommand(n.port, 'INFO memory'))![1]);
    return sum;
  };
  const before = await usedMemory();
  const ids: string[] = [];
  const t0 = performance.now();
  let turns = 0;
  // 20 conversations at a time, each its 4 turns in order.
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < N) {
        next++;
        const s: { id?: string } = {};
        for (const text of DIALOG) {
          const r = await service.say(s, text);
          if (r.status !== 200) throw new Error(`turn answered ${r.status}`);
          turns++;
        }
        ids.push(s.id!);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const after = await usedMemory();
  // MEMORY USAGE of every key a sample of conversations left behind (state, per-conversation counter).
  const keyBytes: number[] = [];
  const sessionBytes: number[] = [];
  const valueBytes: number[] = [];
  for (const id of ids.slice(0, 100)) {
    const node = await cluster.nodeForKey(store.redisKey(sessionKey(id)));
    let bytes = 0;
    for (const key of scanNode(node.port, `jessi:*${id}*`)) {
      const b = Number((await rawCommand(node.port, `MEMORY USAGE ${key}`)).replace(/^:/, ''));
      bytes += b;
      if (key === store.redisKey(sessionKey(id))) {
        sessionBytes.push(b);
        valueBytes.push(Number((await rawCommand(node.port, `STRLEN ${key}`)).replace(/^:/, '')));
      }
    }
    keyBytes.push(bytes);
  }
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `memory per conversation after a ${DIALOG.length}-turn dialog: used_memory +${((after - before) / N).toFixed(0)} B per conversation over ${N} conversations ` +
      `(all masters); MEMORY USAGE of its keys ${avg(keyBytes).toFixed(0)} B, of which the state key ${avg(sessionBytes).toFixed(0)} B (JSON value ${avg(valueBytes).toFixed(0)} B)`,
  );
  console.log(`one service process on the cluster: ${(turns / seconds).toFixed(0)} turns/s (${turns} turns, 20 concurrent conversations, ${seconds.toFixed(1)} s; service, load and 3 redis-servers on ${os.cpus().length} cores)`);
} finally {
  await svc?.close();
  await cluster.stop();
}
