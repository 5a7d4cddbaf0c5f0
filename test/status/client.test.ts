import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { createStatusClient, type StatusClientOptions } from '../../src/status/client.ts';
import { closedPort, rejection, startSandbox, TOKEN, type Sandbox } from './harness.ts';

const BUDI = { kpj: '21012345678', birth: '1990-03-15' };
const TICKET = 'ADU-20251014-0042';

let open: Sandbox[] = [];
async function setup(clientOpts: Partial<StatusClientOptions> = {}) {
  const sb = await startSandbox();
  open.push(sb);
  const client = createStatusClient({ baseUrl: sb.url, token: TOKEN, retryBaseMs: 5, retryMaxMs: 20, ...clientOpts });
  return { sb, client, count: (hit: string) => sb.hits.filter((h) => h === hit).length };
}
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

const elapsed = async (call: () => Promise<unknown>) => {
  const t0 = performance.now();
  const e = await rejection(call());
  return { e, ms: performance.now() - t0 };
};

/**
 * Timing is checked on fake timers with a fetch that only ends when it is aborted (or fails at once): no wall
 * clock, so a loaded machine cannot make these tests fail. The real-HTTP tests below check the same outcomes
 * against the sandbox without any upper time bound.
 */
describe('timeouts and backoff, on fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A fetch that never answers: it rejects when its signal aborts. Counts calls. */
  function hangingFetch() {
    const calls: string[] = [];
    const fetch = ((url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    }) as typeof globalThis.fetch;
    return { fetch, calls };
  }

  function settled(p: Promise<unknown>) {
    const s: { done: boolean; error?: any } = { done: false };
    p.then(
      () => (s.done = true),
      (e: unknown) => Object.assign(s, { done: true, error: e }),
    );
    return s;
  }

  it('the default timeout is exactly 2 seconds, and a timed-out GET is not retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const f = hangingFetch();
    const client = createStatusClient({ baseUrl: 'http://status.invalid', token: TOKEN, fetch: f.fetch });
    const call = settled(client.complaint(TICKET));
    await vi.advanceTimersByTimeAsync(1999);
    expect(call.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.done).toBe(true);
    expect(call.error).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toEqual([`GET /v1/complaints/${TICKET}`]); // the budget is spent: no retry
  });

  it('timeoutMs applies to GET and POST alike', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const f = hangingFetch();
    const client = createStatusClient({ baseUrl: 'http://status.invalid', token: TOKEN, fetch: f.fetch, timeoutMs: 150 });
    const get = settled(client.complaint(TICKET));
    const post = settled(client.verify(BUDI.kpj, BUDI.birth));
    await vi.advanceTimersByTimeAsync(149);
    expect([get.done, post.done]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(get.error?.reason).toBe('timeout');
    expect(post.error?.reason).toBe('timeout');
    expect(f.calls).toHaveLength(2);
  });

  it('network failures: a GET is retried within the backoff (2 retries, at most 100 + 200 ms), a POST never', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls: string[] = [];
    const failing = (async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const client = createStatusClient({ baseUrl: 'http://status.invalid', token: TOKEN, fetch: failing });
    const get = settled(client.complaint(TICKET));
    await vi.advanceTimersByTimeAsync(300);
    expect(get.error).toMatchObject({ kind: 'unavailable', reason: 'network' });
    expect(calls).toEqual(Array(3).fill(`GET /v1/complaints/${TICKET}`));
    const post = settled(client.verify(BUDI.kpj, BUDI.birth));
    await vi.advanceTimersByTimeAsync(0);
    expect(post.error).toMatchObject({ kind: 'unavailable', reason: 'network' });
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });
});

describe('timeouts, over real HTTP', () => {
  it('a slow API is "unavailable" (timeout) before it answers, and a timed-out GET is not retried', async () => {
    const { sb, client, count } = await setup({ timeoutMs: 150 });
    sb.faults.delayMs = 1500;
    const { e, ms } = await elapsed(() => client.complaint(TICKET));
    expect(e.kind).toBe('unavailable');
    expect(e.reason).toBe('timeout'); // aborted by the client: the sandbox had not answered yet
    expect(ms).toBeGreaterThanOrEqual(140);
    expect(count(`GET /v1/complaints/${TICKET}`)).toBe(1);
    const post = await elapsed(() => client.verify(BUDI.kpj, BUDI.birth));
    expect(post.e.reason).toBe('timeout');
    expect(count('POST /v1/verify')).toBe(1);
  });
});

describe('retries', () => {
  it('retries a GET after 5xx answers and then succeeds', async () => {
    const { sb, client, count } = await setup({ retries: 2 });
    const { participantToken } = await client.verifyOtp((await client.verify(BUDI.kpj, BUDI.birth)).challengeId, '123456');
    sb.faults.failWith5xx = 2;
    expect((await client.balance(participantToken)).jht.balance).toBe(45_678_900);
    expect(count('GET /v1/me/balance')).toBe(3);
  });

  it('gives up after `retries` extra attempts', async () => {
    const { sb, client, count } = await setup({ retries: 2 });
    sb.faults.failWith5xx = 3;
    const e = await rejection(client.complaint(TICKET));
    expect(e).toMatchObject({ kind: 'unavailable', reason: 'http_5xx', status: 503 });
    expect(count(`GET /v1/complaints/${TICKET}`)).toBe(3);
    await expect(client.complaint(TICKET)).resolves.toMatchObject({ status: 'in_progress' });
  });

  it('never retries a POST (no duplicate complaints or verify attempts)', async () => {
    const { sb, client, count } = await setup({ retries: 2 });
    sb.faults.failWith5xx = 1;
    const e = await rejection(client.createComplaint({ category: 'iuran', description: 'Iuran tidak masuk.', contact: 'a@b.id' }));
    expect(e).toMatchObject({ kind: 'unavailable', reason: 'http_5xx' });
    expect(count('POST /v1/complaints')).toBe(1);
    sb.faults.failWith5xx = 1;
    expect((await rejection(client.verify(BUDI.kpj, BUDI.birth))).kind).toBe('unavailable');
    expect(count('POST /v1/verify')).toBe(1);
    // the one failure was not filed: the next complaint gets the first number of the day
    await expect(client.createComplaint({ category: 'iuran', description: 'Iuran tidak masuk.', contact: 'a@b.id' })).resolves.toMatchObject({ ticket: expect.stringMatching(/^ADU-20261124-\d{4}$/) });
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, fails fast without calling the API, and closes after a good trial', async () => {
    const clock = { t: 0 };
    const { sb, client, count } = await setup({ retries: 0, breaker: { failureThreshold: 3, cooldownMs: 10_000 }, now: () => clock.t });
    const path = `GET /v1/complaints/${TICKET}`;
    sb.faults.failWith5xx = true;
    for (let i = 0; i < 3; i++) expect((await rejection(client.complaint(TICKET))).reason).toBe('http_5xx');
    expect(client.breakerState()).toBe('open');

    sb.faults.failWith5xx = false; // the API is back, but the circuit is still open
    const fast = await elapsed(() => client.complaint(TICKET));
    expect(fast.e).toMatchObject({ kind: 'unavailable', reason: 'breaker_open' }); // failed fast: no request (count below)
    // one breaker per endpoint: complaint lookups failing do not take verification down
    await expect(client.verify(BUDI.kpj, BUDI.birth)).resolves.toMatchObject({ maskedPhone: '0812****7890' });
    expect(count(path)).toBe(3);
    expect(count('POST /v1/verify')).toBe(1);

    clock.t += 10_000;
    expect(client.breakerState()).toBe('half_open');
    await expect(client.complaint(TICKET)).resolves.toMatchObject({ ticket: TICKET });
    expect(client.breakerState()).toBe('closed');
    expect(count(path)).toBe(4);
  });

  it('business errors (unknown tickets, wrong birth dates, wrong codes) never open a breaker', async () => {
    const { client } = await setup({ retries: 0, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    for (let i = 0; i < 6; i++) expect(await client.complaint(`ADU-20240101-${1000 + i}`)).toBeNull();
    for (let i = 0; i < 2; i++) await rejection(client.verify('21011111111', '1990-01-01'));
    const c = await client.verify(BUDI.kpj, BUDI.birth);
    await rejection(client.verifyOtp(c.challengeId, '000000'));
    await rejection(client.verifyOtp(c.challengeId, '000001'));
    expect(client.breakerState()).toBe('closed');
    const { participantToken } = await client.verifyOtp((await client.verify(BUDI.kpj, BUDI.birth)).challengeId, '123456');
    expect((await client.balance(participantToken)).jht.balance).toBe(45_678_900);
  });

  it('a failed trial opens the circuit again for another cool-down', async () => {
    const clock = { t: 0 };
    const { sb, client, count } = await setup({ retries: 0, breaker: { failureThreshold: 2, cooldownMs: 5_000 }, now: () => clock.t });
    sb.faults.failWith5xx = true;
    await rejection(client.complaint(TICKET));
    await rejection(client.complaint(TICKET));
    clock.t += 5_000;
    expect((await rejection(client.complaint(TICKET))).reason).toBe('http_5xx'); // the trial
    expect(client.breakerState()).toBe('open');
    expect((await rejection(client.complaint(TICKET))).reason).toBe('breaker_open');
    expect(count(`GET /v1/complaints/${TICKET}`)).toBe(3);
  });

  it('4xx answers (mismatch, not found) are not failures of the API', async () => {
    const { client } = await setup({ retries: 0, breaker: { failureThreshold: 2 } });
    await rejection(client.verify(BUDI.kpj, '1990-01-01'));
    expect(await client.complaint('ADU-20000101-0001')).toBeNull();
    await rejection(client.verify('21098765432', '1990-01-01'));
    expect(client.breakerState()).toBe('closed');
  });
});

describe('API down', () => {
  it('a closed port is "unavailable" (network, not a timeout), retries included', async () => {
    // How fast is checked on fake timers above; here only that a refused connection is not waited out.
    const port = await closedPort();
    const client = createStatusClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN });
    const get = await elapsed(() => client.complaint(TICKET));
    expect(get.e).toMatchObject({ kind: 'unavailable', reason: 'network' });
    const post = await elapsed(() => client.verify(BUDI.kpj, BUDI.birth));
    expect(post.e).toMatchObject({ kind: 'unavailable', reason: 'network' });
  });
});

describe('privacy', () => {
  it('logs of failing calls carry no identifier, birth date, name, balance or token', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const logger = pino({ level: 'debug' }, sink);
    const { sb, client } = await setup({ retries: 1, logger, breaker: { failureThreshold: 2 } });
    const { participantToken } = await client.verifyOtp((await client.verify(BUDI.kpj, BUDI.birth)).challengeId, '123456');
    await rejection(client.verify(BUDI.kpj, '1990-01-01'));
    sb.faults.failWith5xx = 2;
    await rejection(client.balance(participantToken));
    await rejection(client.balance(participantToken)); // breaker open
    const log = lines.join('');
    expect(log).toMatch(/status api/); // something was logged…
    for (const secret of [BUDI.kpj, BUDI.birth, '1990-01-01', 'Budi', 'B***', '45678900', participantToken, TOKEN]) expect(log).not.toContain(secret);
  });
});
