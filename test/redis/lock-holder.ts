// Child process for the lease-expiry test: takes a lock, says so, and holds it until killed.
import { createRedisStore } from '../../src/store/redis.ts';

const [url, prefix, name, leaseMs] = process.argv.slice(2);
const store = await createRedisStore(url, { prefix });
await store.withLock(
  name,
  async () => {
    process.stdout.write('locked\n');
    await new Promise(() => undefined);
  },
  { leaseMs: Number(leaseMs), waitMs: 5000 },
);
