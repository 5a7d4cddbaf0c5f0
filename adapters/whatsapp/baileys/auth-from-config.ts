import type { Logger } from 'pino';
import { fileAuthStore, type WaAuthStore } from './auth.ts';
import { redisAuthStore } from './redis-auth.ts';

/**
 * The auth store the settings ask for: Redis hash `jessi:wa:auth` when REDIS_URL or REDIS_CLUSTER_NODES is set (shared by all
 * instances), else files in WHATSAPP_AUTH_DIR (git-ignored `.wa-auth/`). Call `close()` on shutdown.
 */
export async function openWhatsAppAuthStore(opts: {
  redisUrl?: string;
  /** REDIS_CLUSTER_NODES (comma-separated host:port); the hash is one key, so it lives on one slot. */
  redisClusterNodes?: string;
  authDir: string;
  logger: Logger;
  key?: string;
}): Promise<{ authStore: WaAuthStore; close(): Promise<void> }> {
  if (!opts.redisUrl && !opts.redisClusterNodes) return { authStore: fileAuthStore(opts.authDir), close: async () => undefined };
  const { createClient, createCluster } = await import('redis');
  const client = opts.redisClusterNodes
    ? createCluster({ rootNodes: opts.redisClusterNodes.split(',').map((n) => ({ url: `redis://${n.trim()}` })) })
    : createClient({ url: opts.redisUrl });
  client.on('error', (err: unknown) => opts.logger.warn({ err: String(err) }, 'whatsapp auth redis error'));
  await client.connect();
  return {
    authStore: redisAuthStore(client, opts.key ?? 'jessi:wa:auth'),
    close: async () => {
      await client.close().catch(() => undefined);
    },
  };
}
