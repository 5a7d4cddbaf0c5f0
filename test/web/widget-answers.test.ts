// Issue #14 in real Chromium (Debian's /usr/bin/chromium through playwright-core), on a desktop (1280×800) and a
// phone (390×844): links, long answers, masked names, focus and Escape, axe-core, feedback, the ID/EN switch.
// Screenshots of every state go to test-results/screenshots/ (gitignored) for review.
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import express from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebRouter } from '../../adapters/web/router.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = 'test-results/screenshots';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const METRICS_TOKEN = 'metrics-test-token';

interface Server { url: string; close(): Promise<void> }

async function listen(handler: http.RequestListener): Promise<Server> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const LONG = [
  '*Baris pertama jawaban panjang.* Ini awal jawaban yang harus terlihat lebih dulu.',
  ...Array.from({ length: 40 }, (_, i) => `${i + 2}. Langkah ke-${i + 2}: isi formulir, unggah dokumen, dan tunggu verifikasi dari petugas.`),
  'Sumber: bpjsketenagakerjaan.go.id',
].join('\n');

/** Scripted replies for what the real bot never says (hostile links, a very long answer); the chat API contract otherwise. */
function stubApp() {
  const app = express();
  app.use(createWebRouter({ widgetOrigins: '*' }));
  app.use(express.json());
  const feedback: unknown[] = [];
  app.post('/api/feedback', (req, res) => {
    feedback.push(req.body);
    res.json({ status: 'recorded' });
  });
  app.post('/api/chat', (req, res) => {
    const body = req.body as { text?: string; payload?: string; sessionId?: string };
    const text = (body.text ?? '').toLowerCase();
    const reply = (messages: object[], intent = 'out_of_scope') => res.json({ sessionId: body.sessionId ?? 'stub-session-0001', messages, intent: { id: intent, confidence: 0.9 } });
    if (text.includes('tautan jahat'))
      return reply([{ text: 'Tautan:', links: [
        { title: 'Jahat', url: 'javascript:window.__xss=1' },
        { title: 'Data', url: 'data:text/html,<script>parent.__xss=2</script>' },
        { title: 'Jahat besar', url: 'JAVASCRIPT:window.__xss=3' },
        { title: 'Http', url: 'http://www.bpjsketenagakerjaan.go.id/' },
        { title: 'Resmi', url: 'https://www.bpjsketenagakerjaan.go.id/' },
      ] }]);
    if (text.includes('saldo saya')) return reply([{ text: 'Saldo JHT atas nama B*** S***** (konvensional): *Rp12.345.678*.', private: true }], 'jht_balance');
    if (text.includes('panjang')) return reply([{ text: LONG }], 'jht_claim_how');
    if (text === 'menu' || body.payload === 'intent:menu')
      return reply([{ text: 'Pilih topik:', buttons: [{ title: 'Cara klaim JHT', payload: 'intent:jht_claim_how' }, { title: 'Syarat klaim JHT', payload: 'intent:jht_claim_requirements' }] }], 'menu');
    return reply([{ text: 'Jawaban singkat.' }], 'jht_claim_requirements');
  });
  return { app, feedback };
}

let browser: Browser;
let main: Server & { metrics(): Promise<string> };
let stub: Server & { feedback: unknown[] };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const { createApp } = await import('../../src/app.ts');
  const jessi = await createApp({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, METRICS_PORT: 0, METRICS_TOKEN });
  await jessi.ready;
  const s = await listen(jessi.app);
  main = {
    ...s,
    close: async () => { await s.close(); await jessi.close(); },
    metrics: async () => (await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text(),
  };
  const st = stubApp();
  stub = { ...(await listen(st.app)), feedback: st.feedback };
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([main, stub].map((s) => s?.close()));
});

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe.each(VIEWPORTS)('widget on a $name ($width×$height)', { timeout: 60_000 }, (vp) => {
  async function newPage(viewport: { width: number; height: number } = vp, extra: { bypassCSP?: boolean } = {}): Promise<{ page: Page; ctx: BrowserContext; errors: string[] }> {
    const ctx = await browser.newContext({ viewport, locale: 'id-ID', isMobile: vp.name === 'phone', hasTouch: vp.name === 'phone', ...extra });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, ctx, errors };
  }
  const shot = (page: Page, what: string) => page.screenshot({ path: `${SHOTS}/${vp.name}-${what}.png` });
  const box = (page: Page) => page.getByRole('textbox', { name: /Tulis pesan|Type a message/ });
  const botBubbles = (page: Page) => page.locator('jessi-widget .msg.bot:not(.typing)');

  async function open(page: Page, url: string) {
    await page.goto(url);
    await page.getByRole('button', { name: /jessi/i }).first().click({ timeout: 8000 });
    const log = page.getByRole('log');
    await log.waitFor({ timeout: 8000 });
    return log;
  }
  async function say(page: Page, text: string) {
    const before = await botBubbles(page).count();
    await box(page).fill(text);
    await box(page).press('Enter');
    await expect.poll(() => botBubbles(page).count(), { timeout: 8000 }).toBeGreaterThan(before);
    await page.locator('jessi-widget [data-typing]').waitFor({ state: 'detached', timeout: 8000 });
  }
  /** The element focused inside the widget's shadow root. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.querySelector('jessi-widget')?.shadowRoot?.activeElement;
      return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? ''}` : null;
    });

  it('answers carry real links: safe anchors (https/tel, noopener noreferrer, new tab) that open the official page', async () => {
    const { page, ctx, errors } = await newPage();
    // No internet here: the official page is served by the test, so the click really opens a tab.
    await ctx.route('https://lapakasik.bpjsketenagakerjaan.go.id/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Lapak Asik</title><h1>Lapak Asik</h1>' }));
    await open(page, `${main.url}/`);
    await say(page, 'nomor call center bpjs ketenagakerjaan berapa?');
    const links = page.getByRole('group', { name: 'Tautan resmi' }).last();
    await links.waitFor({ timeout: 8000 });
    const anchors = await links.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel'), target: a.getAttribute('target'), text: a.textContent })));
    expect(anchors.map((a) => a.href)).toEqual(expect.arrayContaining(['tel:175', 'https://lapakasik.bpjsketenagakerjaan.go.id/']));
    for (const a of anchors) {
      expect(a.rel).toBe('noopener noreferrer');
      expect(a.target).toBe('_blank');
      expect(a.href).toMatch(/^(https:\/\/|tel:)/);
    }
    await shot(page, 'links');
    const [popup] = await Promise.all([ctx.waitForEvent('page'), links.getByRole('link', { name: 'Lapak Asik' }).click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe('https://lapakasik.bpjsketenagakerjaan.go.id/');
    expect(await popup.evaluate(() => window.opener)).toBeNull(); // noopener: the portal cannot reach back into the page
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a javascript:, data: or http: link from the API never becomes an anchor', async () => {
    const { page, ctx } = await newPage();
    await open(page, `${stub.url}/`);
    await say(page, 'tautan jahat');
    const hrefs = await page.locator('jessi-widget a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['https://www.bpjsketenagakerjaan.go.id/']);
    await page.getByText('Jahat', { exact: true }).click({ timeout: 1000 }).catch(() => undefined); // not even shown as a link
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await ctx.close();
  });

  it('shows a masked name literally (its stars are not bold markup)', async () => {
    const { page, ctx } = await newPage();
    const log = await open(page, `${stub.url}/`);
    await say(page, 'saldo saya');
    const reply = log.locator('.msg.bot').filter({ hasText: 'Saldo JHT' });
    expect(await reply.locator('.bubble').innerText()).toContain('atas nama B*** S***** (konvensional)');
    expect(await reply.locator('strong').allInnerTexts()).toEqual(['Rp12.345.678']);
    await shot(page, 'masked-name');
    await ctx.close();
  });

  it('a long answer opens at its first line, with the header in place; short ones and the user’s own keep to the bottom', async () => {
    const { page, ctx } = await newPage();
    const log = await open(page, `${stub.url}/`);
    const header = page.locator('jessi-widget .head');
    const headerBefore = await header.boundingBox();
    await say(page, 'jawaban panjang');
    const long = log.locator('.msg.bot').filter({ hasText: 'Baris pertama jawaban panjang' });
    const logBox = (await log.boundingBox())!;
    const first = (await long.locator('strong').first().boundingBox())!;
    expect(first.y).toBeGreaterThanOrEqual(logBox.y);
    expect(first.y + first.height).toBeLessThanOrEqual(logBox.y + logBox.height);
    const bubble = (await long.locator('.bubble').boundingBox())!;
    expect(bubble.y + bubble.height).toBeGreaterThan(logBox.y + logBox.height); // its end ("Sumber:") is below: read from the start
    expect(await header.boundingBox()).toEqual(headerBefore); // the panel did not move, its header is visible
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);
    await shot(page, 'long-answer');
    await say(page, 'singkat');
    const atBottom = () => log.evaluate((el) => Math.abs(el.scrollHeight - el.clientHeight - el.scrollTop) <= 2);
    expect(await atBottom()).toBe(true);
    await ctx.close();
  });

  it('keeps the focus in the panel after a suggested reply, so Escape still closes it', async () => {
    const { page, ctx } = await newPage();
    await open(page, `${stub.url}/`);
    await say(page, 'menu');
    const before = await botBubbles(page).count();
    await page.getByRole('group', { name: 'Pilihan jawaban' }).getByRole('button', { name: 'Syarat klaim JHT' }).click();
    await expect.poll(() => botBubbles(page).count(), { timeout: 8000 }).toBeGreaterThan(before);
    expect(await focused(page)).toBe('input:Tulis pesan');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Chat dengan Jessi' }).isVisible()).resolves.toBe(false);
    expect(await focused(page)).toMatch(/^button:Hai Sahabat/);
    await ctx.close();
  });

  it('has no serious or critical axe-core violations (open panel with an answer, links, buttons and feedback)', async () => {
    // The demo page's CSP forbids inline scripts; axe is the test's own, so only this context bypasses it.
    const { page, ctx } = await newPage(vp, { bypassCSP: true });
    await open(page, `${main.url}/`);
    await say(page, 'gimana cara klaim jht?');
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const r = await axe.run({ include: [['jessi-widget']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3) }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await shot(page, 'axe-checked');
    await ctx.close();
  });

  it('records 👍/👎 with only the intent, counted per intent in /metrics', async () => {
    const { page, ctx } = await newPage();
    const sent: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/feedback')) sent.push(r.postData() ?? ''); });
    const log = await open(page, `${main.url}/`);
    await say(page, 'gimana cara klaim jht?');
    const metric = async () => Number(/jessi_feedback_total\{intent="jht_claim_how",vote="down"\} (\d+)/.exec(await main.metrics())?.[1] ?? 0);
    const before = await metric();
    const row = log.getByRole('group', { name: 'Apakah jawaban ini membantu?' }).last();
    await row.evaluate((el) => el.scrollIntoView({ block: 'end' })); // for the screenshot only (the widget itself never does this)
    await shot(page, 'feedback');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/feedback'));
    await row.getByRole('button', { name: 'Tidak membantu' }).click();
    expect((await answered).status()).toBe(200);
    await row.getByText('Terima kasih atas masukannya.').waitFor({ timeout: 2000 });
    expect(Object.keys(JSON.parse(sent[0]!)).sort()).toEqual(['helpful', 'intent', 'sessionId']);
    expect(JSON.parse(sent[0]!)).toMatchObject({ intent: 'jht_claim_how', helpful: false });
    expect(sent[0]).not.toContain('klaim jht?'); // no text of the conversation
    await expect.poll(metric, { timeout: 4000 }).toBe(before + 1);
    expect(await focused(page)).toBe('input:Tulis pesan');
    await ctx.close();
  });

  it('shows a typing indicator, and the header switches between Indonesian and English (kept after a reload)', async () => {
    const { page, ctx } = await newPage();
    const bodies: Record<string, unknown>[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/chat')) bodies.push(JSON.parse(r.postData() ?? '{}')); });
    await page.route('**/api/chat', async (route) => { await new Promise((r) => setTimeout(r, 600)); await route.continue(); });
    await open(page, `${main.url}/`);
    await box(page).fill('gimana cara klaim jht?');
    await box(page).press('Enter');
    await page.locator('jessi-widget [data-typing]').waitFor({ state: 'visible', timeout: 2000 });
    await shot(page, 'typing');
    await page.locator('jessi-widget [data-typing]').waitFor({ state: 'detached', timeout: 8000 });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('textbox', { name: 'Type a message' }).waitFor({ timeout: 2000 });
    await expect(page.getByRole('dialog', { name: 'Chat with Jessi' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('log').innerText()).resolves.toContain('gimana cara klaim jht?'); // the conversation stays
    await say(page, 'how do I claim my JHT?');
    expect(bodies[bodies.length - 1]).toMatchObject({ locale: 'en' });
    await shot(page, 'english');
    await page.reload();
    await page.getByRole('textbox', { name: 'Type a message' }).or(page.getByRole('button', { name: /Jessi/ })).first().waitFor({ timeout: 8000 });
    await page.getByRole('dialog', { name: 'Chat with Jessi' }).or(page.getByRole('button', { name: "Hi there, I'm Jessi! Open chat" })).first().waitFor({ timeout: 8000 });
    await ctx.close();
  });
});

describe('widget at 200% zoom (1280×800 at 2×: 640×400 CSS pixels)', { timeout: 60_000 }, () => {
  it('keeps the header, the answer and the text box usable, without sideways scrolling', async () => {
    const ctx = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, locale: 'id-ID' });
    const page = await ctx.newPage();
    await page.goto(`${main.url}/`);
    await page.getByRole('button', { name: /jessi/i }).first().click();
    const boxEl = page.getByRole('textbox', { name: 'Tulis pesan' });
    await boxEl.fill('nomor call center berapa?');
    await boxEl.press('Enter');
    await page.getByRole('group', { name: 'Tautan resmi' }).last().waitFor({ timeout: 8000 });
    const panel = (await page.getByRole('dialog', { name: 'Chat dengan Jessi' }).boundingBox())!;
    for (const el of [page.getByRole('button', { name: 'Tutup chat', exact: true }), boxEl, page.getByRole('button', { name: 'Kirim' }), page.getByRole('button', { name: 'Switch to English' })]) {
      const b = (await el.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(panel.x);
      expect(b.x + b.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height).toBeLessThanOrEqual(400);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    await page.screenshot({ path: `${SHOTS}/zoom200.png` });
    await ctx.close();
  });
});
