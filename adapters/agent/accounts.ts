/**
 * Agent accounts of the console: from AGENT_ACCOUNTS (config) and from the store (`agent-account:<id>`, written by
 * `npm run agent:add -- --store`). Passwords are argon2id hashes (@node-rs/argon2); an unknown id is checked
 * against a dummy hash so that a wrong id and a wrong password take the same time.
 */
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { AgentAccount, parseAgentAccounts, type AgentAccount as Account } from '../../src/config.ts';
import type { Store } from '../../src/store/types.ts';

export type { Account };
export const ACCOUNT_INDEX_KEY = 'agent-account:index';
export const accountKey = (id: string) => `agent-account:${id}`;

/** A public view of an account (never the hash). */
export interface AgentView {
  id: string;
  name: string;
  role: 'agent' | 'supervisor';
}

export const hashPassword = (password: string) => argonHash(password);

export interface Accounts {
  /** The account when the password matches; undefined otherwise (same work either way). */
  verify(id: string, password: string): Promise<AgentView | undefined>;
  get(id: string): Promise<AgentView | undefined>;
  list(): Promise<AgentView[]>;
}

const view = (a: Account): AgentView => ({ id: a.id, name: a.name, role: a.role });

export function createAccounts(opts: { config?: string; store: Store }): Accounts {
  const fromConfig = new Map(parseAgentAccounts(opts.config).accounts.map((a) => [a.id, a]));
  let dummy: Promise<string> | undefined;
  async function find(id: string): Promise<Account | undefined> {
    const c = fromConfig.get(id);
    if (c) return c;
    if (!/^[a-z0-9][a-z0-9._-]{1,39}$/.test(id)) return undefined;
    const stored = AgentAccount.safeParse(await opts.store.get(accountKey(id)));
    return stored.success ? stored.data : undefined;
  }
  return {
    async verify(id, password) {
      const a = await find(id.trim().toLowerCase());
      const h = a?.hash ?? (await (dummy ??= argonHash('not-an-account-password')));
      const ok = await argonVerify(h, password).catch(() => false);
      return a && ok ? view(a) : undefined;
    },
    async get(id) {
      const a = await find(id);
      return a ? view(a) : undefined;
    },
    async list() {
      const ids = new Set([...fromConfig.keys(), ...((await opts.store.get<string[]>(ACCOUNT_INDEX_KEY)) ?? [])]);
      const all = await Promise.all([...ids].map((id) => find(id)));
      return all.filter((a): a is Account => !!a).map(view).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

/** Keep an account in the store (agent:add --store). */
export async function storeAccount(store: Store, a: Account): Promise<void> {
  await store.set(accountKey(a.id), AgentAccount.parse(a));
  await store.update<string[]>(ACCOUNT_INDEX_KEY, (cur = []) => (cur.includes(a.id) ? cur : [...cur, a.id]));
}
