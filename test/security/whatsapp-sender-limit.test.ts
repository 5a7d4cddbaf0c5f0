/**
 * Per-sender limits on the WhatsApp channels, like /api/chat's per-conversation limit: a sender over
 * WHATSAPP_MESSAGES_PER_MINUTE gets one notice and is then ignored (no bot turn, no outgoing message) until the
 * window ends; other senders are not affected.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAuthStore, startBaileysAdapter, type BaileysAdapter } from '../../adapters/whatsapp/baileys/index.ts';
import type { Bot, TurnInput } from '../../src/core/types.ts';
import { createRateLimiter } from '../../src/ratelimit/limiter.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { until } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';
import { cloudBatch, cloudConfig, cloudText, fakeBaileys, graphStub, postWebhook } from './whatsapp-fakes.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NOTICE = /terlalu banyak/i;

describe('WhatsApp Cloud API on the real service: per-sender limit', () => {
  let graph: Awaited<ReturnType<typeof graphStub>>;
  let svc: Service;
  beforeAll(async () => {
    graph = await graphStub();
    // The bot's own per-conversation limit is off: what limits here is the channel's per-sender limit.
    svc = await startService({ WHATSAPP_MESSAGES_PER_MINUTE: 3, SESSION_RATE_LIMIT_PER_MINUTE: 0, RATE_LIMIT_PER_MINUTE: 0, ...cloudConfig(graph.url) });
  });
  afterAll(async () => {
    await svc?.close();
    await new Promise((r) => graph?.server.close(r));
  });

  it('answers 3 messages a minute, then one notice, then nothing; another sender is still answered', async () => {
    const A = '6285555555555';
    const B = '6286666666666';
    for (let i = 0; i < 3; i++) {
      const before = graph.to(A).length;
      expect((await postWebhook(svc.url, cloudBatch([cloudText(A, 'halo')]))).status).toBe(200);
      await until(() => graph.to(A).length > before);
      await sleep(100);
    }
    expect(graph.to(A).some((c) => NOTICE.test(c.text?.body ?? ''))).toBe(false);
    const before = graph.to(A).length;
    // A flood: each webhook is still acknowledged (Meta must not retry it), but only one notice goes out.
    for (let i = 0; i < 6; i++) expect((await postWebhook(svc.url, cloudBatch([cloudText(A, `halo ${i}`)]))).status).toBe(200);
    expect((await postWebhook(svc.url, cloudBatch([cloudText(A, 'cek saldo'), cloudText(A, 'klaim jht')]))).status).toBe(200);
    await until(() => graph.to(A).length > before);
    await sleep(500);
    const after = graph.to(A).slice(before);
    expect(after.length).toBe(1);
    expect(after[0].type).toBe('text');
    expect(after[0].text.body).toMatch(NOTICE);
    expect(after[0].text.body).toMatch(/\d+ detik/);

    expect((await postWebhook(svc.url, cloudBatch([cloudText(B, 'halo')]))).status).toBe(200);
    await until(() => graph.to(B).length > 0);
    expect(graph.to(B).some((c) => NOTICE.test(c.text?.body ?? ''))).toBe(false);
  }, 30_000);
});

describe('WhatsApp via Baileys: per-sender limit', () => {
  const dirs: string[] = [];
  const adapters: BaileysAdapter[] = [];
  afterAll(async () => {
    for (const a of adapters) await a.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('the bot sees 3 messages a minute per sender; the 4th gets the notice, the rest nothing; the next minute is open again', async () => {
    const store = new MemoryStore();
    let clock = Date.UTC(2026, 11, 2, 3, 0, 10);
    const inputs: TurnInput[] = [];
    const bot: Bot = {
      async handle(input) {
        inputs.push(input);
        return { messages: [{ text: `echo: ${input.text}` }], intent: { id: 'echo', confidence: 1 } };
      },
    };
    const dir = await mkdtemp(join(tmpdir(), 'jessi-wa-limit-'));
    dirs.push(dir);
    const fake = fakeBaileys();
    const adapter = await startBaileysAdapter({
      bot, store, logger: pino({ level: 'silent' }), authStore: fileAuthStore(dir), salt: 'test-salt', makeSocket: fake.make, onQr: () => undefined,
      senderLimit: {
        limiter: createRateLimiter(store, { name: 'wa-sender', limit: 3, windowSeconds: 60, now: () => clock }),
        notice: (s) => `Maaf, pesan Anda terlalu banyak dalam waktu singkat. Silakan coba lagi dalam ${s} detik.`,
      },
    });
    adapters.push(adapter);
    await until(() => fake.state.ev !== undefined);
    fake.open();
    const A = '6287777777777@s.whatsapp.net';
    const B = '6288888888888@s.whatsapp.net';
    for (let i = 0; i < 10; i++) fake.receive(A, `pesan ${i}`);
    await until(() => fake.state.sent.length >= 4);
    await sleep(200);
    expect(inputs.map((i) => i.text)).toEqual(['pesan 0', 'pesan 1', 'pesan 2']);
    expect(fake.state.sent.map((s) => s.text)).toEqual(['echo: pesan 0', 'echo: pesan 1', 'echo: pesan 2', 'Maaf, pesan Anda terlalu banyak dalam waktu singkat. Silakan coba lagi dalam 50 detik.']);
    // Ignored messages are not even marked read.
    expect(fake.state.reads.length).toBe(3);

    fake.receive(B, 'halo');
    await until(() => fake.state.sent.some((s) => s.jid === B));
    expect(fake.state.sent.find((s) => s.jid === B)!.text).toBe('echo: halo');

    clock += 60_000;
    fake.receive(A, 'lagi');
    await until(() => fake.state.sent.some((s) => s.text === 'echo: lagi'));
  });
});
