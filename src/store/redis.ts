/**
 * Redis implementation of Store (node-redis v6, RESP3): shared state for any number of instances.
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
 * Failure behaviour: the offline queue is disabled and every command has a timeout, so when Redis is down
 * calls reject at once with StoreUnavailableError (the HTTP edge answers 503) instead of hanging; the client
 * reconnects by itself with capped backoff, so service resumes when Redis is back, with no restart.
 */
import { randomBytes } from 'node:crypto';
import { createClient, ErrorReply, type RedisClientType } from 'redis';
import type { Logger } from 'pino';
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

export interface RedisStore extends Store {
  readonly prefix: string;
  /**
   * The underlying node-redis client, for features the Store interface lacks (e.g. WhatsApp auth hashes).
   * Keys used through it are NOT prefixed automatically: use `prefix + key`. It has no per-call deadline.
   */
  readonly client: RedisClient;
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

/**
 * Connect to Redis and return a Store. Waits up to connectTimeoutMs for the first connection; if Redis is
 * not reachable by then, the store is returned anyway (calls fail with StoreUnavailableError, ping() is
 * false) and keeps reconnecting in the background. A malformed URL throws.
 */
export async function createRedisStore(url: string, opts: RedisStoreOptions = {}): Promise<RedisStore> {
  const prefix = opts.prefix ?? 'jessi:';
  const log = opts.logger;
  const maxDelay = opts.maxReconnectDelayMs ?? 1000;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    // Bounds the queue while Redis does not answer; a full queue rejects, which maps to StoreUnavailableError.
    commandsQueueMaxLength: 10_000,
    // No node-redis per-command timeout (default 5 s): `run` below has its own deadline, and the default one
    // costs an AbortSignal.timeout per command that lives 5 s and then fires a DOMException, which under
    // load floods the old generation (major GC pauses) and burns CPU.
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout: 1000,
      // Capped exponential backoff with jitter; never gives up.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 10), maxDelay) + Math.floor(Math.random() * 50),
    },
  });

  let up = false;
  let closed = false;
  client.on('error', (err: Error) => {
    // Fires on every failed reconnect attempt: log the transition only.
    if (up && !closed) log?.warn({ err: err.message }, 'redis connection lost; reconnecting');
    up = false;
  });
  client.on('ready', () => {
    if (!up) log?.info('redis connected');
    up = true;
  });
  client.on('end', () => {
    up = false;
  });

  const connecting = client.connect().then(
    () => true,
    () => false,
  );
  let waitTimer: NodeJS.Timeout | undefined;
  const connected = await Promise.race([connecting, new Promise<boolean>((r) => (waitTimer = setTimeout(r, opts.connectTimeoutMs ?? 5000, false)))]);
  clearTimeout(waitTimer);
  if (!connected) log?.warn({ url: url.replace(/\/\/[^@/]*@/, '//***@') }, 'redis not reachable yet; will keep retrying');

  const k = (key: string) => prefix + key;
  const lockKey = (name: string) => prefix + (name.startsWith('lock:') ? name : `lock:${name}`);

  // A command written to a server that stopped answering waits for its reply (node-redis times out only
  // queued commands), so each call gets its own deadline. After a timeout the connection is suspect: calls
  // fail at once until a background PING is answered again.
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
  async function pingOnce(timeoutMs: number): Promise<boolean> {
    if (closed || !client.isReady) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const r = await Promise.race([client.ping(), new Promise<string>((resolve) => (timer = setTimeout(resolve, timeoutMs, 'timeout')))]);
      return r === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
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
            suspect = true;
            void probe();
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

  const evalScript = (script: string, keys: string[], args: string[]) => run(() => client.eval(script, { keys, arguments: args }));

  const store: RedisStore = {
    prefix,
    client,
    isConnected: () => client.isReady,

    async get<T>(key: string): Promise<T | undefined> {
      const raw = await run(() => client.get(k(key)));
      return raw == null ? undefined : (JSON.parse(String(raw)) as T);
    },

    async set<T>(key: string, value: T, ttlSeconds?: number): Promise<void> {
      const json = JSON.stringify(value);
      if (json === undefined) {
        await store.delete(key);
        return;
      }
      await run(() => (ttlSeconds && ttlSeconds > 0 ? client.set(k(key), json, { expiration: { type: 'PX', value: Math.round(ttlSeconds * 1000) } }) : client.set(k(key), json)));
    },

    async delete(key: string): Promise<void> {
      await run(() => client.del(k(key)));
    },

    async update<T>(key: string, fn: (current: T | undefined) => T | undefined, ttlSeconds?: number): Promise<T | undefined> {
      // Optimistic: read, compute, compare-and-set; retry with a jittered pause when someone else wrote first.
      const ttlMs = ttlSeconds && ttlSeconds > 0 ? String(Math.round(ttlSeconds * 1000)) : '0';
      for (let attempt = 0; attempt < 500; attempt++) {
        const raw = await run(() => client.get(k(key)));
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
      const ms = Number(await run(() => client.pTTL(k(key))));
      return ms > 0 ? Math.ceil(ms / 1000) : 0;
    },

    async withLock<T>(name: string, fn: () => Promise<T>, lockOpts: { leaseMs?: number; waitMs?: number } = {}): Promise<T> {
      const leaseMs = Math.max(100, Math.round(lockOpts.leaseMs ?? 30_000));
      const waitMs = lockOpts.waitMs ?? 5_000;
      const key = lockKey(name);
      const token = randomBytes(16).toString('hex');
      const deadline = Date.now() + waitMs;
      for (;;) {
        const got = await run(() => client.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: leaseMs } }));
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
