/**
 * The Bus over Redis pub/sub, for several instances behind a load balancer. A standalone Redis gets a second
 * connection for subscribing (a subscribed connection can issue no other command); a cluster client
 * subscribes through one node of the cluster (PUBLISH reaches every node). Channel names carry the store's
 * prefix. A message that cannot be parsed is dropped; a Redis outage drops messages published meanwhile (the
 * Store holds what must survive) and the subscriptions come back with the connection.
 */
import type { Logger } from 'pino';
import type { RedisClient, RedisClusterClient, RedisStore } from './redis.ts';
import { StoreUnavailableError, type Bus } from './types.ts';

export async function createRedisBus(store: RedisStore, opts: { logger?: Pick<Logger, 'warn'> } = {}): Promise<Bus> {
  const channel = (topic: string) => `${store.prefix}bus:${topic}`;
  const publisher = store.client;
  let subscriber: RedisClient | RedisClusterClient | undefined;
  let closed = false;

  async function subscriberClient(): Promise<RedisClient | RedisClusterClient> {
    if (subscriber) return subscriber;
    const dup = store.mode === 'single' ? (publisher as RedisClient).duplicate() : (publisher as RedisClusterClient).duplicate();
    dup.on('error', (err: Error) => opts.logger?.warn({ err: err.message }, 'redis bus connection error'));
    await dup.connect();
    subscriber = dup as RedisClient | RedisClusterClient;
    return subscriber;
  }

  return {
    async publish(topic, message) {
      if (closed) return;
      try {
        await publisher.publish(channel(topic), JSON.stringify(message));
      } catch (err) {
        throw new StoreUnavailableError(`bus publish failed: ${(err as Error).message}`, { cause: err });
      }
    },
    async subscribe(topic, handler) {
      const client = await subscriberClient();
      const listener = (raw: string | Buffer) => {
        let m: unknown;
        try {
          m = JSON.parse(String(raw));
        } catch {
          return;
        }
        try {
          handler(m);
        } catch {
          // a failing subscriber does not stop the others
        }
      };
      await client.subscribe(channel(topic), listener);
      return async () => {
        if (!closed) await client.unsubscribe(channel(topic), listener).catch(() => undefined);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      const s = subscriber;
      subscriber = undefined;
      if (s) await s.close().catch(() => s.destroy());
    },
  };
}
