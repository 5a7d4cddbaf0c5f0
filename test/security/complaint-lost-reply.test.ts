/**
 * #11.6, the case without a crash: the status API stores a complaint but its reply is lost (the connection is
 * cut). The user is not told "unavailable" and left to start over with a new key: the dialog stays at the
 * confirmation, "ya" sends the same complaint with the same idempotency key, and the first ticket comes back.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxRouter } from '../../src/status/sandbox/router.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { startService, type Service } from '../helpers/service.ts';

const TOKEN = 'sandbox-token';
let api: http.Server;
let svc: Service;
const keys: (string | undefined)[] = [];
const answered: string[] = [];
let dropNext = false;

beforeAll(async () => {
  const app = express();
  app.use((req, res, next) => {
    if (req.method !== 'POST' || req.path !== '/v1/complaints') return next();
    keys.push(req.get('idempotency-key'));
    const end = res.end.bind(res) as (...a: unknown[]) => http.ServerResponse;
    res.end = ((chunk: unknown, ...rest: unknown[]) => {
      answered.push(JSON.parse(String(chunk)).ticket as string);
      if (dropNext) {
        dropNext = false;
        req.socket.destroy(); // stored, but the reply never arrives
        return res;
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  });
  app.use(createSandboxRouter({ store: new MemoryStore(), token: TOKEN }));
  api = http.createServer(app);
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  svc = await startService({ STATUS_API_URL: url, STATUS_API_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(async () => {
  await svc?.close();
  await new Promise((r) => api?.close(r));
});

describe('a complaint whose reply was lost', () => {
  it('stays at the confirmation; "ya" gets the first ticket back and nothing is filed twice', async () => {
    const s = {};
    await svc.say(s, 'saya mau komplain soal iuran: gaji saya dipotong tiap bulan tapi iurannya tidak masuk ke saldo sejak Agustus');
    expect((await svc.say(s, 'budi@example.com')).text).toMatch(/Ringkasan pengaduan/);
    dropNext = true;
    let r = await svc.say(s, 'ya');
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/belum bisa dipastikan/);
    expect(r.text).toMatch(/tidak akan tercatat dua kali/);
    expect(r.text).not.toMatch(/ADU-\d{8}-\d{4}/);
    r = await svc.say(s, 'ya');
    expect(r.text).toContain(answered[0]!);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(new Set(answered).size).toBe(1);
  });
});
