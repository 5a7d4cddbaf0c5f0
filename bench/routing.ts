/**
 * `npm run bench`: in-process routing latency over the dev set (p50/p99 per message, messages per second),
 * then HTTP throughput of POST /api/chat beside a bare express JSON echo, measured in the same run, as a ratio.
 * Usage: npm run bench [-- --file eval/dev.jsonl --duration 10 --connections 50]
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { startServiceProcess } from './lib/service-process.ts';
import { configureTextMemos } from '../src/nlu/memo.ts';
import { createRouter } from '../src/nlu/router.ts';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const file = arg('file', 'eval/dev.jsonl');
const duration = Number(arg('duration', '10'));
const connections = Number(arg('connections', '50'));

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

// 0. Start-up: process spawn → /readyz 200 (knowledge, models, sandbox loaded).
async function readyTime(port: number): Promise<number> {
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (let k = 0; k < 300; k++) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) return performance.now() - t;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('service not ready in 3 s');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
const startups: number[] = [];
for (let k = 0; k < 3; k++) startups.push(await readyTime(39_000 + k));
startups.sort((a, b) => a - b);
console.log(`start-up to /readyz: median ${startups[1]!.toFixed(0)} ms (runs: ${startups.map((x) => x.toFixed(0)).join(', ')} ms)`);

// 1. In-process routing.
const texts = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
const t0 = performance.now();
// The classifier itself, every message afresh: the text memos (src/nlu/memo.ts) would answer repeats from memory.
configureTextMemos(0);
const router = await createRouter();
const trainMs = performance.now() - t0;
for (let k = 0; k < 3; k++) for (const t of texts) router.classify(t); // warm-up
const times: number[] = [];
const rounds = 20;
const start = performance.now();
for (let k = 0; k < rounds; k++)
  for (const t of texts) {
    const a = performance.now();
    router.classify(t);
    times.push(performance.now() - a);
  }
const elapsed = performance.now() - start;
times.sort((a, b) => a - b);
console.log(`routing (${texts.length} messages × ${rounds}, memos off): start-up ${trainMs.toFixed(0)} ms, p50 ${pct(times, 50).toFixed(3)} ms, p99 ${pct(times, 99).toFixed(3)} ms, max ${times.at(-1)!.toFixed(3)} ms, ${Math.round(times.length / (elapsed / 1000))} messages/s`);

// 2. HTTP: a bare express JSON echo vs the chat API, each in its own process (as the shared throughput check
// runs them), loaded by autocannon from this process, one after the other in the same run.
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
const BARE = `
import express from 'express';
const app = express(); app.use(express.json({ limit: '16kb' }));
app.post('/api/chat', (req, res) => res.json({ sessionId: 'x', messages: [{ text: String(req.body.text) }] }));
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));`;
const barePort = await freePort();
const bareChild = spawn(process.execPath, ['--input-type=module', '-e', BARE], { env: { ...process.env, PORT: String(barePort), NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => bareChild.stdout!.once('data', r));
const chat = await startServiceProcess('chat', await freePort(), { RATE_LIMIT_PER_MINUTE: '0', SESSION_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' });

const body = JSON.stringify({ text: 'gimana cara cairin jht saya min' });
const run = (url: string) =>
  autocannon({ url: `${url}/api/chat`, method: 'POST', connections, duration, headers: { 'content-type': 'application/json' }, body });
const bareUrl = `http://127.0.0.1:${barePort}`;
await run(bareUrl); // warm-up
const b = await run(bareUrl);
await run(chat.url); // warm-up
const c = await run(chat.url);
console.log(`bare express echo: ${b.requests.average.toFixed(0)} req/s, p50 ${b.latency.p50} ms, p99 ${b.latency.p99} ms`);
console.log(`POST /api/chat:    ${c.requests.average.toFixed(0)} req/s, p50 ${c.latency.p50} ms, p99 ${c.latency.p99} ms, non-2xx ${c.non2xx}, errors ${c.errors}`);
console.log(`throughput ratio chat/bare: ${(c.requests.average / b.requests.average).toFixed(3)} (${connections} connections, ${duration} s each, servers in their own processes)`);
bareChild.kill();
await chat.stop();
process.exit(0);
