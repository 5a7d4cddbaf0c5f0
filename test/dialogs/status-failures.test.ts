/**
 * The status flows through /api/chat when the agency's API misbehaves: participant token expiry, the API
 * timing out, the API down. A sandbox on its own port plays the API (STATUS_API_URL), with a controllable
 * clock and injected faults.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxRouter, type SandboxFaults } from '../../src/status/sandbox/router.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { freePort } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';

const TOKEN = 'test-token';
let clock = Date.now();
const faults: SandboxFaults = {};
let api: http.Server;
let svc: Service;

beforeAll(async () => {
  const app = express();
  app.use(createSandboxRouter({ store: new MemoryStore(), token: TOKEN, now: () => clock, tokenTtlSeconds: 600, faults }));
  api = http.createServer(app);
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, STATUS_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, STATUS_API_TOKEN: TOKEN });
});
afterAll(async () => {
  await svc.close();
  await new Promise<void>((r) => api.close(() => r()));
});

async function verifyBudi(s: { id?: string }) {
  await svc.say(s, 'cek saldo jht saya');
  await svc.say(s, '21012345678');
  await svc.say(s, '15-03-1990');
  const r = await svc.say(s, '123456');
  expect(r.text).toMatch(/Rp45\.678\.900/);
}

describe('status flows when the API misbehaves', () => {
  it('asks to verify again once the participant token has expired', async () => {
    const s = {};
    await verifyBudi(s);
    clock += 11 * 60_000; // past the 10-minute token
    const r = await svc.say(s, 'status klaim saya');
    expect(r.intent?.id).toBe('claim_status');
    expect(r.text).toMatch(/KPJ|NIK/);
    expect(r.text).not.toMatch(/KLM-2026-000871/);
    await svc.say(s, '21012345678');
    await svc.say(s, '15/03/1990');
    const again = await svc.say(s, '123456');
    expect(again.text).toMatch(/KLM-2026-000871/);
  });

  it('a new code only after 60 seconds; an expired code is said clearly and a new one works', async () => {
    const s = {};
    await svc.say(s, 'check my JHT balance');
    await svc.say(s, '21012345678');
    let r = await svc.say(s, '15-03-1990');
    expect(r.text).toMatch(/one-time code/i);
    r = await svc.say(s, 'resend');
    expect(r.text).toMatch(/in \d+ seconds/);
    clock += 6 * 60_000; // past the 5-minute code
    r = await svc.say(s, '123456');
    expect(r.text).toMatch(/expired/i);
    expect(r.text).not.toMatch(/45[.,]678[.,]900/);
    r = await svc.say(s, 'resend');
    expect(r.text).toMatch(/new code has been sent/i);
    r = await svc.say(s, '123456');
    expect(r.text).toMatch(/45[.,]678[.,]900/);
  });

  it('the API timing out gets a polite message with the call centre, and the conversation goes on', async () => {
    const s = {};
    await svc.say(s, 'lacak pengaduan');
    // The API would answer after 10 s; the client gives up at 2 s. The polite message (not the ticket) proves the
    // timeout fired; the time bound has a wide margin so a loaded machine cannot fail it.
    faults.delayMs = 10_000;
    const t0 = performance.now();
    const r = await svc.say(s, 'ADU-20251014-0042');
    const ms = performance.now() - t0;
    faults.delayMs = 0;
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/tidak dapat diakses/);
    expect(r.text).toMatch(/175/);
    expect(ms).toBeLessThan(8_000); // the client's 2 s timeout, not the API's 10 s
    const next = await svc.say(s, 'nomor call center berapa?');
    expect(next.intent?.id).toBe('contact_office');
  });

  it('the API down (5xx) gets the same polite message, never a 5xx from the chat API', async () => {
    const s = {};
    faults.failWith5xx = true;
    await svc.say(s, 'saldo jht');
    await svc.say(s, '21098765432');
    const r = await svc.say(s, '07-08-1985');
    faults.failWith5xx = false;
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/tidak dapat diakses/);
    expect(r.text).not.toMatch(/128\.450\.000/);
  });
});

describe('status API unreachable', () => {
  it('a closed port answers politely at once', async () => {
    const port = await freePort();
    const down = await startService({ RATE_LIMIT_PER_MINUTE: 0, STATUS_API_URL: `http://127.0.0.1:${port}`, STATUS_API_TOKEN: TOKEN });
    try {
      const r = await down.say({}, 'lacak pengaduan ADU-20251014-0042');
      expect(r.status).toBe(200);
      expect(r.intent?.id).toBe('complaint_track');
      expect(r.text).toMatch(/tidak dapat diakses/);
      const other = await down.say({}, 'syarat klaim jht apa aja');
      expect(other.intent?.id).toBe('jht_claim_requirements');
    } finally {
      await down.close();
    }
  });
});
