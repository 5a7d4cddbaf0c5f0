/**
 * #11.6 "A WhatsApp message that arrives while Redis is down gets 200 and is dropped": on the real service with
 * a real redis-server that is killed mid-test. The Cloud webhook answers 503 (Meta retries) and the retried batch
 * is answered once Redis is back; Baileys (no HTTP to fail) keeps the message unread and answers it when Redis is
 * back, or tells the user to try again if it stays down.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAuthStore, startBaileysAdapter, type BaileysAdapter } from '../../adapters/whatsapp/baileys/index.ts';
import { createWhatsAppCloudRouter } from '../../adapters/whatsapp/cloud/router.ts';
import { APOLOGY } from '../../adapters/whatsapp/shared/inbox.ts';
import type { Bot } from '../../src/core/types.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { listen, until } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';
import { RedisServer, shouldRunRedisTests } from '../redis/redis-server.ts';
import { PHONE_ID, SECRET, cloudBatch, cloudConfig, cloudText, fakeBaileys, graphStub, postWebhook } from './whatsapp-fakes.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const readyz = (url: string) => fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status, () => 0);
async function waitReadyz(url: string, status: number) {
  const end = Date.now() + 10_000;
  while ((await readyz(url)) !== status) {
    if (Date.now() > end) throw new Error(`/readyz never answered ${status}`);
    await sleep(50);
  }
}

describe.runIf(shouldRunRedisTests())('WhatsApp while the state store (real Redis) is down', () => {
  let redis: RedisServer;
  let graph: Awaited<ReturnType<typeof graphStub>>;
  let svc: Service;
  const dirs: string[] = [];
  const adapters: BaileysAdapter[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    graph = await graphStub();
    svc = await startService({ REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: 0, ...cloudConfig(graph.url) });
  }, 60_000);
  afterAll(async () => {
    for (const a of adapters) await a.stop();
    await svc?.close();
    await new Promise((r) => graph?.server.close(r));
    await redis?.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('Cloud API: 503 while Redis is down, nothing sent; the retried batch is answered once Redis is back, once', async () => {
    const A = '6281111111111';
    const B = '6282222222222';
    let raw = cloudBatch([cloudText(A, 'halo')]);
    expect((await postWebhook(svc.url, raw)).status).toBe(200);
    await until(() => graph.to(A).length > 0);

    await redis.stop('SIGKILL');
    await waitReadyz(svc.url, 503);
    raw = cloudBatch([cloudText(B, 'halo'), cloudText(B, 'cek saldo')]);
    const t0 = Date.now();
    const down = await postWebhook(svc.url, raw);
    expect(down.status).toBe(503); // not 200: Meta delivers it again
    expect(Date.now() - t0).toBeLessThan(2000);
    await sleep(500);
    expect(graph.to(B)).toEqual([]);

    await redis.start();
    await waitReadyz(svc.url, 200);
    // Meta's retry of the same batch (same message ids).
    expect((await postWebhook(svc.url, raw)).status).toBe(200);
    await until(() => graph.to(B).length >= 2, 10_000);
    const answered = graph.to(B).length;
    // A second redelivery is recognised: nothing is answered twice.
    expect((await postWebhook(svc.url, raw)).status).toBe(200);
    await sleep(500);
    expect(graph.to(B).length).toBe(answered);
  }, 40_000);

  it('Cloud API: Redis dying after the 200 (mid-turn) does not lose the message: it is answered once Redis is back', async () => {
    const real = await svc.jessi.ready;
    let calls = 0;
    // The real bot on the real store; Redis is killed just as the first turn starts and comes back a second later.
    const bot: Bot = {
      async handle(input) {
        if (++calls === 1) {
          await redis.stop('SIGKILL');
          setTimeout(() => void redis.start(), 1000);
        }
        return real.handle(input);
      },
    };
    const app = express();
    app.use(createWhatsAppCloudRouter({
      bot, store: svc.jessi.store, logger: pino({ level: 'silent' }), verifyToken: 'v', appSecret: SECRET, accessToken: 't', phoneNumberId: PHONE_ID,
      graphBaseUrl: `${graph.url}/v21.0`, salt: 'test-salt', storeRetryDelaysMs: Array.from({ length: 40 }, () => 250),
    }));
    const s = await listen(app);
    try {
      const C = '6285550000001';
      expect((await postWebhook(s.url, cloudBatch([cloudText(C, 'halo')]))).status).toBe(200);
      await until(() => graph.to(C).length > 0, 15_000);
      await sleep(300);
      expect(calls).toBeGreaterThan(1); // retried
      expect(graph.to(C).map((c) => c.text?.body)).not.toContain(APOLOGY);
    } finally {
      await new Promise((r) => s.server.close(r));
      await waitReadyz(svc.url, 200);
    }
  }, 40_000);

  async function baileys(retryDelaysMs: number[]) {
    const dir = await mkdtemp(join(tmpdir(), 'jessi-wa-outage-'));
    dirs.push(dir);
    const fake = fakeBaileys();
    const adapter = await startBaileysAdapter({
      bot: await svc.jessi.ready,
      store: svc.jessi.store,
      leaseStore: new MemoryStore(), // the connection lease is not what this test is about
      logger: pino({ level: 'silent' }),
      authStore: fileAuthStore(dir),
      salt: 'test-salt',
      makeSocket: fake.make,
      onQr: () => undefined,
      storeRetryDelaysMs: retryDelaysMs,
    });
    adapters.push(adapter);
    await until(() => fake.state.ev !== undefined);
    fake.open();
    return { adapter, fake };
  }

  it('Baileys: a message received while Redis is down stays unread and is answered when Redis is back', async () => {
    const { fake } = await baileys(Array.from({ length: 60 }, () => 250)); // up to 15 s of waiting
    const JID = '6283333333333@s.whatsapp.net';
    await redis.stop('SIGKILL');
    await waitReadyz(svc.url, 503);
    fake.receive(JID, 'halo');
    await sleep(1500);
    expect(fake.state.sent).toEqual([]); // not answered…
    expect(fake.state.reads).toEqual([]); // …and not marked read
    await redis.start();
    await until(() => fake.state.sent.length > 0, 10_000);
    await sleep(300);
    expect(fake.state.sent.every((s) => s.jid === JID)).toBe(true);
    expect(fake.state.sent.map((s) => s.text)).not.toContain(APOLOGY);
    expect(fake.state.reads.length).toBe(1);
  }, 40_000);

  it('Baileys: if Redis stays down past the retries, the user is told to try again (never silence)', async () => {
    const { fake } = await baileys([100, 100, 100]);
    const JID = '6284444444444@s.whatsapp.net';
    await redis.stop('SIGKILL');
    await waitReadyz(svc.url, 503);
    fake.receive(JID, 'halo');
    await until(() => fake.state.sent.length > 0, 5_000);
    expect(fake.state.sent).toEqual([{ jid: JID, text: APOLOGY }]);
    await redis.start();
    await waitReadyz(svc.url, 200);
  }, 40_000);
});
