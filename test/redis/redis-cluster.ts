import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REDIS_BIN, redisServerAvailable } from './redis-server.ts';

/**
 * A real local Redis Cluster for tests: N masters (no replicas) started in the foreground with
 * `--cluster-enabled yes` in a temp dir, joined by `redis-cli --cluster create`. A node can be stopped and
 * restarted on the same port with the same nodes.conf, so it rejoins with its node id and slots (its data is
 * gone: no persistence), which is how the tests simulate losing one master.
 *
 * `cluster-require-full-coverage no`: while one master is down the other masters keep serving their slots
 * (with the default `yes` the whole cluster refuses every command once a slot is uncovered).
 */
export const REDIS_CLI_BIN = process.env.REDIS_CLI_BIN ?? 'redis-cli';

export function redisCliAvailable(): boolean {
  return spawnSync(REDIS_CLI_BIN, ['--version'], { stdio: 'ignore' }).status === 0;
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A port p with p and its cluster bus port p + 10000 both free (Redis < 7 has no `cluster-port`). */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const p = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(p) || taken.has(p + 10_000) || taken.has(p - 10_000)) continue;
    if ((await canBind(p)) && (await canBind(p + 10_000))) {
      taken.add(p);
      return p;
    }
  }
  throw new Error('no free port pair for a cluster node');
}

/** One command over a raw socket (inline protocol); resolves with the raw reply text, or '' on failure. */
export function rawCommand(port: number, command: string, timeoutMs = 500): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    let buf = '';
    const done = () => {
      sock.destroy();
      resolve(buf);
    };
    sock.setTimeout(timeoutMs, done);
    sock.once('error', done);
    sock.once('connect', () => sock.write(`${command}\r\n`));
    sock.on('data', (d) => {
      buf += d.toString();
      // A bulk reply ($<len>\r\n<body>\r\n) or a simple/error/integer reply is complete on its final CRLF.
      const m = /^\$(\d+)\r\n/.exec(buf);
      if (m ? buf.length >= m[0].length + Number(m[1]) + 2 : /\r\n$/.test(buf)) done();
    });
  });
}

/** Like shouldRunRedisTests, for the cluster tests, which need redis-cli (Debian: redis-tools) as well. */
export function shouldRunClusterTests(): boolean {
  if (redisServerAvailable() && redisCliAvailable()) return true;
  if (process.env.CI) return true;
  console.warn(`[redis cluster tests] skipped: ${REDIS_BIN} or ${REDIS_CLI_BIN} not found (apt-get install -y redis-server redis-tools); with CI=true they fail instead`);
  return false;
}

/** Keys matching `pattern` on one node (redis-cli --scan). */
export function scanNode(port: number, pattern: string): string[] {
  const r = spawnSync(REDIS_CLI_BIN, ['-p', String(port), '--scan', '--pattern', pattern], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ClusterNode {
  proc?: ChildProcess;
  constructor(
    readonly port: number,
    readonly dir: string,
    readonly nodeTimeoutMs: number,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.proc) return;
    const args = [
      '--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning',
      '--dir', this.dir, '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${this.port}.conf`,
      '--cluster-node-timeout', String(this.nodeTimeoutMs), '--cluster-require-full-coverage', 'no',
    ];
    const proc = spawn(REDIS_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (d) => (stderr += d));
    const spawnError = new Promise<Error>((resolve) => proc.once('error', resolve));
    this.proc = proc;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const failed = await Promise.race([spawnError, sleep(50).then(() => undefined)]);
      if (failed) {
        this.proc = undefined;
        throw new Error(`cannot start ${REDIS_BIN} (${failed.message}); install it with: apt-get install -y redis-server`);
      }
      if (proc.exitCode !== null) {
        this.proc = undefined;
        throw new Error(`redis-server (cluster node ${this.port}) exited with ${proc.exitCode}: ${stderr}`);
      }
      if ((await rawCommand(this.port, 'PING', 300)).startsWith('+PONG')) return;
    }
    await this.stop();
    throw new Error(`cluster node ${this.port} did not answer PING within 10 s`);
  }

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

  async info(): Promise<string> {
    return rawCommand(this.port, 'CLUSTER INFO');
  }
}

export class RedisCluster {
  private constructor(
    readonly nodes: ClusterNode[],
    readonly dir: string,
  ) {}

  /** `REDIS_CLUSTER_NODES` for the app: every node's host:port. */
  get nodesSetting(): string {
    return this.nodes.map((n) => n.address).join(',');
  }

  static async start(opts: { masters?: number; nodeTimeoutMs?: number } = {}): Promise<RedisCluster> {
    const masters = opts.masters ?? 3;
    const dir = mkdtempSync(path.join(tmpdir(), 'jessi-cluster-'));
    const taken = new Set<number>();
    const nodes: ClusterNode[] = [];
    for (let i = 0; i < masters; i++) nodes.push(new ClusterNode(await freeClusterPort(taken), dir, opts.nodeTimeoutMs ?? 1000));
    const cluster = new RedisCluster(nodes, dir);
    try {
      await Promise.all(nodes.map((n) => n.start()));
      const r = spawnSync(REDIS_CLI_BIN, ['--cluster', 'create', ...nodes.map((n) => n.address), '--cluster-replicas', '0', '--cluster-yes'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (r.error) throw new Error(`cannot run ${REDIS_CLI_BIN} (${r.error.message}); install it with: apt-get install -y redis-tools`);
      if (r.status !== 0) throw new Error(`redis-cli --cluster create failed (${r.status}): ${r.stdout}\n${r.stderr}`);
      await cluster.waitUntilOk();
      return cluster;
    } catch (err) {
      await cluster.stop();
      throw err;
    }
  }

  /** Wait until every running node reports cluster_state:ok and knows all the masters. */
  async waitUntilOk(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const infos = await Promise.all(this.nodes.filter((n) => n.proc).map((n) => n.info()));
      last = infos.join('\n---\n');
      if (infos.every((i) => i.includes('cluster_state:ok') && new RegExp(`cluster_known_nodes:${this.nodes.length}\\b`).test(i) && /cluster_slots_ok:16384\b/.test(i))) return;
      await sleep(100);
    }
    throw new Error(`cluster not ok within ${timeoutMs} ms:\n${last}`);
  }

  /** Which node serves the slot of `key`: ask any running node, follow its MOVED answer. */
  async nodeForKey(key: string): Promise<ClusterNode> {
    const asked = this.nodes.find((n) => n.proc)!;
    const reply = await rawCommand(asked.port, `EXISTS ${key}`);
    const moved = /^-MOVED \d+ [^:]+:(\d+)/.exec(reply);
    if (!moved) {
      if (!reply.startsWith(':')) throw new Error(`unexpected reply for ${key}: ${reply}`);
      return asked;
    }
    return this.nodes.find((n) => n.port === Number(moved[1]))!;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop('SIGKILL')));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
