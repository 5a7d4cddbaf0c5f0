/**
 * The live chat across instances on one real Redis: the user's widget talks to instance A, the agent's console
 * to instance B. Queue, transcript, the agent's answer (delivered live to the user on A through Redis pub/sub),
 * the user's typing, and the hand-back all cross between them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer, shouldRunRedisTests } from '../redis/redis-server.ts';
import { startService, type Service } from '../helpers/service.ts';
import { OPEN, agentAccounts, lastBotText, launch, openWidget, runningFrom, signIn, userSays } from './browser.ts';

describe.runIf(shouldRunRedisTests())('live chat: the user on instance A, the agent on instance B', () => {
  let redis: RedisServer;
  let a: Service;
  let b: Service;
  let browser: Browser;
  let user: Page;
  let agent: Page;

  beforeAll(async () => {
    redis = await RedisServer.start();
    const overrides = { REDIS_URL: redis.url, AGENT_ACCOUNTS: await agentAccounts(), RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 };
    const now = runningFrom(OPEN);
    [a, b] = await Promise.all([startService(overrides, { now }), startService(overrides, { now })]);
    browser = await launch();
    user = await (await browser.newContext()).newPage();
    agent = await (await browser.newContext()).newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('an agent on B answers a user on A live, and hands the conversation back', async () => {
    await signIn(agent, b.url, 'budi');
    await openWidget(user, a.url);
    await userSays(user, 'tolong sambungkan ke petugas');
    expect(await lastBotText(user)).toMatch(/antrean/i);

    const item = agent.locator('#queue button', { hasText: 'menunggu' }).first();
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    await agent.locator('#pickup').click();
    await user.locator('jessi-widget .msg.notice .bubble', { hasText: /Budi bergabung/ }).waitFor({ timeout: 10_000 });

    await agent.locator('#reply textarea').fill('Selamat siang, saya Budi. Klaim Anda sedang saya periksa.');
    await agent.locator('#reply button[type=submit]').click();
    await user.locator('jessi-widget .msg.agent .bubble', { hasText: 'saya Budi' }).waitFor({ timeout: 10_000 });

    await userSays(user, 'nomor pengaduan saya belum ada kabar');
    await expect.poll(() => agent.locator('#transcript').innerText(), { timeout: 10_000 }).toContain('nomor pengaduan saya belum ada kabar');
    await user.locator('jessi-widget .panel input').pressSequentially('oke', { delay: 20 });
    await agent.locator('#user-typing').waitFor({ state: 'visible', timeout: 10_000 });
    await user.locator('jessi-widget .panel input').fill('');

    await agent.locator('#handback').click();
    await user.locator('jessi-widget .msg.notice .bubble', { hasText: /mengembalikan percakapan ke Jessi/ }).waitFor({ timeout: 10_000 });
    await userSays(user, 'cara klaim jht gimana');
    expect(await lastBotText(user)).toMatch(/JHT/);
    expect(await lastBotText(user)).not.toMatch(/Terkirim ke petugas/);
  });
});
