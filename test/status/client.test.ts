import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('timeouts', () => {
  it('a slow API is "unavailable" after the timeout, not after the answer', async () => {
    const { sb, client, count } = await setup({ timeoutMs: 150 });
    sb.faults.delayMs = 1500;
    const { e, ms } = await elapsed(() => client.complaint(TICKET));
    expect(e.kind).toBe('unavailable');
    expect(e.reason).toBe('timeout');
    expect(ms).toBeGreaterThanOrEqual(140);
    expect(ms).toBeLessThan(600); // a timed-out GET is not retried: the budget is spent
    expect(count(`GET /v1/complaints/${TICKET}`)).toBe(1);
    const post = await elapsed(() => client.verify(BUDI.kpj, BUDI.birth));
    expect(post.e.reason).toBe('timeout');
    expect(post.ms).toBeLessThan(600);
  });

  it('the default timeout is 2 seconds', async () => {
    const { sb, client } = await setup();
    sb.faults.delayMs = 3000;
    const { e, ms } = await elapsed(() => client.complaint(TICKET));
    expect(e.reason).toBe('timeout');
    expect(ms).toBeGreaterThanOrEqual(1950);
    expect(ms).toBeLessThan(2600);
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
    expect(fast.e).toMatchObject({ kind: 'unavailable', reason: 'breaker_open' });
    expect(fast.ms).toBeLessThan(50);
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
  it('a closed port is "unavailable" quickly, retries included', async () => {
    const port = await closedPort();
    const client = createStatusClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN });
    const get = await elapsed(() => client.complaint(TICKET));
    expect(get.e).toMatchObject({ kind: 'unavailable', reason: 'network' });
    expect(get.ms).toBeLessThan(1000);
    const post = await elapsed(() => client.verify(BUDI.kpj, BUDI.birth));
    expect(post.e).toMatchObject({ kind: 'unavailable', reason: 'network' });
    expect(post.ms).toBeLessThan(500);
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
