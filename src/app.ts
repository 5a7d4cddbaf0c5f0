import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import { ConfigError, configProblems, loadConfig, parseClusterNodes, trustProxySetting, type Config } from './config.ts';
import type { JessiBot } from './core/bot.ts';
import { createJessiBot } from './routing/bot.ts';
import type { BotDeps } from './routing/deps.ts';
import { createDialogRegistry } from './dialogs/registry.ts';
import { openApiDocument } from './http/openapi.ts';
import { createSessionIds } from './http/session-ids.ts';
import { errorHandler, sendError } from './http/errors.ts';
import { loadKnowledgeBase } from './knowledge/loader.ts';
import { KnowledgeError } from './knowledge/errors.ts';
import { calcParamsFrom } from './calc/params.ts';
import { createRouter } from './nlu/router.ts';
import { createLogger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { createRateLimiter } from './ratelimit/limiter.ts';
import { createStatusClient, type StatusClient } from './status/client.ts';
import { createSandboxRouter } from './status/sandbox/router.ts';
import { MemoryStore } from './store/memory.ts';
import { MemoryBus } from './store/bus.ts';
import type { Bus, Store } from './store/types.ts';
import { createDesk, type HandoffService } from './handoff/desk.ts';
import { recordUnanswered } from './unanswered/store.ts';
import { recordFeedback } from './unanswered/feedback.ts';
import type { SenderLimit } from '../adapters/whatsapp/shared/inbox.ts';
import type { ChannelServices } from '../adapters/channel.ts';
import { CHANNELS } from './channels.ts';
import type { KnowledgeBase } from './knowledge/types.ts';

export interface JessiApp {
  app: express.Express;
  config: Config;
  logger: Logger;
  store: Store;
  bus: Bus;
  /** The live-chat desk (undefined when HANDOFF_ENABLED=0). */
  handoff?: HandoffService;
  /** Resolves once knowledge, models and the store are ready (the bot is then available). */
  ready: Promise<JessiBot>;
  isReady(): boolean;
  /** Per-sender limit of the WhatsApp channels (Cloud webhook here, Baileys in src/whatsapp.ts). */
  whatsappSenderLimit: SenderLimit;
  /** Start the embedded sandbox status API (when STATUS_API_URL is unset) and listen on PORT/HOST. */
  listen(): Promise<http.Server>;
  /**
   * Load knowledge/ and intents/ again (SIGHUP; CONTENT_WATCH=1 on file change). Everything is validated before
   * anything is swapped: on any problem the running content stays and each problem is logged with its file and field.
   */
  reloadContent(): Promise<ReloadResult>;
  close(): Promise<void>;
}

export type ReloadResult = { ok: true; ms: number } | { ok: false; problems: { file: string; field: string; message: string }[] };

/** Sandbox status API on its own loopback port, so the bot talks to it over real HTTP like the agency's. */
async function startEmbeddedSandbox(store: Store, token: string): Promise<{ url: string; server: http.Server }> {
  const sandbox = express();
  sandbox.disable('x-powered-by');
  sandbox.use(createSandboxRouter({ store, token }));
  const server = http.createServer(sandbox);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * Build the whole service: HTTP routes, channels and the bot core with its stores. Nothing listens until
 * `listen()`; tests use `app` directly with their own server.
 */
export async function createApp(overrides: Partial<Config> = {}, opts: { logger?: Logger; now?: () => number } = {}): Promise<JessiApp> {
  const config = { ...loadConfig(), ...overrides };
  const problems = configProblems(config);
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  const logger = opts.logger ?? createLogger({ level: config.LOG_LEVEL });
  // The Redis client is loaded only when it is used (it costs start-up time otherwise).
  const clusterNodes = config.REDIS_CLUSTER_NODES ? parseClusterNodes(config.REDIS_CLUSTER_NODES) : undefined;
  if (config.REDIS_CLUSTER_NODES && !clusterNodes) throw new ConfigError('invalid configuration:\n  REDIS_CLUSTER_NODES: must be a comma-separated list of host:port');
  const store: Store = clusterNodes
    ? await (await import('./store/redis.ts')).createRedisClusterStore(clusterNodes, { logger })
    : config.REDIS_URL
      ? await (await import('./store/redis.ts')).createRedisStore(config.REDIS_URL, { logger })
      : new MemoryStore();
  const bus: Bus = 'client' in store ? await (await import('./store/redis-bus.ts')).createRedisBus(store as import('./store/redis.ts').RedisStore, { logger }) : new MemoryBus();
  const metrics = createMetrics();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // /metrics, /metrics/ and /METRICS are different paths: only the exact one is routed.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.use(metrics.httpMiddleware);

  let bot: JessiBot | undefined;
  let deps: BotDeps | undefined;
  let sandbox: http.Server | undefined;
  let statusClient: StatusClient | undefined;
  const servers: http.Server[] = [];

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const storeOk = await store.ping().catch(() => false);
    if (bot && storeOk) return res.json({ status: 'ready' });
    res.status(503).json({ status: 'not_ready', store: storeOk ? 'ok' : 'unreachable', bot: bot ? 'ok' : 'loading' });
  });
  // /metrics is internal: its own port (METRICS_PORT), or here only with the METRICS_TOKEN bearer token.
  if (config.METRICS_TOKEN) {
    const expected = `Bearer ${config.METRICS_TOKEN}`;
    app.get('/metrics', (req, res, next) => (req.get('authorization') === expected ? metrics.handler(req, res, next) : sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`)));
  }
  const metricsApp = express();
  metricsApp.disable('x-powered-by');
  metricsApp.get('/metrics', metrics.handler);

  // The raw body is kept for webhook signature checks (WhatsApp Cloud's X-Hub-Signature-256).
  const jsonBody = express.json({
    limit: '16kb',
    strict: true,
    verify: (req, _res, buf) => {
      (req as unknown as { rawBody?: Buffer }).rawBody = buf;
    },
  });
  // The WhatsApp Cloud webhook reads its own raw body (up to 1 MiB, signed batches can exceed 16 KiB).
  app.use((req, res, next) => (req.path === '/webhooks/whatsapp' ? next() : jsonBody(req, res, next)));
  app.get('/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(openApiDocument());
  });

  const readyBot = {
    handle: async (input: Parameters<JessiBot['handle']>[0]) => {
      if (!bot) throw Object.assign(new Error('not ready'), { status: 503 });
      return bot.handle(input);
    },
  };
  // WhatsApp senders are limited like /api/chat conversations: the limit notice comes from the catalogue.
  let kbLoaded: ((kb: KnowledgeBase) => void) | undefined;
  const kbReady = new Promise<KnowledgeBase>((r) => (kbLoaded = r));
  // The live-chat desk reads the catalogue and the schedule of the content loaded now (reloads included).
  let currentKb: KnowledgeBase | undefined;
  void kbReady.then((kb) => (currentKb ??= kb));
  const desk: HandoffService | undefined = config.HANDOFF_ENABLED
    ? createDesk({
        store,
        bus,
        message: (key, lang, params) => (currentKb ? currentKb.message(key, lang, params) : key),
        schedule: { isOpen: (at) => currentKb?.schedule.isOpen(at) ?? false, nextOpening: (at) => currentKb?.schedule.nextOpening(at) },
        idleTimeoutSeconds: config.HANDOFF_IDLE_MINUTES * 60,
        queueTimeoutSeconds: config.HANDOFF_QUEUE_TIMEOUT_MINUTES * 60,
        sessionTtlSeconds: config.SESSION_TTL_SECONDS,
        observer: metrics.handoff,
        now: opts.now,
      })
    : undefined;
  const sweeper = desk ? setInterval(() => void desk.sweep().catch(() => undefined), 30_000) : undefined;
  sweeper?.unref();
  const senderLimiter = createRateLimiter(store, { name: 'wa-sender', limit: config.WHATSAPP_MESSAGES_PER_MINUTE, windowSeconds: 60 });
  const services: ChannelServices = {
    config, logger, store, bus,
    bot: readyBot,
    handoff: desk,
    isReady: () => bot !== undefined,
    sessionIds: createSessionIds(store),
    addressLimiter: createRateLimiter(store, { name: 'ip', limit: config.RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }),
    senderLimiter,
    message: async (key, lang, params) => (await kbReady).message(key, lang, params),
    isKnownIntent: (id) => Boolean(deps && (deps.kb.entryFor(id) || deps.router.intents().includes(id))),
    recordFeedback: async (intent, helpful) => {
      metrics.feedback(intent, helpful);
      await recordFeedback(store, intent, helpful);
    },
  };
  const whatsappSenderLimit: SenderLimit = { limiter: senderLimiter, notice: (seconds) => services.message('core.rate_limited', 'id', { seconds }) };
  // The channels listed in src/channels.ts, each on when its configuration says so.
  const mounted = CHANNELS.filter((c) => c.enabled(config)).map((c) => c.mount(app, services));

  app.use((req, res) => sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`));
  app.use(errorHandler(logger));

  const ready = (async () => {
    const [kb, router] = await Promise.all([loadKnowledgeBase(config.KNOWLEDGE_DIR), createRouter({ intentsDir: config.INTENTS_DIR })]);
    currentKb = kb;
    kbLoaded?.(kb);
    if (config.STATUS_API_URL) {
      statusClient = createStatusClient({ baseUrl: config.STATUS_API_URL, token: config.STATUS_API_TOKEN ?? '', logger, metrics });
    } else {
      const token = config.STATUS_API_TOKEN ?? 'sandbox-token';
      const s = await startEmbeddedSandbox(store, token);
      sandbox = s.server;
      statusClient = createStatusClient({ baseUrl: s.url, token, logger, metrics });
    }
    deps = {
      store,
      router,
      kb,
      calc: calcParamsFrom((k) => kb.rules.num(k), (k) => kb.rules.get(k).from),
      dialogs: createDialogRegistry(),
      status: statusClient,
      logger,
      observer: {
        turn: (channel, intent, outcome) => metrics.turn(channel, intent, outcome),
        dialogCompleted: (d) => metrics.dialogCompleted(d),
        feedback: (intent, helpful) => {
          metrics.feedback(intent, helpful);
          void recordFeedback(store, intent, helpful).catch(() => undefined);
        },
        unanswered: (text, outcome, intent, lang) => {
          void recordUnanswered(store, { text, outcome, intent, lang }).catch(() => undefined);
        },
      },
      limits: {
        session: createRateLimiter(store, { name: 'session', limit: config.SESSION_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }),
        ticketSession: createRateLimiter(store, { name: 'ticket-session', limit: config.TICKET_LOOKUPS_PER_SESSION, windowSeconds: 600 }),
        ticketAddress: createRateLimiter(store, { name: 'ticket-ip', limit: config.TICKET_LOOKUPS_PER_ADDRESS, windowSeconds: 600 }),
        verifyAddress: createRateLimiter(store, { name: 'verify-ip', limit: config.VERIFICATIONS_PER_ADDRESS, windowSeconds: 900 }),
        verifySession: createRateLimiter(store, { name: 'verify-session', limit: config.VERIFICATIONS_PER_SESSION, windowSeconds: 900 }),
        complaintSession: createRateLimiter(store, { name: 'complaint-session', limit: config.COMPLAINTS_PER_SESSION_PER_DAY, windowSeconds: 86_400 }),
        complaintAddress: createRateLimiter(store, { name: 'complaint-ip', limit: config.COMPLAINTS_PER_ADDRESS_PER_DAY, windowSeconds: 86_400 }),
        complaintContact: createRateLimiter(store, { name: 'complaint-contact', limit: config.COMPLAINTS_PER_CONTACT_PER_DAY, windowSeconds: 86_400 }),
      },
      sessionTtlSeconds: config.SESSION_TTL_SECONDS,
      dialogTimeoutSeconds: config.DIALOG_TIMEOUT_SECONDS,
      handoff: desk,
      handoffAfterMisses: config.HANDOFF_AFTER_MISSES,
      now: opts.now ?? (() => Date.now()),
    };
    bot = createJessiBot(deps);
    // Channels that load something heavy (botbuilder) do it now, in the background.
    for (const m of mounted) if (m?.ready) void m.ready();
    return bot;
  })();

  return {
    app,
    config,
    logger,
    store,
    bus,
    handoff: desk,
    ready,
    isReady: () => bot !== undefined,
    whatsappSenderLimit,
    async listen() {
      // Node checks the request/headers deadlines only every `connectionsCheckingInterval` (30 s by default),
      // which would let a trickled body live up to 40 s: check often enough to cut it near REQUEST_TIMEOUT_MS.
      const server = http.createServer({ connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.REQUEST_TIMEOUT_MS / 4)) }, app);
      // Behind a load balancer, idle keep-alive connections must outlive the balancer's (often 60 s), or a
      // request sent on a connection the server is just closing fails with a reset.
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = Math.min(66_000, config.REQUEST_TIMEOUT_MS);
      // Slow bodies (slowloris) are cut: the whole request must arrive within REQUEST_TIMEOUT_MS.
      server.requestTimeout = config.REQUEST_TIMEOUT_MS;
      servers.push(server);
      if (config.METRICS_PORT > 0 && config.PORT !== config.METRICS_PORT) {
        const m = http.createServer(metricsApp);
        servers.push(m);
        // A metrics port already taken (another instance on the same host) must not stop the chat service.
        await new Promise<void>((resolve) => {
          m.once('error', (err) => {
            logger.error({ err, port: config.METRICS_PORT }, 'metrics port unavailable: /metrics is not served by this instance');
            resolve();
          });
          m.listen(config.METRICS_PORT, config.METRICS_HOST, () => resolve());
        });
      }
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => resolve());
      });
      return server;
    },
    async reloadContent() {
      await ready;
      const t0 = performance.now();
      const current = deps!;
      let loaded: [Awaited<ReturnType<typeof loadKnowledgeBase>>, Awaited<ReturnType<typeof createRouter>>];
      try {
        loaded = await Promise.all([loadKnowledgeBase(config.KNOWLEDGE_DIR), createRouter({ intentsDir: config.INTENTS_DIR })]);
      } catch (err) {
        const problems = err instanceof KnowledgeError ? err.problems : [{ file: config.INTENTS_DIR, field: '', message: err instanceof Error ? err.message : String(err) }];
        for (const p of problems) logger.error({ file: p.file, field: p.field, problem: p.message }, 'content reload failed: keeping the running content');
        metrics.contentReload('error');
        return { ok: false, problems };
      }
      const [kb, router] = loaded;
      // One swap, between turns: every turn reads ctx.deps.kb / ctx.deps.router afresh.
      Object.assign(current, { kb, router, calc: calcParamsFrom((k) => kb.rules.num(k), (k) => kb.rules.get(k).from) });
      currentKb = kb;
      const ms = Math.round(performance.now() - t0);
      metrics.contentReload('ok');
      logger.info({ ms, answers: kb.entries().length, intents: router.intents().length }, 'content reloaded');
      return { ok: true, ms };
    },
    async close() {
      if (sweeper) clearInterval(sweeper);
      await Promise.all(servers.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()))));
      if (sandbox) await new Promise<void>((r) => sandbox!.close(() => r()));
      await bus.close();
      await store.close();
    },
  };
}
