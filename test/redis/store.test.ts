import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/store/redis.ts';
import { redisStoreContract } from './store-contract.ts';
import { RedisServer, shouldRunRedisTests } from './redis-server.ts';

describe.runIf(shouldRunRedisTests())('Redis store against a real redis-server', () => {
  let server: RedisServer;
  let a: RedisStore;
  let b: RedisStore; // a second client, as a second instance of the service would have
  const prefix = `t${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    server = await RedisServer.start();
    a = await createRedisStore(server.url, { prefix });
    b = await createRedisStore(server.url, { prefix });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  redisStoreContract({ a: () => a, b: () => b, prefix, target: () => server.url });
});
