// Child process for the lease-expiry test: takes a lock, says so, and holds it until killed.
// Target: a redis:// URL (one Redis) or a comma-separated host:port list (a Redis Cluster).
import { createRedisClusterStore, createRedisStore } from '../../src/store/redis.ts';

const [target, prefix, name, leaseMs] = process.argv.slice(2);
const store = /^rediss?:\/\//.test(target) ? await createRedisStore(target, { prefix }) : await createRedisClusterStore(target.split(','), { prefix });
await store.withLock(
  name,
  async () => {
    process.stdout.write('locked\n');
    await new Promise(() => undefined);
  },
  { leaseMs: Number(leaseMs), waitMs: 5000 },
);
