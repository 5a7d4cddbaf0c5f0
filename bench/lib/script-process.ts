/** A benchmark server script as its own process (`node --import tsx <file>`): started, waited for (`ready` on stdout), RSS, stop. */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { rssOf } from './service-process.ts';

export interface ScriptProcess {
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to the `ready` line. */
  readonly readyMs: number;
  /** Resident set size in bytes (0 when unreadable). */
  rss(): number;
  stop(): Promise<void>;
}

export async function startScriptProcess(file: string, port: number, env: Record<string, string> = {}): Promise<ScriptProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/^ready\b/m.test(out)) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) during start-up: ${err.trim()}`)));
  });
  const readyMs = performance.now() - t0;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    readyMs,
    rss: () => rssOf(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
