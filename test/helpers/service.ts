import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { createApp, type JessiApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Logger } from 'pino';

export interface ChatReply {
  status: number;
  sessionId?: string;
  text: string;
  buttons: { title: string; payload: string }[];
  intent?: { id: string; confidence: number };
  body: any;
  headers: Headers;
}

export interface Service {
  url: string;
  jessi: JessiApp;
  /** POST /api/chat; keeps the session id in `session`. */
  say(session: { id?: string }, text: string | { payload: string }, extra?: Record<string, unknown>): Promise<ChatReply>;
  close(): Promise<void>;
}

/** The real service (express app, bot, sandbox status API) on a free loopback port. */
export async function startService(overrides: Partial<Config> = {}, opts: { logger?: Logger; now?: () => number } = {}): Promise<Service> {
  const jessi = await createApp({ PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...overrides }, opts);
  await jessi.ready;
  const server = http.createServer(jessi.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    jessi,
    async say(session, input, extra = {}) {
      const body: Record<string, unknown> = typeof input === 'string' ? { text: input } : { payload: input.payload };
      if (session.id) body.sessionId = session.id;
      Object.assign(body, extra);
      const r = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const j: any = await r.json().catch(() => ({}));
      if (j.sessionId) session.id = j.sessionId;
      const messages: { text: string; buttons?: { title: string; payload: string }[] }[] = j.messages ?? [];
      return {
        status: r.status,
        sessionId: j.sessionId,
        text: messages.map((m) => m.text).join('\n'),
        buttons: messages.flatMap((m) => m.buttons ?? []),
        intent: j.intent,
        body: j,
        headers: r.headers,
      };
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await jessi.close();
    },
  };
}
