/**
 * #13 end to end in real Chromium: a user in the widget asks for a person; an agent signed in to /agent in a
 * second browser context sees the conversation, picks it up and answers; the user sees the answer live (no
 * reload); the agent hands back; the bot answers the next message. Then: what users type reaches the console as
 * text only (script and markup payloads neither run nor render), and a supervisor sees the charts and the
 * unanswered questions of these conversations in /agent/insights and files one as a training proposal.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';
import { OPEN, agentAccounts, lastBotText, launch, openWidget, runningFrom, signIn, userSays } from './browser.ts';

describe('live chat in the browser: widget ↔ agent console', () => {
  let svc: Service;
  let browser: Browser;
  let userCtx: BrowserContext;
  let agentCtx: BrowserContext;
  let user: Page;
  let agent: Page;
  const dir = mkdtempSync(path.join(tmpdir(), 'jessi-proposals-'));
  const proposals = path.join(dir, 'training.yaml');

  beforeAll(async () => {
    svc = await startService({ AGENT_ACCOUNTS: await agentAccounts(), RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, TRAINING_PROPOSALS_FILE: proposals }, { now: runningFrom(OPEN) });
    browser = await launch();
    userCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    user = await userCtx.newPage();
    agent = await agentCtx.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a person takes over, answers live, hands back, and the bot answers again', async () => {
    // Sari opens the console: agents are on duty.
    await signIn(agent, svc.url, 'sari');
    await openWidget(user, svc.url);
    await userSays(user, 'qwzx blorp fnargh');
    await userSays(user, 'saya mau bicara dengan petugas');
    expect(await lastBotText(user)).toMatch(/antrean/i);

    const item = agent.locator('#queue button').first();
    await expect.poll(() => item.innerText(), { timeout: 10_000 }).toMatch(/web.*menunggu/s);
    await item.click();
    await expect.poll(() => agent.locator('#transcript').innerText()).toContain('saya mau bicara dengan petugas');
    await agent.locator('#pickup').click();
    await agent.locator('#reply').waitFor({ state: 'visible' });

    // The agent's answer reaches the widget without a reload.
    await agent.locator('#reply textarea').fill('Halo, saya Sari dari BPJS Ketenagakerjaan. Ada yang bisa dibantu?');
    await agent.locator('#reply button[type=submit]').click();
    const agentBubble = user.locator('jessi-widget .msg.agent .bubble', { hasText: 'saya Sari dari BPJS' });
    await agentBubble.waitFor({ timeout: 10_000 });
    expect(await user.locator('jessi-widget .msg.agent .agent-name').last().innerText()).toContain('Sari');

    // The user writes; the bot stays quiet (a status line only) and the agent reads it.
    await userSays(user, 'saldo jht saya tidak muncul di aplikasi');
    expect(await lastBotText(user)).toMatch(/Terkirim ke petugas/);
    await expect.poll(() => agent.locator('#transcript').innerText()).toContain('saldo jht saya tidak muncul');

    // Typing is seen by the agent.
    await user.locator('jessi-widget .panel input').pressSequentially('sebentar', { delay: 20 });
    await agent.locator('#user-typing').waitFor({ state: 'visible', timeout: 10_000 });
    await user.locator('jessi-widget .panel input').fill('');

    // After a reload the widget is still live: a message sent meanwhile arrives.
    await user.reload();
    await user.locator('jessi-widget .panel input').waitFor({ state: 'visible' });
    await agent.locator('#reply textarea').fill('Baik, saya cek dulu ya.');
    await agent.locator('#reply button[type=submit]').click();
    await user.locator('jessi-widget .msg.agent .bubble', { hasText: 'saya cek dulu' }).waitFor({ timeout: 10_000 });

    await agent.locator('#handback').click();
    await user.locator('jessi-widget .msg.notice .bubble', { hasText: /mengembalikan percakapan ke Jessi/ }).waitFor({ timeout: 10_000 });
    await userSays(user, 'berapa iuran bpu');
    const answer = await lastBotText(user);
    expect(answer).not.toMatch(/Terkirim ke petugas/);
    expect(answer).toMatch(/BPU|Bukan Penerima Upah|iuran/i);
  });

  it('script and markup from the widget reach the console as plain text', async () => {
    const attacks = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', '<b id="bold-attack">tebal</b> [x](javascript:alert(1))'];
    const xssUser = await userCtx.newPage();
    await xssUser.addInitScript(() => localStorage.clear());
    await openWidget(xssUser, svc.url);
    await userSays(xssUser, 'hubungkan ke petugas');
    for (const a of attacks) await userSays(xssUser, a);
    await agent.goto(`${svc.url}/agent`);
    await agent.locator('#app').waitFor({ state: 'visible' });
    const item = agent.locator('#queue button', { hasText: 'menunggu' }).first();
    await item.waitFor();
    await item.click();
    await expect.poll(() => agent.locator('#transcript').innerText()).toContain('<script>window.__pwned=2</script>');
    const text = await agent.locator('#transcript').innerText();
    expect(text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await agent.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await agent.locator('#transcript img, #transcript script, #transcript b#bold-attack, #transcript a').count()).toBe(0);
    // The preview in the queue is text too.
    expect(await agent.locator('#queue img, #queue script').count()).toBe(0);
    await agent.locator('#pickup').click();
    await agent.locator('#close').click();
    await xssUser.locator('jessi-widget .msg.notice .bubble', { hasText: /menutup percakapan/ }).waitFor({ timeout: 10_000 });
    await xssUser.close();
  });

  it('the supervisor view shows the charts and the unanswered questions of these conversations', async () => {
    const sup = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // An agent is not a supervisor.
    await agent.goto(`${svc.url}/agent/insights`);
    await agent.locator('#denied').waitFor({ state: 'visible' });
    expect(await agent.locator('#denied').innerText()).toMatch(/supervisor/);

    await signIn(sup, svc.url, 'rina');
    await sup.locator('#insights-link').click();
    await sup.locator('#board').waitFor({ state: 'visible' });
    expect(await sup.locator('.chart canvas').count()).toBeGreaterThanOrEqual(4);
    expect(await sup.locator('#chart-intents').innerText()).toContain('handoff_agent');
    const totals = await sup.locator('#totals').innerText();
    expect(totals).toMatch(/Handoff/);
    expect(Number((await sup.locator('[data-total="Handoff"] b').innerText()).trim())).toBeGreaterThanOrEqual(2);
    const row = sup.locator('#unanswered tbody tr', { hasText: 'qwzx blorp fnargh' });
    await row.waitFor();
    await row.locator('select').selectOption('jht_claim_how');
    await row.locator('button').click();
    await row.locator('[role=status]', { hasText: 'Diusulkan' }).waitFor();
    expect(existsSync(proposals)).toBe(true);
    const file = readFileSync(proposals, 'utf8');
    expect(file).toContain('qwzx blorp fnargh');
    expect(file).toContain('intent: jht_claim_how');
    expect(file).toContain('by: rina');
    await sup.screenshot({ path: path.join('test-results', 'agent-insights.png'), fullPage: true }).catch(() => undefined);
  });
});
