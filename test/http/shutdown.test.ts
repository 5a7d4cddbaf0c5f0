import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxRouter } from '../../src/status/sandbox/router.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { freePort } from '../helpers/net.ts';

// A status API that answers slowly, so a turn is still in flight when SIGTERM arrives.
let slowApi: http.Server;
let apiUrl: string;
beforeAll(async () => {
  const app = express();
  app.use(createSandboxRouter({ store: new MemoryStore(), token: 'sandbox-token', faults: { delayMs: 800 } }));
  slowApi = http.createServer(app);
  await new Promise<void>((r) => slowApi.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(slowApi.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => slowApi.close(() => r())));

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the turn in flight, then exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', STATUS_API_URL: apiUrl, STATUS_API_TOKEN: 'sandbox-token' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout!.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const base = `http://127.0.0.1:${port}`;
    // Start-up under a loaded CI machine (two cores shared with other test files) can take many seconds.
    let ready = false;
    for (const until = Date.now() + 45_000; !ready && Date.now() < until; ) {
      ready = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, `service never became ready; log:\n${log}`).toBe(true);
    const inFlight = fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'lacak pengaduan ADU-20251014-0042' }) });
    await new Promise((r) => setTimeout(r, 250));
    child.kill('SIGTERM');
    const r = await inFlight;
    expect(r.status).toBe(200);
    const body = (await r.json()) as { messages: { text: string }[] };
    expect(body.messages[0]!.text).toContain('ADU-20251014-0042');
    expect(await exited).toBe(0);
    expect(log).toMatch(/shutting down/);
    // and it no longer accepts connections
    expect(await fetch(`${base}/healthz`).then(() => 'open', () => 'closed')).toBe('closed');
  }, 90_000);
});
