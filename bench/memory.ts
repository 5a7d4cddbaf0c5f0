/**
 * `npm run bench:memory`: what the service costs in memory. Starts the real service (a child process, memory
 * store, inspector on loopback for a forced GC) and reports the time from spawn to /readyz, the RSS at ready,
 * then opens N conversations (one POST /api/chat turn each, no session reused, so every request leaves one idle
 * conversation in the store), forces a full GC and prints the growth of the live heap and of the RSS, and the
 * bytes per idle conversation. The start-up is timed over a few separate starts (median).
 * Usage: npm run bench:memory [-- --conversations 10000 --connections 50 --starts 3 --entry dist]
 *   --entry dist: run the compiled build (`npm run build` first; node dist/src/server.js, as the container does)
 *   instead of the TypeScript source through tsx.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import os from 'node:os';
import autocannon from 'autocannon';
import { freePort } from '../test/redis/redis-server.ts';
import { MESSAGE } from './lib/chat-load.ts';
import { startServiceProcess } from './lib/service-process.ts';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const conversations = Number(arg('conversations', '10000'));
const connections = Number(arg('connections', '50'));
const starts = Number(arg('starts', '3'));
const entryArg = arg('entry', 'tsx');
const dist = entryArg === 'dist';
const MB = (b: number) => (b / 1024 / 1024).toFixed(1);
const env = { RATE_LIMIT_PER_MINUTE: '0', SESSION_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', METRICS_PORT: '0' };

console.log(`memory of the service (${entryArg === 'dist' ? 'node dist/src/server.js' : 'node --import tsx src/server.ts'}, memory store); ${os.cpus().length} cores, node ${process.version}`);

// 1. Start-up: spawn → /readyz 200, polled every 10 ms, over separate starts; RSS read at that moment.
const readies: { ms: number; rss: number }[] = [];
for (let k = 0; k < starts; k++) {
  const s = await startServiceProcess(`start-${k}`, await freePort(), env, { dist, pollMs: 10 });
  readies.push({ ms: s.readyMs, rss: s.rss() });
  await s.stop();
}
const byMs = [...readies].sort((a, b) => a.ms - b.ms);
const byRss = [...readies].sort((a, b) => a.rss - b.rss);
const mid = Math.floor(readies.length / 2);
console.log(`ready (spawn → /readyz 200): median ${byMs[mid]!.ms.toFixed(0)} ms (runs: ${readies.map((r) => r.ms.toFixed(0)).join(', ')} ms)`);
console.log(`RSS at ready: median ${MB(byRss[mid]!.rss)} MB (runs: ${readies.map((r) => MB(r.rss)).join(', ')} MB)`);

// 2. Idle conversations: forced GC at ready, N single-turn conversations, forced GC again.
const svc = await startServiceProcess('memory', await freePort(), env, { dist, inspect: true, pollMs: 10 });
try {
  const rssAtReady = svc.rss();
  const before = await svc.liveMemory();
  const r = await autocannon({
    url: `${svc.url}/api/chat`,
    method: 'POST',
    connections,
    amount: conversations,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: MESSAGE }),
  });
  const ok = r['2xx'];
  if (ok !== conversations) console.error(`note: ${ok} of ${conversations} requests answered 2xx (non-2xx ${r.non2xx}, errors ${r.errors})`);
  const rssLoaded = svc.rss();
  const after = await svc.liveMemory();
  console.log(`with the inspector attached: RSS at ready ${MB(rssAtReady)} MB; after a forced GC: heap ${MB(before.heapUsed)} MB, RSS ${MB(before.rss)} MB`);
  console.log(`${ok} conversations opened (${r.requests.average.toFixed(0)} req/s); RSS before GC ${MB(rssLoaded)} MB`);
  console.log(`after a forced GC: heap ${MB(after.heapUsed)} MB, RSS ${MB(after.rss)} MB`);
  const dHeap = after.heapUsed - before.heapUsed;
  const dRss = after.rss - before.rss;
  console.log(`${ok} idle conversations add: heap ${MB(dHeap)} MB (${Math.round(dHeap / ok)} bytes each), RSS ${MB(dRss)} MB (${Math.round(dRss / ok)} bytes each)`);
} finally {
  await svc.stop();
}
process.exit(0);
