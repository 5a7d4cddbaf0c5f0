// GET /openapi.json is generated from the zod schemas; real responses of the running service validate against it.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
let doc: any;
let ajv: Ajv2020;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
  const r = await fetch(`${svc.url}/openapi.json`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/application\/json/);
  doc = await r.json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  // The components, under the document's own URI, so `#/components/schemas/…` references resolve.
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
});
afterAll(() => svc.close());

/** The response schema the document gives for a path, method, status and content type. */
function responseSchema(path: string, method: string, status: number, type = 'application/json') {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path} is described`).toBeTruthy();
  const res = op.responses[String(status)];
  expect(res, `${method} ${path} ${status} is described`).toBeTruthy();
  const schema = res.content?.[type]?.schema;
  expect(schema, `${method} ${path} ${status} has a ${type} schema`).toBeTruthy();
  return schema;
}

const resolve = (schema: any) => (schema.$ref ? { $ref: `openapi.json${schema.$ref}` } : schema);

function expectValid(schema: any, value: unknown, what: string) {
  const validate = ajv.compile(resolve(schema));
  const ok = validate(value);
  expect(ok, `${what}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 500)}`).toBe(true);
}

async function call(method: string, path: string, body?: unknown, raw?: string) {
  const r = await fetch(`${svc.url}${path}`, {
    method: method.toUpperCase(),
    headers: body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {},
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const json = await r.json().catch(() => undefined);
  return { status: r.status, json, headers: r.headers };
}

/** Call the service and check the answer against the document. */
async function checked(method: string, path: string, body?: unknown, raw?: string) {
  const r = await call(method, path, body, raw);
  expectValid(responseSchema(path, method, r.status), r.json, `${method.toUpperCase()} ${path} → ${r.status}`);
  return r;
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document describing the public endpoints', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/chat', '/api/feedback', '/healthz', '/readyz', '/openapi.json', '/widget.js']));
    // Generated from the zod schemas: the request limits of the validator are in the document.
    const req = doc.components.schemas.ChatRequest;
    expect(req.properties.text.maxLength).toBe(2000);
    expect(req.properties.sessionId.pattern).toBe('^[A-Za-z0-9_-]{8,128}$');
    expect(req.properties.locale.enum).toEqual(['id', 'en']);
  });

  it('the request schema accepts what the API accepts and rejects what it rejects', async () => {
    const schema = doc.paths['/api/chat'].post.requestBody.content['application/json'].schema;
    const validate = ajv.compile(resolve(schema));
    const cases: [unknown, boolean][] = [
      [{ text: 'halo' }, true],
      [{ payload: 'intent:menu', locale: 'en' }, true],
      [{}, false],
      [{ text: 'a'.repeat(2001) }, false],
      [{ text: 'halo', sessionId: '../../etc' }, false],
      [{ text: 'halo', locale: 'fr' }, false],
      [{ text: 42 }, false],
    ];
    for (const [body, ok] of cases) {
      expect(validate(body), JSON.stringify(body).slice(0, 80)).toBe(ok);
      const r = await call('post', '/api/chat', body);
      expect(r.status === 200, `API on ${JSON.stringify(body).slice(0, 80)}`).toBe(ok);
    }
  });

  it('real chat answers validate against it: FAQ, a dialog, buttons, personal data, links', async () => {
    const first = await checked('post', '/api/chat', { text: 'gimana cara klaim jht?' });
    expect(first.status).toBe(200);
    const sessionId = first.json.sessionId;
    await checked('post', '/api/chat', { sessionId, payload: 'intent:menu' });
    await checked('post', '/api/chat', { sessionId, text: 'menu', locale: 'en' });
    await checked('post', '/api/chat', { text: 'nomor call center bpjs ketenagakerjaan' });
    const s2 = (await checked('post', '/api/chat', { text: 'cek saldo jht' })).json.sessionId;
    await checked('post', '/api/chat', { sessionId: s2, text: '21012345678' });
    await checked('post', '/api/chat', { sessionId: s2, text: '15-03-1990' });
    const bal = await checked('post', '/api/chat', { sessionId: s2, text: '123456' });
    expect(bal.json.messages.every((m: any) => m.private === true)).toBe(true);
    await checked('post', '/api/chat', { text: 'asdfghjkl qwerty' });
    // The check has teeth: an undocumented member or a javascript: link would fail it.
    const validate = ajv.compile(resolve(responseSchema('/api/chat', 'post', 200)));
    expect(validate({ ...first.json, messages: [{ text: 'x', extra: 1 }] })).toBe(false);
    expect(validate({ ...first.json, messages: [{ text: 'x', links: [{ title: 'x', url: 'javascript:alert(1)' }] }] })).toBe(false);
  });

  it('real error answers validate against it (400, 413, 415)', async () => {
    expect((await checked('post', '/api/chat', {})).status).toBe(400);
    expect((await checked('post', '/api/chat', undefined, '{"text": "halo"')).status).toBe(400);
    expect((await checked('post', '/api/chat', { text: 'x'.repeat(17_000) })).status).toBe(413);
    const r = await fetch(`${svc.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'halo' });
    expect(r.status).toBe(415);
    expectValid(responseSchema('/api/chat', 'post', 415), await r.json(), 'text/plain body');
  });

  it('feedback, health and readiness answers validate against it', async () => {
    const chat = await checked('post', '/api/chat', { text: 'gimana cara klaim jht?' });
    const ok = await checked('post', '/api/feedback', { sessionId: chat.json.sessionId, intent: chat.json.intent.id, helpful: true });
    expect(ok.status).toBe(200);
    expect((await checked('post', '/api/feedback', { sessionId: chat.json.sessionId, intent: 'no_such_intent', helpful: false })).status).toBe(400);
    expect((await checked('get', '/healthz')).status).toBe(200);
    expect((await checked('get', '/readyz')).status).toBe(200);
  });

  it('the rate-limited answer validates against it, with Retry-After', async () => {
    const limited = await startService({ RATE_LIMIT_PER_MINUTE: 1 });
    try {
      const first = await fetch(`${limited.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"halo"}' });
      expect(first.status).toBe(200);
      const r = await fetch(`${limited.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"halo"}' });
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(doc.paths['/api/chat'].post.responses['429'].headers['Retry-After']).toBeTruthy();
      expectValid(responseSchema('/api/chat', 'post', 429), await r.json(), '429');
    } finally {
      await limited.close();
    }
  });
});
