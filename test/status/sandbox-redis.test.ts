import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatusClient, type StatusClient } from '../../src/status/client.ts';
import { createRedisStore, type RedisStore } from '../../src/store/redis.ts';
import { RedisServer, shouldRunRedisTests } from '../redis/redis-server.ts';
import { rejection, startSandbox, TOKEN, type Sandbox } from './harness.ts';

/** Two sandbox instances, each with its own Redis connection, as two replicas of the service would run. */
describe.runIf(shouldRunRedisTests())('sandbox state shared through Redis', () => {
  let server: RedisServer;
  const stores: RedisStore[] = [];
  const sandboxes: Sandbox[] = [];
  let one: StatusClient;
  let two: StatusClient;

  beforeAll(async () => {
    server = await RedisServer.start();
    const prefix = `t${randomBytes(4).toString('hex')}:`;
    for (let i = 0; i < 2; i++) {
      const store = await createRedisStore(server.url, { prefix });
      stores.push(store);
      sandboxes.push(await startSandbox({ store }));
    }
    [one, two] = sandboxes.map((s) => createStatusClient({ baseUrl: s.url, token: TOKEN }));
  });
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
    await Promise.all(stores.map((s) => s.close()));
    await server?.stop();
  });

  it('50 parallel complaints on two instances get 50 unique tickets, trackable on both', async () => {
    const tickets = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).createComplaint({ category: 'iuran', description: `Keluhan ${i}`, contact: 'x@y.id' })),
    );
    const ids = tickets.map((t) => t.ticket);
    expect(new Set(ids).size).toBe(50);
    const found = await Promise.all(ids.map((id, i) => (i % 2 ? two : one).complaint(id)));
    expect(found.every((c) => c?.status === 'open')).toBe(true);
  });

  it('failures on one instance count on the other: parallel guesses over both stop at 3', async () => {
    const days = Array.from({ length: 12 }, (_, i) => `1980-02-${String(i + 1).padStart(2, '0')}`);
    const results = await Promise.all(days.map((d, i) => rejection((i % 2 ? one : two).verify('21098765432', d))));
    expect(results.filter((e) => e.kind === 'mismatch')).toHaveLength(3);
    // locked across both instances for further wrong dates (the right date still sends the owner a code)
    expect((await rejection(one.verify('21098765432', '1985-08-01'))).kind).toBe('locked');
    expect((await rejection(two.verify('3273024708850002', '1985-08-02'))).kind).toBe('locked');
  });

  it('a participant token issued by one instance works on the other', async () => {
    const { participantToken } = await one.verifyOtp((await one.verify('21012345678', '1990-03-15')).challengeId, '123456');
    expect((await two.balance(participantToken)).jht.balance).toBe(45_678_900);
  });
});
