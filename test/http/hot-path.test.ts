/**
 * POST /api/chat is served ahead of the app's router (src/http/hot-routes.ts) when the request is plain UTF-8 JSON;
 * anything else goes on to the app's own route. Both ways in must answer alike: same turn, same errors, same CORS,
 * same metrics label.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, WIDGET_ORIGINS: 'https://www.example.co.id', METRICS_TOKEN: 'm-token' });
});
afterAll(() => svc.close());

/** A raw request, so that the body can be chunked or compressed exactly as a client would send it. */
function send(path: string, body: Buffer | string[], headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }> {
  return new Promise((resolve, reject) => {
    const u = new URL(svc.url + path);
    const req = http.request({ host: u.hostname, port: u.port, path, method: 'POST', headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: data ? JSON.parse(data) : null }));
    });
    req.on('error', reject);
    if (Array.isArray(body)) for (const c of body) req.write(c); // no Content-Length: chunked
    else req.write(body);
    req.end();
  });
}
const json = { 'content-type': 'application/json' };

describe('the hot route and the app route answer POST /api/chat alike', () => {
  it('a plain request (hot) and one with a query string (app route) get the same answer', async () => {
    const body = JSON.stringify({ text: 'gimana cara cairin jht min?' });
    const hot = await send('/api/chat', Buffer.from(body), json);
    const app = await send('/api/chat?from=test', Buffer.from(body), json);
    for (const r of [hot, app]) {
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(r.headers['access-control-expose-headers']).toBe('Retry-After');
      expect(r.headers.etag).toBeUndefined();
    }
    expect(hot.json.intent).toEqual(app.json.intent);
    expect(hot.json.messages).toEqual(app.json.messages);
    expect(hot.json.sessionId).not.toBe(app.json.sessionId);
  });

  it('a chunked body (no Content-Length) is read; over 16 KiB it is refused with 413', async () => {
    const ok = await send('/api/chat', ['{"text":', '"halo"}'], json);
    expect(ok.status).toBe(200);
    const bom = await send('/api/chat', Buffer.from('\uFEFF{"text":"halo"}'), json); // a byte-order mark, as some editors write
    expect(bom.status).toBe(200);
    const big = await send('/api/chat', ['{"text":"', 'a'.repeat(10_000), 'b'.repeat(10_000), '"}'], json);
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('body_too_large');
  });

  it('broken JSON, a JSON string and an empty chunked body get the same 400s as the app route', async () => {
    for (const path of ['/api/chat', '/api/chat?x=1']) {
      expect((await send(path, Buffer.from('{"text": "halo"'), json)).json.error.code).toBe('invalid_json');
      expect((await send(path, Buffer.from('"halo"'), json)).json.error.code).toBe('invalid_json');
    }
    const empty = await send('/api/chat', [], json);
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toMatch(/text or payload/);
  });

  it('a gzip body or another charset goes on to the app route, which answers as before', async () => {
    const gz = await send('/api/chat', gzipSync(JSON.stringify({ text: 'halo' })), { ...json, 'content-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.json.intent.id).toBe('greeting');
    const latin = await send('/api/chat', Buffer.from(JSON.stringify({ text: 'halo' })), { 'content-type': 'application/json; charset=iso-8859-1' });
    expect(latin.status).toBe(415);
  });

  it('refuses a browser origin that is not allowed, and lets an allowed one read the answer', async () => {
    const body = Buffer.from(JSON.stringify({ text: 'halo' }));
    const evil = await send('/api/chat', body, { ...json, origin: 'https://evil.example.com' });
    expect(evil.status).toBe(403);
    expect(evil.json.error.code).toBe('origin_not_allowed');
    const good = await send('/api/chat', body, { ...json, origin: 'https://www.example.co.id' });
    expect(good.status).toBe(200);
    expect(good.headers['access-control-allow-origin']).toBe('https://www.example.co.id');
    expect(good.headers.vary).toMatch(/Origin/);
  });

  it('counts hot-route requests under the route template /api/chat', async () => {
    const before = await metric();
    await send('/api/chat', Buffer.from(JSON.stringify({ text: 'halo' })), json);
    expect(await metric()).toBe(before + 1);
  });
});

async function metric(): Promise<number> {
  const text = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: 'Bearer m-token' } })).text();
  const m = /jessi_http_request_duration_seconds_count\{method="POST",route="\/api\/chat",status="200"\} (\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

describe('hotRoutes', () => {
  it('takes the plain request itself and leaves the rest to the app', async () => {
    const express = (await import('express')).default;
    const { hotRoutes } = await import('../../src/http/hot-routes.ts');
    const { errorHandler } = await import('../../src/http/errors.ts');
    const seen: string[] = [];
    const hot = hotRoutes({ limit: 1024, observe: (m, route, status) => seen.push(`${m} ${route} ${status}`), onError: errorHandler(svc.jessi.logger) });
    hot.add({ method: 'POST', path: '/x', handle: async (_req, res, body) => void res.json({ by: 'hot', body }) });
    const app = express();
    app.use(hot.middleware);
    app.use(express.json());
    app.post('/x', (req, res) => void res.json({ by: 'app', body: req.body }));
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const post = async (path: string, headers: Record<string, string>) => (await fetch(base + path, { method: 'POST', headers, body: '{"a":1}' })).json();
    try {
      expect(await post('/x', json)).toEqual({ by: 'hot', body: { a: 1 } });
      expect(await post('/x?q=1', json)).toEqual({ by: 'app', body: { a: 1 } });
      expect(await post('/x', { 'content-type': 'application/json; charset=utf-8' })).toEqual({ by: 'hot', body: { a: 1 } });
      expect(await post('/x', { 'content-type': 'application/vnd.api+json' })).toEqual({ by: 'app' }); // not JSON to express.json either: no body parsed
      expect(seen).toEqual(['POST /x 200', 'POST /x 200']);
    } finally {
      server.close();
    }
  });
});
