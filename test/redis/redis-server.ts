import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * A real redis-server for tests: started in the foreground (no daemonize) on a free loopback port, so it can
 * be stopped and restarted on the same port to simulate an outage.
 */
export const REDIS_BIN = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** True when redis-server can be run here. */
export function redisServerAvailable(): boolean {
  const r = spawnSync(REDIS_BIN, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * Whether Redis tests should run: always in CI (they then fail loudly when redis-server is missing),
 * elsewhere only when redis-server is installed (otherwise they are skipped with a message).
 */
export function shouldRunRedisTests(): boolean {
  if (redisServerAvailable()) return true;
  if (process.env.CI) return true;
  console.warn(`[redis tests] skipped: ${REDIS_BIN} not found (apt-get install -y redis-server); with CI=true they fail instead`);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One PING over a raw socket; true on +PONG. */
function pingOnce(port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

export class RedisServer {
  private proc?: ChildProcess;
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The server's process id while it runs (benchmarks pin it to a core). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  static async start(port?: number): Promise<RedisServer> {
    const s = new RedisServer(port ?? (await freePort()));
    await s.start();
    return s;
  }

  /** Start (or restart) on the same port and wait until it answers PING. */
  async start(): Promise<void> {
    if (this.proc) return;
    const proc = spawn(REDIS_BIN, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr?.on('data', (d) => (stderr += d));
    const spawnError = new Promise<Error>((resolve) => proc.once('error', resolve));
    this.proc = proc;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(r, 50, undefined))]);
      if (failed) {
        this.proc = undefined;
        throw new Error(`cannot start ${REDIS_BIN} (${failed.message}); install it with: apt-get install -y redis-server`);
      }
      if (proc.exitCode !== null) {
        this.proc = undefined;
        throw new Error(`redis-server exited with ${proc.exitCode}: ${stderr}`);
      }
      if (await pingOnce(this.port)) return;
    }
    await this.stop();
    throw new Error(`redis-server on port ${this.port} did not answer PING within 10 s`);
  }

  /** Freeze the server (SIGSTOP): connections stay open but nothing answers, like a network partition. */
  pause(): void {
    this.proc?.kill('SIGSTOP');
  }

  resume(): void {
    this.proc?.kill('SIGCONT');
  }

  /** Stop the server (SIGTERM, or SIGKILL for a crash) and wait until the process has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill(signal);
    const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
  }
}
