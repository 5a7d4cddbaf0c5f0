/** Conversation ids are issued by the server: a chosen or tampered id never continues anyone's conversation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

describe('server-issued conversation ids', () => {
  it('a new conversation gets an unguessable id that continues it', async () => {
    const s: { id?: string } = {};
    await svc.say(s, 'simulasi jht');
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{44}$/);
    const id = s.id;
    const r = await svc.say(s, '5 juta');
    expect(s.id).toBe(id);
    expect(r.intent?.id).toBe('jht_simulation');
  });

  it('a client-chosen or tampered id starts a new conversation under a new id, never an error', async () => {
    const a: { id?: string } = {};
    await svc.say(a, 'cek saldo jht');
    await svc.say(a, '21012345678');
    await svc.say(a, '15-03-1990');
    await svc.say(a, '123456');
    const chosen = { id: 'attacker-chosen-id-0001' };
    let r = await svc.say(chosen, 'status klaim saya');
    expect(r.status).toBe(200);
    expect(chosen.id).not.toBe('attacker-chosen-id-0001');
    expect(r.text).not.toMatch(/KLM-2026-000871/);
    const tampered = { id: a.id!.slice(0, -4) + (a.id!.endsWith('AAAA') ? 'BBBB' : 'AAAA') };
    r = await svc.say(tampered, 'status klaim saya');
    expect(tampered.id).not.toBe(a.id);
    expect(r.text).not.toMatch(/KLM-2026-000871|Budi|B\*+ S\*+/);
  });
});
