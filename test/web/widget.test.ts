// The web widget in real Chromium (Debian's /usr/bin/chromium through playwright-core): the demo page,
// a one-tag embed on another origin, rendering as text, quick replies, retry, reload, CORS allow-list, 360 px.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebRouter } from '../../adapters/web/router.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Server {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<Server> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

interface StubControl {
  /** The next N chat requests get their connection dropped (a network failure). */
  failNext: number;
  bodies: Record<string, unknown>[];
}

/**
 * A backend that keeps the chat API contract (shared/api.md) with scripted replies, behind the real web router.
 * Needed in any case for what the real bot never says (hostile HTML from the knowledge base, 429, dropped connections).
 */
function stubApp(widgetOrigins: string[] | '*'): { app: express.Express; control: StubControl } {
  const control: StubControl = { failNext: 0, bodies: [] };
  const app = express();
  app.use(createWebRouter({ widgetOrigins }));
  app.use(express.json({ limit: '16kb' }));
  let sessions = 0;
  app.post('/api/chat', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    control.bodies.push(body);
    if (control.failNext > 0) {
      control.failNext--;
      req.socket.destroy();
      return;
    }
    const sessionId = typeof body.sessionId === 'string' ? body.sessionId : `stub-session-${++sessions}`;
    const text = typeof body.text === 'string' ? body.text.toLowerCase() : '';
    const reply = (messages: { text: string; buttons?: { title: string; payload: string }[] }[], intent: string) =>
      res.json({ sessionId, messages, intent: { id: intent, confidence: 0.9 } });
    if (body.payload === 'intent:jht_claim_requirements') return reply([{ text: 'Syarat klaim JHT: *KTP* dan kartu peserta.' }], 'jht_claim_requirements');
    if (body.payload === 'intent:jht_claim_how' || text.includes('klaim jht'))
      return reply([{ text: 'Klaim JHT bisa lewat aplikasi *JMO*, Lapak Asik online, atau kantor cabang.', buttons: [{ title: 'Syarat klaim JHT', payload: 'intent:jht_claim_requirements' }] }], 'jht_claim_how');
    if (text === 'menu')
      return reply([{ text: 'Pilih topik:', buttons: [{ title: 'Syarat klaim JHT', payload: 'intent:jht_claim_requirements' }, { title: 'Cara klaim JHT', payload: 'intent:jht_claim_how' }] }], 'menu');
    if (text.includes('tes jahat'))
      return reply([{ text: '<img src=x onerror="window.__xss=2"><script>window.__xss=5</script> <a href="javascript:window.__xss=3">klik</a> javascript:window.__xss=4 *tebal* lihat https://www.bpjsketenagakerjaan.go.id/klaim.' }], 'out_of_scope');
    if (text.includes('pelan')) {
      await new Promise((r) => setTimeout(r, 1500));
      return reply([{ text: 'Maaf menunggu, ini jawabannya.' }], 'out_of_scope');
    }
    if (text.includes('saldo saya'))
      return res.json({ sessionId, messages: [{ text: 'Saldo JHT atas nama A*** (uji): Rp12.345.678.', private: true }], intent: { id: 'jht_balance', confidence: 1 } });
    if (text.includes('banjir')) {
      res.setHeader('Retry-After', '30');
      return res.status(429).json({ error: { code: 'rate_limited', message: 'Pesan Anda terlalu banyak, coba lagi dalam 30 detik ya.' } });
    }
    return reply([{ text: 'Maaf, Jessi belum paham. Coba tanyakan tentang JHT.' }], 'out_of_scope');
  });
  return { app, control };
}

async function startStubBackend(): Promise<Server> {
  return listen(stubApp('*').app);
}

/** The real service (src/app.ts createApp). */
async function startRealApp(): Promise<Server> {
  const { createApp } = await import('../../src/app.ts');
  const jessi = await createApp({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
  await jessi.ready;
  const s = await listen(jessi.app);
  return { ...s, close: async () => { await s.close(); await jessi.close(); } };
}
void startStubBackend;

// The backend for the user journeys (one line): the real service; `startStubBackend` if it cannot start.
const startMainBackend = startRealApp;

let browser: Browser;
let main: Server;
let stub: Server & { control: StubControl };
let locked: Server & { control: StubControl };
let thirdParty: Server;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  main = await startMainBackend();
  const s = stubApp('*');
  stub = { ...(await listen(s.app)), control: s.control };
  // A third-party site: one script tag pointing at the backend given in ?b=, its own search box, and
  // aggressive CSS that must not reach into the widget.
  thirdParty = await listen((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const b = q.get('b') ?? '';
    const lang = q.get('lang') === 'en' ? ' data-lang="en"' : '';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html><head><title>Toko Mitra</title><style>button{display:none!important} body{font:30px serif;color:red}</style></head>
<body><h1>Halaman mitra</h1><input type="search" aria-label="Cari produk"><script src="${b}/widget.js" async${lang}></script></body></html>`);
  });
  const l = stubApp([`http://localhost:${thirdParty.port}`]);
  locked = { ...(await listen(l.app)), control: l.control };
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([main, stub, locked, thirdParty].map((s) => s?.close()));
});

async function newPage(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; ctx: BrowserContext; errors: string[] }> {
  const ctx = await browser.newContext({ viewport, locale: 'id-ID' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, ctx, errors };
}

const launcherOf = (page: Page) => page.getByRole('button', { name: /jessi/i }).first();
const boxOf = (page: Page) => page.getByRole('textbox', { name: 'Tulis pesan' });
const botBubbles = (page: Page) => page.locator('jessi-widget .msg.bot:not(.typing)');

async function open(page: Page, url: string) {
  await page.goto(url);
  await launcherOf(page).click({ timeout: 8000 });
  const log = page.getByRole('log');
  await log.waitFor({ timeout: 8000 });
  return log;
}

async function say(page: Page, text: string): Promise<void> {
  await boxOf(page).fill(text);
  await boxOf(page).press('Enter');
}

/** The JSON bodies the page POSTs to /api/chat. */
function captureChat(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/chat')) bodies.push(JSON.parse(r.postData() ?? '{}'));
  });
  return bodies;
}

describe('web widget in Chromium', { timeout: 60_000 }, () => {
  it('serves a small widget and a demo page that embeds it with one tag', async () => {
    const js = await fetch(`${main.url}/widget.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await js.text()).length).toBeGreaterThan(1000);
    const demo = await (await fetch(`${main.url}/`)).text();
    expect(demo).toContain('<script src="/widget.js" async></script>');
  });

  it('has a launcher named after Jessi and answers a question on the demo page', async () => {
    const { page, ctx, errors } = await newPage();
    await page.goto(`${main.url}/`);
    await expect(launcherOf(page).getAttribute('aria-label')).resolves.toContain('Hai Sahabat, Saya Jessi!');
    const log = await open(page, `${main.url}/`);
    await say(page, 'gimana cara klaim jht?');
    await log.filter({ hasText: /lapak ?asik|jmo|kantor cabang/i }).waitFor({ timeout: 8000 });
    expect(await log.locator('.msg.user').count()).toBe(1);
    expect(await log.locator('time[datetime]').count()).toBeGreaterThanOrEqual(2); // timestamps on both turns
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('sends a quick-reply button as its payload and shows its title as the user message', async () => {
    const { page, ctx } = await newPage();
    const bodies = captureChat(page);
    await open(page, `${main.url}/`);
    await say(page, 'menu');
    const button = page.getByRole('group', { name: 'Pilihan jawaban' }).getByRole('button').first();
    await button.waitFor({ timeout: 8000 });
    const title = (await button.innerText()).trim();
    const before = await botBubbles(page).count();
    await button.click();
    await expect.poll(() => botBubbles(page).count(), { timeout: 8000 }).toBeGreaterThan(before);
    const last = bodies[bodies.length - 1];
    expect(typeof last.payload).toBe('string');
    expect(last.text).toBeUndefined();
    expect(typeof last.sessionId).toBe('string'); // the same conversation continues
    await expect(page.locator('jessi-widget .msg.user').last().innerText()).resolves.toContain(title);
    await ctx.close();
  });

  it('shows HTML typed by the user literally and never runs it', async () => {
    const { page, ctx } = await newPage();
    const log = await open(page, `${main.url}/`);
    const evil = '<img src=x onerror="window.__xss=1"><b>tebal</b>';
    await say(page, evil);
    await expect.poll(() => botBubbles(page).count(), { timeout: 8000 }).toBeGreaterThan(1);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await log.innerText()).toContain(evil);
    expect(await log.locator('img, b').count()).toBe(0);
    await ctx.close();
  });

  it('renders a hostile reply as text: only *bold* and https links become markup', async () => {
    const { page, ctx } = await newPage();
    const log = await open(page, `${stub.url}/`);
    await say(page, 'tes jahat');
    const reply = log.locator('.msg.bot').filter({ hasText: 'lihat' });
    await reply.waitFor({ timeout: 8000 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const text = await reply.innerText();
    expect(text).toContain('<img src=x onerror="window.__xss=2">');
    expect(text).toContain('<a href="javascript:window.__xss=3">klik</a>');
    expect(await reply.locator('img, script').count()).toBe(0);
    await expect(reply.locator('strong').innerText()).resolves.toBe('tebal');
    const hrefs = await reply.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toEqual(['https://www.bpjsketenagakerjaan.go.id/klaim']); // trailing full stop not part of the link
    await ctx.close();
  });

  it('shows a typing indicator while waiting', async () => {
    const { page, ctx } = await newPage();
    await open(page, `${stub.url}/`);
    await say(page, 'jawab pelan');
    await page.locator('jessi-widget [data-typing]').waitFor({ state: 'visible', timeout: 1000 });
    await page.getByText('Maaf menunggu').waitFor({ timeout: 8000 });
    await expect(page.locator('jessi-widget [data-typing]').count()).resolves.toBe(0);
    await ctx.close();
  });

  it('offers a retry after a network failure, and the retry gets the answer', async () => {
    const { page, ctx } = await newPage();
    await open(page, `${stub.url}/`);
    stub.control.failNext = 1;
    await say(page, 'cara klaim jht');
    await page.getByText('Gagal mengirim. Coba lagi').waitFor({ timeout: 8000 });
    await page.getByRole('button', { name: 'Coba lagi' }).click();
    await page.getByRole('log').getByText(/Lapak Asik online/).waitFor({ timeout: 8000 });
    expect(await page.locator('jessi-widget .msg.user').count()).toBe(1); // the message is not duplicated
    await expect(page.getByText('Gagal mengirim. Coba lagi').count()).resolves.toBe(0);
    await ctx.close();
  });

  it("shows the server's message politely on 429 and keeps working", async () => {
    const { page, ctx } = await newPage();
    await open(page, `${stub.url}/`);
    await say(page, 'banjir pesan');
    const notice = page.getByRole('log').getByText('Pesan Anda terlalu banyak, coba lagi dalam 30 detik ya.');
    await notice.waitFor({ timeout: 8000 });
    expect(await notice.count()).toBe(1);
    // shown as the bot's message, not as a send failure with a retry button
    await expect(page.getByText('Gagal mengirim. Coba lagi').count()).resolves.toBe(0);
    await say(page, 'cara klaim jht');
    await page.getByRole('log').getByText(/Lapak Asik online/).waitFor({ timeout: 8000 });
    expect(await page.locator('jessi-widget .msg.user').count()).toBe(2);
    await ctx.close();
  });

  it('restores the conversation and session after a reload', async () => {
    const { page, ctx } = await newPage();
    const bodies = captureChat(page);
    const log = await open(page, `${main.url}/`);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/chat') && r.request().method() === 'POST');
    await say(page, 'gimana cara klaim jht?');
    const { sessionId } = (await (await answered).json()) as { sessionId: string };
    await log.filter({ hasText: /lapak ?asik|jmo|kantor cabang/i }).waitFor({ timeout: 8000 });
    const before = await log.innerText();
    await page.reload();
    const again = page.getByRole('log');
    await again.or(launcherOf(page)).first().waitFor({ timeout: 8000 });
    if (!(await again.isVisible())) await launcherOf(page).click();
    await again.filter({ hasText: /cara klaim jht/i }).waitFor({ timeout: 5000 });
    expect(await again.innerText()).toContain(before.split('\n').find((l) => /lapak ?asik|jmo|kantor cabang/i.test(l)));
    await say(page, 'menu');
    await expect.poll(() => bodies.length, { timeout: 8000 }).toBe(2);
    expect(bodies[1].sessionId).toBe(sessionId);
    await ctx.close();
  });

  it('forgets a conversation left idle for more than 10 minutes, keeps one idle for 9', async () => {
    const { page, ctx } = await newPage();
    const log = await open(page, `${stub.url}/`);
    await say(page, 'cara klaim jht');
    await log.getByText(/Lapak Asik online/).waitFor({ timeout: 8000 });
    const age = (ms: number) =>
      page.evaluate((ms) => {
        for (const k of Object.keys(localStorage).filter((k) => k.startsWith('jessi:'))) {
          const v = JSON.parse(localStorage.getItem(k)!);
          localStorage.setItem(k, JSON.stringify({ ...v, at: Date.now() - ms }));
        }
      }, ms);
    const reopen = async () => {
      await page.reload();
      const again = page.getByRole('log');
      await again.or(launcherOf(page)).first().waitFor({ timeout: 8000 });
      if (!(await again.isVisible())) await launcherOf(page).click();
      await again.waitFor();
      return again.innerText();
    };
    await age(9 * 60_000);
    expect(await reopen()).toContain('cara klaim jht');
    await age(11 * 60_000);
    expect(await reopen()).not.toContain('cara klaim jht');
    await ctx.close();
  });

  it('never stores a verified balance or name in the browser, and Keluar forgets the conversation', async () => {
    const { page, ctx, errors } = await newPage();
    const bodies = captureChat(page);
    const log = await open(page, `${main.url}/`);
    const stored = () => page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));
    const turn = async (text: string, expect_: RegExp) => {
      const before = await botBubbles(page).count();
      await say(page, text);
      await expect.poll(() => botBubbles(page).count(), { timeout: 8000 }).toBeGreaterThan(before);
      await page.locator('jessi-widget [data-typing]').waitFor({ state: 'detached', timeout: 8000 });
      await log.filter({ hasText: expect_ }).waitFor({ timeout: 8000 });
    };
    await turn('cek saldo jht', /KPJ|NIK/i);
    // While the identifier is on its way, it is not in storage either.
    let pending = '';
    const stalled = page.waitForRequest((r) => r.url().endsWith('/api/chat') && (r.postData() ?? '').includes('21012345678'));
    await page.route('**/api/chat', async (route) => {
      if ((route.request().postData() ?? '').includes('21012345678')) pending = await stored();
      await route.continue();
    });
    await turn('21012345678', /lahir/i);
    await stalled;
    await page.unroute('**/api/chat');
    expect(pending).toContain('[data pribadi disembunyikan]');
    expect(pending).not.toContain('21012345678');
    await turn('15-03-1990', /kode/i);
    await turn('123456', /45\.678\.900/);
    const shown = await log.innerText();
    expect(shown).toContain('45.678.900'); // the page did show the balance…
    expect(shown).toMatch(/B\*\*\* S\*\*\*\*\*/); // the masked name, literally (its stars are not *bold* markup)
    const kept = await stored();
    expect(kept).toContain('sessionId'); // …a conversation is stored…
    expect(kept).not.toContain('45.678.900'); // …but not the balance, the masked name, or what was typed to get them
    expect(kept).not.toContain('45678900');
    expect(kept).not.toMatch(/B\*\*\* S/);
    expect(kept).not.toContain('21012345678');
    expect(kept).not.toContain('15-03-1990');
    expect(kept).toContain('[data pribadi disembunyikan]');

    // After a reload the placeholder stands where the balance was.
    await page.reload();
    const again = page.getByRole('log');
    await again.or(launcherOf(page)).first().waitFor({ timeout: 8000 });
    if (!(await again.isVisible())) await launcherOf(page).click();
    await again.filter({ hasText: '[data pribadi disembunyikan]' }).waitFor({ timeout: 5000 });
    expect(await again.innerText()).not.toContain('45.678.900');

    const sessionId = bodies[bodies.length - 1].sessionId;
    expect(typeof sessionId).toBe('string');
    await page.getByRole('button', { name: /^Keluar/ }).click();
    await expect.poll(() => bodies.length, { timeout: 8000 }).toBe(5);
    expect(bodies[4]).toMatchObject({ text: 'keluar', sessionId }); // the server is told
    const after = await stored();
    expect(after).not.toContain('sessionId');
    expect(after).not.toContain(String(sessionId));
    expect(after).not.toContain('disembunyikan');
    expect(after).not.toContain('cek saldo');
    expect(await again.innerText()).not.toContain('disembunyikan');
    // The next message starts a new conversation.
    await say(page, 'gimana cara klaim jht?');
    await expect.poll(() => bodies.length, { timeout: 8000 }).toBe(6);
    expect(bodies[5].sessionId).toBeUndefined();
    await again.filter({ hasText: /lapak ?asik|jmo|kantor cabang/i }).waitFor({ timeout: 8000 });
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('keeps ordinary answers in the stored history (only personal data is hidden)', async () => {
    const { page, ctx } = await newPage();
    const log = await open(page, `${main.url}/`);
    await say(page, 'gimana cara klaim jht?');
    await log.filter({ hasText: /lapak ?asik|jmo|kantor cabang/i }).waitFor({ timeout: 8000 });
    const kept = await page.evaluate(() => Object.values(localStorage).join('\n'));
    expect(kept).toContain('gimana cara klaim jht?');
    expect(kept).not.toContain('disembunyikan');
    await ctx.close();
  });

  it('marks every message of a personal-data turn private on the real API, and no other', async () => {
    const post = async (body: object) =>
      (await (await fetch(`${main.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
        sessionId: string;
        messages: { text: string; private?: boolean }[];
      };
    const faq = await post({ text: 'gimana cara klaim jht?' });
    expect(faq.messages.length).toBeGreaterThan(0);
    expect(faq.messages.some((m) => 'private' in m)).toBe(false);
    const ask = await post({ text: 'cek saldo jht' });
    expect(ask.messages.every((m) => m.private === true)).toBe(true);
    await post({ sessionId: ask.sessionId, text: '21012345678' });
    await post({ sessionId: ask.sessionId, text: '15-03-1990' });
    const bal = await post({ sessionId: ask.sessionId, text: '123456' });
    expect(bal.messages.map((m) => m.text).join(' ')).toContain('45.678.900');
    expect(bal.messages.every((m) => m.private === true)).toBe(true);
  });

  it('stores the English placeholder in an English widget', async () => {
    const { page, ctx } = await newPage();
    await page.goto(`http://localhost:${thirdParty.port}/?lang=en&b=${encodeURIComponent(stub.url)}`);
    await page.getByRole('button', { name: "Hi there, I'm Jessi! Open chat" }).click();
    await page.getByRole('textbox', { name: 'Type a message' }).fill('saldo saya');
    await page.keyboard.press('Enter');
    await page.getByRole('log').filter({ hasText: 'Rp12.345.678' }).waitFor({ timeout: 8000 });
    const kept = await page.evaluate(() => Object.values(localStorage).join('\n'));
    expect(kept).toContain('[personal data hidden]');
    expect(kept).not.toContain('12.345.678');
    expect(kept).not.toContain('saldo saya');
    await page.getByRole('button', { name: /^Log out/ }).click();
    await expect.poll(() => page.evaluate(() => Object.values(localStorage).join('\n'))).not.toContain('hidden');
    await ctx.close();
  });

  it('speaks English with data-lang="en" and asks the API for English', async () => {
    const { page, ctx } = await newPage();
    const bodies = captureChat(page);
    await page.goto(`http://localhost:${thirdParty.port}/?lang=en&b=${encodeURIComponent(stub.url)}`);
    await page.getByRole('button', { name: "Hi there, I'm Jessi! Open chat" }).click();
    await page.getByRole('textbox', { name: 'Type a message' }).fill('how to claim jht');
    await page.keyboard.press('Enter');
    await expect.poll(() => bodies.length, { timeout: 8000 }).toBe(1);
    expect(bodies[0].locale).toBe('en');
    await ctx.close();
  });

  it('works when embedded with one tag on another origin, untouched by the host CSS', async () => {
    const { page, ctx, errors } = await newPage({ width: 390, height: 844 });
    const pageUrl = `http://localhost:${thirdParty.port}/?b=${encodeURIComponent(main.url)}`;
    const log = await open(page, pageUrl);
    expect(new URL(page.url()).origin).not.toBe(new URL(main.url).origin);
    await say(page, 'gimana cara klaim jht?');
    await log.filter({ hasText: /lapak ?asik|jmo|kantor cabang/i }).waitFor({ timeout: 8000 });
    // The host's `button{display:none!important}` does not hide the widget's send button.
    await expect(page.getByRole('button', { name: 'Kirim' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('rejects browsers on origins outside WIDGET_ORIGINS and serves the allowed one', async () => {
    const allowed = `http://localhost:${thirdParty.port}`;
    const pre = (origin: string) =>
      fetch(`${locked.url}/api/chat`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    const bad = await pre('https://evil.example');
    expect(bad.status).toBe(403);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    const good = await pre(allowed);
    expect(good.status).toBe(204);
    expect(good.headers.get('access-control-allow-origin')).toBe(allowed);

    // In the browser: the same third-party page on the allowed origin works; on 127.0.0.1 (not listed) it cannot send.
    const ok = await newPage();
    const okLog = await open(ok.page, `${allowed}/?b=${encodeURIComponent(locked.url)}`);
    await say(ok.page, 'cara klaim jht');
    await okLog.filter({ hasText: /Lapak Asik online/ }).waitFor({ timeout: 8000 });
    await ok.ctx.close();

    // The service's own demo page needs no entry in the list.
    const own = await newPage();
    const ownLog = await open(own.page, `${locked.url}/`);
    await say(own.page, 'cara klaim jht');
    await ownLog.filter({ hasText: /Lapak Asik online/ }).waitFor({ timeout: 8000 });
    await own.ctx.close();

    const no = await newPage();
    const sent = locked.control.bodies.length;
    await open(no.page, `http://127.0.0.1:${thirdParty.port}/?b=${encodeURIComponent(locked.url)}`);
    await say(no.page, 'cara klaim jht');
    await no.page.getByText('Gagal mengirim. Coba lagi').waitFor({ timeout: 8000 });
    expect(locked.control.bodies.length).toBe(sent); // the chat request never reached the bot
    await no.ctx.close();
  });

  it('fits a 360 px phone screen', async () => {
    const { page, ctx } = await newPage({ width: 360, height: 640 });
    await page.goto(`${main.url}/`);
    const lb = await launcherOf(page).boundingBox();
    expect(lb && lb.x >= 0 && lb.x + lb.width <= 360).toBe(true);
    await launcherOf(page).click();
    const panel = await page.getByRole('dialog', { name: 'Chat dengan Jessi' }).boundingBox();
    expect(panel).not.toBeNull();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(360);
    expect(panel!.y + panel!.height).toBeLessThanOrEqual(640);
    const box = await boxOf(page).boundingBox();
    expect(box && box.x + box.width <= 360 && box.y + box.height <= 640).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await ctx.close();
  });

  it('can be used with the keyboard only', async () => {
    const { page, ctx } = await newPage();
    await page.goto(`${main.url}/`);
    const focused = () => page.evaluate(() => {
      const host = document.querySelector('jessi-widget');
      const el = host?.shadowRoot?.activeElement;
      return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? ''}` : null;
    });
    // Tab through the page until the launcher (the last thing on it) has focus.
    for (let i = 0; i < 40 && !(await focused())?.startsWith('button:Hai Sahabat'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^button:Hai Sahabat/);
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('input:Tulis pesan');
    await page.keyboard.type('gimana cara klaim jht?');
    await page.keyboard.press('Enter');
    await page.getByRole('log').filter({ hasText: /lapak ?asik|jmo|kantor cabang/i }).waitFor({ timeout: 8000 });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('log').isVisible()).resolves.toBe(false);
    expect(await focused()).toMatch(/^button:Hai Sahabat/);
    await ctx.close();
  });
});
