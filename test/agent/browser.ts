/** Chromium for the console tests (Debian's /usr/bin/chromium through playwright-core) and the console's steps. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashPassword } from '../../adapters/agent/accounts.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const launch = (): Promise<Browser> => chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** Monday 2 December 2026, 10:00 in Jakarta: agents are on duty. The service's clock runs on from there. */
export const OPEN = Date.UTC(2026, 11, 2, 3, 0);
export const runningFrom = (start: number) => {
  const t0 = Date.now();
  return () => start + (Date.now() - t0);
};

export const PASSWORDS = { sari: 'sari-rahasia-2026', budi: 'budi-rahasia-2026', rina: 'rina-supervisi-2026' };

/** AGENT_ACCOUNTS with two agents and a supervisor. */
export async function agentAccounts(): Promise<string> {
  return JSON.stringify([
    { id: 'sari', name: 'Sari', role: 'agent', hash: await hashPassword(PASSWORDS.sari) },
    { id: 'budi', name: 'Budi', role: 'agent', hash: await hashPassword(PASSWORDS.budi) },
    { id: 'rina', name: 'Rina', role: 'supervisor', hash: await hashPassword(PASSWORDS.rina) },
  ]);
}

export async function signIn(page: Page, base: string, id: keyof typeof PASSWORDS): Promise<void> {
  await page.goto(`${base}/agent`);
  await page.locator('#login input[name=id]').fill(id);
  await page.locator('#login input[name=password]').fill(PASSWORDS[id]);
  await page.locator('#login button[type=submit]').click();
  await page.locator('#app').waitFor({ state: 'visible' });
}

/** The widget on the demo page, opened. */
export async function openWidget(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.locator('jessi-widget .launcher').click();
  await page.locator('jessi-widget .panel input').waitFor({ state: 'visible' });
}

export async function userSays(page: Page, text: string): Promise<void> {
  const before = await page.locator('jessi-widget .msg.bot').count();
  await page.locator('jessi-widget .panel input').fill(text);
  await page.locator('jessi-widget .panel input').press('Enter');
  await page.waitForFunction((n) => document.querySelector('jessi-widget')!.shadowRoot!.querySelectorAll('.msg.bot:not(.typing)').length > n, before);
}

export const lastBotText = (page: Page) => page.locator('jessi-widget .msg.bot:not(.typing) .bubble').last().innerText();
