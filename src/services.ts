/**
 * The services of one instance, without HTTP: the store and the bus between instances, metrics, the live-chat
 * desk, the content (knowledge/ and intents/, reloadable), the status API client (or the embedded sandbox), the
 * limiters and the assembled bot. src/app.ts puts the HTTP app and the channels on top of this.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import { calcParamsFrom } from './calc/params.ts';
import { ConfigError, parseClusterNodes, type Config } from './config.ts';
import type { JessiBot } from './core/bot.ts';
import { createDialogRegistry } from './dialogs/registry.ts';
import { createDesk, type HandoffService } from './handoff/desk.ts';
import { appendProposal } from './insights/proposals.ts';
import { createStatsRecorder } from './insights/stats.ts';
import type { Insights } from './insights/types.ts';
import { KnowledgeError } from './knowledge/errors.ts';
import { loadKnowledgeBase } from './knowledge/loader.ts';
import type { KnowledgeBase } from './knowledge/types.ts';
import { configureTextMemos } from './nlu/memo.ts';
import { createRouter } from './nlu/router.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { createRateLimiter, type RateLimiter } from './ratelimit/limiter.ts';
import { createJessiBot } from './routing/bot.ts';
import type { BotDeps } from './routing/deps.ts';
import { createStatusClient } from './status/client.ts';
import { createSandboxRouter } from './status/sandbox/router.ts';
import { MemoryBus } from './store/bus.ts';
import { MemoryStore } from './store/memory.ts';
import type { Bus, Store } from './store/types.ts';
import { feedbackByIntent, recordFeedback } from './unanswered/feedback.ts';
import { recordUnanswered, topUnanswered } from './unanswered/store.ts';

export type ReloadResult = { ok: true; ms: number } | { ok: false; problems: { file: string; field: string; message: string }[] };

/** Bus topic on which an instance that reloaded its content tells the others to do the same. */
export const CONTENT_TOPIC = 'content';

export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  bus: Bus;
  metrics: Metrics;
  /** The live-chat desk (undefined when HANDOFF_ENABLED=0). */
  handoff?: HandoffService;
  /** Messages per WhatsApp sender (`WHATSAPP_MESSAGES_PER_MINUTE`). */
  senderLimiter: RateLimiter;
  /** What the supervisor view shows (counts in the store, unanswered questions, feedback). */
  insights: Insights;
  /** Resolves once knowledge, models and the store are ready. */
  ready: Promise<JessiBot>;
  /** The bot, once ready. */
  bot(): JessiBot | undefined;
  /** The content loaded now, once ready. */
  content(): { kb: KnowledgeBase; deps: BotDeps } | undefined;
  /** Load knowledge/ and intents/ again (validated first; on any problem the running content stays). Tells the other instances unless `broadcast: false`. */
  reloadContent(opts?: { broadcast?: boolean }): Promise<ReloadResult>;
  close(): Promise<void>;
}

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
 * `releaseStartupGarbage`: run one memory-reducing collection before the bot is ready (src/startup-gc.ts); the
 * service's entry point asks for it, tests that build many apps do not.
 */
export async function createServices(config: Config, opts: { logger: Logger; now?: () => number; releaseStartupGarbage?: boolean }): Promise<Services> {
  const { logger } = opts;
  const now = opts.now ?? (() => Date.now());
  // The Redis client is loaded only when it is used (it costs start-up time otherwise).
  const clusterNodes = config.REDIS_CLUSTER_NODES ? parseClusterNodes(config.REDIS_CLUSTER_NODES) : undefined;
  if (config.REDIS_CLUSTER_NODES && !clusterNodes) throw new ConfigError('invalid configuration:\n  REDIS_CLUSTER_NODES: must be a comma-separated list of host:port');
  const redis = clusterNodes || config.REDIS_URL ? await import('./store/redis.ts') : undefined;
  const redisStore = redis ? (clusterNodes ? await redis.createRedisClusterStore(clusterNodes, { logger }) : await redis.createRedisStore(config.REDIS_URL!, { logger })) : undefined;
  const store: Store = redisStore ?? new MemoryStore();
  const bus: Bus = redisStore ? await (await import('./store/redis-bus.ts')).createRedisBus(redisStore, { logger }) : new MemoryBus();
  const metrics = createMetrics();
  const instanceId = randomUUID();
  const stats = createStatsRecorder(store, { now });

  let bot: JessiBot | undefined;
  let deps: BotDeps | undefined;
  let sandbox: http.Server | undefined;

  // The desk reads the catalogue and the schedule of the content loaded now (reloads included).
  const desk: HandoffService | undefined = config.HANDOFF_ENABLED
    ? createDesk({
        store,
        bus,
        message: (key, lang, params) => (deps ? deps.kb.message(key, lang, params) : key),
        schedule: { isOpen: (at) => deps?.kb.schedule.isOpen(at) ?? false, nextOpening: (at) => deps?.kb.schedule.nextOpening(at) },
        idleTimeoutSeconds: config.HANDOFF_IDLE_MINUTES * 60,
        queueTimeoutSeconds: config.HANDOFF_QUEUE_TIMEOUT_MINUTES * 60,
        sessionTtlSeconds: config.SESSION_TTL_SECONDS,
        observer: {
          ...metrics.handoff,
          handoff: (reason) => {
            metrics.handoff.handoff?.(reason);
            stats.handoff();
          },
          queueWait: (seconds) => {
            metrics.handoff.queueWait?.(seconds);
            stats.queueWait(seconds);
          },
        },
        now,
      })
    : undefined;
  const sweeper = desk ? setInterval(() => void desk.sweep().catch(() => undefined), 30_000) : undefined;
  sweeper?.unref();

  const limiter = (name: string, limit: number, windowSeconds: number) => createRateLimiter(store, { name, limit, windowSeconds });
  const senderLimiter = limiter('wa-sender', config.WHATSAPP_MESSAGES_PER_MINUTE, 60);
  configureTextMemos(config.TEXT_MEMO_SIZE);
  const loadContent = () => Promise.all([loadKnowledgeBase(config.KNOWLEDGE_DIR), createRouter({ intentsDir: config.INTENTS_DIR })]);

  const ready = (async () => {
    const [kb, router] = await loadContent();
    let statusUrl = config.STATUS_API_URL;
    let token = config.STATUS_API_TOKEN ?? '';
    if (!statusUrl) {
      token = config.STATUS_API_TOKEN ?? 'sandbox-token';
      const s = await startEmbeddedSandbox(store, token);
      sandbox = s.server;
      statusUrl = s.url;
    }
    deps = {
      store,
      router,
      kb,
      calc: calcParamsFrom((k) => kb.rules.num(k), (k) => kb.rules.get(k).from),
      dialogs: createDialogRegistry(),
      status: createStatusClient({ baseUrl: statusUrl, token, logger, metrics }),
      logger,
      observer: {
        turn: (channel, intent, outcome) => {
          metrics.turn(channel, intent, outcome);
          stats.turn(channel, intent, outcome);
        },
        dialogCompleted: (d) => metrics.dialogCompleted(d),
        feedback: (intent, helpful) => {
          metrics.feedback(intent, helpful);
          stats.feedback(helpful);
          void recordFeedback(store, intent, helpful).catch(() => undefined);
        },
        unanswered: (text, outcome, intent, lang) => {
          void recordUnanswered(store, { text, outcome, intent, lang }).catch(() => undefined);
        },
      },
      limits: {
        session: limiter('session', config.SESSION_RATE_LIMIT_PER_MINUTE, 60),
        ticketSession: limiter('ticket-session', config.TICKET_LOOKUPS_PER_SESSION, 600),
        ticketAddress: limiter('ticket-ip', config.TICKET_LOOKUPS_PER_ADDRESS, 600),
        verifyAddress: limiter('verify-ip', config.VERIFICATIONS_PER_ADDRESS, 900),
        verifySession: limiter('verify-session', config.VERIFICATIONS_PER_SESSION, 900),
        complaintSession: limiter('complaint-session', config.COMPLAINTS_PER_SESSION_PER_DAY, 86_400),
        complaintAddress: limiter('complaint-ip', config.COMPLAINTS_PER_ADDRESS_PER_DAY, 86_400),
        complaintContact: limiter('complaint-contact', config.COMPLAINTS_PER_CONTACT_PER_DAY, 86_400),
      },
      sessionTtlSeconds: config.SESSION_TTL_SECONDS,
      dialogTimeoutSeconds: config.DIALOG_TIMEOUT_SECONDS,
      handoff: desk,
      handoffAfterMisses: config.HANDOFF_AFTER_MISSES,
      now,
    };
    if (opts.releaseStartupGarbage) await (await import('./startup-gc.ts')).releaseStartupGarbage();
    bot = createJessiBot(deps);
    return bot;
  })();

  async function reloadContent(o: { broadcast?: boolean } = {}): Promise<ReloadResult> {
    await ready;
    const t0 = performance.now();
    const current = deps!;
    let loaded: Awaited<ReturnType<typeof loadContent>>;
    try {
      loaded = await loadContent();
    } catch (err) {
      const problems = err instanceof KnowledgeError ? err.problems : [{ file: config.INTENTS_DIR, field: '', message: err instanceof Error ? err.message : String(err) }];
      for (const p of problems) logger.error({ file: p.file, field: p.field, problem: p.message }, 'content reload failed: keeping the running content');
      metrics.contentReload('error');
      return { ok: false, problems };
    }
    const [kb, router] = loaded;
    // One swap, between turns: every turn reads ctx.deps.kb / ctx.deps.router afresh.
    Object.assign(current, { kb, router, calc: calcParamsFrom((k) => kb.rules.num(k), (k) => kb.rules.get(k).from) });
    const ms = Math.round(performance.now() - t0);
    metrics.contentReload('ok');
    logger.info({ ms, answers: kb.entries().length, intents: router.intents().length }, 'content reloaded');
    if (o.broadcast !== false) await bus.publish(CONTENT_TOPIC, { origin: instanceId, at: Date.now() }).catch(() => undefined);
    return { ok: true, ms };
  }

  // Another instance reloaded (SIGHUP or a file change there): reload here too, one reload at a time.
  let reloading: Promise<unknown> = Promise.resolve();
  const unsubscribeContent = await bus.subscribe(CONTENT_TOPIC, (m) => {
    if ((m as { origin?: unknown })?.origin === instanceId) return;
    logger.info('content changed on another instance: reloading');
    reloading = reloading.then(() => reloadContent({ broadcast: false })).catch(() => undefined);
  });

  const knownIntents = () => (deps ? deps.router.intents() : []);
  const insights: Insights = {
    async report(hours) {
      const [h, unanswered, feedback] = await Promise.all([stats.hours(hours), topUnanswered(store, 50), feedbackByIntent(store)]);
      return { hours: h, unanswered, feedback, intents: [...knownIntents()].sort() };
    },
    async propose(p) {
      if (!knownIntents().includes(p.intent)) return { ok: false, reason: 'unknown_intent' };
      const text = p.text.trim().slice(0, 300);
      if (!text) return { ok: false, reason: 'invalid' };
      await appendProposal(config.TRAINING_PROPOSALS_FILE, { text, intent: p.intent, by: p.by, at: new Date(now()).toISOString() });
      logger.info({ intent: p.intent, by: p.by }, 'training example proposed');
      return { ok: true, file: config.TRAINING_PROPOSALS_FILE };
    },
  };

  return {
    config,
    logger,
    store,
    bus,
    metrics,
    handoff: desk,
    senderLimiter,
    insights,
    ready,
    bot: () => bot,
    content: () => (deps ? { kb: deps.kb, deps } : undefined),
    reloadContent,
    async close() {
      if (sweeper) clearInterval(sweeper);
      await stats.close();
      await unsubscribeContent().catch(() => undefined);
      if (sandbox) await new Promise<void>((r) => sandbox!.close(() => r()));
      await bus.close();
      await store.close();
    },
  };
}
