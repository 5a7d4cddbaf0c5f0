/**
 * Redis Cluster hash tags for store keys.
 *
 * On a cluster a key's slot is the CRC16 of its hash tag (the text between the first `{` and the next `}`)
 * when it has one, else of the whole key. Every key that belongs to one conversation gets the conversation id
 * as its tag, so the conversation's state, its turn lock and its per-conversation counters live on one slot
 * (one master): a turn never depends on two shards, losing a shard loses whole conversations rather than
 * parts of many, and any multi-key script or MULTI over one conversation's keys stays legal and atomic.
 *
 *   session:<id>                     → session:{<id>}
 *   lock:session:<id>                → lock:session:{<id>}
 *   rl:<limiter>:<id>:<window>       → rl:<limiter>:{<id>}:<window>   for the per-conversation limiters below
 *   wa:choices:<id>, wa:limited:<id> → wa:choices:{<id>}, wa:limited:{<id>}
 *   handoff:<id>, handoff-log:<id>, handoff-address:<id>, lock:handoff:<id> → the same with {<id>}
 *
 * Everything else (per-address counters, sandbox, unanswered, WhatsApp auth, lease, dedup) keeps its name and
 * spreads over the slots by its full name; no operation touches two of those keys at once. A key that already
 * carries a tag is left alone. The single-node store does not call this: its key names are unchanged.
 */

/** Rate limiters keyed by a conversation id (names as created in src/app.ts and the WhatsApp inbox). */
export const CONVERSATION_LIMITERS: ReadonlySet<string> = new Set(['session', 'ticket-session', 'verify-session', 'complaint-session', 'wa-sender']);

const DIRECT = /^(lock:session:|session:|wa:choices:|wa:limited:|lock:handoff:|handoff:|handoff-log:|handoff-address:)(.+)$/s;
const LIMITER = /^rl:([a-z0-9-]+):(.+):(\d+)$/s;

/** True when Redis would hash `key` by a tag: a `{` followed later by a `}` with at least one character between. */
export function hasHashTag(key: string): boolean {
  const open = key.indexOf('{');
  if (open < 0) return false;
  const close = key.indexOf('}', open + 1);
  return close > open + 1;
}

/** The cluster name of a store key (before the prefix): per-conversation keys tagged with the conversation id. */
export function clusterKey(key: string): string {
  if (hasHashTag(key)) return key;
  const d = DIRECT.exec(key);
  if (d) return `${d[1]}{${d[2]}}`;
  const l = LIMITER.exec(key);
  if (l && CONVERSATION_LIMITERS.has(l[1])) return `rl:${l[1]}:{${l[2]}}:${l[3]}`;
  return key;
}
