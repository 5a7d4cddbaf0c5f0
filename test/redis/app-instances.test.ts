import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKey, type ConversationState } from '../../src/core/state.ts';
import { startService, type ChatReply, type Service } from '../helpers/service.ts';
import { RedisServer, shouldRunRedisTests } from './redis-server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RESULT = 'Rp44.172.736'; // 5 juta, 10 tahun, no starting balance (facts sheet §10a vector A)

/** Raw POST /api/chat with its duration, for outage checks where the reply may not be JSON. */
async function post(url: string, body: unknown): Promise<{ status: number; json: any; ms: number }> {
  const t0 = Date.now();
  const r = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  const json = await r.json().catch(() => null);
  return { status: r.status, json, ms: Date.now() - t0 };
}

const readyz = async (url: string) => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) })).status;

describe.runIf(shouldRunRedisTests())('two app instances on one real redis-server', () => {
  let redis: RedisServer;
  let a: Service;
  let b: Service;

  beforeAll(async () => {
    redis = await RedisServer.start();
    const overrides = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 };
    [a, b] = await Promise.all([startService(overrides), startService(overrides)]);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('continues one JHT simulation dialog across instances, turn by turn', async () => {
    const s: { id?: string } = {};
    let r = await a.say(s, 'simulasi jht');
    expect(r.intent?.id).toBe('jht_simulation');
    expect(r.text).toMatch(/gaji|upah/i);
    r = await b.say(s, '5 juta');
    expect(r.text).toMatch(/tahun/i);
    r = await a.say(s, '10 tahun');
    expect(r.text).toContain(RESULT);
    // The finished simulation is remembered in Redis too: a what-if on the other instance recomputes it.
    r = await b.say(s, 'kalau 20 tahun?');
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/20 tahun/);
    expect(r.text).not.toContain(RESULT);
    expect(r.text).toMatch(/Rp\d{2,3}\.\d{3}\.\d{3}/);
  });

  it('serialises concurrent messages of one conversation sent to both instances: no update is lost', async () => {
    // Both slots arrive at once, one per instance. Handled one after the other, the second turn sees the
    // first one's slot and completes the simulation, whichever order they ran in. Without the turn lock both
    // would read "waiting for the wage", each would save only its own slot, and neither reply would have the result.
    const pairs = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const s: { id?: string } = {};
        await (i % 2 ? a : b).say(s, 'simulasi jht');
        const [wage, years] = await Promise.all([a.say({ ...s }, '5 juta'), b.say({ ...s }, '10 tahun')]);
        return { id: s.id!, wage, years };
      }),
    );
    for (const { wage, years } of pairs) {
      expect(wage.status).toBe(200);
      expect(years.status).toBe(200);
      const withResult = [wage, years].filter((r: ChatReply) => r.text.includes(RESULT));
      expect(withResult).toHaveLength(1);
    }
    // Every turn was counted: 3 turns per conversation in the shared state, read by the other instance's store.
    for (const { id } of pairs) {
      const state = await b.jessi.store.get<ConversationState>(sessionKey(id));
      expect(state?.turns).toBe(3);
      expect(state?.dialog).toBeUndefined();
    }

    // One conversation, 20 messages at once over both instances: 20 turns recorded.
    const s: { id?: string } = {};
    await a.say(s, 'halo');
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).say({ ...s }, 'apa itu jht?')));
    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect((await a.jessi.store.get<ConversationState>(sessionKey(s.id!)))?.turns).toBe(21);
  }, 30_000);

  it('gives the conversation state in Redis a TTL of SESSION_TTL_SECONDS, and forgets a dialog once it expires', async () => {
    const s: { id?: string } = {};
    await a.say(s, 'simulasi jht');
    await b.say(s, '5 juta');
    const ttl = await a.jessi.store.ttl(sessionKey(s.id!));
    expect(ttl).toBeGreaterThan(a.jessi.config.SESSION_TTL_SECONDS - 5);
    expect(ttl).toBeLessThanOrEqual(a.jessi.config.SESSION_TTL_SECONDS);

    // A third instance with a 1-second TTL (below the environment's minimum of 60, allowed as an override).
    const short = await startService({ REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, SESSION_TTL_SECONDS: 1 });
    try {
      const t: { id?: string } = {};
      await short.say(t, 'simulasi jht');
      await short.say(t, '5 juta');
      expect(await short.jessi.store.ttl(sessionKey(t.id!))).toBe(1);
      await sleep(1300);
      expect(await a.jessi.store.get(sessionKey(t.id!))).toBeUndefined();
      // The dialog is gone: "10 tahun" no longer completes the simulation.
      const r = await a.say(t, '10 tahun');
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(RESULT);
    } finally {
      await short.close();
    }
  }, 30_000);

  it('answers 503 at once while Redis is stopped and resumes by itself when it is back on the same port', async () => {
    const s: { id?: string } = {};
    await a.say(s, 'simulasi jht');
    await b.say(s, '5 juta');
    expect(await readyz(a.url)).toBe(200);

    await redis.stop('SIGKILL');
    const down = Date.now();
    // /readyz turns 503 within about a second on both instances.
    for (const svc of [a, b]) {
      let status = 0;
      while (Date.now() - down < 1500 && (status = await readyz(svc.url)) !== 503) await sleep(50);
      expect(status).toBe(503);
    }
    expect(Date.now() - down).toBeLessThan(1500);
    // Chat: a clear, fast 503 with Retry-After, never a 500 and never a hang, new or ongoing conversation.
    for (const [svc, body] of [[a, { text: 'halo' }], [b, { sessionId: s.id, text: '10 tahun' }], [a, { payload: 'menu' }]] as const) {
      for (let k = 0; k < 3; k++) {
        const r = await post(svc.url, body);
        expect(r.status).toBe(503);
        expect(r.ms).toBeLessThan(1500);
        expect(typeof r.json?.error?.code).toBe('string');
        expect(r.json.error.message).toMatch(/unavailable|try again/i);
      }
    }
    // Bad input is still the client's error while Redis is down.
    expect((await post(a.url, { text: 42 })).status).toBe(400);
    // Both processes stay alive.
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);

    await sleep(1000); // let the clients back off as in a real outage
    await redis.start();
    const back = Date.now();
    let firstOk = -1;
    while (Date.now() - back < 5000) {
      const r = await post(b.url, { sessionId: s.id, text: '10 tahun' });
      expect(r.status === 200 || r.status === 503).toBe(true);
      if (r.status === 200) {
        firstOk = Date.now() - back;
        // Redis was restarted empty (no persistence): the dialog is gone, but the conversation goes on.
        expect(r.json.messages.length).toBeGreaterThan(0);
        break;
      }
      await sleep(50);
    }
    expect(firstOk).toBeGreaterThanOrEqual(0);
    expect(firstOk).toBeLessThan(2000);
    // Both instances are fully back, ready and chatting, with no restart.
    for (const svc of [a, b]) {
      let status = 0;
      while (Date.now() - back < 2000 && (status = await readyz(svc.url)) !== 200) await sleep(50);
      expect(status).toBe(200);
    }
    const t: { id?: string } = {};
    expect((await a.say(t, 'simulasi jht')).status).toBe(200);
    expect((await b.say(t, '5 juta')).text).toMatch(/tahun/i);
    expect((await a.say(t, '10 tahun')).text).toContain(RESULT);
  }, 30_000);
});
