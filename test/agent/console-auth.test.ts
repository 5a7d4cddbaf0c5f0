/**
 * The console's doors: nothing without signing in, wrong passwords limited, CSRF and cross-site requests
 * refused, cookies HttpOnly/SameSite, supervisors only for insights; and the desk's moves through the console
 * API: queue position, transfer to another agent, agent text validated like user input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';
import { OPEN, PASSWORDS, agentAccounts, runningFrom } from './browser.ts';

interface Agent {
  cookie: string;
  csrf: string;
}

describe('agent console: sign-in, CSRF, limits, transfer', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ AGENT_ACCOUNTS: await agentAccounts(), RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, AGENT_LOGIN_ATTEMPTS: 3 }, { now: runningFrom(OPEN) });
  }, 60_000);
  afterAll(() => svc?.close());

  const api = (path: string, init: RequestInit & { agent?: Agent; csrf?: string } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
    if (init.agent) headers.cookie = init.agent.cookie;
    if (init.agent && init.method === 'POST') headers['x-csrf-token'] = init.csrf ?? init.agent.csrf;
    return fetch(`${svc.url}/agent/api/${path}`, { ...init, headers });
  };
  async function signIn(id: keyof typeof PASSWORDS): Promise<Agent> {
    const r = await api('login', { method: 'POST', body: JSON.stringify({ id, password: PASSWORDS[id] }) });
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie')!;
    return { cookie: cookie.split(';')[0], csrf: ((await r.json()) as { csrf: string }).csrf };
  }

  it('nothing is served to someone not signed in', async () => {
    for (const path of ['queue', 'me', 'agents', 'events', 'insights', 'conversations/abc/transcript']) expect((await api(path)).status, path).toBe(401);
    expect((await api('conversations/abc/reply', { method: 'POST', body: '{"text":"x"}' })).status).toBe(401);
    // A made-up cookie is no session.
    expect((await api('queue', { headers: { cookie: 'jessi_agent=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(401);
  });

  it('the session cookie is HttpOnly, SameSite=Strict and scoped to /agent; signing out ends it', async () => {
    const r = await api('login', { method: 'POST', body: JSON.stringify({ id: 'budi', password: PASSWORDS.budi }) });
    const c = r.headers.get('set-cookie')!;
    expect(c).toMatch(/HttpOnly/);
    expect(c).toMatch(/SameSite=Strict/);
    expect(c).toMatch(/Path=\/agent/);
    expect(JSON.stringify(await r.json())).not.toMatch(/argon2|hash/);
    const agent = { cookie: c.split(';')[0], csrf: '' };
    const me = (await (await api('me', { agent })).json()) as { csrf: string; name: string };
    expect(me.name).toBe('Budi');
    agent.csrf = me.csrf;
    expect((await api('logout', { method: 'POST', agent })).status).toBe(200);
    expect((await api('queue', { agent })).status).toBe(401);
  });

  it('wrong passwords are limited per account, and then even the right one waits', async () => {
    const wrong = () => api('login', { method: 'POST', body: JSON.stringify({ id: 'sari', password: 'tebak-tebak' }) });
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
    const locked = await wrong();
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await api('login', { method: 'POST', body: JSON.stringify({ id: 'sari', password: PASSWORDS.sari }) });
    expect(right.status).toBe(429);
    // An unknown id is answered like a wrong password (no account enumeration).
    const unknown = await api('login', { method: 'POST', body: JSON.stringify({ id: 'siapa', password: 'x' }) });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('Wrong id or password.');
  });

  it('a POST without the CSRF token, with a wrong one, or from another site is refused', async () => {
    const budi = await signIn('budi');
    const body = JSON.stringify({ ticket: 'ADU-0000' });
    expect((await api('urgent', { method: 'POST', agent: budi, csrf: '' , body })).status).toBe(403);
    expect((await api('urgent', { method: 'POST', agent: budi, csrf: 'x'.repeat(32), body })).status).toBe(403);
    expect((await api('urgent', { method: 'POST', agent: budi, body, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await api('urgent', { method: 'POST', agent: budi, body, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    // Login from another site is refused too (login CSRF).
    expect((await api('login', { method: 'POST', body: JSON.stringify({ id: 'budi', password: PASSWORDS.budi }), headers: { origin: 'https://evil.example' } })).status).toBe(403);
    // With the token: through (an unknown ticket).
    expect((await api('urgent', { method: 'POST', agent: budi, body })).status).toBe(404);
  });

  it('insights are for supervisors only', async () => {
    const budi = await signIn('budi');
    expect((await api('insights', { agent: budi })).status).toBe(403);
    const rina = await signIn('rina');
    const r = await api('insights?hours=3', { agent: rina });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { hours: unknown[] }).hours).toHaveLength(3);
    expect((await api('insights/training', { method: 'POST', agent: rina, body: JSON.stringify({ text: 'x', intent: 'not_an_intent' }) })).status).toBe(400);
  });

  it('queue positions, transfer to another agent, and agent text validated', async () => {
    const a = {};
    const b = {};
    await svc.jessi.handoff!.presence('budi'); // Budi has the console open
    expect((await svc.say(a, 'mau bicara dengan petugas')).text).toMatch(/Posisi antrean Anda: \*1\*/);
    expect((await svc.say(b, 'sambungkan ke cs dong')).text).toMatch(/Posisi antrean Anda: \*2\*/);
    const budi = await signIn('budi');
    const queue = (await (await api('queue', { agent: budi })).json()) as { items: { conversationId: string; position?: number; owner: string }[] };
    const first = queue.items.find((i) => i.position === 1)!;
    expect(queue.items.find((i) => i.position === 2)).toBeDefined();
    const id = encodeURIComponent(first.conversationId);
    expect((await api(`conversations/${id}/pickup`, { method: 'POST', agent: budi })).status).toBe(200);
    // The second in line moves up.
    expect((await svc.say(b, 'halo?')).text).toMatch(/Posisi antrean: 1/);
    // Another agent cannot take or answer it.
    const rina = await signIn('rina');
    expect((await api(`conversations/${id}/pickup`, { method: 'POST', agent: rina })).status).toBe(409);
    expect((await api(`conversations/${id}/reply`, { method: 'POST', agent: rina, body: '{"text":"hai"}' })).status).toBe(409);
    // Control characters and empty or overlong text are refused like user input.
    for (const text of ['', '   ', 'a\u0000b', 'x'.repeat(2001), 'belok\u202ekiri']) expect((await api(`conversations/${id}/reply`, { method: 'POST', agent: budi, body: JSON.stringify({ text }) })).status).toBe(400);
    expect((await api(`conversations/${id}/transfer`, { method: 'POST', agent: budi, body: '{"to":"nobody"}' })).status).toBe(400);
    expect((await api(`conversations/${id}/transfer`, { method: 'POST', agent: budi, body: '{"to":"rina"}' })).status).toBe(200);
    // Now Rina has it: Budi cannot answer any more, Rina can; the user hears about the transfer on the stream.
    expect((await api(`conversations/${id}/reply`, { method: 'POST', agent: budi, body: '{"text":"masih saya"}' })).status).toBe(409);
    expect((await api(`conversations/${id}/reply`, { method: 'POST', agent: rina, body: '{"text":"Halo, saya Rina."}' })).status).toBe(200);
    const sessionId = (a as { id: string }).id;
    const ev = (await (await fetch(`${svc.url}/api/chat/events?sessionId=${sessionId}`)).json()) as { owner: string; messages: { from: string; text: string }[] };
    expect(ev.owner).toBe('agent');
    expect(ev.messages.map((m) => m.text)).toEqual(expect.arrayContaining([expect.stringMatching(/dialihkan ke petugas Rina/), 'Halo, saya Rina.']));
    expect((await svc.say(a, 'terima kasih')).text).toMatch(/Terkirim ke petugas/);
  });
});
