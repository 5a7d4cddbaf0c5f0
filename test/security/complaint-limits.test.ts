/**
 * #11.3 "complaint creation limited per conversation, per address and per contact per day": the per-contact limit
 * is covered in test/dialogs/status-flows.test.ts; here the other two, through /api/chat on the real service.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

const TICKET = /ADU-\d{8}-\d{4}/;
const services: Service[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

/** One complaint from start to "ya" in conversation `s`; the ticket, or the refusal text. */
async function file(svc: Service, s: { id?: string }, k: number): Promise<{ ticket?: string; text: string }> {
  await svc.say(s, 'saya mau komplain');
  await svc.say(s, { payload: 'iuran' });
  await svc.say(s, `Iuran bulan ${k + 1} tidak masuk ke saldo JHT saya padahal gaji sudah dipotong.`);
  await svc.say(s, `0813-2468-${String(1000 + k)}`); // a new contact every time: the per-contact limit is not what stops it
  const r = await svc.say(s, 'ya');
  return { ticket: TICKET.exec(r.text)?.[0], text: r.text };
}

describe('complaint limits (#11.3)', () => {
  it('one conversation files at most COMPLAINTS_PER_SESSION_PER_DAY complaints, whatever the contact', async () => {
    const svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, COMPLAINTS_PER_SESSION_PER_DAY: 2 });
    services.push(svc);
    const s = {};
    const results = [];
    for (let k = 0; k < 3; k++) results.push(await file(svc, s, k));
    expect(results.slice(0, 2).every((r) => r.ticket)).toBe(true);
    expect(results[2]!.ticket).toBeUndefined();
    expect(results[2]!.text).toMatch(/batas pengaduan/);
    // A new conversation (same address, new contact) still files.
    expect((await file(svc, {}, 9)).ticket).toBeDefined();
  }, 30_000);

  it('one client address files at most COMPLAINTS_PER_ADDRESS_PER_DAY, over any number of conversations', async () => {
    const svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, COMPLAINTS_PER_ADDRESS_PER_DAY: 3 });
    services.push(svc);
    const results = [];
    for (let k = 0; k < 5; k++) results.push(await file(svc, {}, k)); // fresh conversation, fresh contact each time
    expect(results.filter((r) => r.ticket)).toHaveLength(3);
    for (const r of results.slice(3)) expect(r.text).toMatch(/batas pengaduan/);
  }, 30_000);
});
