/**
 * The handoff desk: the conversation owner kept in the shared store, the queue of conversations waiting for a
 * person, their transcripts, and the events every instance hears (Bus topic `handoff`). The bot core asks it
 * before every turn of a handed-off conversation (`userTurn`); the agent console and the Chatwoot bridge act
 * through the `HandoffDesk` side; the channels deliver what agents write.
 *
 * Keys (per conversation ones carry the conversation id as a cluster hash tag, see src/store/keys.ts):
 *   handoff:<id>            the HandoffRecord
 *   handoff-log:<id>        the transcript (TranscriptEntry[], the last MAX_LOG)
 *   handoff-address:<id>    the channel's way back to the user (opaque, never logged)
 *   handoff:index           ids of conversations the console lists
 *   handoff-ticket:<ticket> the conversation that filed a complaint (for "mark urgent")
 *   handoff:waits           the last queue waits in seconds (for the estimated wait)
 *   handoff:presence        agent id → when its console was last connected (agents on duty)
 */
import { newState, sessionKey, sessionLockKey, type ConversationState } from '../core/state.ts';
import type { Lang } from '../core/types.ts';
import { redactFreeText } from '../observability/redact.ts';
import type { Bus, Store } from '../store/types.ts';
import {
  HANDOFF_TOPIC,
  type HandoffDesk,
  type HandoffEvent,
  type HandoffReason,
  type HandoffRecord,
  type Owner,
  type QueueItem,
  type QueueStatus,
  type ReturnCause,
  type StartResult,
  type TranscriptEntry,
} from './types.ts';

export const MAX_AGENT_TEXT = 2000;
const MAX_LOG = 200;
const RECORD_TTL = 7 * 86_400;
const TICKET_TTL = 30 * 86_400;
const INDEX_KEY = 'handoff:index';
const PRESENCE_KEY = 'handoff:presence';
/** An agent whose console has not been heard from for this long is not on duty. */
export const PRESENCE_MS = 60_000;
const WAITS_KEY = 'handoff:waits';

const recordKey = (id: string) => `handoff:${id}`;
const logKey = (id: string) => `handoff-log:${id}`;
const addressKey = (id: string) => `handoff-address:${id}`;
const ticketKey = (ticket: string) => `handoff-ticket:${ticket}`;

/** Control characters other than newline and tab; agent replies with them are refused. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

export interface DeskOptions {
  store: Store;
  bus: Bus;
  /** Catalogue sentences (handoff.*), for what the desk tells the user when a conversation goes back to the bot. */
  message(key: string, lang: Lang, params?: Record<string, string | number>): string;
  /** True while agents are on duty (opening hours, holidays), and when they are next. */
  schedule: { isOpen(at: number): boolean; nextOpening(at: number): number | undefined };
  /** A conversation with an agent and no message for this long goes back to the bot. */
  idleTimeoutSeconds: number;
  /** A conversation nobody picks up within this goes back to the bot (with the offer to leave a message). */
  queueTimeoutSeconds: number;
  /** The conversation state's time-to-live (the desk marks a state as handed off from outside a turn). */
  sessionTtlSeconds: number;
  /** Assumed wait per place in the queue before any wait was measured. */
  defaultWaitSeconds?: number;
  observer?: {
    handoff?(reason: HandoffReason): void;
    queueWait?(seconds: number): void;
    firstReply?(seconds: number): void;
    returned?(cause: ReturnCause): void;
  };
  now?: () => number;
}

/** What the bot core needs from the desk, besides what a console does. */
export interface HandoffService extends HandoffDesk {
  /** Queue a conversation for a person (or say when agents are back). */
  start(input: { conversationId: string; channel: string; lang: Lang; reason: HandoffReason; recent?: { from: 'user' | 'bot'; text: string; at: number }[]; replyAddress?: string }): Promise<StartResult>;
  /** A message left out of hours: kept for the first agent on duty; the bot keeps the conversation meanwhile. */
  leaveMessage(input: { conversationId: string; channel: string; lang: Lang; text: string; recent?: { from: 'user' | 'bot'; text: string; at: number }[]; replyAddress?: string }): Promise<void>;
  /**
   * A user message in a conversation that was handed off. `bot`: the bot answers (the conversation is, or has
   * just gone, back to it; `notice` says so); `queued`/`agent`: the message went to the person.
   */
  userTurn(input: { conversationId: string; text: string; lang: Lang; returnAsked: boolean }): Promise<
    { owner: 'bot'; notice?: string; cause?: ReturnCause } | { owner: 'queued'; status: QueueStatus; firstNotice: boolean } | { owner: 'agent'; agentName: string }
  >;
  /** Remember which conversation filed a complaint ticket (so an operator can mark it urgent). */
  rememberTicket(ticket: string, conversationId: string, channel: string, lang: Lang, replyAddress?: string): Promise<void>;
  queueStatus(conversationId: string): Promise<QueueStatus | undefined>;
}

const isAgent = (o: Owner): o is `agent:${string}` => o.startsWith('agent:');
const agentOf = (o: Owner) => (isAgent(o) ? o.slice('agent:'.length) : undefined);
const mask = (text: string) => redactFreeText(text.replace(/\r\n?/g, '\n')).slice(0, MAX_AGENT_TEXT);

/** Check an agent's reply like user input: trimmed, 1–2000 characters, no control or direction characters. */
export function validateAgentText(text: unknown): { ok: true; text: string } | { ok: false; message: string } {
  if (typeof text !== 'string') return { ok: false, message: 'text must be a string' };
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (!t) return { ok: false, message: 'text is empty' };
  if (t.length > MAX_AGENT_TEXT) return { ok: false, message: `text is longer than ${MAX_AGENT_TEXT} characters` };
  if (CONTROL.test(t)) return { ok: false, message: 'text contains control characters' };
  return { ok: true, text: t };
}

export function createDesk(opts: DeskOptions): HandoffService {
  const { store, bus } = opts;
  const now = opts.now ?? (() => Date.now());
  const emit = (e: HandoffEvent) => bus.publish(HANDOFF_TOPIC, e).catch(() => undefined);

  const getRecord = (id: string) => store.get<HandoffRecord>(recordKey(id));
  const putRecord = (r: HandoffRecord) => store.set(recordKey(r.conversationId), r, RECORD_TTL);
  const index = async (id: string, add: boolean) => {
    await store.update<string[]>(INDEX_KEY, (cur = []) => (add ? (cur.includes(id) ? cur : [...cur, id]) : cur.filter((x) => x !== id)), RECORD_TTL);
  };

  async function append(id: string, entry: Omit<TranscriptEntry, 'seq'>): Promise<TranscriptEntry> {
    let made: TranscriptEntry | undefined;
    await store.update<TranscriptEntry[]>(
      logKey(id),
      (cur = []) => {
        made = { ...entry, seq: (cur.at(-1)?.seq ?? 0) + 1 };
        return [...cur, made].slice(-MAX_LOG);
      },
      RECORD_TTL,
    );
    return made!;
  }

  async function seedTranscript(id: string, recent: { from: 'user' | 'bot'; text: string; at: number }[] | undefined): Promise<void> {
    const existing = await store.get<TranscriptEntry[]>(logKey(id));
    const lastAt = existing?.at(-1)?.at ?? 0;
    for (const r of recent ?? []) if (r.at > lastAt) await append(id, { from: r.from, text: mask(r.text), at: r.at });
  }

  async function averageWait(): Promise<number> {
    const waits = (await store.get<number[]>(WAITS_KEY)) ?? [];
    if (!waits.length) return opts.defaultWaitSeconds ?? 120;
    return waits.reduce((a, b) => a + b, 0) / waits.length;
  }

  async function records(): Promise<HandoffRecord[]> {
    const ids = (await store.get<string[]>(INDEX_KEY)) ?? [];
    const rs = await Promise.all(ids.map(getRecord));
    return rs.filter((r): r is HandoffRecord => !!r);
  }

  const waitingOrder = (a: HandoffRecord, b: HandoffRecord) => b.priority - a.priority || a.queuedAt - b.queuedAt;

  async function queueStatus(id: string): Promise<QueueStatus | undefined> {
    const waiting = (await records()).filter((r) => r.owner === 'queued').sort(waitingOrder);
    const i = waiting.findIndex((r) => r.conversationId === id);
    if (i < 0) return undefined;
    const avg = await averageWait();
    return { position: i + 1, waitMinutes: Math.max(1, Math.ceil(((i + 1) * avg) / 60)) };
  }

  const claimDelivery = async (id: string, seq: number, channel: string) => (await store.increment(`handoff-delivery:${id}:${seq}:${channel}`, 86_400)) === 1;

  /**
   * Give a conversation back to the bot. The notice is kept in the transcript; `announce`: it is also delivered to
   * the user like an agent message (not when the user's own turn returned it: the bot's reply says it then).
   */
  async function release(r: HandoffRecord, cause: ReturnCause, announce = true): Promise<string> {
    const key = cause === 'agent' ? 'handoff.returned_by_agent' : cause === 'user' ? 'handoff.returned_by_user' : cause === 'closed' ? 'handoff.closed' : cause === 'queue_timeout' ? 'handoff.queue_timeout' : 'handoff.returned_idle';
    const notice = opts.message(key, r.lang);
    const owner: Owner = cause === 'closed' ? 'closed' : 'bot';
    await putRecord({ ...r, owner, lastActivityAt: now(), ...(cause === 'closed' ? { closedAt: now() } : {}) });
    await index(r.conversationId, false);
    const entry = await append(r.conversationId, { from: 'system', text: notice, at: now() });
    opts.observer?.returned?.(cause);
    if (announce) await emit({ type: 'message', conversationId: r.conversationId, channel: r.channel, entry });
    await emit(cause === 'closed' ? { type: 'closed', conversationId: r.conversationId, channel: r.channel } : { type: 'returned', conversationId: r.conversationId, channel: r.channel, cause });
    return notice;
  }

  /** A conversation past its timeout goes back to the bot; returns the cause when it did. */
  async function expire(r: HandoffRecord, announce = true): Promise<ReturnCause | undefined> {
    const t = now();
    if (r.owner === 'queued' && t - r.queuedAt > opts.queueTimeoutSeconds * 1000) {
      await release(r, 'queue_timeout', announce);
      return 'queue_timeout';
    }
    if (isAgent(r.owner) && t - r.lastActivityAt > opts.idleTimeoutSeconds * 1000) {
      await release(r, 'timeout', announce);
      return 'timeout';
    }
    return undefined;
  }

  /** Mark the conversation state so its next turn asks the desk (used when a person takes over outside a turn). */
  async function flagSession(id: string): Promise<void> {
    await store.withLock(sessionLockKey(id), () => store.update<ConversationState>(sessionKey(id), (s) => ({ ...(s ?? newState()), handoff: true }), opts.sessionTtlSeconds), { leaseMs: 5_000, waitMs: 8_000 });
  }

  async function available(): Promise<boolean> {
    const t = now();
    if (!opts.schedule.isOpen(t)) return false;
    const seen = (await store.get<Record<string, number>>(PRESENCE_KEY)) ?? {};
    return Object.values(seen).some((at) => t - at < PRESENCE_MS);
  }

  const locked = <T>(id: string, fn: () => Promise<T>) => store.withLock(`lock:handoff:${id}`, fn, { leaseMs: 5_000, waitMs: 4_000 });

  return {
    async start(input) {
      const t = now();
      if (input.replyAddress) await store.set(addressKey(input.conversationId), input.replyAddress, RECORD_TTL);
      return locked(input.conversationId, async () => {
        const cur = await getRecord(input.conversationId);
        if (cur && (cur.owner === 'queued' || isAgent(cur.owner))) return { state: 'already', owner: cur.owner, status: await queueStatus(input.conversationId) };
        if (!opts.schedule.isOpen(t)) return { state: 'closed_hours', reopensAt: opts.schedule.nextOpening(t) ?? t };
        // Nobody to answer: no queue that would only time out (the user may leave a message instead).
        if (!(await available())) return { state: 'unavailable' };
        const r: HandoffRecord = {
          conversationId: input.conversationId,
          channel: input.channel,
          owner: 'queued',
          reason: input.reason,
          lang: input.lang,
          priority: input.reason === 'urgent_complaint' ? 10 : 0,
          queuedAt: t,
          lastActivityAt: t,
        };
        await seedTranscript(input.conversationId, input.recent);
        await putRecord(r);
        await index(input.conversationId, true);
        opts.observer?.handoff?.(input.reason);
        await emit({ type: 'queued', conversationId: r.conversationId, reason: r.reason });
        return { state: 'queued', status: (await queueStatus(input.conversationId)) ?? { position: 1, waitMinutes: 1 } };
      });
    },

    async leaveMessage(input) {
      const t = now();
      if (input.replyAddress) await store.set(addressKey(input.conversationId), input.replyAddress, RECORD_TTL);
      await locked(input.conversationId, async () => {
        await seedTranscript(input.conversationId, input.recent);
        await append(input.conversationId, { from: 'user', text: mask(input.text), at: t });
        const cur = await getRecord(input.conversationId);
        const r: HandoffRecord = { ...(cur ?? { priority: 0 }), conversationId: input.conversationId, channel: input.channel, owner: 'bot', reason: 'message', lang: input.lang, queuedAt: t, lastActivityAt: t, leftMessage: true };
        await putRecord(r);
        await index(input.conversationId, true);
        opts.observer?.handoff?.('message');
        await emit({ type: 'queued', conversationId: r.conversationId, reason: 'message' });
      });
    },

    async userTurn(input) {
      const r = await getRecord(input.conversationId);
      if (!r || r.owner === 'bot' || r.owner === 'closed') return { owner: 'bot' };
      const cause = await expire(r, false);
      if (cause) return { owner: 'bot', cause, notice: opts.message(cause === 'queue_timeout' ? 'handoff.queue_timeout' : 'handoff.returned_idle', input.lang) };
      if (input.returnAsked) return { owner: 'bot', cause: 'user', notice: await release(r, 'user', false) };
      const t = now();
      const entry = await append(input.conversationId, { from: 'user', text: mask(input.text), at: t });
      const fresh = (await getRecord(input.conversationId)) ?? r;
      await putRecord({ ...fresh, lastActivityAt: t, userTypingAt: undefined });
      await emit({ type: 'message', conversationId: r.conversationId, channel: r.channel, entry });
      if (isAgent(fresh.owner)) return { owner: 'agent', agentName: fresh.agentName ?? '' };
      const status = (await queueStatus(input.conversationId)) ?? { position: 1, waitMinutes: 1 };
      return { owner: 'queued', status, firstNotice: false };
    },

    async rememberTicket(ticket, conversationId, channel, lang, replyAddress) {
      // An operator may mark it urgent later: the agent's answer must then find its way back on a push channel.
      if (replyAddress) await store.set(addressKey(conversationId), replyAddress, TICKET_TTL);
      await store.set(ticketKey(ticket), { conversationId, channel, lang }, TICKET_TTL);
    },

    queueStatus,

    async list() {
      const rs = await records();
      const waiting = rs.filter((r) => r.owner === 'queued').sort(waitingOrder);
      const withAgent = rs.filter((r) => isAgent(r.owner)).sort((a, b) => (a.assignedAt ?? 0) - (b.assignedAt ?? 0));
      const left = rs.filter((r) => r.leftMessage && r.owner === 'bot').sort((a, b) => a.queuedAt - b.queuedAt);
      const items: QueueItem[] = [];
      for (const [i, r] of [...waiting, ...withAgent, ...left].entries()) {
        const log = (await store.get<TranscriptEntry[]>(logKey(r.conversationId))) ?? [];
        const lastUser = [...log].reverse().find((e) => e.from === 'user');
        items.push({ ...r, position: r.owner === 'queued' ? i + 1 : undefined, preview: (lastUser?.text ?? '').slice(0, 140) });
      }
      return items;
    },

    get: getRecord,

    async transcript(id, afterSeq = 0) {
      return ((await store.get<TranscriptEntry[]>(logKey(id))) ?? []).filter((e) => e.seq > afterSeq);
    },

    async pickUp(id, agent) {
      let flag = false;
      const result = await locked(id, async () => {
        const r = await getRecord(id);
        if (!r) return { ok: false, reason: 'not_waiting' } as const;
        if (isAgent(r.owner)) return { ok: false, reason: 'taken' } as const;
        if (r.owner !== 'queued' && !(r.leftMessage && r.owner === 'bot')) return { ok: false, reason: 'not_waiting' } as const;
        const t = now();
        const waited = Math.round((t - r.queuedAt) / 1000);
        if (r.owner === 'queued') {
          opts.observer?.queueWait?.(waited);
          await store.update<number[]>(WAITS_KEY, (cur = []) => [...cur, waited].slice(-20), RECORD_TTL);
        }
        flag = r.owner === 'bot';
        await putRecord({ ...r, owner: `agent:${agent.id}`, agentId: agent.id, agentName: agent.name, assignedAt: t, lastActivityAt: t, leftMessage: false, firstAgentReplyAt: undefined });
        await index(id, true);
        const entry = await append(id, { from: 'system', text: opts.message('handoff.agent_joined', r.lang, { name: agent.name }), at: t });
        await emit({ type: 'assigned', conversationId: id, agentId: agent.id, agentName: agent.name });
        await emit({ type: 'message', conversationId: id, channel: r.channel, entry });
        return { ok: true } as const;
      });
      // Outside the desk's lock: a user turn holds the session lock while it asks the desk.
      if (flag) await flagSession(id);
      return result;
    },

    async reply(id, agentId, text) {
      const v = validateAgentText(text);
      if (!v.ok) return { ok: false, reason: 'invalid', message: v.message };
      const r = await getRecord(id);
      if (!r || agentOf(r.owner) !== agentId) return { ok: false, reason: 'not_owner' };
      const t = now();
      const entry = await append(id, { from: 'agent', text: v.text, at: t, agentName: r.agentName });
      if (!r.firstAgentReplyAt && r.assignedAt !== undefined) opts.observer?.firstReply?.(Math.round((t - r.queuedAt) / 1000));
      await putRecord({ ...r, lastActivityAt: t, firstAgentReplyAt: r.firstAgentReplyAt ?? t });
      await emit({ type: 'message', conversationId: id, channel: r.channel, entry });
      return { ok: true, entry };
    },

    async typing(id, who) {
      if (who === 'user') {
        const r = await getRecord(id);
        if (!r || !(r.owner === 'queued' || isAgent(r.owner))) return;
        await putRecord({ ...r, userTypingAt: now() });
      }
      await emit({ type: 'typing', conversationId: id, who });
    },

    async handBack(id, agentId) {
      const r = await getRecord(id);
      if (!r || agentOf(r.owner) !== agentId) return false;
      await release(r, 'agent');
      return true;
    },

    async close(id, agentId) {
      const r = await getRecord(id);
      if (!r || agentOf(r.owner) !== agentId) return false;
      await release(r, 'closed');
      return true;
    },

    async transfer(id, fromAgentId, to) {
      return locked(id, async () => {
        const r = await getRecord(id);
        if (!r || agentOf(r.owner) !== fromAgentId || to.id === fromAgentId) return false;
        const t = now();
        await putRecord({ ...r, owner: `agent:${to.id}`, agentId: to.id, agentName: to.name, lastActivityAt: t });
        const entry = await append(id, { from: 'system', text: opts.message('handoff.transferred', r.lang, { name: to.name }), at: t });
        await emit({ type: 'transferred', conversationId: id, from: fromAgentId, to: to.id });
        await emit({ type: 'message', conversationId: id, channel: r.channel, entry });
        return true;
      });
    },

    async markUrgent(ticket) {
      const link = await store.get<{ conversationId: string; channel: string; lang: Lang }>(ticketKey(ticket));
      if (!link) return { ok: false, reason: 'unknown_ticket' };
      const r = await getRecord(link.conversationId);
      if (r && (r.owner === 'queued' || isAgent(r.owner))) {
        await putRecord({ ...r, priority: 10, ticket });
        return { ok: true, conversationId: link.conversationId };
      }
      const t = now();
      await flagSession(link.conversationId);
      await putRecord({ conversationId: link.conversationId, channel: link.channel, owner: 'queued', reason: 'urgent_complaint', lang: link.lang, priority: 10, queuedAt: t, lastActivityAt: t, ticket });
      await index(link.conversationId, true);
      const entry = await append(link.conversationId, { from: 'system', text: opts.message('handoff.urgent_queued', link.lang, { ticket }), at: t });
      opts.observer?.handoff?.('urgent_complaint');
      await emit({ type: 'queued', conversationId: link.conversationId, reason: 'urgent_complaint' });
      await emit({ type: 'message', conversationId: link.conversationId, channel: link.channel, entry });
      return { ok: true, conversationId: link.conversationId };
    },

    async presence(agentId) {
      const t = now();
      await store.update<Record<string, number>>(
        PRESENCE_KEY,
        (cur = {}) => Object.fromEntries([...Object.entries(cur).filter(([, at]) => t - at < PRESENCE_MS), [agentId, t]]),
        86_400,
      );
    },

    available,

    async subscribe(handler) {
      return bus.subscribe(HANDOFF_TOPIC, (m) => handler(m as HandoffEvent));
    },

    replyAddress: (id) => store.get<string>(addressKey(id)),

    claimDelivery,

    async sweep() {
      let n = 0;
      for (const r of await records()) if (await expire(r)) n++;
      return n;
    },
  };
}
