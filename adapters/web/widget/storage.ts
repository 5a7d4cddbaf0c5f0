import type { WidgetConfig } from './config.ts';
import { safeLinkHref } from './format.ts';

export interface Button {
  title: string;
  payload: string;
}

/** A link under a bot message (only https: and tel: survive; see format.ts safeLinkHref). */
export interface Link {
  title: string;
  url: string;
}

/** One rendered bubble, as kept across page reloads. */
export interface Entry {
  /** `agent`: a person of the live chat wrote it (`agentName`). */
  from: 'user' | 'bot' | 'agent';
  agentName?: string;
  text: string;
  ts: number;
  buttons?: Button[];
  links?: Link[];
  /** The intent the server routed this answer to (for 👍/👎; an id, never personal). */
  intent?: string;
  /** 👍 (true) / 👎 (false) already given. */
  vote?: boolean;
  /** A notice from the widget itself (e.g. rate limited), shown as a bot bubble. */
  notice?: boolean;
  /** Personal data (or what the user typed to get it): shown on this page view, stored only as a placeholder. */
  private?: boolean;
}

export interface Saved {
  sessionId?: string;
  entries: Entry[];
  open?: boolean;
  seen?: boolean;
  /** The language picked with the header switch (overrides data-lang and the page's language). */
  lang?: 'id' | 'en';
  /** With a person (live chat): the transcript cursor of the last agent message shown (a number, nothing personal). */
  live?: { after: number };
}

const MAX_ENTRIES = 80;
/** A conversation left alone this long is forgotten (replies may hold personal data; shared computers). */
export const IDLE_MS = 10 * 60 * 1000;
export const SESSION_ID = /^[A-Za-z0-9_-]{8,128}$/;

const str = (v: unknown): v is string => typeof v === 'string';

export function cleanLinks(v: unknown): Link[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v
    .filter((l): l is Link => !!l && str(l.title) && str(l.url) && safeLinkHref(l.url) !== null)
    .map((l) => ({ title: l.title.slice(0, 80), url: l.url }));
  return out.length ? out.slice(0, 6) : undefined;
}

function cleanButtons(v: unknown): Button[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.filter((b): b is Button => !!b && str(b.title) && str(b.payload)).map((b) => ({ title: b.title, payload: b.payload }));
  return out.length ? out.slice(0, 12) : undefined;
}

/** Only well-formed entries survive a round trip through storage (it may be edited or stale). */
function cleanEntry(v: unknown): Entry | null {
  const e = v as Partial<Entry> | null;
  if (!e || (e.from !== 'user' && e.from !== 'bot' && e.from !== 'agent') || !str(e.text)) return null;
  return {
    from: e.from,
    agentName: e.from === 'agent' && str(e.agentName) ? e.agentName.slice(0, 60) : undefined,
    text: e.text,
    ts: typeof e.ts === 'number' ? e.ts : Date.now(),
    buttons: cleanButtons(e.buttons),
    links: cleanLinks(e.links),
    intent: str(e.intent) && /^[a-z][a-z0-9_]{0,63}$/.test(e.intent) ? e.intent : undefined,
    vote: typeof e.vote === 'boolean' ? e.vote : undefined,
    notice: e.notice === true || undefined,
  };
}

/** localStorage can be missing or throw (privacy modes, sandboxed frames): the widget then just forgets. */
export function load(cfg: WidgetConfig): Saved {
  try {
    const raw = JSON.parse(localStorage.getItem(cfg.storageKey) || 'null') as Partial<Saved> | null;
    if (!raw || typeof raw !== 'object') return { entries: [] };
    const at = (raw as { at?: unknown }).at;
    const lang = raw.lang === 'id' || raw.lang === 'en' ? raw.lang : undefined;
    if (typeof at !== 'number' || Date.now() - at > IDLE_MS) return { entries: [], seen: raw.seen === true, lang };
    const entries = Array.isArray(raw.entries) ? raw.entries.map(cleanEntry).filter((e): e is Entry => e !== null) : [];
    return {
      sessionId: str(raw.sessionId) && SESSION_ID.test(raw.sessionId) ? raw.sessionId : undefined,
      entries,
      open: raw.open === true,
      seen: raw.seen === true,
      lang: raw.lang === 'id' || raw.lang === 'en' ? raw.lang : undefined,
      live: raw.live && typeof raw.live.after === 'number' && Number.isInteger(raw.live.after) && raw.live.after >= 0 ? { after: raw.live.after } : undefined,
    };
  } catch {
    return { entries: [] };
  }
}

/** Written in place of a private bubble's text; its buttons are dropped too. */
export const PRIVATE_PLACEHOLDER = { id: '[data pribadi disembunyikan]', en: '[personal data hidden]' } as const;

/** Forget the conversation (logout): the id and the history; only `seen` (the launcher's compact look) stays. */
export function clear(cfg: WidgetConfig, seen?: boolean): void {
  try {
    if (seen) localStorage.setItem(cfg.storageKey, JSON.stringify({ entries: [], seen: true, at: Date.now() }));
    else localStorage.removeItem(cfg.storageKey);
  } catch {
    /* unavailable */
  }
}

export function save(cfg: WidgetConfig, s: Saved, placeholder: string = PRIVATE_PLACEHOLDER.id): void {
  try {
    const entries = s.entries.slice(-MAX_ENTRIES).map((e) => (e.private ? { from: e.from, text: placeholder, ts: e.ts, agentName: e.agentName } : e));
    localStorage.setItem(cfg.storageKey, JSON.stringify({ ...s, entries, at: Date.now() }));
  } catch {
    /* storage full or unavailable */
  }
}
