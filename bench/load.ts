/**
 * `npm run bench:load`: two real service processes on one real redis-server, loopback only.
 *  1. peak: the soak driver in closed loop (and, for reference, autocannon), 4-turn JHT dialogs
 *     ("simulasi jht" → "5 juta" → "10 tahun" → "makasih") with the session id from the first reply;
 *  2. soak: `--duration` s (default 60) at half the peak rate, open loop (fixed send rate whatever the
 *     latency), each dialog's turns alternating between the two instances; throughput, p50/p99, errors,
 *     memory (RSS, heap) of both processes before/after;
 *  3. fault: the same load while Redis is stopped for `--fault-seconds` (default 10) and started again on the
 *     same port: 503s, any other 5xx, processes alive, time to full service after Redis is back.
 * Prints a summary for the README and exits 1 when a target is missed (p99 < 50 ms and zero errors at half
 * peak, memory flat, only 503 during the outage, full service within 2 s).
 * Usage: npm run bench:load [-- --duration 60 --fault-seconds 10 --peak-seconds 10 --connections 16 --rate N --pin]
 * `--pin` (Linux, `taskset`): the two instances and redis-server on core 0, this load driver (and autocannon, which
 * runs in it) on core 1, so the driver does not take CPU from the servers it measures.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { freePort, RedisServer } from '../test/redis/redis-server.ts';
import { countBy, DIALOG, percentile, RESULT, runPaced, type RunResult, type Sample } from './lib/paced.ts';
import { startServiceProcess, type ServiceProcess } from './lib/service-process.ts';

/** The instances serve /metrics on their own port with this bearer token (two cannot share one METRICS_PORT). */
const METRICS_TOKEN = 'bench-load-metrics';
const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number`);
  return v;
};
const duration = Math.min(arg('duration', 60), 3600);
const faultSeconds = Math.min(arg('fault-seconds', 10), 300);
const peakSeconds = Math.min(arg('peak-seconds', 10), 120);
const connections = Math.min(arg('connections', 16), 256);
const fixedRate = arg('rate', 0);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const f1 = (n: number) => n.toFixed(1);
const log = (s: string) => console.error(`[bench:load] ${s}`);
const lat = (r: RunResult, pick: (s: Sample) => boolean = () => true) => r.samples.filter(pick).map((s) => s.ms);
const errCount = (r: RunResult) => [...r.errors.values()].reduce((a, b) => a + b, 0);
const non2xx = (r: RunResult) => r.samples.filter((s) => s.status !== 0 && (s.status < 200 || s.status > 299)).length;

const redis = await RedisServer.start();
const services: ServiceProcess[] = [];
const pin = process.argv.includes('--pin');
/** Servers on core 0, the driver on core 1 (all threads of each process). */
function pinCores(): string {
  if (!pin) return '';
  const to = (pid: number | undefined, cpu: number) => pid && pid > 0 && spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' }).status === 0;
  const ok = [...services.map((s) => to(s.pid, 0)), to(redis.pid, 0), to(process.pid, 1)].every(Boolean);
  return ok ? 'pinned: instances and redis-server on core 0, load driver on core 1' : 'pinning with taskset failed: cores shared';
}
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await Promise.all(services.map((s) => s.stop()));
    await redis.stop();
  })());
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  // /metrics on each instance's own port, with the bearer token (two instances cannot share one METRICS_PORT)
  const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '0', SESSION_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', METRICS_PORT: '0', METRICS_TOKEN: METRICS_TOKEN };
  const ports = [await freePort(), await freePort()];
  services.push(...(await Promise.all(ports.map((p, i) => startServiceProcess(i ? 'B' : 'A', p, env, { inspect: true })))));
  const [A, B] = services as [ServiceProcess, ServiceProcess];
  const head = `two instances on one redis-server, ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(2)} at start), node ${process.version}`;
  log(head);
  const pinned = pinCores();
  if (pinned) log(pinned);

  // 1. Peak: closed loop, as fast as the instances answer.
  const cannon = (url: string, seconds: number) =>
    autocannon({
      url: `${url}/api/chat`,
      connections,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: DIALOG.map((text, step) => ({
        method: 'POST' as const,
        path: '/api/chat',
        setupRequest: (req: autocannon.Request, ctx: { sid?: string }) => ({ ...req, body: JSON.stringify(step && ctx.sid ? { sessionId: ctx.sid, text } : { text }) }),
        ...(step === 0 ? { onResponse: (status: number, body: string, ctx: { sid?: string }) => void (ctx.sid = status === 200 ? (JSON.parse(body) as { sessionId: string }).sessionId : undefined) } : {}),
      })) as autocannon.Request[],
    });
  log('warm-up (3 s)');
  await Promise.all(services.map((s) => cannon(s.url, 3)));
  log(`peak with autocannon (${peakSeconds} s, ${connections} connections per instance)`);
  const cannonRuns = await Promise.all(services.map((s) => cannon(s.url, peakSeconds)));
  const cannonPeak = cannonRuns.reduce((n, r) => n + r.requests.average, 0);
  const cannonErrors = cannonRuns.reduce((n, r) => n + r.non2xx + r.errors, 0);
  const cannonP99 = Math.max(...cannonRuns.map((r) => r.latency.p99));
  // The rate that counts is measured with the driver of the soak (same client cost, same dialogs alternating
  // instances): on a shared 2-core machine the lighter autocannon client reaches a higher peak.
  log(`peak with the soak driver (${peakSeconds} s, ${2 * connections} conversations in flight)`);
  const peakRun = await runPaced({ ports, concurrency: 2 * connections, seconds: peakSeconds });
  const peak = peakRun.samples.length / peakSeconds;
  const peakErrors = errCount(peakRun) + non2xx(peakRun);
  const rate = fixedRate || Math.max(1, Math.round(peak / 2));

  // 2. Soak at half the peak rate.
  // Memory: RSS as the OS sees it, and the live heap (after a full GC forced through the inspector).
  const mem = async () => Promise.all(services.map(async (s) => ({ rss: s.rss(), heap: (await s.liveMemory()).heapUsed })));
  await sleep(2000);
  const before = await mem();
  const rssTrail: number[][] = [];
  const sampler = setInterval(() => rssTrail.push(services.map((s) => s.rss())), 10_000);
  log(`soak (${duration} s at ${rate} req/s)`);
  const serverBefore = await Promise.all(services.map((sv) => chatBuckets(sv.url)));
  const soak = await runPaced({ ports, rate, seconds: duration });
  const serverAfter = await Promise.all(services.map((sv) => chatBuckets(sv.url)));
  const serverSide = bucketShares(serverBefore, serverAfter);
  clearInterval(sampler);
  await sleep(2000);
  const after = await mem();

  // 3. Fault: Redis stopped for faultSeconds under the same load.
  const pre = 5;
  const post = 10;
  let stoppedAt = NaN;
  let backAt = NaN;
  const readyz: { t: number; target: number; status: number }[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await Promise.all(
        services.map(async (s, target) => {
          const status = await fetch(`${s.url}/readyz`, { signal: AbortSignal.timeout(1000) }).then((r) => r.status, () => 0);
          readyz.push({ t: performance.now(), target, status });
        }),
      );
      await sleep(100);
    }
  })();
  const outage = (async () => {
    await sleep(pre * 1000);
    await redis.stop();
    stoppedAt = performance.now();
    log(`redis stopped for ${faultSeconds} s`);
    await sleep(faultSeconds * 1000);
    await redis.start();
    pinCores();
    backAt = performance.now();
    log('redis back');
  })();
  log(`fault run (${pre + faultSeconds + post} s at ${rate} req/s)`);
  const fault = await runPaced({ ports, rate, seconds: pre + faultSeconds + post, timeoutMs: 5000 });
  await outage;
  polling = false;
  await poller;
  const healthy = await Promise.all(services.map((s) => fetch(`${s.url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false)));

  // Report.
  const statusList = (r: RunResult) => [...countBy(r.samples, (s) => s.status)].sort().map(([k, v]) => `${k === 0 ? 'error' : k}×${v}`).join(' ');
  const soakLat = lat(soak);
  const soakP50 = percentile(soakLat, 50);
  const soakP99 = percentile(soakLat, 99);
  const soakTput = soak.samples.length / soak.seconds;
  const soakErrors = errCount(soak) + non2xx(soak);

  const rel = (t: number) => t - fault.startedAt; // performance.now() → the fault run's sample clock
  const afterBack = fault.samples.filter((s) => s.t >= rel(backAt));
  const firstOk = (target?: number) => {
    const s = afterBack.find((x) => x.status === 200 && (target === undefined || x.target === target));
    return s ? (s.t + s.ms - rel(backAt)) / 1000 : NaN;
  };
  const lastBad = afterBack.filter((s) => s.status !== 200).at(-1);
  // Full service: a 200 has come back and no later-sent request failed.
  const fullServiceS = Math.max(firstOk(), lastBad ? (lastBad.t + lastBad.ms - rel(backAt)) / 1000 : 0);
  const fiveXX = countBy(fault.samples.filter((s) => s.status >= 500), (s) => s.status);
  const n503 = fiveXX.get(503) ?? 0;
  const other5xx = [...fiveXX].filter(([k]) => k !== 503).reduce((n, [, v]) => n + v, 0);
  const p99of503 = percentile(lat(fault, (s) => s.status === 503), 99);
  const readyzDown = services.map((_, i) => readyz.find((x) => x.target === i && x.t >= stoppedAt && x.status === 503));
  const readyzUp = services.map((_, i) => readyz.find((x) => x.target === i && x.t >= backAt && x.status === 200));
  const secs = (t: number | undefined, from: number) => (t === undefined ? 'never' : `${f1((t - from) / 1000)} s`);
  const alive = services.map((s, i) => s.alive() && healthy[i]!);

  const pct = (a: number, b: number) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%`;
  const heapGrowth = (i: number) => (after[i]!.heap - before[i]!.heap) / before[i]!.heap;
  const memLine = services
    .map((s, i) => `${s.name} live heap ${MB(before[i]!.heap)} → ${MB(after[i]!.heap)} (${pct(before[i]!.heap, after[i]!.heap)}), RSS ${MB(before[i]!.rss)} → ${MB(after[i]!.rss)} (${pct(before[i]!.rss, after[i]!.rss)})`)
    .join('; ');
  const trail = rssTrail.map((row) => row.map((b) => (b / 2 ** 20).toFixed(0)).join('/')).join(', ');

  const checks: [string, boolean][] = [
    [`p99 at half peak < 50 ms (${f1(soakP99)} ms)`, soakP99 < 50],
    [`zero errors and non-2xx in the soak (${soakErrors})`, soakErrors === 0],
    [`every dialog reached ${RESULT} (${soak.resultsWrong} wrong)`, soak.resultsWrong === 0 && soak.resultsOk > 0],
    [`memory flat over the soak (live heap growth < 10% on both)`, heapGrowth(0) < 0.1 && heapGrowth(1) < 0.1],
    [`only 503 while Redis was down (${other5xx} other 5xx, ${errCount(fault)} network errors)`, other5xx === 0 && errCount(fault) === 0],
    [`both processes alive after the outage`, alive.every(Boolean)],
    [`full service within 2 s after Redis returned (${f1(fullServiceS)} s)`, fullServiceS < 2],
  ];

  const summary = [
    `${head}${pinned ? `; ${pinned}` : ''}`,
    `peak, ${peakSeconds} s, 4-turn dialogs: ${peak.toFixed(0)} req/s with the soak driver (${2 * connections} dialogs in flight, turns alternate instances; p50 ${f1(percentile(lat(peakRun), 50))} ms, p99 ${f1(percentile(lat(peakRun), 99))} ms, non-2xx/errors ${peakErrors}); ${cannonPeak.toFixed(0)} req/s with autocannon (${connections} connections per instance, p99 ${cannonP99} ms, non-2xx/errors ${cannonErrors})`,
    `soak (${duration} s open loop at ${rate} req/s${fixedRate ? '' : ' = half peak'}, turns alternate instances): ${soak.samples.length} requests, ${soakTput.toFixed(0)} req/s, p50 ${f1(soakP50)} ms, p99 ${f1(soakP99)} ms, max ${f1(Math.max(...soakLat))} ms; ${statusList(soak)}; dialogs completed with ${RESULT}: ${soak.resultsOk}${soak.resultsWrong ? `, wrong ${soak.resultsWrong}` : ''}; driver backlog max ${soak.maxBacklog}`,
    `  server side (each instance's /metrics histogram of POST /api/chat over the soak): ${serverSide}`,
    `memory before → after the soak (live heap after a forced full GC): ${memLine}`,
    `RSS every 10 s (A/B MB): ${trail}`,
    `fault (Redis stopped ${faultSeconds} s under ${rate} req/s): ${statusList(fault)}${fault.errors.size ? ` (${[...fault.errors].map(([k, v]) => `${k}×${v}`).join(', ')})` : ''}; 503 p99 ${f1(p99of503)} ms; other 5xx ${other5xx}; network errors ${errCount(fault)}; processes alive: ${alive.every(Boolean) ? 'both' : services.filter((_, i) => !alive[i]).map((s) => s.name).join(',') + ' DEAD'}`,
    `  /readyz 503 after stop: A ${secs(readyzDown[0]?.t, stoppedAt)}, B ${secs(readyzDown[1]?.t, stoppedAt)}; 200 after Redis back: A ${secs(readyzUp[0]?.t, backAt)}, B ${secs(readyzUp[1]?.t, backAt)}`,
    `  after Redis back: first 200 ${f1(firstOk())} s (A ${f1(firstOk(0))} s, B ${f1(firstOk(1))} s), every reply 200 from ${f1(fullServiceS)} s`,
  ];
  console.log(summary.join('\n'));
  console.log(checks.map(([name, ok]) => `${ok ? 'PASS' : 'FAIL'} ${name}`).join('\n'));
  if (soak.maxBacklog > rate / 10) log(`note: the driver fell behind by up to ${soak.maxBacklog} requests (machine busy?)`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} catch (err) {
  console.error(`bench:load failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

/** Cumulative bucket counts of the service's own latency histogram for POST /api/chat (all statuses). */
async function chatBuckets(url: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const out = new Map<number, number>();
  for (const line of text.split('\n')) {
    const m = /^jessi_http_request_duration_seconds_bucket\{([^}]*)\} (\d+(?:\.\d+)?)$/.exec(line);
    if (!m || !m[1]!.includes('route="/api/chat"') || !m[1]!.includes('method="POST"')) continue;
    const le = /le="([^"]+)"/.exec(m[1]!)?.[1];
    const bound = le === '+Inf' ? Infinity : Number(le);
    out.set(bound, (out.get(bound) ?? 0) + Number(m[2]));
  }
  return out;
}

/** "≤10 ms 97.1%, ≤25 ms 99.4%, ≤50 ms 99.9%": the share of turns served within each bound, both instances. */
function bucketShares(before: Map<number, number>[], after: Map<number, number>[]): string {
  const sum = (maps: Map<number, number>[], le: number) => maps.reduce((n, m) => n + (m.get(le) ?? 0), 0);
  const total = sum(after, Infinity) - sum(before, Infinity);
  if (!total) return 'no data';
  return [0.01, 0.025, 0.05, 0.1]
    .map((le) => `≤${le * 1000} ms ${(((sum(after, le) - sum(before, le)) / total) * 100).toFixed(1)}%`)
    .join(', ');
}
