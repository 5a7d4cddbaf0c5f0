/**
 * Console sign-in: a random session token in an `HttpOnly`, `SameSite=Strict` cookie scoped to /agent (and
 * `Secure` behind https), its hash as the store key (a leaked store does not leak sessions), and a per-session
 * CSRF token that every state-changing request must send back in `X-CSRF-Token`, with the Origin checked too.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Store } from '../../src/store/types.ts';
import type { AgentView } from './accounts.ts';

export const COOKIE = 'jessi_agent';
const key = (token: string) => `agent-session:${createHash('sha256').update(token).digest('hex')}`;

export interface AgentSession extends AgentView {
  csrf: string;
}

export function readCookie(req: Request, name = COOKIE): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function createSessions(store: Store, ttlSeconds: number) {
  return {
    async start(res: Response, req: Request, agent: AgentView): Promise<AgentSession> {
      const token = randomBytes(32).toString('base64url');
      const session: AgentSession = { ...agent, csrf: randomBytes(24).toString('base64url') };
      await store.set(key(token), session, ttlSeconds);
      const secure = req.secure ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; Path=/agent; HttpOnly; SameSite=Strict; Max-Age=${ttlSeconds}${secure}`);
      return session;
    },
    async get(req: Request): Promise<AgentSession | undefined> {
      const token = readCookie(req);
      if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
      return store.get<AgentSession>(key(token));
    },
    async end(req: Request, res: Response): Promise<void> {
      const token = readCookie(req);
      if (token) await store.delete(key(token));
      res.setHeader('Set-Cookie', `${COOKIE}=; Path=/agent; HttpOnly; SameSite=Strict; Max-Age=0`);
    },
  };
}

/** The request comes from the console's own pages: same Origin (when the browser sends one) and not cross-site. */
export function sameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

export function csrfOk(req: Request, session: AgentSession): boolean {
  const sent = req.get('x-csrf-token') ?? '';
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b) && sameOrigin(req);
}
