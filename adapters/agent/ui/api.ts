/** The console pages' calls to /agent/api: JSON, the session cookie, and the CSRF token on every POST. */
let csrf = '';

export interface Me {
  id: string;
  name: string;
  role: 'agent' | 'supervisor';
  csrf: string;
}

export type Result<T> = { ok: true; status: number; body: T } | { ok: false; status: number; message: string };

export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<T>> {
  try {
    const res = await fetch(`/agent/api/${path}`, {
      method,
      headers: method === 'POST' ? { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } : {},
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
      credentials: 'same-origin',
    });
    const json = res.status === 204 ? {} : await res.json().catch(() => ({}));
    if (!res.ok) return { ok: false, status: res.status, message: String((json as { error?: { message?: unknown } }).error?.message ?? res.statusText) };
    return { ok: true, status: res.status, body: json as T };
  } catch {
    return { ok: false, status: 0, message: 'Koneksi terputus.' };
  }
}

/** Who is signed in (and the CSRF token for what follows); undefined when signed out. */
export async function me(): Promise<Me | undefined> {
  const r = await call<Me>('GET', 'me');
  if (!r.ok) return undefined;
  csrf = r.body.csrf;
  return r.body;
}

export async function login(id: string, password: string): Promise<Result<Me>> {
  const r = await call<Me>('POST', 'login', { id, password });
  if (r.ok) csrf = r.body.csrf;
  return r;
}

/** An element with text children only (never markup). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
