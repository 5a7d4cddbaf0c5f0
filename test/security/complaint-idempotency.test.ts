/**
 * #11.6 "A crash after the status API stored a complaint but before the reply makes the user's retry file a second
 * one": the service runs as its own process (`src/server.ts`) on a real redis-server; the status API stores the
 * complaint and the service process is then killed (SIGKILL) before it can answer. The user's retry, answered by
 * another instance on the same Redis, gets the first ticket back and nothing is filed twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';
import { RedisServer, shouldRunRedisTests } from '../redis/redis-server.ts';
import { startRecordingStatusApi, type RecordingStatusApi } from './recording-status-api.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(shouldRunRedisTests())('complaint idempotency across a crash (#11.6)', () => {
  let redis: RedisServer;
  let api: RecordingStatusApi;
  let child: ChildProcess | undefined;
  let other: Service | undefined;

  beforeAll(async () => {
    redis = await RedisServer.start();
    api = await startRecordingStatusApi();
  }, 30_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await other?.close();
    await api?.close();
    await redis?.stop();
  });

  it("the retry after the crash gets the first ticket back, and the API filed one complaint", async () => {
    const env = { REDIS_URL: redis.url, STATUS_API_URL: api.url, STATUS_API_TOKEN: api.token };
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, ...env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', METRICS_PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const base = `http://127.0.0.1:${port}`;
    let ready = false;
    for (const end = Date.now() + 45_000; !ready && Date.now() < end; ) {
      ready = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
      if (!ready) await sleep(100);
    }
    expect(ready, `service never became ready: ${stderr}`).toBe(true);

    const session: { id?: string } = {};
    const say = async (url: string, body: Record<string, unknown>) => {
      const r = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, ...(session.id ? { sessionId: session.id } : {}) }) });
      const j: any = await r.json();
      session.id = j.sessionId ?? session.id;
      return { status: r.status, text: (j.messages ?? []).map((m: { text: string }) => m.text).join('\n') };
    };
    await say(base, { text: 'saya mau komplain' });
    await say(base, { payload: 'iuran' });
    await say(base, { text: 'Gaji saya dipotong tiap bulan tapi iurannya tidak masuk ke saldo JHT sejak Juli.' });
    expect((await say(base, { text: '0813-2468-1357' })).text).toMatch(/Ringkasan/);

    // The complaint is stored; the service dies before it hears back.
    api.loseNextReply(() => child?.kill('SIGKILL'));
    await expect(say(base, { text: 'ya' })).rejects.toThrow(); // the connection dies with the process
    expect(api.answered).toHaveLength(1);
    const first = api.answered[0]!;

    // The user sends "ya" again; another instance on the same Redis answers (it waits for the dead holder's turn lock).
    other = await startService({ ...env, RATE_LIMIT_PER_MINUTE: 0 });
    let retry = { status: 0, text: '' };
    for (const end = Date.now() + 30_000; Date.now() < end; ) {
      retry = await say(other.url, { text: 'ya' });
      if (retry.status === 200) break;
      expect(retry.status).toBe(503); // lock of the crashed turn still held: "try again", never a second filing
      await sleep(200);
    }
    expect(retry.status).toBe(200);
    expect(retry.text).toContain(first);
    expect(api.keys).toHaveLength(2);
    expect(api.keys[0]).toMatch(/^[\x21-\x7e]{16,200}$/);
    expect(api.keys[1]).toBe(api.keys[0]);
    expect(new Set(api.answered)).toEqual(new Set([first])); // one complaint filed
  }, 90_000);
});
