/**
 * #11.6 "Slow request bodies are cut after a few seconds, not minutes": a client that trickles its headers or
 * its body (slowloris) gets 408 and a closed connection once REQUEST_TIMEOUT_MS has passed, on the server
 * that `listen()` builds (the one `npm start` runs).
 */
import type http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type JessiApp } from '../../src/app.ts';

const LIMIT_MS = 1_500;
let jessi: JessiApp;
let server: http.Server;
let port: number;

beforeAll(async () => {
  jessi = await createApp({ PORT: 0, HOST: '127.0.0.1', METRICS_PORT: 0, LOG_LEVEL: 'silent', REQUEST_TIMEOUT_MS: LIMIT_MS });
  await jessi.ready;
  server = await jessi.listen();
  port = (server.address() as AddressInfo).port;
});
afterAll(() => jessi.close());

/** Send `head` at once, then `drip` one byte every `everyMs` until the server closes; what came back and when. */
function trickle(head: string, drip: string, everyMs: number): Promise<{ response: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const sock = net.connect({ port, host: '127.0.0.1' });
    let response = '';
    let i = 0;
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearInterval(timer);
      resolve({ response, closedAfterMs: Date.now() - t0 });
    };
    sock.on('data', (d) => (response += d.toString()));
    sock.on('close', done);
    sock.on('error', () => undefined);
    sock.on('connect', () => {
      sock.write(head);
      timer = setInterval(() => {
        if (!sock.writable) return;
        sock.write(drip[i++ % drip.length]!);
        // Give up after 15 s: the test then fails on the time.
        if (Date.now() - t0 > 15_000) sock.destroy();
      }, everyMs);
    });
  });
}

describe('slow requests (#11.6)', () => {
  it('a body sent one byte at a time is cut with 408 within the request timeout', async () => {
    const head = 'POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
    const r = await trickle(head, '{"text":"halo jessi apa kabar"}', 100);
    expect(r.response).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(LIMIT_MS - 100);
    expect(r.closedAfterMs).toBeLessThan(LIMIT_MS + 2_000);
  }, 20_000);

  it('headers sent one byte at a time are cut the same way', async () => {
    const r = await trickle('GET /healthz HTTP/1.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaa\r\n', 100);
    expect(r.response).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeLessThan(LIMIT_MS + 2_000);
  }, 20_000);

  it('an ordinary request on the same server is answered', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'halo' }) });
    expect(r.status).toBe(200);
  });
});
