import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  /** This app's own registry (never prom-client's global one, so several apps can live in one process). */
  registry: Registry;
  /** Count one bot turn; outcome `fallback` / `ask` also bump jessi_fallback_total / jessi_askback_total. */
  turn(channel: string, intent: string, outcome: string): void;
  dialogCompleted(dialog: string): void;
  /** A 👍 (helpful) or 👎 on an answer of `intent`: jessi_feedback_total{intent, vote}. */
  feedback(intent: string, helpful: boolean): void;
  /** A content reload (SIGHUP): outcome ok or error; jessi_content_version is set on success. */
  contentReload(outcome: 'ok' | 'error'): void;
  /** One status API call that took `seconds`; outcome e.g. ok, error, timeout, unauthorized. */
  statusCall(call: string, outcome: string, seconds: number): void;
  /** A failed status API call; kind e.g. timeout, network, http_5xx, http_4xx, invalid_response. */
  statusError(call: string, kind: string): void;
  /** Start timing a status API call; call the returned function with the outcome when it ends. */
  startStatusCall(call: string): (outcome: string) => void;
  /** The live-chat handoff: handoffs by reason, queue wait, time to the first agent reply, returns to the bot by cause. */
  handoff: {
    handoff(reason: string): void;
    queueWait(seconds: number): void;
    firstReply(seconds: number): void;
    returned(cause: string): void;
    /** A live-chat message a push channel (WhatsApp, Bot Framework) delivered, or could not (failed, no_address). */
    push(channel: string, outcome: string): void;
  };
  /** Express middleware recording jessi_http_request_duration_seconds by route template. */
  httpMiddleware: RequestHandler;
  /** Count one finished HTTP request by its route template (what the middleware does, for the hot routes). */
  observeHttp(method: string, route: string, status: number, seconds: number): void;
  /** Express handler for GET /metrics (Prometheus text format). */
  handler: RequestHandler;
}

/** Route label: the matched route template (`/api/chat`, `/v1/complaints/:ticket`), never the raw URL. */
export function routeLabel(req: Request, status: number): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}` || '/';
  return status === 404 ? 'unmatched' : 'other';
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const turns = new Counter({ name: 'jessi_turns_total', help: 'Bot turns by channel, routed intent and outcome', labelNames: ['channel', 'intent', 'outcome'] as const, registers: [registry] });
  const fallbacks = new Counter({ name: 'jessi_fallback_total', help: 'Turns answered with the fallback (nothing understood)', registers: [registry] });
  const askbacks = new Counter({ name: 'jessi_askback_total', help: 'Turns answered with a clarifying question', registers: [registry] });
  const completions = new Counter({ name: 'jessi_dialog_completions_total', help: 'Multi-turn dialogs completed', labelNames: ['dialog'] as const, registers: [registry] });
  const feedback = new Counter({ name: 'jessi_feedback_total', help: 'Answer feedback by intent and vote (up = helpful, down = not helpful)', labelNames: ['intent', 'vote'] as const, registers: [registry] });
  const reloads = new Counter({ name: 'jessi_content_reloads_total', help: 'Content reloads (knowledge/ and intents/) by outcome', labelNames: ['outcome'] as const, registers: [registry] });
  const statusDuration = new Histogram({
    name: 'jessi_status_api_duration_seconds',
    help: 'Status API call latency',
    labelNames: ['call', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const statusErrors = new Counter({ name: 'jessi_status_api_errors_total', help: 'Failed status API calls by kind', labelNames: ['call', 'kind'] as const, registers: [registry] });
  const httpDuration = new Histogram({
    name: 'jessi_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const handoffs = new Counter({ name: 'jessi_handoffs_total', help: 'Conversations handed to a person, by reason (request, misunderstood, urgent_complaint, message)', labelNames: ['reason'] as const, registers: [registry] });
  const waitBuckets = [5, 15, 30, 60, 120, 300, 600, 1200, 1800];
  const queueWait = new Histogram({ name: 'jessi_handoff_queue_wait_seconds', help: 'Time from joining the queue to an agent picking the conversation up', buckets: waitBuckets, registers: [registry] });
  const firstReply = new Histogram({ name: 'jessi_handoff_first_reply_seconds', help: 'Time from joining the queue to the first agent reply', buckets: waitBuckets, registers: [registry] });
  const pushes = new Counter({ name: 'jessi_handoff_push_total', help: 'Agent and desk messages for push channels (WhatsApp, Bot Framework), by channel and outcome (delivered, failed, no_address)', labelNames: ['channel', 'outcome'] as const, registers: [registry] });
  const returns = new Counter({ name: 'jessi_handoff_returns_total', help: 'Conversations given back to the bot, by cause (agent, user, timeout, queue_timeout, closed)', labelNames: ['cause'] as const, registers: [registry] });

  const statusCall = (call: string, outcome: string, seconds: number) => statusDuration.observe({ call, outcome }, seconds);

  return {
    registry,
    turn(channel, intent, outcome) {
      turns.inc({ channel, intent, outcome });
      if (outcome === 'fallback') fallbacks.inc();
      else if (outcome === 'ask') askbacks.inc();
    },
    dialogCompleted: (dialog) => completions.inc({ dialog }),
    feedback: (intent, helpful) => feedback.inc({ intent, vote: helpful ? 'up' : 'down' }),
    contentReload: (outcome) => reloads.inc({ outcome }),
    handoff: {
      handoff: (reason) => handoffs.inc({ reason }),
      queueWait: (seconds) => queueWait.observe(seconds),
      firstReply: (seconds) => firstReply.observe(seconds),
      returned: (cause) => returns.inc({ cause }),
      push: (channel, outcome) => pushes.inc({ channel, outcome }),
    },
    statusCall,
    statusError: (call, kind) => statusErrors.inc({ call, kind }),
    startStatusCall(call) {
      const t0 = process.hrtime.bigint();
      return (outcome) => statusCall(call, outcome, Number(process.hrtime.bigint() - t0) / 1e9);
    },
    observeHttp: (method, route, status, seconds) => httpDuration.observe({ method, route, status: String(status) }, seconds),
    httpMiddleware(req: Request, res: Response, next: NextFunction) {
      const t0 = process.hrtime.bigint();
      res.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        httpDuration.observe({ method: req.method, route: routeLabel(req, res.statusCode), status: String(res.statusCode) }, seconds);
      });
      next();
    },
    async handler(_req: Request, res: Response) {
      res.set('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    },
  };
}
