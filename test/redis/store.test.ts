import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/store/redis.ts';
import { redisStoreContract } from './store-contract.ts';
import { busContract, storeContract } from '../store/contract.ts';
import { createRedisBus } from '../../src/store/redis-bus.ts';
import type { Bus } from '../../src/store/types.ts';
import { RedisServer, shouldRunRedisTests } from './redis-server.ts';

describe.runIf(shouldRunRedisTests())('Redis store against a real redis-server', () => {
  let server: RedisServer;
  let a: RedisStore;
  let b: RedisStore; // a second client, as a second instance of the service would have
  let busA: Bus;
  let busB: Bus;
  const prefix = `t${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    server = await RedisServer.start();
    a = await createRedisStore(server.url, { prefix });
    b = await createRedisStore(server.url, { prefix });
    busA = await createRedisBus(a);
    busB = await createRedisBus(b);
  });
  afterAll(async () => {
    await busA?.close();
    await busB?.close();
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  redisStoreContract({ a: () => a, b: () => b, prefix, target: () => server.url });
  describe('the Store contract', () => storeContract(() => ({ a, b })));
  describe('the Bus contract (Redis pub/sub)', () => busContract(() => ({ a: busA, b: busB })));
});
