/**
 * Live chat on the web channel: what agents write reaches the widget without a reload.
 *   GET  /api/chat/stream?sessionId=…&after=<seq>  server-sent events (`message`, `typing`, `end`), resumable with
 *                                                  `after` or the browser's Last-Event-ID after a reload or a drop;
 *   GET  /api/chat/events?sessionId=…&after=<seq>  the same as one JSON poll (for clients without EventSource);
 *   POST /api/chat/typing {sessionId}              the user is typing (the agent's console shows it).
 * The conversation id is the credential, as for /api/chat: only ids this server issued are served. One desk
 * subscription per instance feeds every open stream, so an agent on another instance reaches the user through
 * the shared bus (Redis pub/sub).
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { HandoffDesk, HandoffEvent, HandoffRecord, TranscriptEntry } from '../../src/handoff/types.ts';
import { clientAddress } from '../../src/http/client-address.ts';
import { sendError } from '../../src/http/errors.ts';
import { LiveEventsResponse, LiveQuery, TypingRequest, type LiveMessageBody } from '../../src/http/schemas.ts';
import type { SessionIds } from '../../src/http/session-ids.ts';
import { redactFreeText } from '../../src/observability/redact.ts';
import type { Limiter } from '../channel.ts';

const HEARTBEAT_MS = 20_000;
/** A browser tab keeps one stream; a few more per address cover several tabs and reconnects. */
const MAX_STREAMS_PER_CONVERSATION = 4;

const isWithPerson = (r: HandoffRecord | undefined) => !!r && (r.owner === 'queued' || r.owner.startsWith('agent:'));

/** What the widget shows of a transcript entry: agents' and the desk's messages only (the user's own are on screen). */
function toLive(e: TranscriptEntry): LiveMessageBody | undefined {
  if (e.from !== 'agent' && e.from !== 'system') return undefined;
  // Something that looks personal (an account number, a phone number) is shown but never stored in the browser.
  const personal = e.from === 'agent' && redactFreeText(e.text) !== e.text;
  return { seq: e.seq, from: e.from, text: e.text, at: e.at, ...(e.agentName ? { agentName: e.agentName } : {}), ...(personal ? { private: true as const } : {}) };
}

/** Entries of the current (or last) handoff after `after`: a fresh stream (after = 0) starts where the handoff did. */
async function backlog(desk: HandoffDesk, id: string, after: number, rec: HandoffRecord | undefined): Promise<LiveMessageBody[]> {
  const entries = await desk.transcript(id, after);
  const since = after === 0 && rec ? rec.queuedAt : 0;
  return entries.filter((e) => e.at >= since).flatMap((e) => toLive(e) ?? []);
}

type Listener = (e: HandoffEvent) => void;

export function liveRouter(deps: { desk: HandoffDesk; sessionIds: SessionIds; addressLimiter: Limiter }): Router {
  const { desk } = deps;
  const router = Router();
  const listeners = new Map<string, Set<Listener>>();
  let subscribed: Promise<unknown> | undefined;
  const ensureSubscribed = () =>
    (subscribed ??= desk.subscribe((e) => {
      for (const l of listeners.get(e.conversationId) ?? []) l(e);
    }));

  async function admit(req: Request, res: Response, source: unknown): Promise<{ id: string; after: number } | undefined> {
    const parsed = LiveQuery.safeParse(source);
    if (!parsed.success) {
      sendError(res, 400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
      return undefined;
    }
    const limit = await deps.addressLimiter.hit(clientAddress(req));
    if (!limit.allowed) {
      sendError(res, 429, 'rate_limited', `Too many requests; retry in ${limit.retryAfterSeconds} s.`, limit.retryAfterSeconds);
      return undefined;
    }
    if (!(await deps.sessionIds.current(parsed.data.sessionId))) {
      sendError(res, 404, 'not_found', 'sessionId: not a current conversation');
      return undefined;
    }
    const lastEventId = Number(req.get('last-event-id'));
    const after = Number.isInteger(lastEventId) && lastEventId > 0 ? Math.max(lastEventId, parsed.data.after ?? 0) : (parsed.data.after ?? 0);
    return { id: parsed.data.sessionId, after };
  }

  router.get('/api/chat/events', async (req, res, next) => {
    try {
      const a = await admit(req, res, req.query);
      if (!a) return;
      const rec = await desk.get(a.id);
      const messages = await backlog(desk, a.id, a.after, rec);
      const body = {
        owner: isWithPerson(rec) ? (rec!.owner === 'queued' ? 'queued' : 'agent') : 'bot',
        messages,
        cursor: messages.at(-1)?.seq ?? a.after,
      } satisfies z.infer<typeof LiveEventsResponse>;
      res.setHeader('Cache-Control', 'no-store');
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.get('/api/chat/stream', async (req, res, next) => {
    try {
      const a = await admit(req, res, req.query);
      if (!a) return;
      const set = listeners.get(a.id) ?? new Set<Listener>();
      if (set.size >= MAX_STREAMS_PER_CONVERSATION) return sendError(res, 429, 'too_many_streams', 'This conversation already has too many open streams.', 5);
      await ensureSubscribed();
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      let cursor = a.after;
      const write = (event: string, data: unknown, id?: number) => {
        res.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const send = (m: LiveMessageBody) => {
        if (m.seq <= cursor) return; // already sent (backlog and a live event can overlap)
        cursor = m.seq;
        write('message', m, m.seq);
      };
      // Listen before reading the backlog, so nothing falls between the two.
      const pending: HandoffEvent[] = [];
      let live = false;
      const onEvent: Listener = (e) => {
        if (!live) return void pending.push(e);
        if (e.type === 'message') {
          const m = toLive(e.entry);
          if (m) send(m);
        } else if (e.type === 'typing' && e.who === 'agent') write('typing', { who: 'agent' });
        else if (e.type === 'returned' || e.type === 'closed') write('end', { owner: 'bot' });
      };
      set.add(onEvent);
      listeners.set(a.id, set);
      const rec = await desk.get(a.id);
      for (const m of await backlog(desk, a.id, a.after, rec)) send(m);
      live = true;
      for (const e of pending.splice(0)) onEvent(e);
      write('owner', { owner: isWithPerson(rec) ? (rec!.owner === 'queued' ? 'queued' : 'agent') : 'bot' });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const done = () => {
        clearInterval(heartbeat);
        set.delete(onEvent);
        if (!set.size) listeners.delete(a.id);
      };
      req.on('close', done);
      res.on('error', done);
    } catch (e) {
      next(e);
    }
  });

  router.post('/api/chat/typing', async (req, res, next) => {
    try {
      const parsed = TypingRequest.safeParse(req.body);
      if (!parsed.success) return sendError(res, 400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
      const limit = await deps.addressLimiter.hit(clientAddress(req));
      if (!limit.allowed) return sendError(res, 429, 'rate_limited', `Too many requests; retry in ${limit.retryAfterSeconds} s.`, limit.retryAfterSeconds);
      if (!(await deps.sessionIds.current(parsed.data.sessionId))) return sendError(res, 404, 'not_found', 'sessionId: not a current conversation');
      await desk.typing(parsed.data.sessionId, 'user');
      res.status(204).end();
    } catch (e) {
      next(e);
    }
  });

  return router;
}
