import { afterEach, describe, expect, it } from 'vitest';
import { createStatusClient, StatusApiError } from '../../src/status/client.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { rejection, startSandbox, T0, TOKEN, type Sandbox } from './harness.ts';

const MIN = 60_000;
const BUDI = { kpj: '21012345678', nik: '3174011503900001', birth: '1990-03-15' };
const SITI = { kpj: '21098765432', nik: '3273024708850002', birth: '1985-08-07' };

/** Both factors: identifier + birth date, then the sandbox's one-time code. */
async function login(client: ReturnType<typeof createStatusClient>, identifier: string, birth: string) {
  const c = await client.verify(identifier, birth);
  return client.verifyOtp(c.challengeId, '123456');
}

let open: Sandbox[] = [];
async function sandbox(opts: Parameters<typeof startSandbox>[0] = {}) {
  const sb = await startSandbox(opts);
  open.push(sb);
  return { sb, client: createStatusClient({ baseUrl: sb.url, token: TOKEN }) };
}
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

describe('verification', () => {
  it('verifies Budi by KPJ: masked name, random token, expiry 15 minutes later', async () => {
    const { client } = await sandbox();
    const c = await client.verify(BUDI.kpj, BUDI.birth);
    // the first factor gives no token and nothing personal: a challenge and the masked registered phone
    expect(Object.keys(c).sort()).toEqual(['challengeId', 'expiresAt', 'maskedPhone']);
    expect(c.maskedPhone).toBe('0812****7890');
    expect(c.expiresAt).toBe(new Date(T0 + 5 * MIN).toISOString());
    expect((await rejection(client.verifyOtp(c.challengeId, '000000'))).kind).toBe('wrong_code');
    const v = await client.verifyOtp(c.challengeId, '123456');
    expect(v.displayName).toBe('B*** S*****');
    expect(v.expiresAt).toBe(new Date(T0 + 15 * MIN).toISOString());
    expect(v.participantToken.length).toBeGreaterThanOrEqual(32);
    for (const personal of [BUDI.kpj, BUDI.nik, '19900315', 'Budi', 'Santoso']) expect(v.participantToken).not.toContain(personal);
    const again = await login(client, BUDI.kpj, BUDI.birth);
    expect(again.participantToken).not.toBe(v.participantToken);
  });

  it('verifies Siti by NIK, when the router is mounted under /sandbox', async () => {
    const { sb, client } = await sandbox({ mountPath: '/sandbox' });
    expect(sb.url).toMatch(/\/sandbox$/);
    const v = await login(client, SITI.nik, SITI.birth);
    expect(v.displayName).toBe('S*** R*****');
    const b = await client.balance(v.participantToken);
    expect(b.jht).toEqual({ scheme: 'sharia', balance: 128_450_000 });
  });

  it('a wrong birth date or an unknown identifier is a mismatch', async () => {
    const { client } = await sandbox();
    expect((await rejection(client.verify(BUDI.kpj, '1990-05-13'))).kind).toBe('mismatch');
    expect((await rejection(client.verify('21011111111', BUDI.birth))).kind).toBe('mismatch');
    // the birth date of someone else does not open Budi's account
    expect((await rejection(client.verify(BUDI.nik, SITI.birth))).kind).toBe('mismatch');
  });

  it('locks the birth-date step per person after 3 failures; the right date still sends the code to the owner', async () => {
    const { sb, client } = await sandbox();
    for (const d of ['1990-01-01', '1990-01-02', '1990-01-03']) {
      expect((await rejection(client.verify(SITI.kpj, d))).kind).toBe('mismatch');
      sb.clock.t += MIN;
    }
    // 3 minutes after the first failure: locked for 12 more minutes, by KPJ and by NIK (one person)
    const locked = await rejection(client.verify(SITI.kpj, '1990-01-04'));
    expect(locked).toBeInstanceOf(StatusApiError);
    expect(locked.kind).toBe('locked');
    expect(locked.status).toBe(423);
    expect(locked.retryAfterMinutes).toBe(12);
    expect((await rejection(client.verify(SITI.nik, '1990-01-05'))).kind).toBe('locked');
    // the owner's path stays open: the right date sends a code to her own phone, and the code works
    await expect(login(client, SITI.kpj, SITI.birth)).resolves.toMatchObject({ displayName: 'S*** R*****' });
    // other people are not locked
    await expect(login(client, BUDI.kpj, BUDI.birth)).resolves.toMatchObject({ displayName: 'B*** S*****' });
  });

  it('3 wrong codes end the challenge; an expired code is 410; codes per person are limited', async () => {
    const { sb, client } = await sandbox();
    const c = await client.verify(BUDI.kpj, BUDI.birth);
    for (let k = 0; k < 2; k++) expect((await rejection(client.verifyOtp(c.challengeId, '000000'))).kind).toBe('wrong_code');
    expect((await rejection(client.verifyOtp(c.challengeId, '000000'))).kind).toBe('challenge_ended');
    expect((await rejection(client.verifyOtp(c.challengeId, '123456'))).kind).toBe('challenge_ended');
    sb.clock.t += 16 * MIN;
    const d = await client.verify(BUDI.kpj, BUDI.birth);
    sb.clock.t += 5 * MIN + 1000;
    expect((await rejection(client.verifyOtp(d.challengeId, '123456'))).kind).toBe('code_expired');
    for (let k = 0; k < 4; k++) await client.verify(BUDI.nik, BUDI.birth);
    expect((await rejection(client.verify(BUDI.kpj, BUDI.birth))).kind).toBe('locked');
  });

  it('failures spread over more than 15 minutes do not lock, and a success resets the count', async () => {
    const { sb, client } = await sandbox();
    await rejection(client.verify(BUDI.kpj, '1990-01-01'));
    await rejection(client.verify(BUDI.kpj, '1990-01-02'));
    sb.clock.t += 16 * MIN;
    await rejection(client.verify(BUDI.kpj, '1990-01-03'));
    await rejection(client.verify(BUDI.kpj, '1990-01-04'));
    await client.verify(BUDI.kpj, BUDI.birth);
    await rejection(client.verify(BUDI.kpj, '1990-01-05'));
    await rejection(client.verify(BUDI.kpj, '1990-01-06'));
    await expect(client.verify(BUDI.kpj, BUDI.birth)).resolves.toBeDefined();
  });

  it('parallel wrong guesses cannot get past the limit', async () => {
    const { client } = await sandbox();
    const days = Array.from({ length: 20 }, (_, i) => `1991-01-${String(i + 1).padStart(2, '0')}`);
    const results = await Promise.all(days.map((d) => rejection(client.verify(BUDI.kpj, d))));
    expect(results.filter((e) => e.kind === 'mismatch')).toHaveLength(3);
    expect(results.filter((e) => e.kind === 'locked')).toHaveLength(17);
  });

  it('the participant token expires after 15 minutes', async () => {
    const { sb, client } = await sandbox();
    const { participantToken } = await login(client, BUDI.kpj, BUDI.birth);
    sb.clock.t += 14 * MIN;
    await expect(client.balance(participantToken)).resolves.toBeDefined();
    sb.clock.t += MIN;
    expect((await rejection(client.balance(participantToken))).kind).toBe('expired');
    expect((await rejection(client.claims(participantToken))).kind).toBe('expired');
    expect((await rejection(client.claims('made-up-token-made-up-token'))).kind).toBe('expired');
  });

  it('the token lifetime is configurable', async () => {
    const { sb, client } = await sandbox({ tokenTtlSeconds: 60 });
    const v = await login(client, BUDI.kpj, BUDI.birth);
    expect(v.expiresAt).toBe(new Date(T0 + MIN).toISOString());
    sb.clock.t += MIN;
    expect((await rejection(client.balance(v.participantToken))).kind).toBe('expired');
  });
});

describe('balance and claims', () => {
  it("shows Budi's conventional balance as of 2026-10-31 and his claim in verification", async () => {
    const { client } = await sandbox();
    const { participantToken } = await login(client, BUDI.nik, BUDI.birth);
    expect(await client.balance(participantToken)).toEqual({ asOf: '2026-10-31', jht: { scheme: 'conventional', balance: 45_678_900 } });
    const claims = await client.claims(participantToken);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ claimId: 'KLM-2026-000871', program: 'JHT', status: 'verifying' });
  });

  it('Siti has no claims', async () => {
    const { client } = await sandbox();
    const { participantToken } = await login(client, SITI.kpj, SITI.birth);
    expect(await client.claims(participantToken)).toEqual([]);
  });
});

describe('complaints', () => {
  it('knows the two demo tickets', async () => {
    const { client } = await sandbox();
    const a = await client.complaint('ADU-20251014-0042');
    expect(a).toMatchObject({ ticket: 'ADU-20251014-0042', category: 'klaim JHT', status: 'in_progress' });
    expect(a!.lastUpdate.length).toBeGreaterThan(10);
    expect(Date.parse(a!.updatedAt)).toBeGreaterThan(Date.parse(a!.createdAt));
    const b = await client.complaint('adu-20250930-0007');
    expect(b).toMatchObject({ ticket: 'ADU-20250930-0007', category: 'iuran', status: 'resolved' });
  });

  it('an unknown or malformed ticket is null', async () => {
    const { client } = await sandbox();
    expect(await client.complaint('ADU-20240229-0913')).toBeNull();
    expect(await client.complaint('ADU-2024-0913')).toBeNull();
    expect(await client.complaint('../me/balance')).toBeNull();
  });

  it('a new complaint gets a ticket of the day (Jakarta time) and is trackable at once', async () => {
    const { sb, client } = await sandbox();
    sb.clock.t = Date.parse('2026-11-24T18:30:00Z'); // already 25 November in Jakarta
    const { ticket } = await client.createComplaint({ category: 'iuran', description: 'Iuran bulan Juli tidak masuk.', contact: '081324681357' });
    expect(ticket).toMatch(/^ADU-20261125-\d{4}$/);
    const c = await client.complaint(ticket);
    expect(c).toMatchObject({ ticket, category: 'iuran', status: 'open', createdAt: '2026-11-25T01:30:00+07:00' });
    expect(JSON.stringify(c)).not.toContain('081324681357');
    const next = await client.createComplaint({ category: 'lainnya', description: 'Pertanyaan lain.', contact: 'a@b.co' });
    expect(next.ticket).toMatch(/^ADU-20261125-\d{4}$/);
    expect(next.ticket).not.toBe(ticket);
  });

  it('ticket numbers do not count the day\'s complaints: 20 in a row are not consecutive', async () => {
    const { client } = await sandbox();
    const nums: number[] = [];
    for (let i = 0; i < 20; i++) nums.push(Number((await client.createComplaint({ category: 'iuran', description: `x ${i}`, contact: 'a@b.co' })).ticket.slice(-4)));
    expect(new Set(nums).size).toBe(20);
    expect(nums.filter((n, i) => i > 0 && n === nums[i - 1]! + 1).length).toBeLessThan(3);
  });

  it('the same Idempotency-Key files one complaint, however often it is sent', async () => {
    const { client } = await sandbox();
    const req = { category: 'iuran', description: 'Iuran tidak masuk.', contact: 'a@b.co' };
    const a = await client.createComplaint(req, 'conv-123:1764650000000');
    const b = await client.createComplaint(req, 'conv-123:1764650000000');
    const c = await client.createComplaint(req, 'conv-123:1764650099999');
    expect(b.ticket).toBe(a.ticket);
    expect(c.ticket).not.toBe(a.ticket);
  });

  it('two sandbox instances sharing one store hand out 50 unique tickets for 50 parallel complaints', async () => {
    const store = new MemoryStore();
    const one = await sandbox({ store });
    const two = await sandbox({ store });
    const tickets = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? one : two).client.createComplaint({ category: 'pelayanan', description: `Antrian lama nomor ${i}`, contact: 'x@y.id' }),
      ),
    );
    const ids = tickets.map((t) => t.ticket);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^ADU-20261124-\d{4}$/);
    // each is trackable on the other instance
    const found = await Promise.all(ids.map((id, i) => (i % 2 ? two : one).client.complaint(id)));
    expect(found.every((c) => c?.status === 'open')).toBe(true);
  });
});

describe('HTTP edge', () => {
  it('requires the bearer token on every call', async () => {
    const { sb } = await sandbox();
    for (const [method, path] of [['GET', '/v1/complaints/ADU-20251014-0042'], ['POST', '/v1/verify'], ['GET', '/v1/me/balance']]) {
      const r = await fetch(sb.url + path, { method, headers: { authorization: 'Bearer wrong' } });
      expect(r.status).toBe(401);
      expect((await r.json()).error.code).toBe('unauthorized');
      expect((await fetch(sb.url + path, { method })).status).toBe(401);
    }
    const wrong = createStatusClient({ baseUrl: sb.url, token: 'wrong', retries: 0 });
    const e = await rejection(wrong.verify(BUDI.kpj, BUDI.birth));
    expect(e.kind).toBe('unavailable'); // a rejected service token is not the participant's mismatch
    expect(e.reason).toBe('auth');
  });

  it('answers 400 {error:{code,message}} to invalid bodies', async () => {
    const { sb } = await sandbox();
    const post = (path: string, body: string) =>
      fetch(sb.url + path, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
    for (const [path, body] of [
      ['/v1/verify', '{"identifier":"2101234567","birthDate":"1990-03-15"}'],
      ['/v1/verify', '{"identifier":"21012345678","birthDate":"15-03-1990"}'],
      ['/v1/verify', '{"identifier":"21012345678","birthDate":"1990-02-30"}'],
      ['/v1/verify', '{not json'],
      ['/v1/complaints', '{"category":"iuran","description":"","contact":"x@y.id"}'],
      ['/v1/complaints', '[]'],
    ]) {
      const r = await post(path, body);
      expect(r.status, `${path} ${body}`).toBe(400);
      const j = await r.json();
      expect(typeof j.error.code).toBe('string');
      expect(typeof j.error.message).toBe('string');
    }
  });

  it('the client refuses malformed input without calling the API', async () => {
    const { sb, client } = await sandbox();
    expect((await rejection(client.verify('1234', BUDI.birth))).kind).toBe('bad_request');
    expect((await rejection(client.verify(BUDI.kpj, '15/03/1990'))).kind).toBe('bad_request');
    expect(sb.hits).toEqual([]);
  });
});
