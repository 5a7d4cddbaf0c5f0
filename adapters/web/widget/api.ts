import type { Button } from './storage.ts';
import { SESSION_ID } from './storage.ts';

export interface ChatRequest {
  text?: string;
  payload?: string;
  sessionId?: string;
  locale?: 'id' | 'en';
}

export interface ChatReply {
  sessionId: string;
  /** `private`: personal data (balance, claims); shown on screen, never stored in the browser. */
  messages: { text: string; buttons?: Button[]; private?: boolean }[];
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
      private: (m as { private?: unknown }).private === true || undefined,
    }));
  return messages.length ? { sessionId: r.sessionId, messages } : null;
}

async function errorMessage(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    return typeof body?.error?.message === 'string' ? body.error.message.slice(0, 500) : undefined;
  } catch {
    return undefined;
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
