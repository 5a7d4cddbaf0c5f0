/**
 * `npm run bench:load`: two real service processes on one real redis-server, loopback only.
 *  1. peak: autocannon on both instances at once, each connection running 4-turn JHT dialogs
 *     ("simulasi jht" → "5 juta" → "10 tahun" → "makasih") with the session id from the first reply;
 *  2. soak: `--duration` s (default 60) at half the peak rate, open loop (fixed send rate whatever the
 *     latency), each dialog's turns alternating between the two instances; throughput, p50/p99, errors,
 *     memory (RSS, heap) of both processes before/after;
 *  3. fault: the same load while Redis is stopped for `--fault-seconds` (default 10) and started again on the
 *     same port: 503s, any other 5xx, processes alive, time to full service after Redis is back.
 * Prints a summary for the README and exits 1 when a target is missed (p99 < 50 ms and zero errors at half
 * peak, memory flat, only 503 during the outage, full service within 2 s).
 * Usage: npm run bench:load [-- --duration 60 --fault-seconds 10 --peak-seconds 10 --connections 16 --rate N]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { freePort, RedisServer } from '../test/redis/redis-server.ts';
import { countBy, DIALOG, percentile, RESULT, runPaced, type RunResult, type Sample } from './lib/paced.ts';
import { startServiceProcess, type ServiceProcess } from './lib/service-process.ts';

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

const redis = await RedisServer.start();
const services: ServiceProcess[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await Promise.all(services.map((s) => s.stop()));
    await redis.stop();
  })());
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '0', SESSION_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' };
  const ports = [await freePort(), await freePort()];
  services.push(...(await Promise.all(ports.map((p, i) => startServiceProcess(i ? 'B' : 'A', p, env)))));
  const [A, B] = services as [ServiceProcess, ServiceProcess];
  const head = `two instances on one redis-server, ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(2)} at start), node ${process.version}`;
  log(head);

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
  log(`peak (${peakSeconds} s, ${connections} connections per instance)`);
  const peakRuns = await Promise.all(services.map((s) => cannon(s.url, peakSeconds)));
  const peak = peakRuns.reduce((n, r) => n + r.requests.average, 0);
  const peakErrors = peakRuns.reduce((n, r) => n + r.non2xx + r.errors, 0);
  const peakP99 = Math.max(...peakRuns.map((r) => r.latency.p99));
  const rate = fixedRate || Math.max(1, Math.round(peak / 2));

  // 2. Soak at half the peak rate.
  const mem = async () => Promise.all(services.map(async (s) => ({ rss: s.rss(), heap: await s.metric('nodejs_heap_size_used_bytes') })));
  await sleep(2000);
  const before = await mem();
  const rssTrail: number[][] = [];
  const sampler = setInterval(() => rssTrail.push(services.map((s) => s.rss())), 10_000);
  log(`soak (${duration} s at ${rate} req/s)`);
  const soak = await runPaced({ ports, rate, seconds: duration });
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
  const lat = (r: RunResult, pick: (s: Sample) => boolean = () => true) => r.samples.filter(pick).map((s) => s.ms);
  const errCount = (r: RunResult) => [...r.errors.values()].reduce((a, b) => a + b, 0);
  const non2xx = (r: RunResult) => r.samples.filter((s) => s.status !== 0 && (s.status < 200 || s.status > 299)).length;
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
  const fullServiceS = lastBad ? Math.max(0, (lastBad.t + lastBad.ms - rel(backAt)) / 1000) : 0;
  const fiveXX = countBy(fault.samples.filter((s) => s.status >= 500), (s) => s.status);
  const n503 = fiveXX.get(503) ?? 0;
  const other5xx = [...fiveXX].filter(([k]) => k !== 503).reduce((n, [, v]) => n + v, 0);
  const p99of503 = percentile(lat(fault, (s) => s.status === 503), 99);
  const readyzDown = services.map((_, i) => readyz.find((x) => x.target === i && x.t >= stoppedAt && x.status === 503));
  const readyzUp = services.map((_, i) => readyz.find((x) => x.target === i && x.t >= backAt && x.status === 200));
  const secs = (t: number | undefined, from: number) => (t === undefined ? 'never' : `${f1((t - from) / 1000)} s`);
  const alive = services.map((s, i) => s.alive() && healthy[i]!);

  const growth = (i: number) => (after[i]!.rss - before[i]!.rss) / before[i]!.rss;
  const memLine = services
    .map((s, i) => `${s.name} RSS ${MB(before[i]!.rss)} → ${MB(after[i]!.rss)} (${growth(i) >= 0 ? '+' : ''}${(growth(i) * 100).toFixed(1)}%), heap used ${MB(before[i]!.heap)} → ${MB(after[i]!.heap)}`)
    .join('; ');
  const trail = rssTrail.map((row) => row.map((b) => (b / 2 ** 20).toFixed(0)).join('/')).join(', ');

  const checks: [string, boolean][] = [
    [`p99 at half peak < 50 ms (${f1(soakP99)} ms)`, soakP99 < 50],
    [`zero errors and non-2xx in the soak (${soakErrors})`, soakErrors === 0],
    [`every dialog reached ${RESULT} (${soak.resultsWrong} wrong)`, soak.resultsWrong === 0 && soak.resultsOk > 0],
    [`memory flat over the soak (RSS growth < 10% on both)`, growth(0) < 0.1 && growth(1) < 0.1],
    [`only 503 while Redis was down (${other5xx} other 5xx, ${errCount(fault)} network errors)`, other5xx === 0 && errCount(fault) === 0],
    [`both processes alive after the outage`, alive.every(Boolean)],
    [`full service within 2 s after Redis returned (${f1(fullServiceS)} s)`, fullServiceS < 2 && Number.isFinite(firstOk())],
  ];

  const summary = [
    `${head}`,
    `peak (autocannon, ${connections} connections per instance, ${peakSeconds} s, 4-turn dialogs): ${peak.toFixed(0)} req/s over both, p99 ${peakP99} ms, non-2xx/errors ${peakErrors}`,
    `soak (${duration} s open loop at ${rate} req/s = half peak, turns alternate instances): ${soak.samples.length} requests, ${soakTput.toFixed(0)} req/s, p50 ${f1(soakP50)} ms, p99 ${f1(soakP99)} ms, max ${f1(Math.max(...soakLat))} ms; ${statusList(soak)}; dialogs completed with ${RESULT}: ${soak.resultsOk}${soak.resultsWrong ? `, wrong ${soak.resultsWrong}` : ''}; driver backlog max ${soak.maxBacklog}`,
    `memory: ${memLine}`,
    `RSS every 10 s (A/B MB): ${trail}`,
    `fault (Redis stopped ${faultSeconds} s under ${rate} req/s): ${statusList(fault)}; 503 p99 ${f1(p99of503)} ms; other 5xx ${other5xx}; network errors ${errCount(fault)}; processes alive: ${alive.every(Boolean) ? 'both' : services.filter((_, i) => !alive[i]).map((s) => s.name).join(',') + ' DEAD'}`,
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
