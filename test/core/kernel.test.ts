/** The kernel alone, with fakes: milliseconds, no HTTP. */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.ts';
import { compose, type Middleware } from '../../src/core/compose.ts';
import { say, setIntent, type TurnContext } from '../../src/core/context.ts';
import { errorBoundary } from '../../src/core/steps/error-boundary.ts';
import { language } from '../../src/core/steps/language.ts';
import { normalize } from '../../src/core/steps/normalize.ts';
import { observe } from '../../src/core/steps/observe.ts';
import { payload } from '../../src/core/steps/payload.ts';
import { rateLimit } from '../../src/core/steps/rate-limit.ts';
import { session } from '../../src/core/steps/session.ts';
import { parsePayload, encodePayload } from '../../src/core/types.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { StoreUnavailableError } from '../../src/store/types.ts';

const silent = pino({ level: 'silent' });
const echo: Middleware<TurnContext> = async (ctx) => {
  say(ctx, `${ctx.lang}:${ctx.normalized}:${ctx.payload ? `${ctx.payload.kind}=${"id" in ctx.payload ? ctx.payload.id : "intent" in ctx.payload ? ctx.payload.intent : ctx.payload.name}` : '-'}`);
  setIntent(ctx, 'greeting', 1, 'answer');
};
const detector = { detect: (t: string) => (/\bhello\b/i.test(t) ? ('en' as const) : ('id' as const)), evidence: (t: string) => ({ en: /hello/i.test(t) ? 1 : 0, id: /halo/i.test(t) ? 1 : 0 }) };
const bot = (steps: Middleware<TurnContext>[]) => createBot<TurnContext>({ steps, extend: (b) => b, emptyReply: () => 'empty' });
const input = (text: string, extra = {}) => ({ channel: 'test', conversationId: 'c1', text, ...extra });

describe('kernel', () => {
  it('compose: a step that calls next() twice is an error', async () => {
    const run = compose<object>([async (_c, next) => { await next(); await next(); }]);
    await expect(run({})).rejects.toThrow(/twice/);
  });

  it('payload, normalize and language run once, in order, before the route', async () => {
    const b = bot([payload(), normalize(), language(detector), echo]);
    expect((await b.handle(input('  HALO   Min '))).messages[0]!.text).toBe('id:halo min:-');
    expect((await b.handle(input('', { payload: 'intent:jht_info' }))).messages[0]!.text).toBe('id::intent=jht_info');
    expect((await b.handle(input('x', { locale: 'en' }))).messages[0]!.text).toMatch(/^en:/);
  });

  it('the payload codec round-trips and treats anything else as a value', () => {
    for (const p of [{ kind: 'intent', id: 'menu' }, { kind: 'dialog', id: 'jp_simulation' }, { kind: 'value', text: 'ya' }] as const)
      expect(parsePayload(encodePayload(p))).toEqual(p);
    expect(parsePayload('intent:')).toEqual({ kind: 'value', text: 'intent:' });
  });

  it('session saves the state after a turn, and not after a turn that threw', async () => {
    const store = new MemoryStore();
    const count: Middleware<TurnContext> = async (ctx) => {
      ctx.state.facts = { wage: (ctx.state.facts?.wage ?? 0) + 1 };
      if (ctx.text === 'boom') throw new Error('boom');
      say(ctx, String(ctx.state.facts.wage));
    };
    const b = bot([errorBoundary({ logger: silent, rethrow: () => false, apology: () => 'maaf' }), session(store, { ttlSeconds: 60 }), payload(), count]);
    expect((await b.handle(input('a'))).messages[0]!.text).toBe('1');
    expect((await b.handle(input('boom'))).messages[0]!.text).toBe('maaf');
    expect((await b.handle(input('b'))).messages[0]!.text).toBe('2');
  });

  it('the error boundary lets store outages through (the edge answers 503)', async () => {
    const b = bot([errorBoundary({ logger: silent, rethrow: (e) => e instanceof StoreUnavailableError, apology: () => 'maaf' }), async () => { throw new StoreUnavailableError(); }]);
    await expect(b.handle(input('x'))).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('observe counts rate-limited turns too, and never logs the text', async () => {
    const seen: string[] = [];
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (l: string) => void lines.push(l) });
    const limiter = { hit: async () => ({ allowed: false, retryAfterSeconds: 9 }) };
    const b = bot([observe({ turn: (_c, i, o) => seen.push(`${i}/${o}`) }, logger), rateLimit(limiter, (_l, s) => `wait ${s}`), echo]);
    const out = await b.handle(input('rahasia saya 3174011503900001'));
    expect(out.rateLimited).toEqual({ retryAfterSeconds: 9 });
    expect(out.messages[0]!.text).toBe('wait 9');
    expect(seen).toEqual(['out_of_scope/rate_limited']);
    expect(lines.join('')).not.toMatch(/rahasia|3174011503900001/);
  });
});
