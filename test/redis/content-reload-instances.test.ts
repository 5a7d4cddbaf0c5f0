/**
 * Content edits reach every instance: an editor changes an answer on the shared content volume, one instance
 * reloads (SIGHUP there), and the other instance on the same Redis reloads too (Bus topic `content`), so users
 * get the new text whichever instance the load balancer picks. A broken edit is kept out everywhere.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';
import { RedisServer, shouldRunRedisTests } from './redis-server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(shouldRunRedisTests())('content reload across instances', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jessi-shared-content-'));
  const knowledge = path.join(dir, 'knowledge');
  cpSync('knowledge', knowledge, { recursive: true });
  const thanksFile = path.join(knowledge, 'answers', 'thanks.yaml');
  const original = readFileSync(thanksFile, 'utf8');
  let redis: RedisServer;
  let a: Service;
  let b: Service;

  beforeAll(async () => {
    redis = await RedisServer.start();
    const overrides = { REDIS_URL: redis.url, KNOWLEDGE_DIR: knowledge, RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 };
    [a, b] = await Promise.all([startService(overrides), startService(overrides)]);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const thanks = async (s: Service) => (await s.say({}, 'makasih ya')).text;
  async function until(s: Service, re: RegExp): Promise<string> {
    let t = await thanks(s);
    for (let i = 0; i < 50 && !re.test(t); i++) {
      await sleep(100);
      t = await thanks(s);
    }
    return t;
  }

  it('one instance reloads, the other follows; a broken edit changes nothing on either', async () => {
    expect(await thanks(b)).toContain('Senang bisa membantu');
    writeFileSync(thanksFile, original.replace('Senang bisa membantu', 'Sama-sama, senang sekali bisa membantu'));
    expect((await a.jessi.reloadContent()).ok).toBe(true);
    expect(await thanks(a)).toContain('senang sekali bisa membantu');
    expect(await until(b, /senang sekali bisa membantu/)).toContain('senang sekali bisa membantu');

    writeFileSync(thanksFile, original.replace('intent: thanks', 'intent: [broken'));
    expect((await a.jessi.reloadContent()).ok).toBe(false);
    await sleep(300);
    expect(await thanks(a)).toContain('senang sekali bisa membantu');
    expect(await thanks(b)).toContain('senang sekali bisa membantu');
  });
});
