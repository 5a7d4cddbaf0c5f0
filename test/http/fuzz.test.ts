import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

// Property: whatever a client POSTs to /api/chat, the answer is never a 5xx; a 4xx carries
// { error: { code, message } } and a 200 carries a session id and at least one message.

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc?.close());

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Strings of any kind: full unicode, lone surrogates mixed in, control characters, near and past the limits. */
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\t\n', 'simulasi jht', '5 juta', '10 tahun', 'menu', '21012345678', '3174011503900001', 'ADU-20251014-0042', '../../etc/passwd', '__proto__'),
  fc.integer({ min: 1990, max: 2010 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 120, max: 130 }).map((n) => 'a'.repeat(n)),
);
const anyValue = fc.oneof({ weight: 3, arbitrary: anyString }, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, true, 0, -1, 1e308, [], {}, ['halo'], { text: 'halo' }));
const chatField = fc.oneof({ weight: 2, arbitrary: anyString }, anyValue);

const body = fc.oneof(
  // Shaped like a chat request, with every member possibly missing, wrong-typed or odd.
  { weight: 4, arbitrary: fc.record({ text: chatField, sessionId: chatField, payload: chatField, locale: fc.oneof(fc.constantFrom('id', 'en', 'ID', 'fr', ''), anyValue) }, { requiredKeys: [] }) },
  // A valid text with random extra members, including prototype-looking keys.
  { weight: 2, arbitrary: fc.tuple(anyString, fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString')), anyValue, { maxKeys: 5 })).map(([text, extra]) => ({ ...extra, text })) },
  // Any JSON value, objects with random keys, deep nesting.
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), anyValue, { maxKeys: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }).map((d) => ({ text: 'halo', nested: JSON.parse('['.repeat(d) + ']'.repeat(d)) })) },
);
/** What goes on the wire: JSON of a body, or raw text that may not be JSON at all. */
const wire = fc.oneof({ weight: 8, arbitrary: body.map((b) => JSON.stringify(b) ?? 'null') }, { weight: 1, arbitrary: anyString }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `{"text":"${s}"}`) },
  // Around the 16 KiB body limit, in multi-byte characters.
  { weight: 1, arbitrary: fc.integer({ min: 5000, max: 7000 }).map((n) => JSON.stringify({ text: 'halo', pad: 'é€'.repeat(n / 2) })) },
);

describe('POST /api/chat under fuzzing', () => {
  it(`never answers 5xx to ${RUNS} arbitrary bodies, and always in the contract's shape`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(wire, async (raw) => {
        const r = await fetch(`${svc.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
        const json: any = await r.json().catch(() => undefined);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        expect(r.status).toBeLessThan(500);
        if (r.status === 200) {
          expect(json.sessionId).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
          expect(json.messages.length).toBeGreaterThan(0);
          for (const m of json.messages) expect(typeof m.text).toBe('string');
          expect(typeof json.intent?.id).toBe('string');
        } else {
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(typeof json?.error?.code).toBe('string');
          expect(json.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
    if (process.env.FUZZ_VERBOSE) console.log('statuses', Object.fromEntries(statuses));
    // The generator reaches both sides of validation.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 20);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 20);
  }, 120_000);
});
