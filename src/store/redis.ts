/**
 * Redis implementation of Store (node-redis v6, RESP3): shared state for any number of instances, on one
 * Redis (createRedisStore, REDIS_URL) or on a Redis Cluster (createRedisClusterStore, REDIS_CLUSTER_NODES).
 *
 * Key families (all under the prefix, default `jessi:`; full list with owners in the README). JSON values unless noted.
 *   session:<conversationId>            conversation state (dialog slots, verification, last buttons); TTL SESSION_TTL_SECONDS.
 *                                       WhatsApp conversation ids are `wa:<hmac of the number>`, never the number itself
 *   lock:session:<conversationId>       turn lock of one conversation: random token, PX lease renewed while held
 *   lock:<name>                         any other lock (withLock prepends `lock:` to names that lack it, so a lock
 *                                       can never collide with a data key)
 *   rl:<limiter>:<key>:<window>         fixed-window counters (integer), TTL = window. Limiters: ip (rl:ip:<addr>:<w>),
 *                                       session (rl:session:<id>:<w>), ticket-ip and ticket-session (complaint-ticket
 *                                       lookups, 10-minute windows: the "ticketlimit" family)
 *   sandbox:…                           embedded sandbox status API (verify failures, participant tokens, tickets)
 *   wa:auth:…                           WhatsApp (Baileys) credentials and signal keys
 *   wa:baileys:lease                    which instance holds the WhatsApp connection (instance id, PX lease)
 *   wa:seen:<messageId>                 WhatsApp message ids already handled (integer, TTL 1 day): dedup
 *   rl:wa-sender:<conversationId>:<w>   messages per WhatsApp sender and minute (WHATSAPP_MESSAGES_PER_MINUTE)
 *   wa:limited:<conversationId>         a sender over the limit was sent its one notice (TTL = rest of the window)
 *   wa:sent:<messageId>                 messages sent, for Baileys retries (TTL)
 *   wa:choices:<conversationId>         numbered choices shown on WhatsApp (TTL)
 *   unanswered:count:<h>                integer: how often an unanswered text was seen (TTL 30 days)
 *   unanswered:text:<h>                 redacted sample: text, outcome, intent, lang, lastSeen (TTL 30 days)
 *   unanswered:index                    JSON array of <h>, newest first, capped at 1000 (evicted entries deleted)
 *                                       <h> = hash of the normalised, PII-redacted text
 *
 * On a cluster the per-conversation keys (session, lock:session, the per-conversation rl: counters, wa:choices,
 * wa:limited) carry the conversation id as hash tag, e.g. `jessi:session:{<id>}` (src/store/keys.ts), so one
 * conversation lives on one slot. Every script here (CAS, INCR, RELEASE, RENEW) touches exactly one key, so
 * none can span two slots; `update` reads and compare-and-sets the same key.
 *
 * Failure behaviour: the offline queue is disabled and every command has a timeout, so when Redis is down
 * calls reject at once with StoreUnavailableError (the HTTP edge answers 503) instead of hanging; the client
 * reconnects by itself with capped backoff, so service resumes when Redis is back, with no restart.
 */
import { randomBytes } from 'node:crypto';
import { createClient, createCluster, ErrorReply, type RedisClientType, type RedisClusterType } from 'redis';
import type { Logger } from 'pino';
import { clusterKey } from './keys.ts';
import { LockTimeoutError, StoreUnavailableError, type Store } from './types.ts';

export interface RedisStoreOptions {
  /** Namespace for every key (default `jessi:`). */
  prefix?: string;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How long createRedisStore waits for the first connection before returning a not-yet-connected store (default 5000). */
  connectTimeoutMs?: number;
  /** Per-command timeout (default 1000 ms). */
  commandTimeoutMs?: number;
  /** Longest wait between reconnect attempts (default 1000 ms). */
  maxReconnectDelayMs?: number;
}

export type RedisClient = RedisClientType<{}, {}, {}, 3, {}>;
export type RedisClusterClient = RedisClusterType<{}, {}, {}, 3, {}>;

export interface RedisStore extends Store {
  readonly prefix: string;
  /** `single` (one Redis, REDIS_URL) or `cluster` (REDIS_CLUSTER_NODES). */
  readonly mode: 'single' | 'cluster';
  /**
   * The underlying node-redis client (a cluster client in cluster mode), for features the Store interface
   * lacks. Keys used through it are NOT prefixed or tagged automatically: use `redisKey(key)`. It has no
   * per-call deadline.
   */
  readonly client: RedisClient | RedisClusterClient;
  /** The Redis key a store key is kept under: prefix, plus the conversation hash tag in cluster mode. */
  redisKey(key: string): string;
  /** True while the connection is up. */
  isConnected(): boolean;
}

// Compare-and-set for `update`: writes only if the key still holds what the caller read.
// ARGV: 1 = '1' when the caller read nothing, 2 = the JSON read, 3 = '1' to delete, 4 = new JSON, 5 = TTL ms (0 = none)
const CAS = `
local cur = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if cur then return 0 end
elseif cur ~= ARGV[2] then
  return 0
end
if ARGV[3] == '1' then
  redis.call('DEL', KEYS[1])
elseif tonumber(ARGV[5]) > 0 then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
return 1`;

// INCRBY (INCRBYFLOAT for fractions) plus the TTL when the key has none yet, i.e. it was just created.
const INCR = `
local n
if ARGV[3] == 'f' then n = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1]) else n = redis.call('INCRBY', KEYS[1], ARGV[1]) end
if tonumber(ARGV[2]) > 0 and redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return n`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// Server replies that mean "cannot serve now" (out of memory, loading, failover) rather than a bug.
const UNAVAILABLE_REPLY = /^(OOM|LOADING|READONLY|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)\b/;

/** Availability problems become StoreUnavailableError; other server replies (WRONGTYPE, script errors) are bugs and pass through. */
function mapError(err: unknown): Error {
  if (err instanceof StoreUnavailableError || err instanceof LockTimeoutError) return err;
  if (err instanceof ErrorReply && !UNAVAILABLE_REPLY.test(err.message)) return err;
  return new StoreUnavailableError(`state store unavailable: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

/** The commands the store sends; a standalone client and a cluster client both have them. */
type Commands = Pick<RedisClient, 'get' | 'set' | 'del' | 'pTTL' | 'eval'>;

/** node-redis options shared by the standalone client and every node connection of a cluster. */
function connectionOptions(maxDelay: number) {
  return {
    disableOfflineQueue: true,
    // Bounds the queue while Redis does not answer; a full queue rejects, which maps to StoreUnavailableError.
    commandsQueueMaxLength: 10_000,
    socket: {
      connectTimeout: 1000,
      // Capped exponential backoff with jitter; never gives up.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 10), maxDelay) + Math.floor(Math.random() * 50),
    },
  };
}
// No node-redis per-command timeout (default 5 s): `run` below has its own deadline, and the default one
// costs an AbortSignal.timeout per command that lives 5 s and then fires a DOMException, which under
// load floods the old generation (major GC pauses) and burns CPU.
const NO_TIMEOUT = { timeout: 0 };

/**
 * Connect to Redis and return a Store. Waits up to connectTimeoutMs for the first connection; if Redis is
 * not reachable by then, the store is returned anyway (calls fail with StoreUnavailableError, ping() is
 * false) and keeps reconnecting in the background. A malformed URL throws.
 */
export async function createRedisStore(url: string, opts: RedisStoreOptions = {}): Promise<RedisStore> {
  const maxDelay = opts.maxReconnectDelayMs ?? 1000;
  const client: RedisClient = createClient({ url, ...connectionOptions(maxDelay), commandOptions: NO_TIMEOUT });
  return buildStore({ mode: 'single', client, commands: client, describe: url.replace(/\/\/[^@/]*@/, '//***@') }, opts);
}

/**
 * Connect to a Redis Cluster (`nodes`: host:port of some or all of its nodes, used to discover the topology)
 * and return a Store. Same contract as createRedisStore: returns after connectTimeoutMs even when no node is
 * reachable yet and keeps trying (discovery is retried with capped backoff; node connections reconnect on
 * their own, and the topology is refreshed after a failover). Calls for a slot whose master is down fail
 * with StoreUnavailableError while the other slots keep working; ping() is true while any master answers.
 */
export async function createRedisClusterStore(nodes: string[], opts: RedisStoreOptions = {}): Promise<RedisStore> {
  if (!nodes.length) throw new Error('createRedisClusterStore: no cluster nodes');
  const maxDelay = opts.maxReconnectDelayMs ?? 1000;
  const client: RedisClusterClient = createCluster({
    rootNodes: nodes.map((n) => ({ url: `redis://${n}` })),
    defaults: connectionOptions(maxDelay),
    commandOptions: NO_TIMEOUT,
    // A failover moves slots; a few redirections are plenty, more only lengthens the wait before a 503.
    maxCommandRedirections: 4,
    // Refresh the slot map 500 ms after a node starts reconnecting (default 5 s), so a promoted replica serves soon.
    topologyRefreshOnReconnectionAttemptStrategy: 500,
  });
  return buildStore({ mode: 'cluster', client, commands: client as unknown as Commands, describe: nodes.join(',') }, opts);
}

type Target =
  | { mode: 'single'; client: RedisClient; commands: Commands; describe: string }
  | { mode: 'cluster'; client: RedisClusterClient; commands: Commands; describe: string };

async function buildStore(target: Target, opts: RedisStoreOptions): Promise<RedisStore> {
  const prefix = opts.prefix ?? 'jessi:';
  const log = opts.logger;
  const { client, mode } = target;
  const cmd = target.commands;

  let up = false;
  let closed = false;
  let lastClusterError = 0;
  client.on('error', (err: Error) => {
    if (closed) return;
    if (mode === 'single') {
      // Fires on every failed reconnect attempt: log the transition only.
      if (up) log?.warn({ err: err.message }, 'redis connection lost; reconnecting');
      up = false;
    } else if (Date.now() - lastClusterError > 10_000) {
      // Cluster-level errors (failed discovery or topology refresh) repeat while a node is down: at most one line per 10 s.
      lastClusterError = Date.now();
      log?.warn({ err: err.message }, 'redis cluster error');
    }
  });
  if (mode === 'single') {
    client.on('ready', () => {
      if (!up) log?.info('redis connected');
      up = true;
    });
    client.on('end', () => {
      up = false;
    });
  } else {
    const downNodes = new Set<string>();
    client.on('node-error', (err: Error, node: { host: string; port: number }) => {
      const address = `${node.host}:${node.port}`;
      if (!downNodes.has(address) && !closed) log?.warn({ node: address, err: err.message }, 'redis cluster node unreachable; reconnecting');
      downNodes.add(address);
    });
    client.on('node-ready', (node: { host: string; port: number }) => {
      if (downNodes.delete(`${node.host}:${node.port}`)) log?.info({ node: `${node.host}:${node.port}` }, 'redis cluster node back');
    });
  }

  // The cluster client's connect() is one discovery attempt: retry it with backoff until it succeeds.
  const connectOnce = async (): Promise<boolean> => {
    try {
      await client.connect();
      if (mode === 'cluster') {
        up = true;
        log?.info({ masters: client.masters.length }, 'redis cluster connected');
      }
      return true;
    } catch {
      return false;
    }
  };
  const connecting =
    mode === 'single'
      ? connectOnce()
      : (async () => {
          for (let attempt = 0; !closed; attempt++) {
            if (await connectOnce()) return true;
            if (closed) break;
            await sleep(Math.min(100 * 2 ** Math.min(attempt, 10), opts.maxReconnectDelayMs ?? 1000));
          }
          return false;
        })();
  let waitTimer: NodeJS.Timeout | undefined;
  const connected = await Promise.race([connecting, new Promise<boolean>((r) => (waitTimer = setTimeout(r, opts.connectTimeoutMs ?? 5000, false)))]);
  clearTimeout(waitTimer);
  if (!connected) log?.warn({ [mode === 'single' ? 'url' : 'nodes']: target.describe }, 'redis not reachable yet; will keep retrying');

  const k = mode === 'cluster' ? (key: string) => prefix + clusterKey(key) : (key: string) => prefix + key;
  const lockKey = (name: string) => k(name.startsWith('lock:') ? name : `lock:${name}`);

  // A command written to a server that stopped answering waits for its reply (node-redis times out only
  // queued commands), so each call gets its own deadline. After a timeout the connection is suspect: calls
  // fail at once until a background PING is answered again. On a cluster a timeout says nothing about the
  // other masters, so there it only fails the call that timed out.
  const commandTimeoutMs = opts.commandTimeoutMs ?? 1000;
  let suspect = false;
  let probing = false;
  async function probe(): Promise<void> {
    if (probing) return;
    probing = true;
    try {
      while (suspect && !closed) {
        if (await pingOnce(300)) suspect = false;
        else await sleep(200);
      }
    } finally {
      probing = false;
    }
  }
  async function pingWithin(ping: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const r = await Promise.race([ping(), new Promise<string>((resolve) => (timer = setTimeout(resolve, timeoutMs, 'timeout')))]);
      return r === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
  // Single node: PING. Cluster: PING every master at once; reachable while any answers (the slots of a master
  // that is down fail alone, with 503 for their conversations; an instance is not less ready than its peers).
  async function pingOnce(timeoutMs: number): Promise<boolean> {
    if (closed || !client.isReady) return false;
    if (mode === 'single') return pingWithin(() => client.ping(), timeoutMs);
    const masters = client.masters;
    const answers = await Promise.all(masters.map((m) => pingWithin(async () => (await client.nodeClient(m)).ping(), timeoutMs)));
    return answers.some(Boolean);
  }

  async function run<T>(fn: () => Promise<T>): Promise<T> {
    if (closed) throw new StoreUnavailableError('state store closed');
    if (!client.isReady) throw new StoreUnavailableError('state store unavailable: not connected');
    if (suspect) {
      void probe();
      throw new StoreUnavailableError('state store unavailable: not answering');
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            if (mode === 'single') {
              suspect = true;
              void probe();
            }
            reject(new StoreUnavailableError(`state store unavailable: no answer within ${commandTimeoutMs} ms`));
          }, commandTimeoutMs);
        }),
      ]);
    } catch (err) {
      throw mapError(err);
    } finally {
      clearTimeout(timer);
    }
  }

  const evalScript = (script: string, keys: string[], args: string[]) => run(() => cmd.eval(script, { keys, arguments: args }));

  const store: RedisStore = {
    prefix,
    mode,
    client,
    redisKey: k,
    isConnected: () => client.isReady,

    async get<T>(key: string): Promise<T | undefined> {
      const raw = await run(() => cmd.get(k(key)));
      return raw == null ? undefined : (JSON.parse(String(raw)) as T);
    },

    async set<T>(key: string, value: T, ttlSeconds?: number): Promise<void> {
      const json = JSON.stringify(value);
      if (json === undefined) {
        await store.delete(key);
        return;
      }
      await run(() => (ttlSeconds && ttlSeconds > 0 ? cmd.set(k(key), json, { expiration: { type: 'PX', value: Math.round(ttlSeconds * 1000) } }) : cmd.set(k(key), json)));
    },

    async delete(key: string): Promise<void> {
      await run(() => cmd.del(k(key)));
    },

    async update<T>(key: string, fn: (current: T | undefined) => T | undefined, ttlSeconds?: number): Promise<T | undefined> {
      // Optimistic: read, compute, compare-and-set; retry with a jittered pause when someone else wrote first.
      const ttlMs = ttlSeconds && ttlSeconds > 0 ? String(Math.round(ttlSeconds * 1000)) : '0';
      for (let attempt = 0; attempt < 500; attempt++) {
        const raw = await run(() => cmd.get(k(key)));
        const current = raw == null ? undefined : (JSON.parse(String(raw)) as T);
        const next = fn(current);
        const nextJson = next === undefined ? undefined : JSON.stringify(next);
        const ok = await evalScript(CAS, [k(key)], [raw == null ? '1' : '0', raw == null ? '' : String(raw), nextJson === undefined ? '1' : '0', nextJson ?? '', ttlMs]);
        if (Number(ok) === 1) return nextJson === undefined ? undefined : (JSON.parse(nextJson) as T);
        await sleep(Math.random() * Math.min(2 + attempt, 20));
      }
      throw new StoreUnavailableError(`state store busy: too much contention on ${key}`);
    },

    async increment(key: string, ttlSeconds: number, by = 1): Promise<number> {
      const ttlMs = ttlSeconds > 0 ? String(Math.round(ttlSeconds * 1000)) : '0';
      const n = await evalScript(INCR, [k(key)], [String(by), ttlMs, Number.isInteger(by) ? 'i' : 'f']);
      return Number(n);
    },

    async ttl(key: string): Promise<number> {
      const ms = Number(await run(() => cmd.pTTL(k(key))));
      return ms > 0 ? Math.ceil(ms / 1000) : 0;
    },

    async withLock<T>(name: string, fn: () => Promise<T>, lockOpts: { leaseMs?: number; waitMs?: number } = {}): Promise<T> {
      const leaseMs = Math.max(100, Math.round(lockOpts.leaseMs ?? 30_000));
      const waitMs = lockOpts.waitMs ?? 5_000;
      const key = lockKey(name);
      const token = randomBytes(16).toString('hex');
      const deadline = Date.now() + waitMs;
      for (;;) {
        const got = await run(() => cmd.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: leaseMs } }));
        if (got != null) break;
        if (Date.now() >= deadline) throw new LockTimeoutError(name);
        await sleep(Math.min(10 + Math.random() * 30, Math.max(1, deadline - Date.now())));
      }
      // Keep the lease alive while fn runs; if this process dies the renewals stop and the lease runs out.
      const renew = setInterval(() => {
        void evalScript(RENEW, [key], [token, String(leaseMs)]).catch(() => undefined);
      }, Math.max(50, Math.floor(leaseMs / 3)));
      renew.unref();
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        // If Redis is unreachable now, the lease expires on its own.
        await evalScript(RELEASE, [key], [token]).catch(() => undefined);
      }
    },

    async ping(): Promise<boolean> {
      return pingOnce(300);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        if (client.isReady) await client.close();
        else if (client.isOpen) client.destroy();
      } catch {
        if (client.isOpen) client.destroy();
      }
      await connecting;
    },
  };
  return store;
}
