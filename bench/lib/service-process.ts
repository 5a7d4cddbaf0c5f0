/** A real service process (`node --import tsx src/server.ts`) for benchmarks: start, wait for /readyz, memory, stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Resident set size of a process in bytes, from /proc/<pid>/status (0 when unreadable). */
export function rssOf(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ServiceProcess {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to the first /readyz 200 (as precise as the poll interval). */
  readonly readyMs: number;
  alive(): boolean;
  /** Resident set size in bytes, from /proc/<pid>/status (0 when unreadable). */
  rss(): number;
  /**
   * Full garbage collection through the inspector (the process must be started with `inspect`), then
   * process.memoryUsage(): the live heap, comparable between two points in time.
   */
  liveMemory(): Promise<{ heapUsed: number; rss: number }>;
  /** A gauge from the service's own /metrics (e.g. nodejs_heap_size_used_bytes); NaN when missing. */
  metric(name: string): Promise<number>;
  /** Last lines the process printed, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Runs in a helper process (Node 20 has WebSocket only behind a flag): full GC, then memoryUsage, over the inspector.
const GC_SCRIPT = `
const ws = new WebSocket(process.argv[1]);
const pending = new Map(); let id = 0;
ws.onmessage = (e) => { const m = JSON.parse(e.data); pending.get(m.id)?.(m); pending.delete(m.id); };
const call = (method, params = {}) => new Promise((r) => { pending.set(++id, r); ws.send(JSON.stringify({ id, method, params })); });
await new Promise((r, j) => { ws.onopen = r; ws.onerror = () => j(new Error('inspector connection failed')); });
await call('HeapProfiler.collectGarbage');
await call('HeapProfiler.collectGarbage');
const r = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
console.log(r.result.result.value);
ws.close();`;

/**
 * Runs src/server.ts through tsx (by way of bench/lib/jessi-server.ts); `opts.dist`: the compiled build instead
 * (`npm run build` first; dist/src/server.js, as the container runs it, plain JavaScript).
 * `opts.pollMs`: how often /readyz is polled (200 ms by default; 10 ms to time the start-up).
 */
export async function startServiceProcess(
  name: string,
  port: number,
  env: Record<string, string>,
  opts: { cwd?: string; inspect?: boolean; nodeArgs?: string[]; dist?: boolean; pollMs?: number } = {},
): Promise<ServiceProcess> {
  const cwd = opts.cwd ?? process.cwd();
  const started = performance.now();
  // The inspector listens on a random loopback port; its URL is read from stderr.
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...(opts.inspect ? ['--inspect=127.0.0.1:0'] : []), ...(opts.dist ? ['bench/lib/jessi-dist.mjs'] : ['--import', 'tsx', 'bench/lib/jessi-server.ts'])], {
    cwd,
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let inspectorUrl: string | undefined;
  const keep = (d: Buffer) => {
    const text = d.toString();
    inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(text)?.[1];
    lines.push(...text.split('\n').filter(Boolean));
    if (lines.length > 20) lines.splice(0, lines.length - 20);
  };
  child.once('exit', (code, signal) => lines.push(`(exited: code ${code}, signal ${signal})`));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  let readyMs = NaN;
  const svc: ServiceProcess = {
    name,
    port,
    url,
    pid: child.pid ?? -1,
    get readyMs() {
      return readyMs;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    rss: () => rssOf(child.pid),
    async liveMemory() {
      if (!inspectorUrl) throw new Error(`${name}: started without the inspector`);
      const out = await new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, ['--experimental-websocket', '--no-warnings', '--input-type=module', '-e', GC_SCRIPT, inspectorUrl!], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
        let so = '';
        let se = '';
        p.stdout.on('data', (c) => (so += c));
        p.stderr.on('data', (c) => (se += c));
        p.once('exit', (code) => (code === 0 ? resolve(so) : reject(new Error(`${name}: forced GC failed: ${se.trim()}`))));
      });
      const m = JSON.parse(out) as { heapUsed: number; rss: number };
      return { heapUsed: m.heapUsed, rss: m.rss };
    },
    async metric(metricName) {
      try {
        const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
        const m = new RegExp(`^${metricName}(?:\\{[^}]*\\})? ([0-9.e+-]+)`, 'm').exec(text);
        return m ? Number(m[1]) : NaN;
      } catch {
        return NaN;
      }
    },
    tail: () => lines.slice(-5).join(' | '),
    async stop() {
      if (!svc.alive()) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!svc.alive()) throw new Error(`${name} exited during start-up: ${svc.tail()}`);
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false);
    if (ok) {
      readyMs = performance.now() - started;
      return svc;
    }
    await sleep(opts.pollMs ?? 200);
  }
  await svc.stop();
  throw new Error(`${name} not ready (/readyz) within 60 s: ${svc.tail()}`);
}
