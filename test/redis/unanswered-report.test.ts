import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/store/redis.ts';
import { recordUnanswered } from '../../src/unanswered/store.ts';
import { RedisServer, shouldRunRedisTests } from './redis-server.ts';

const run = promisify(execFile);
const report = (env: Record<string, string | undefined>, args: string[] = []) =>
  run(process.execPath, ['--import', 'tsx', 'src/unanswered/report.ts', ...args], { env: { ...process.env, REDIS_URL: undefined, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe.runIf(shouldRunRedisTests())('unanswered report (npm run report:unanswered) on Redis', () => {
  let server: RedisServer;
  let a: RedisStore;
  let b: RedisStore;
  beforeAll(async () => {
    server = await RedisServer.start();
    a = await createRedisStore(server.url);
    b = await createRedisStore(server.url);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('lists what two instances recorded, most frequent first, without personal data', async () => {
    const jobs = [];
    for (let i = 0; i < 6; i++) jobs.push(recordUnanswered(i % 2 ? a : b, { text: 'Apakah JHT bisa dipakai untuk KPR?', outcome: 'fallback', intent: 'out_of_scope', lang: 'id' }));
    for (let i = 0; i < 2; i++) jobs.push(recordUnanswered(a, { text: `kpj saya ${i ? '21012345678' : '21098765432'} tidak bisa login`, outcome: 'ask', intent: 'cek_saldo', lang: 'id' }));
    await Promise.all(jobs);

    const r = await report({ REDIS_URL: server.url }, ['--limit', '5']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/count\s+outcome\s+lang\s+intent\s+text/);
    expect(lines[1]).toMatch(/^6\s+fallback\s+id\s+out_of_scope\s+Apakah JHT bisa dipakai untuk KPR\?$/);
    expect(lines[2]).toMatch(/^2\s+ask\s+id\s+cek_saldo\s+kpj saya \[KPJ\] tidak bisa login$/);
    expect(r.stdout).not.toMatch(/21012345678|21098765432/);

    const j = await report({ REDIS_URL: server.url }, ['--json', '--limit', '1']);
    expect(JSON.parse(j.stdout)).toEqual([expect.objectContaining({ count: 6, outcome: 'fallback' })]);
  });

  it('explains how to use it when REDIS_URL is not set', async () => {
    const r = await report({});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('REDIS_URL');
  });
});
