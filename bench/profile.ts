/**
 * `npm run bench:profile`: where a turn's CPU goes. Starts the service under `node --cpu-prof`, loads
 * POST /api/chat with autocannon (warm-up, then the measured run), stops it, and prints the top self-time
 * entries of the samples taken during the measured run only (the .cpuprofile is parsed here, no external tool).
 * Usage: npm run bench:profile [-- --duration 10 --connections 50 --mode single|dialog --top 25 --interval 250 --out DIR]
 *   --mode dialog: 4-turn JHT dialogs, the session reused (default: one message, every request a new conversation)
 *   --entry dist: profile the compiled build (`npm run build` first), as the container runs it (default: tsx)
 *   --out DIR: keep the .cpuprofile there (default: a temporary folder, removed); open it in Chrome DevTools.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/redis/redis-server.ts';
import { chatRun, type ChatMode } from './lib/chat-load.ts';
import { formatSummary, summarise } from './lib/cpuprofile.ts';
import { startServiceProcess } from './lib/service-process.ts';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const duration = Number(arg('duration', '10'));
const connections = Number(arg('connections', '50'));
const mode = arg('mode', 'single') as ChatMode;
const top = Number(arg('top', '25'));
const interval = Number(arg('interval', '250'));
const keep = arg('out', '');
const dist = arg('entry', 'tsx') === 'dist';
const dir = keep || mkdtempSync(join(os.tmpdir(), 'jessi-prof-'));
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

console.log(`profile of POST /api/chat (${mode}, ${dist ? 'dist' : 'tsx'}), ${connections} connections, ${duration} s; ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`);
const svc = await startServiceProcess('profiled', await freePort(), { RATE_LIMIT_PER_MINUTE: '0', SESSION_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', METRICS_PORT: '0' }, { dist, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${interval}`] });
let from = 0;
let to = 0;
try {
  await chatRun(svc.url, { connections, duration: Math.min(3, duration), mode }); // warm-up (JIT, caches)
  from = nowUs();
  const r = await chatRun(svc.url, { connections, duration, mode });
  to = nowUs();
  console.log(`under the profiler: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
} finally {
  await svc.stop(); // SIGTERM → the service exits → V8 writes the profile
}
// One profile per thread (tsx runs its loader in a worker): the main thread is the one busiest in the window.
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
if (!files.length) {
  console.error(`no .cpuprofile in ${dir} (did the service exit cleanly?)`);
  process.exit(1);
}
const [s, file] = files.map((f) => [summarise(join(dir, f), { fromUs: from, toUs: to, top }), f] as const).sort((a, b) => b[0].busyMs - a[0].busyMs)[0]!;
if (!s.busyMs) console.error('note: no sample fell inside the measured window (clock mismatch?)');
console.log(formatSummary(s, 'self time during the measured run'));
if (keep) console.log(`profile kept: ${join(dir, file)}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(0);
