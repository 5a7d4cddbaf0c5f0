// Content edits without a restart: the running service reloads knowledge/ on SIGHUP, validates first, and keeps
// the old content (logging the file and field) when an edit is broken.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/net.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'jessi-content-'));
const knowledge = path.join(dir, 'knowledge');
cpSync('knowledge', knowledge, { recursive: true });
const thanksFile = path.join(knowledge, 'answers', 'thanks.yaml');
const original = readFileSync(thanksFile, 'utf8');

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function poll<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms: number, why: () => string): Promise<T> {
  let v = await what();
  for (const end = Date.now() + ms; !ok(v) && Date.now() < end; ) {
    await new Promise((r) => setTimeout(r, 100));
    v = await what();
  }
  expect(ok(v), why()).toBe(true);
  return v;
}

describe('content reload on SIGHUP', () => {
  it('shows an edited answer without a restart, and keeps it when the next edit is broken', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', KNOWLEDGE_DIR: knowledge, METRICS_PORT: '0', RATE_LIMIT_PER_MINUTE: '0', SESSION_RATE_LIMIT_PER_MINUTE: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    const pid = child.pid!;
    const thanks = async () => {
      const r = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"makasih ya"}' }).catch(() => undefined);
      return r?.ok ? ((await r.json()) as { messages: { text: string }[] }).messages.map((m) => m.text).join('\n') : '';
    };
    await poll(() => fetch(`${base}/readyz`).then((r) => r.status, () => 0), (s) => s === 200, 45_000, () => `never ready:\n${log}`);
    expect(await thanks()).toContain('Senang bisa membantu');

    // 1. An editor changes the answer and sends SIGHUP: the new text, same process.
    writeFileSync(thanksFile, original.replace('Senang bisa membantu.', 'Jawaban baru dari editor.'));
    process.kill(pid, 'SIGHUP');
    await poll(thanks, (t) => t.includes('Jawaban baru dari editor.'), 15_000, () => `reload not seen:\n${log}`);
    expect(log).toMatch(/content reloaded/);
    expect(child.exitCode).toBeNull();

    // 2. A broken edit (an unknown field): the running content stays; the log names the file and the field.
    writeFileSync(thanksFile, original.replace('Senang bisa membantu.', 'Teks rusak.').replace('show_source: false', 'show_sorce: false'));
    process.kill(pid, 'SIGHUP');
    await poll(async () => log, (l) => /content reload failed/.test(l), 15_000, () => `no failure logged:\n${log}`);
    const failure = log.split('\n').find((l) => l.includes('content reload failed'))!;
    expect(failure).toContain('thanks.yaml');
    expect(JSON.parse(failure)).toMatchObject({ field: 'show_sorce', problem: expect.stringMatching(/unknown field/) });
    const after = await thanks();
    expect(after).toContain('Jawaban baru dari editor.');
    expect(after).not.toContain('Teks rusak');
    expect(await fetch(`${base}/readyz`).then((r) => r.status)).toBe(200);
    child.kill('SIGTERM');
  }, 90_000);
});
