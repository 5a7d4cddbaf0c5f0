// Production start: `npm run build` compiles to dist/, and `node dist/src/server.js` serves chat, the widget and the
// demo page with plain JavaScript: no TypeScript loader (no --import tsx) at run time.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/net.ts';

let kill: (() => void) | undefined;
afterAll(() => kill?.());

describe('production start (compiled JavaScript)', () => {
  it('builds, starts without a TypeScript loader, becomes ready and answers', async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'pipe', timeout: 60_000 });
    expect(existsSync('dist/src/server.js')).toBe(true);
    // Relative imports were rewritten to .js: nothing in the output needs a loader.
    expect(readFileSync('dist/src/app.js', 'utf8')).not.toMatch(/from '\.[^']*\.ts'/);
    const port = await freePort();
    const t0 = performance.now();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', METRICS_PORT: '0', LOG_LEVEL: 'info' };
    delete env.NODE_OPTIONS; // vitest's own loaders must not help
    const child = spawn(process.execPath, ['dist/src/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    kill = () => child.kill('SIGKILL');
    let log = '';
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    const base = `http://127.0.0.1:${port}`;
    let ready = false;
    for (const end = Date.now() + 30_000; !ready && Date.now() < end && child.exitCode === null; ) {
      ready = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 20));
    }
    const ms = performance.now() - t0;
    expect(ready, `never ready:\n${log}`).toBe(true);
    console.log(`compiled start-up to ready: ${Math.round(ms)} ms`);
    const chat = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"nomor call center"}' });
    const body = (await chat.json()) as { messages: { text: string; links?: { url: string }[] }[] };
    expect(body.messages[0]!.links?.map((l) => l.url)).toContain('tel:175');
    expect((await fetch(`${base}/widget.js`)).status).toBe(200);
    expect(await (await fetch(`${base}/`)).text()).toContain('/widget.js');
    expect((await fetch(`${base}/openapi.json`)).status).toBe(200);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    expect(log).not.toMatch(/ExperimentalWarning|ERR_UNKNOWN_FILE_EXTENSION/);
  }, 90_000);
});
