/**
 * The service as it listens: the HTTP app (health, readiness, metrics, OpenAPI, JSON bodies, errors) and the
 * channels of src/channels.ts on it, over the services of src/services.ts.
 */
import http from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { ChannelServices } from '../adapters/channel.ts';
import type { SenderLimit } from '../adapters/whatsapp/shared/inbox.ts';
import { enabledChannels } from './channels.ts';
import { ConfigError, configProblems, loadConfig, trustProxySetting, type Config } from './config.ts';
import type { JessiBot } from './core/bot.ts';
import type { HandoffService } from './handoff/desk.ts';
import { errorHandler, sendError } from './http/errors.ts';
import { hotRoutes } from './http/hot-routes.ts';
import { openApiDocument } from './http/openapi.ts';
import { createSessionIds } from './http/session-ids.ts';
import { createLogger } from './observability/logger.ts';
import { createRateLimiter } from './ratelimit/limiter.ts';
import { createServices, type ReloadResult } from './services.ts';
import type { Bus, Store } from './store/types.ts';
import { recordFeedback } from './unanswered/feedback.ts';

export type { ReloadResult };

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
  /** What the channels are given (src/whatsapp.ts starts Baileys with it). */
  channelServices: ChannelServices;
  /** Listen on PORT/HOST (and METRICS_PORT). */
  listen(): Promise<http.Server>;
  /**
   * Load knowledge/ and intents/ again (SIGHUP; CONTENT_WATCH=1 on file change). Everything is validated before
   * anything is swapped: on any problem the running content stays and each problem is logged with its file and field.
   */
  reloadContent(): Promise<ReloadResult>;
  close(): Promise<void>;
}

/**
 * Build the whole service: the services of src/services.ts, the HTTP app and the channels on it. Nothing
 * listens until `listen()`; tests use `app` directly with their own server.
 */
export async function createApp(overrides: Partial<Config> = {}, opts: { logger?: Logger; now?: () => number; releaseStartupGarbage?: boolean } = {}): Promise<JessiApp> {
  const config = { ...loadConfig(), ...overrides };
  const problems = configProblems(config);
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  const logger = opts.logger ?? createLogger({ level: config.LOG_LEVEL });
  const channels = enabledChannels(config);
  channels.catch(() => undefined); // awaited below; a failure is reported there, not as an unhandled rejection
  const svc = await createServices(config, { logger, now: opts.now, releaseStartupGarbage: opts.releaseStartupGarbage });
  const { store, metrics } = svc;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // /metrics, /metrics/ and /METRICS are different paths: only the exact one is routed.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  // The channels' hot routes (POST /api/chat) first, ahead of everything below; they time themselves.
  const BODY_LIMIT = 16 * 1024;
  const hot = hotRoutes({ limit: BODY_LIMIT, observe: metrics.observeHttp, onError: errorHandler(logger) });
  app.use(hot.middleware);
  app.use(metrics.httpMiddleware);
  const servers: http.Server[] = [];

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const storeOk = await store.ping().catch(() => false);
    const bot = svc.bot();
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
    limit: BODY_LIMIT,
    strict: true,
    verify: (req, _res, buf) => {
      (req as unknown as { rawBody?: Buffer }).rawBody = buf;
    },
  });
  // The WhatsApp Cloud webhook reads its own raw body (up to 1 MiB, signed batches can exceed 16 KiB); the Chatwoot
  // webhook checks its secret before it reads a body (its payloads carry the conversation and can exceed 16 KiB).
  const ownBody = new Set(['/webhooks/whatsapp', '/webhooks/chatwoot']);
  app.use((req, res, next) => (ownBody.has(req.path) ? next() : jsonBody(req, res, next)));
  app.get('/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(openApiDocument());
  });

  const readyBot = {
    handle: async (input: Parameters<JessiBot['handle']>[0]) => {
      const bot = svc.bot();
      if (!bot) throw Object.assign(new Error('not ready'), { status: 503 });
      return bot.handle(input);
    },
  };
  const services: ChannelServices = {
    config,
    logger,
    store,
    bus: svc.bus,
    bot: readyBot,
    handoff: svc.handoff,
    isReady: () => svc.bot() !== undefined,
    sessionIds: createSessionIds(store),
    addressLimiter: createRateLimiter(store, { name: 'ip', limit: config.RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }),
    senderLimiter: svc.senderLimiter,
    limiter: (name, limit, windowSeconds) => createRateLimiter(store, { name, limit, windowSeconds }),
    insights: svc.insights,
    // WhatsApp senders are limited like /api/chat conversations: the limit notice comes from the catalogue.
    message: async (key, lang, params) => {
      await svc.ready;
      return svc.content()!.kb.message(key, lang, params);
    },
    returnPhraseLang: (text) => svc.content()?.kb.schedule.returnPhraseLang(text),
    isKnownIntent: (id) => {
      const c = svc.content();
      return Boolean(c && (c.kb.entryFor(id) || c.deps.router.intents().includes(id)));
    },
    recordFeedback: async (intent, helpful) => {
      metrics.feedback(intent, helpful);
      await recordFeedback(store, intent, helpful);
    },
    observePush: (channel, outcome) => metrics.handoff.push(channel, outcome),
  };
  const whatsappSenderLimit: SenderLimit = { limiter: svc.senderLimiter, notice: (seconds) => services.message('core.rate_limited', 'id', { seconds }) };
  // The channels listed in src/channels.ts, each on when its configuration says so.
  const mounted = (await channels).map((c) => c.mount(app, services));
  for (const m of mounted) for (const r of m?.hot ?? []) hot.add(r);

  app.use((req, res) => sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`));
  app.use(errorHandler(logger));

  // Channels that load something heavy (botbuilder) do it once the bot is ready, in the background.
  const ready = svc.ready.then((bot) => {
    for (const m of mounted) if (m?.ready) void m.ready();
    return bot;
  });

  return {
    app,
    config,
    logger,
    store,
    bus: svc.bus,
    handoff: svc.handoff,
    ready,
    isReady: () => svc.bot() !== undefined,
    whatsappSenderLimit,
    channelServices: services,
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
    reloadContent: () => svc.reloadContent(),
    async close() {
      await Promise.all(servers.map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()))));
      await svc.close();
    },
  };
}
