import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import type { WaAuthStore } from './auth.ts';

/**
 * The few node-redis (v6) commands the auth state needs; a connected `createClient()` fits.
 * Declared structurally so any client version/options type is accepted.
 */
export interface RedisHashClient {
  hGet(key: string, field: string): Promise<unknown>;
  hmGet(key: string, fields: string[]): Promise<unknown>;
  hSet(key: string, values: Record<string, string>): Promise<unknown>;
  hDel(key: string, fields: string[]): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

const encode = (v: unknown) => JSON.stringify(v, BufferJSON.replacer);
const decode = (s: unknown): unknown => (typeof s === 'string' ? JSON.parse(s, BufferJSON.reviver) : null);

/**
 * Baileys AuthenticationState in one Redis hash named `key`: field `creds`, and one field per signal key
 * named `${type}:${id}` (so every key type Baileys writes — pre-key, session, sender-key, app-state-sync-key,
 * app-state-sync-version, sender-key-memory, lid-mapping, device-list, tctoken, identity-key, and any new one —
 * is kept). A null/undefined value deletes the field. Values are JSON with Buffers encoded by BufferJSON.
 */
export async function useRedisAuthState(
  redis: RedisHashClient,
  key: string,
): Promise<{ state: AuthenticationState; saveCreds: () => Promise<void>; clear: () => Promise<void> }> {
  const creds = (decode(await redis.hGet(key, 'creds')) as AuthenticationCreds | null) ?? initAuthCreds();
  const state: AuthenticationState = {
    creds,
    keys: {
      async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
        const out: { [id: string]: SignalDataTypeMap[T] } = {};
        if (!ids.length) return out;
        const raw = (await redis.hmGet(key, ids.map((id) => `${type}:${id}`))) as unknown[];
        ids.forEach((id, i) => {
          let value = decode(raw[i]);
          if (value === null || value === undefined) return;
          if (type === 'app-state-sync-key') value = proto.Message.AppStateSyncKeyData.fromObject(value as object);
          out[id] = value as SignalDataTypeMap[T];
        });
        return out;
      },
      async set(data: SignalDataSet) {
        const put: Record<string, string> = {};
        const drop: string[] = [];
        for (const type of Object.keys(data) as (keyof SignalDataSet)[]) {
          const entries = data[type] ?? {};
          for (const id of Object.keys(entries)) {
            const value = entries[id];
            if (value === null || value === undefined) drop.push(`${type}:${id}`);
            else put[`${type}:${id}`] = encode(value);
          }
        }
        if (Object.keys(put).length) await redis.hSet(key, put);
        if (drop.length) await redis.hDel(key, drop);
      },
    },
  };
  return {
    state,
    saveCreds: async () => {
      await redis.hSet(key, { creds: encode(state.creds) });
    },
    clear: async () => {
      await redis.del(key);
    },
  };
}

/** WaAuthStore on Redis (REDIS_URL set): every instance sees the same session. */
export function redisAuthStore(redis: RedisHashClient, key = 'jessi:wa:auth'): WaAuthStore {
  return {
    describe: `redis hash ${key}`,
    load: () => useRedisAuthState(redis, key),
    clear: async () => {
      await redis.del(key);
    },
  };
}
