import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

async function post(body: string, contentType = 'application/json') {
  const r = await fetch(`${svc.url}/api/chat`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: r.status, json: (await r.json().catch(() => null)) as any };
}

describe('POST /api/chat contract', () => {
  it('answers a question with a session id, messages and the intent', async () => {
    const r = await post(JSON.stringify({ text: 'gimana cara cairin jht min?' }));
    expect(r.status).toBe(200);
    expect(r.json.sessionId).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    expect(r.json.messages.length).toBeGreaterThan(0);
    expect(r.json.intent.id).toBe('jht_claim_how');
    expect(r.json.intent.confidence).toBeGreaterThan(0);
    expect(r.json.messages.map((m: any) => m.text).join('\n')).toMatch(/JMO/);
  });

  it.each([
    ['invalid JSON', '{"text": "halo"'],
    ['empty object', '{}'],
    ['empty text', '{"text": ""}'],
    ['blank text', '{"text": "   "}'],
    ['text is a number', '{"text": 42}'],
    ['text over 2000 chars', JSON.stringify({ text: 'a'.repeat(2001) })],
    ['bad sessionId', JSON.stringify({ text: 'halo', sessionId: '../../etc/passwd' })],
    ['array body', '[1,2,3]'],
    ['null body', 'null'],
    ['bad locale', JSON.stringify({ text: 'halo', locale: 'fr' })],
  ])('%s gets 400 with a reason', async (_name, body) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBeTruthy();
    expect(r.json.error.message).toBeTruthy();
  });

  it('a non-JSON content type gets a 4xx with a reason', async () => {
    const r = await post('halo', 'text/plain');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.json.error.message).toBeTruthy();
  });

  it('a body over 16 KiB gets 413', async () => {
    const r = await post(JSON.stringify({ text: 'halo', pad: 'x'.repeat(20_000) }));
    expect(r.status).toBe(413);
    expect(r.json.error.message).toMatch(/16 KiB/);
  });

  it('ignores unknown members and is not polluted by __proto__', async () => {
    const r = await post('{"text": "halo", "__proto__": {"admin": true, "text": "x"}, "constructor": {"prototype": {"text": "x"}}}');
    expect(r.status).toBe(200);
    const after = await post('{}');
    expect(after.status).toBe(400);
  });

  it('continues a conversation with the same session id', async () => {
    const a = await post(JSON.stringify({ text: 'simulasi jht' }));
    const b = await post(JSON.stringify({ text: '5 juta', sessionId: a.json.sessionId }));
    expect(b.json.sessionId).toBe(a.json.sessionId);
    expect(b.json.intent.id).toBe('jht_simulation');
  });

  it('odd but valid text gets a normal reply', async () => {
    for (const text of ['a'.repeat(2000), 'jht '.repeat(450), '😀'.repeat(500), '\u0000\u0001 halo', 'ＪＨＴ　ＣＡＩＲ', '<script>alert(1)</script>', '3174011503900001']) {
      const r = await post(JSON.stringify({ text }));
      expect(r.status).toBe(200);
      expect(r.json.messages.length).toBeGreaterThan(0);
    }
  });

  it('gibberish falls back with the menu and an offer of a human agent', async () => {
    const r = await post(JSON.stringify({ text: 'qwzx vbnmk plokij' }));
    expect(r.json.intent.id).toBe('out_of_scope');
    const buttons = r.json.messages.flatMap((m: any) => m.buttons ?? []).map((b: any) => b.payload);
    expect(buttons).toContain('intent:handoff_agent');
    expect(r.json.messages[0].text).toMatch(/175/);
  });

  it('a button payload routes to its intent', async () => {
    const r = await post(JSON.stringify({ payload: 'intent:jht_claim_requirements' }));
    expect(r.json.intent.id).toBe('jht_claim_requirements');
    expect(r.json.messages.map((m: any) => m.text).join('\n')).toMatch(/KTP/);
  });

  it('limits messages per conversation with 429 and Retry-After', async () => {
    const limited = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 3 });
    try {
      const s = {};
      for (let k = 0; k < 3; k++) expect((await limited.say(s, 'halo')).status).toBe(200);
      const r = await limited.say(s, 'halo');
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.body.error.message).toMatch(/terlalu banyak|too many/i);
    } finally {
      await limited.close();
    }
  });

  it('limits requests per client address', async () => {
    const limited = await startService({ RATE_LIMIT_PER_MINUTE: 2 });
    try {
      await limited.say({}, 'halo');
      await limited.say({}, 'halo');
      const r = await limited.say({}, 'halo');
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('health and readiness', async () => {
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
  });
});
