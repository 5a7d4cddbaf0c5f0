/**
 * Open-loop load driver: sends POST /api/chat at a fixed rate, whatever the latency (no coordinated
 * omission), as the turns of 4-turn JHT simulation dialogs whose turns alternate between the instances.
 * Every request is recorded (send time, latency, status), so phases can be cut into windows afterwards.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export const DIALOG = ['simulasi jht', '5 juta', '10 tahun', 'makasih'] as const;
export const RESULT = 'Rp44.172.736'; // what turn 3 must show (5 juta, 10 tahun)

export interface Sample {
  /** Send time, ms since the run started. */
  t: number;
  /** Latency in ms (send → whole body read). */
  ms: number;
  /** HTTP status; 0 for a network error or timeout. */
  status: number;
  /** Which instance (index into the targets). */
  target: number;
}

export interface RunResult {
  samples: Sample[];
  seconds: number;
  /** performance.now() when the run started; sample times are relative to it. */
  startedAt: number;
  /** Turn-3 replies that showed the expected simulation result / that did not. */
  resultsOk: number;
  resultsWrong: number;
  /** Network errors by message. */
  errors: Map<string, number>;
  /** Largest backlog of requests the driver had to send late (0 = it kept the pace). */
  maxBacklog: number;
}

interface Conversation {
  sid?: string;
  step: number;
  /** Instance of the first turn; turn k goes to (first + k) % targets. */
  first: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function post(port: number, agent: http.Agent, body: string, timeoutMs: number): Promise<{ status: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/chat', method: 'POST', agent, timeout: timeoutMs, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ status: 0, body: '', error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end(body);
  });
}

/**
 * Run for `seconds` over `ports`: at `rate` requests/s (open loop), or with `concurrency` requests always in
 * flight (closed loop, to find the peak rate). Sample times are relative to `startedAt` (performance.now()).
 */
export async function runPaced(opts: { ports: number[]; rate?: number; concurrency?: number; seconds: number; timeoutMs?: number }): Promise<RunResult> {
  const { ports, seconds } = opts;
  const rate = opts.rate ?? 0;
  const closedLoop = opts.concurrency !== undefined;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // Fresh keep-alive agents per run: no socket left idle long enough to meet the server's keep-alive timeout.
  const agents = ports.map(() => new http.Agent({ keepAlive: true, maxSockets: 256 }));
  const samples: Sample[] = [];
  const errors = new Map<string, number>();
  const idle: Conversation[] = [];
  let resultsOk = 0;
  let resultsWrong = 0;
  let started = 0;
  let maxBacklog = 0;
  const inflight = new Set<Promise<void>>();
  const t0 = performance.now();

  const launch = () => {
    const conv = idle.pop() ?? { step: 0, first: started % ports.length };
    started++;
    const target = (conv.first + conv.step) % ports.length;
    const body = JSON.stringify(conv.sid ? { sessionId: conv.sid, text: DIALOG[conv.step] } : { text: DIALOG[conv.step] });
    const sent = performance.now();
    const p = post(ports[target]!, agents[target]!, body, timeoutMs).then((r) => {
      samples.push({ t: sent - t0, ms: performance.now() - sent, status: r.status, target });
      if (r.error) errors.set(r.error, (errors.get(r.error) ?? 0) + 1);
      if (closedLoop && performance.now() - t0 < seconds * 1000) queueMicrotask(launch);
      if (r.status !== 200) return; // the conversation is dropped; new ones start
      if (conv.step === 2) {
        if (r.body.includes(RESULT)) resultsOk++;
        else resultsWrong++;
      }
      if (!conv.sid) conv.sid = (JSON.parse(r.body) as { sessionId: string }).sessionId;
      conv.step++;
      if (conv.step < DIALOG.length) idle.push(conv);
    });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  let sent = 0;
  if (closedLoop) for (let i = 0; i < opts.concurrency!; i++) launch();
  while (closedLoop && performance.now() - t0 < seconds * 1000) await sleep(50);
  for (; !closedLoop; ) {
    const elapsed = (performance.now() - t0) / 1000;
    if (elapsed >= seconds) break;
    const due = Math.floor(elapsed * rate);
    maxBacklog = Math.max(maxBacklog, due - sent);
    while (sent < due) {
      sent++;
      launch();
    }
    await sleep(1);
  }
  await Promise.all(inflight);
  for (const a of agents) a.destroy();
  samples.sort((a, b) => a.t - b.t);
  return { samples, seconds, startedAt: t0, resultsOk, resultsWrong, errors, maxBacklog };
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function countBy<T>(items: T[], key: (x: T) => string | number): Map<string | number, number> {
  const m = new Map<string | number, number>();
  for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}
