/**
 * The agent console's API under /agent/api (JSON; the pages are pages.ts):
 *   POST login {id, password} · POST logout · GET me
 *   GET queue · GET agents · GET conversations/:id/transcript?after= · GET events (server-sent events, all instances)
 *   POST conversations/:id/{pickup|reply|typing|handback|close|transfer} · POST urgent {ticket}
 *   GET insights?hours= · POST insights/training {text, intent}   (supervisors only)
 * Every route but login needs a session; every POST needs the session's CSRF token and a same-origin request.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { HandoffDesk, HandoffEvent } from '../../src/handoff/types.ts';
import { clientAddress } from '../../src/http/client-address.ts';
import { sendError } from '../../src/http/errors.ts';
import type { Insights } from '../../src/insights/types.ts';
import type { Store } from '../../src/store/types.ts';
import type { Limiter } from '../channel.ts';
import type { Accounts } from './accounts.ts';
import { createSessions, csrfOk, sameOrigin, type AgentSession } from './session.ts';

const Login = z.object({ id: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });
const Reply = z.object({ text: z.string().max(4000) });
const Transfer = z.object({ to: z.string().min(1).max(40) });
const Urgent = z.object({ ticket: z.string().trim().regex(/^[A-Z0-9-]{4,40}$/i, 'ticket: a complaint ticket number') });
const Training = z.object({ text: z.string().trim().min(1).max(300), intent: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/) });
const ConversationId = z.string().regex(/^[A-Za-z0-9_:.-]{1,160}$/);
const LOCK_SECONDS = 900;

type Authed = Request & { agent: AgentSession };

export interface AgentRouterDeps {
  desk: HandoffDesk;
  accounts: Accounts;
  store: Store;
  insights: Insights;
  logger: Logger;
  sessionTtlSeconds: number;
  /** Wrong passwords per account (×4 per address) before sign-in pauses for 15 minutes. */
  loginAttempts: number;
  addressLimiter: Limiter;
}

const describe = (e: z.ZodError) => e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

export function agentRouter(deps: AgentRouterDeps): Router {
  const { desk, accounts, store } = deps;
  const router = Router();
  const sessions = createSessions(store, deps.sessionTtlSeconds);
  const lockKey = (k: string) => `agent-login-lock:${k}`;
  /** Count a wrong password; at the limit, sign-in with that key is paused for LOCK_SECONDS. */
  const fail = async (k: string, limit: number) => {
    if ((await store.increment(`agent-login-fail:${k}`, LOCK_SECONDS)) >= limit) await store.set(lockKey(k), 1, LOCK_SECONDS);
  };

  router.use('/agent/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/agent/api/login', async (req, res, next) => {
    try {
      if (!sameOrigin(req)) return sendError(res, 403, 'csrf', 'Sign in from the console page itself.');
      const parsed = Login.safeParse(req.body);
      if (!parsed.success) return sendError(res, 400, 'invalid_request', describe(parsed.error));
      const id = parsed.data.id.toLowerCase();
      const address = clientAddress(req);
      const locked = (await store.get(lockKey(`id:${id}`))) ?? (await store.get(lockKey(`ip:${address}`)));
      if (locked) return sendError(res, 429, 'too_many_attempts', 'Too many wrong passwords: sign-in is paused for 15 minutes.', LOCK_SECONDS);
      const agent = await accounts.verify(id, parsed.data.password);
      if (!agent) {
        await Promise.all([fail(`id:${id}`, deps.loginAttempts), fail(`ip:${address}`, deps.loginAttempts * 4)]);
        deps.logger.warn({ channel: 'agent' }, 'console sign-in refused');
        return sendError(res, 401, 'wrong_credentials', 'Wrong id or password.');
      }
      const s = await sessions.start(res, req, agent);
      deps.logger.info({ agent: agent.id }, 'agent signed in');
      res.json({ id: s.id, name: s.name, role: s.role, csrf: s.csrf });
    } catch (e) {
      next(e);
    }
  });

  // Everything below needs a session.
  const authed = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const s = await sessions.get(req);
      if (!s) return sendError(res, 401, 'signed_out', 'Sign in first.');
      if (req.method !== 'GET' && !csrfOk(req, s)) return sendError(res, 403, 'csrf', 'Missing or wrong CSRF token.');
      (req as Authed).agent = s;
      next();
    } catch (e) {
      next(e);
    }
  };
  const supervisor = (req: Request, res: Response, next: NextFunction) => ((req as Authed).agent.role === 'supervisor' ? next() : sendError(res, 403, 'forbidden', 'Supervisors only.'));
  const agentOf = (req: Request) => (req as Authed).agent;
  const wrap = (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => fn(req, res).catch(next);
  const idParam = (req: Request, res: Response): string | undefined => {
    const p = ConversationId.safeParse(req.params.id);
    if (!p.success) {
      sendError(res, 400, 'invalid_request', 'id: not a conversation id');
      return undefined;
    }
    return p.data;
  };

  router.get('/agent/api/me', authed, wrap(async (req, res) => {
    const a = agentOf(req);
    await desk.presence(a.id); // the console is opening: this agent is on duty
    res.json({ id: a.id, name: a.name, role: a.role, csrf: a.csrf });
  }));
  router.post('/agent/api/logout', authed, wrap(async (req, res) => {
    await sessions.end(req, res);
    res.json({ status: 'signed_out' });
  }));
  router.get('/agent/api/queue', authed, wrap(async (_req, res) => res.json({ items: await desk.list() })));
  router.get('/agent/api/agents', authed, wrap(async (_req, res) => res.json({ agents: await accounts.list() })));
  router.get('/agent/api/conversations/:id/transcript', authed, wrap(async (req, res) => {
    const id = idParam(req, res);
    if (!id) return;
    const after = Number(req.query.after ?? 0);
    const rec = await desk.get(id);
    if (!rec) return sendError(res, 404, 'not_found', 'No such conversation.');
    res.json({ conversation: rec, entries: await desk.transcript(id, Number.isInteger(after) && after > 0 ? after : 0) });
  }));

  const action = (name: string, fn: (id: string, a: AgentSession, body: unknown) => Promise<{ status: number; body: unknown }>) =>
    router.post(`/agent/api/conversations/:id/${name}`, authed, wrap(async (req, res) => {
      const id = idParam(req, res);
      if (!id) return;
      const r = await fn(id, agentOf(req), req.body);
      res.status(r.status).json(r.body);
    }));

  action('pickup', async (id, a) => {
    const r = await desk.pickUp(id, { id: a.id, name: a.name });
    return r.ok ? { status: 200, body: { status: 'assigned' } } : { status: 409, body: { error: { code: r.reason, message: r.reason === 'taken' ? 'Another agent took this conversation.' : 'This conversation is not waiting.' } } };
  });
  action('reply', async (id, a, body) => {
    const p = Reply.safeParse(body);
    if (!p.success) return { status: 400, body: { error: { code: 'invalid_request', message: describe(p.error) } } };
    const r = await desk.reply(id, a.id, p.data.text);
    if (r.ok) return { status: 200, body: { entry: r.entry } };
    return r.reason === 'invalid' ? { status: 400, body: { error: { code: 'invalid_request', message: r.message ?? 'invalid text' } } } : { status: 409, body: { error: { code: 'not_owner', message: 'You do not have this conversation.' } } };
  });
  action('typing', async (id, a) => {
    const r = await desk.get(id);
    if (r?.owner === `agent:${a.id}`) await desk.typing(id, 'agent');
    return { status: 204, body: undefined };
  });
  const owned = (ok: boolean, status: string) => (ok ? { status: 200, body: { status } } : { status: 409, body: { error: { code: 'not_owner', message: 'You do not have this conversation.' } } });
  action('handback', async (id, a) => owned(await desk.handBack(id, a.id), 'returned'));
  action('close', async (id, a) => owned(await desk.close(id, a.id), 'closed'));
  action('transfer', async (id, a, body) => {
    const p = Transfer.safeParse(body);
    if (!p.success) return { status: 400, body: { error: { code: 'invalid_request', message: describe(p.error) } } };
    const to = await accounts.get(p.data.to);
    if (!to) return { status: 400, body: { error: { code: 'invalid_request', message: 'to: no such agent' } } };
    return owned(await desk.transfer(id, a.id, { id: to.id, name: to.name }), 'transferred');
  });
  router.post('/agent/api/urgent', authed, wrap(async (req, res) => {
    const p = Urgent.safeParse(req.body);
    if (!p.success) return sendError(res, 400, 'invalid_request', describe(p.error));
    const r = await desk.markUrgent(p.data.ticket.toUpperCase());
    if (!r.ok) return sendError(res, 404, 'unknown_ticket', 'No conversation filed this ticket (or it is older than 30 days).');
    res.json({ status: 'queued', conversationId: r.conversationId });
  }));

  // One desk subscription per instance feeds every open console.
  const streams = new Set<(e: HandoffEvent) => void>();
  let subscribed: Promise<unknown> | undefined;
  router.get('/agent/api/events', authed, wrap(async (req, res) => {
    const limit = await deps.addressLimiter.hit(clientAddress(req));
    if (!limit.allowed) return sendError(res, 429, 'rate_limited', 'Too many requests.', limit.retryAfterSeconds);
    subscribed ??= desk.subscribe((e) => {
      for (const s of streams) s(e);
    });
    await subscribed;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('event: ready\ndata: {}\n\n');
    const send = (e: HandoffEvent) => res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    streams.add(send);
    // While the console is open the agent is on duty (the desk queues users only then).
    const agentId = agentOf(req).id;
    await desk.presence(agentId);
    const heartbeat = setInterval(() => {
      res.write(': keep-alive\n\n');
      void desk.presence(agentId).catch(() => undefined);
    }, 20_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(send);
    });
  }));

  router.get('/agent/api/insights', authed, supervisor, wrap(async (req, res) => {
    const hours = Math.min(336, Math.max(1, Number.parseInt(String(req.query.hours ?? '24'), 10) || 24));
    res.json(await deps.insights.report(hours));
  }));
  router.post('/agent/api/insights/training', authed, supervisor, wrap(async (req, res) => {
    const p = Training.safeParse(req.body);
    if (!p.success) return sendError(res, 400, 'invalid_request', describe(p.error));
    const r = await deps.insights.propose({ ...p.data, by: agentOf(req).id });
    if (!r.ok) return sendError(res, 400, 'invalid_request', r.reason === 'unknown_intent' ? 'intent: not an intent of this assistant' : 'text: empty');
    res.json({ status: 'proposed' });
  }));

  router.use('/agent/api', (req, res) => sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`));
  return router;
}
