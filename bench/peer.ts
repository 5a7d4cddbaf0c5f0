/**
 * `npm run bench:peer`: Jessi beside a stateless NLP.js + express bot trained on the same intents/ (the peer,
 * bench/lib/peer-server.ts) and a bare express JSON echo (bench/lib/bare-server.ts), measured in one run. Each
 * server is its own process; autocannon loads POST /api/chat from this process, one target at a time, in
 * alternating rounds (the order rotates every round), so a slow moment of the machine hits all of them alike.
 * Targets:
 *   bare        the echo: what express + JSON cost
 *   peer        NLP.js classification + the intent's answer text, no state
 *   jessi       the real service, one message, no session (every request opens a conversation)
 *   jessi-multi the real service, sessions reused: a pool of conversations is opened first and the requests
 *               rotate among them (every request continues a conversation: state read, lock, state written)
 *   jessi-cold  a second Jessi with TEXT_MEMO_SIZE=0: every message analysed afresh, as if no text ever repeated
 *               (what the memos of src/nlu/memo.ts buy is jessi against jessi-cold)
 * Prints per round and in total: req/s, p50 and p99 per target, the ratios jessi/peer and jessi/bare, and the
 * RSS of each process at ready.
 * Usage: npm run bench:peer [-- --rounds 3 --duration 8 --connections 50 --sessions 500 --entry dist --mixed]
 *   --entry dist: Jessi from the compiled build (`npm run build` first), as the container runs it.
 *   --mixed: instead of one message, every request sends the next of the public dev set's messages (eval/dev.jsonl,
 *            277 different questions) to every target.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { freePort } from '../test/redis/redis-server.ts';
import { MESSAGE } from './lib/chat-load.ts';
import { startScriptProcess } from './lib/script-process.ts';
import { startServiceProcess } from './lib/service-process.ts';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const rounds = Number(arg('rounds', '3'));
const duration = Number(arg('duration', '8'));
const connections = Number(arg('connections', '50'));
const poolSize = Number(arg('sessions', '500'));
const entryArg = arg('entry', 'tsx');
const mixed = process.argv.includes('--mixed');
const MIXED = readFileSync('eval/dev.jsonl', 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
let nextText = 0;
const textOf = () => (mixed ? MIXED[nextText++ % MIXED.length]! : MESSAGE);
const MB = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const headers = { 'content-type': 'application/json' };
const body = JSON.stringify({ text: MESSAGE });

console.log(`bench:peer: ${connections} connections, ${rounds} rounds × ${duration} s per target, ${mixed ? `${MIXED.length} messages of eval/dev.jsonl in turn` : `message "${MESSAGE}"`}; ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);

// The three servers, each in its own process, started one after the other (so no start-up competes with another).
const servers: { stop(): Promise<void> }[] = [];
const bare = await startScriptProcess('bench/lib/bare-server.ts', await freePort());
servers.push(bare);
const peer = await startScriptProcess('bench/lib/peer-server.ts', await freePort());
servers.push(peer);
const jessiEnv = { RATE_LIMIT_PER_MINUTE: '0', SESSION_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', METRICS_PORT: '0' };
const jessi = await startServiceProcess('jessi', await freePort(), jessiEnv, { dist: entryArg === 'dist', pollMs: 10 });
servers.push(jessi);
const cold = await startServiceProcess('jessi-cold', await freePort(), { ...jessiEnv, TEXT_MEMO_SIZE: '0' }, { dist: entryArg === 'dist', pollMs: 10 });
servers.push(cold);
try {
  const rssAtReady = { bare: bare.rss(), peer: peer.rss(), jessi: jessi.rss() };
  console.log(`ready: bare ${bare.readyMs.toFixed(0)} ms, peer ${peer.readyMs.toFixed(0)} ms (training NLP.js), jessi ${jessi.readyMs.toFixed(0)} ms (${entryArg === 'dist' ? 'node dist/src/server.js' : 'tsx src/server.ts'})`);
  console.log(`RSS at ready: bare ${MB(rssAtReady.bare)}, peer ${MB(rssAtReady.peer)}, jessi ${MB(rssAtReady.jessi)}`);

  // Both bots must understand the message the same way before their speed means anything.
  for (const [name, url] of [['peer', peer.url], ['jessi', jessi.url], ['jessi-cold', cold.url]] as const) {
    const r = (await (await fetch(`${url}/api/chat`, { method: 'POST', headers, body })).json()) as { intent?: { id: string } };
    if (r.intent?.id !== 'jht_claim_how') throw new Error(`${name} classified "${MESSAGE}" as ${r.intent?.id}, expected jht_claim_how`);
  }

  // The pool of the multi-turn variant: conversations opened first, then continued in turn.
  const pool: string[] = [];
  for (let k = 0; k < poolSize; k++) {
    const r = (await (await fetch(`${jessi.url}/api/chat`, { method: 'POST', headers, body })).json()) as { sessionId: string };
    pool.push(r.sessionId);
  }
  let next = 0;

  type Target = 'bare' | 'peer' | 'jessi' | 'jessi-multi' | 'jessi-cold';
  const TARGETS: Target[] = ['bare', 'peer', 'jessi', 'jessi-multi', 'jessi-cold'];
  const urls: Record<Target, string> = { bare: bare.url, peer: peer.url, jessi: jessi.url, 'jessi-multi': jessi.url, 'jessi-cold': cold.url };
  const run = (t: Target, seconds: number): Promise<autocannon.Result> => {
    const common = { url: `${urls[t]}/api/chat`, method: 'POST' as const, connections, duration: seconds, headers };
    if (t !== 'jessi-multi' && !mixed) return autocannon({ ...common, body });
    const bodyOf = t === 'jessi-multi' ? () => ({ sessionId: pool[next++ % pool.length], text: textOf() }) : () => ({ text: textOf() });
    return autocannon({ ...common, requests: [{ method: 'POST', setupRequest: (req: autocannon.Request) => ({ ...req, body: JSON.stringify(bodyOf()) }) }] as autocannon.Request[] });
  };

  for (const t of TARGETS) await run(t, Math.min(3, duration)); // warm-up (JIT, caches)
  const results = new Map<Target, autocannon.Result[]>(TARGETS.map((t) => [t, []]));
  for (let r = 0; r < rounds; r++) {
    const order = TARGETS.map((_, i) => TARGETS[(i + r) % TARGETS.length]!);
    const line: string[] = [];
    for (const t of order) {
      const res = await run(t, duration);
      for (const j of [jessi, cold]) if (!j.alive()) throw new Error(`${j.name} exited during the ${t} run: ${j.tail()}`);
      results.get(t)!.push(res);
      line.push(`${t} ${res.requests.average.toFixed(0)} req/s p99 ${res.latency.p99} ms`);
    }
    console.log(`round ${r + 1}: ${line.join(', ')}`);
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = new Map(
    TARGETS.map((t) => {
      const rs = results.get(t)!;
      const reqs = rs.reduce((s, x) => s + x.requests.total, 0) / rs.reduce((s, x) => s + x.duration, 0);
      return [t, { reqs, p50: median(rs.map((x) => x.latency.p50)), p99: median(rs.map((x) => x.latency.p99)), bad: rs.reduce((s, x) => s + x.non2xx + x.errors + x.timeouts, 0) }] as const;
    }),
  );
  console.log(`\ntotal over ${rounds} rounds (req/s = all requests / all seconds; p50, p99 = median of the rounds):`);
  for (const t of TARGETS) {
    const s = summary.get(t)!;
    console.log(`  ${t.padEnd(11)} ${s.reqs.toFixed(0).padStart(6)} req/s  p50 ${String(s.p50).padStart(3)} ms  p99 ${String(s.p99).padStart(3)} ms  non-2xx/errors ${s.bad}`);
  }
  const j = summary.get('jessi')!;
  const p = summary.get('peer')!;
  const b = summary.get('bare')!;
  const c = summary.get('jessi-cold')!;
  console.log(`ratios: jessi/peer ${(j.reqs / p.reqs).toFixed(2)}, jessi/bare ${(j.reqs / b.reqs).toFixed(2)}, jessi-multi/peer ${(summary.get('jessi-multi')!.reqs / p.reqs).toFixed(2)}, jessi-cold/peer ${(c.reqs / p.reqs).toFixed(2)}; p99 jessi ${j.p99} ms, jessi-cold ${c.p99} ms vs peer ${p.p99} ms`);
  console.log(`RSS at ready: bare ${MB(rssAtReady.bare)}, peer ${MB(rssAtReady.peer)}, jessi ${MB(rssAtReady.jessi)}; after the run: bare ${MB(bare.rss())}, peer ${MB(peer.rss())}, jessi ${MB(jessi.rss())}, jessi-cold ${MB(cold.rss())}`);
} finally {
  await Promise.all(servers.map((x) => x.stop()));
}
process.exit(0);
