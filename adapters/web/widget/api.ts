import type { Button } from './storage.ts';
import { SESSION_ID, cleanLinks, type Link } from './storage.ts';

export interface ChatRequest {
  text?: string;
  payload?: string;
  sessionId?: string;
  locale?: 'id' | 'en';
}

export interface ChatReply {
  sessionId: string;
  /** `private`: personal data (balance, claims); shown on screen, never stored in the browser. */
  messages: { text: string; buttons?: Button[]; links?: Link[]; private?: boolean; status?: boolean }[];
  /** The intent the turn was routed to (sent back with 👍/👎). */
  intent?: string;
  /** The conversation is with a person now: listen for their messages (openLive). */
  live?: boolean;
}

export type ChatResult =
  | { ok: true; reply: ChatReply }
  /** network: no answer or a 5xx, worth a retry; limited: 429; rejected: 4xx. */
  | { ok: false; kind: 'network' | 'limited' | 'rejected'; message?: string };

const TIMEOUT_MS = 20_000;

function asReply(v: unknown): ChatReply | null {
  const r = v as Partial<ChatReply> | null;
  if (!r || typeof r.sessionId !== 'string' || !SESSION_ID.test(r.sessionId) || !Array.isArray(r.messages)) return null;
  const messages = r.messages
    .filter((m) => m && typeof m.text === 'string')
    .map((m) => ({
      text: m.text,
      buttons: Array.isArray(m.buttons)
        ? m.buttons.filter((b) => b && typeof b.title === 'string' && typeof b.payload === 'string').map((b) => ({ title: b.title, payload: b.payload }))
        : undefined,
      links: cleanLinks((m as { links?: unknown }).links),
      private: (m as { private?: unknown }).private === true || undefined,
      status: (m as { status?: unknown }).status === true || undefined,
    }));
  const intent = (v as { intent?: { id?: unknown } }).intent?.id;
  const live = (v as { live?: unknown }).live === true || undefined;
  return messages.length ? { sessionId: r.sessionId, messages, intent: typeof intent === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(intent) ? intent : undefined, live } : null;
}

async function errorMessage(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    return typeof body?.error?.message === 'string' ? body.error.message.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

/** POST /api/feedback (next to /api/chat): a 👍/👎 on an answer. Fire and forget; true when recorded. */
export async function postFeedback(chatUrl: string, body: { sessionId: string; intent: string; helpful: boolean }): Promise<boolean> {
  try {
    const res = await fetch(chatUrl.replace(/\/api\/chat$/, '/api/feedback'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Jessi-Channel': 'web' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** POST /api/chat as api.md defines it; never throws. */
export async function postChat(url: string, body: ChatRequest): Promise<ChatResult> {
  const ctrl = new AbortController();
  const timer = window.setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Jessi-Channel': 'web' },
      body: JSON.stringify(body),
      signal: ctrl.signal,
      credentials: 'omit',
    });
    if (res.status === 429) return { ok: false, kind: 'limited', message: await errorMessage(res) };
    if (res.status >= 500) return { ok: false, kind: 'network' };
    if (!res.ok) return { ok: false, kind: 'rejected', message: await errorMessage(res) };
    const reply = asReply(await res.json());
    return reply ? { ok: true, reply } : { ok: false, kind: 'network' };
  } catch {
    return { ok: false, kind: 'network' };
  } finally {
    window.clearTimeout(timer);
  }
}

/** A message of the live chat (an agent's, or the desk's: "Agent Sari has joined"). */
export interface LiveMessage {
  seq: number;
  from: 'agent' | 'system';
  text: string;
  agentName?: string;
  private?: boolean;
}

export interface LiveHandlers {
  message(m: LiveMessage): void;
  typing(): void;
  /** The conversation is back with the bot (handed back, closed, timed out). */
  end(): void;
}

function asLive(v: unknown): LiveMessage | null {
  const m = v as Partial<LiveMessage> | null;
  if (!m || typeof m.seq !== 'number' || !Number.isInteger(m.seq) || (m.from !== 'agent' && m.from !== 'system') || typeof m.text !== 'string') return null;
  return { seq: m.seq, from: m.from, text: m.text.slice(0, 4000), agentName: typeof m.agentName === 'string' ? m.agentName.slice(0, 60) : undefined, private: m.private === true || undefined };
}

const liveUrl = (chatUrl: string, path: string) => chatUrl.replace(/\/api\/chat$/, `/api/chat/${path}`);

/**
 * Listen for the live chat's messages after `after` (server-sent events; the browser reconnects by itself and
 * resumes after the last event id). Returns a function that stops listening.
 */
export function openLive(chatUrl: string, sessionId: string, after: number, on: LiveHandlers): () => void {
  const url = `${liveUrl(chatUrl, 'stream')}?sessionId=${encodeURIComponent(sessionId)}&after=${after}`;
  const es = new EventSource(url);
  const parse = (ev: Event) => {
    try {
      return JSON.parse((ev as MessageEvent<string>).data) as unknown;
    } catch {
      return null;
    }
  };
  es.addEventListener('message', (ev) => {
    const m = asLive(parse(ev));
    if (m) on.message(m);
  });
  es.addEventListener('typing', () => on.typing());
  es.addEventListener('end', () => {
    es.close();
    on.end();
  });
  es.addEventListener('owner', (ev) => {
    if ((parse(ev) as { owner?: unknown } | null)?.owner === 'bot') {
      es.close();
      on.end();
    }
  });
  return () => es.close();
}

/** POST /api/chat/typing: the user is typing (the agent sees it). Fire and forget. */
export function postTyping(chatUrl: string, sessionId: string): void {
  void fetch(liveUrl(chatUrl, 'typing'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Jessi-Channel': 'web' },
    body: JSON.stringify({ sessionId }),
    credentials: 'omit',
  }).catch(() => undefined);
}
