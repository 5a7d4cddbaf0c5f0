/**
 * Conversation ids are issued by the server and cannot be guessed or forged: 128 random bits plus an HMAC
 * tag (`<22 chars random><22 chars tag>`, base64url). The HMAC key lives in the store (created once, shared
 * by every instance on the same Redis), so no setting is needed. A well-formed id the server did not issue,
 * or one whose conversation has expired, is never an error: the caller starts a new conversation under a
 * fresh id and tells the client.
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { sessionKey } from '../core/state.ts';
import type { Store } from '../store/types.ts';

const KEY = 'session-id-key';
const RANDOM = 22;

export interface SessionIds {
  issue(): Promise<string>;
  /** True when the server issued `id` and its conversation still exists. */
  current(id: string): Promise<boolean>;
}

/**
 * 16 random bytes at a time from a batch of 256 draws (as crypto.randomUUID does): the same CSPRNG output, each
 * byte used once, without a synchronous call into the random source for every new conversation.
 */
let batch = Buffer.alloc(0);
let taken = 0;
function random16(): Buffer {
  if (taken + 16 > batch.length) {
    batch = randomBytes(16 * 256);
    taken = 0;
  }
  taken += 16;
  return batch.subarray(taken - 16, taken);
}

export function createSessionIds(store: Store): SessionIds {
  let key: Promise<KeyObject> | undefined;
  const secret = (): Promise<KeyObject> =>
    (key ??= store
      .update<string>(KEY, (cur) => cur ?? randomBytes(32).toString('base64url'))
      .then((v) => createSecretKey(Buffer.from(v!, 'base64url')))
      .catch((e: unknown) => {
        key = undefined; // try again next time (the store may be down for a moment)
        throw e;
      }));
  const tag = (k: KeyObject, r: string) => createHmac('sha256', k).update(r).digest('base64url').slice(0, 22);
  return {
    async issue() {
      const r = random16().toString('base64url');
      return r + tag(await secret(), r);
    },
    async current(id) {
      if (id.length !== RANDOM * 2) return false;
      const r = id.slice(0, RANDOM);
      const expected = Buffer.from(tag(await secret(), r));
      const got = Buffer.from(id.slice(RANDOM));
      if (got.length !== expected.length || !timingSafeEqual(got, expected)) return false;
      return (await store.get(sessionKey(id))) !== undefined;
    },
  };
}
