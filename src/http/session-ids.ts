/**
 * Conversation ids are issued by the server and cannot be guessed or forged: 128 random bits plus an HMAC
 * tag (`<22 chars random><22 chars tag>`, base64url). The HMAC key lives in the store (created once, shared
 * by every instance on the same Redis), so no setting is needed. A well-formed id the server did not issue,
 * or one whose conversation has expired, is never an error: the caller starts a new conversation under a
 * fresh id and tells the client.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sessionKey } from '../core/state.ts';
import type { Store } from '../store/types.ts';

const KEY = 'session-id-key';
const RANDOM = 22;

export interface SessionIds {
  issue(): Promise<string>;
  /** True when the server issued `id` and its conversation still exists. */
  current(id: string): Promise<boolean>;
}

export function createSessionIds(store: Store): SessionIds {
  let key: Promise<Buffer> | undefined;
  const secret = (): Promise<Buffer> =>
    (key ??= store
      .update<string>(KEY, (cur) => cur ?? randomBytes(32).toString('base64url'))
      .then((v) => Buffer.from(v!, 'base64url'))
      .catch((e: unknown) => {
        key = undefined; // try again next time (the store may be down for a moment)
        throw e;
      }));
  const tag = (k: Buffer, r: string) => createHmac('sha256', k).update(r).digest('base64url').slice(0, 22);
  return {
    async issue() {
      const r = randomBytes(16).toString('base64url');
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
