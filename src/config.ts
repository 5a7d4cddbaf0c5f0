import { z } from 'zod';


const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().int().min(min).max(max).default(def));
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const flag = z.preprocess((v) => v === '1' || v === 'true' || v === 'yes', z.boolean());
/** On unless set to 0/false/no. */
const onFlag = z.preprocess((v) => !(v === '0' || v === 'false' || v === 'no'), z.boolean());

/** Where the Bot Framework and Teams send activities from (their serviceUrl hosts). */
export const BOTFRAMEWORK_HOSTS = ['*.botframework.com', 'smba.trafficmanager.net', '*.teams.microsoft.com', '*.teams.microsoft.us', '*.botframework.us', '*.botframework.azure.us'];

/** Every setting comes from the environment; see the README's configuration table. */
const schema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  /** Redis Cluster instead of one Redis: comma-separated host:port of some or all nodes (topology is discovered). */
  REDIS_CLUSTER_NODES: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .refine((v) => parseClusterNodes(v) !== undefined, 'must be a comma-separated list of host:port, e.g. 10.0.0.1:6379,10.0.0.2:6379')
      .optional(),
  ),
  STATUS_API_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  STATUS_API_TOKEN: optionalString,
  RATE_LIMIT_PER_MINUTE: int(600),
  SESSION_RATE_LIMIT_PER_MINUTE: int(30),
  TICKET_LOOKUPS_PER_SESSION: int(5, 1),
  TICKET_LOOKUPS_PER_ADDRESS: int(60, 1),
  /** Identity checks (birth date or code sent) per client address and per conversation in 15 minutes. */
  VERIFICATIONS_PER_ADDRESS: int(20, 1),
  VERIFICATIONS_PER_SESSION: int(8, 1),
  /** Complaints filed per day: per conversation, per client address, per contact (phone or e-mail). */
  COMPLAINTS_PER_SESSION_PER_DAY: int(3, 1),
  COMPLAINTS_PER_ADDRESS_PER_DAY: int(20, 1),
  COMPLAINTS_PER_CONTACT_PER_DAY: int(3, 1),
  TRUST_PROXY: optionalString,
  SESSION_TTL_SECONDS: int(1800, 60),
  DIALOG_TIMEOUT_SECONDS: int(900, 30),
  /** Distinct message texts whose analysis (tokens, lead-in, classification, answer item) is remembered; 0 = off. */
  TEXT_MEMO_SIZE: int(5000, 0, 1_000_000),
  WIDGET_ORIGINS: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WHATSAPP_ENABLED: flag,
  WHATSAPP_PAIRING_NUMBER: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{8,15}$/, 'digits only, with country code, e.g. 6281234567890').optional()),
  /** Messages per WhatsApp sender (Baileys and Cloud) per minute; over it one notice, then silence; 0 = off. */
  WHATSAPP_MESSAGES_PER_MINUTE: int(30),
  WHATSAPP_AUTH_DIR: z.string().default('.wa-auth'),
  WHATSAPP_CLOUD_VERIFY_TOKEN: optionalString,
  WHATSAPP_CLOUD_APP_SECRET: optionalString,
  WHATSAPP_CLOUD_ACCESS_TOKEN: optionalString,
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optionalString,
  WHATSAPP_CLOUD_GRAPH_URL: z.string().default('https://graph.facebook.com/v21.0'),
  CONVERSATION_KEY_SALT: z.string().default('jessi-dev-salt'),
  /** Chatwoot as the desk (adapters/chatwoot/): Jessi is an Agent Bot of the inbox; see docs/chatwoot.md. */
  CHATWOOT_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  /** The Agent Bot's access token (sent as `api_access_token`). */
  CHATWOOT_BOT_TOKEN: optionalString,
  /** The account the bot posts to when a webhook payload names none (conversation events carry no account). */
  CHATWOOT_ACCOUNT_ID: z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().int().positive().optional()),
  /** Shared secret of the webhook URL (`/webhooks/chatwoot?token=<secret>`, or header X-Chatwoot-Webhook-Token). */
  CHATWOOT_WEBHOOK_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'at least 16 characters').optional()),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  INTENTS_DIR: z.string().default('intents'),
  SHUTDOWN_GRACE_MS: int(10_000),
  /** Development: reload knowledge/ and intents/ when a file in them changes (SIGHUP reloads in any case). */
  CONTENT_WATCH: flag,
  /** The live-chat handoff: agents take conversations over (console at /agent). On by default. */
  HANDOFF_ENABLED: onFlag,
  /** A person takes over after this many turns in a row the bot could not place (0 = never). */
  HANDOFF_AFTER_MISSES: int(3),
  /** A conversation with an agent and no message for this long goes back to the bot. */
  HANDOFF_IDLE_MINUTES: int(15, 1),
  /** A conversation nobody picks up within this goes back to the bot (with the offer to leave a message). */
  HANDOFF_QUEUE_TIMEOUT_MINUTES: int(20, 1),
  /**
   * Agent accounts of the console at /agent, as JSON: [{"id":"sari","name":"Sari","role":"agent"|"supervisor",
   * "hash":"$argon2id$…"}] (`npm run agent:add` prints one). Accounts may also live in Redis (agent:add --store).
   */
  AGENT_ACCOUNTS: optionalString,
  /** An agent's console sign-in lasts this long. */
  AGENT_SESSION_HOURS: int(8, 1),
  /** Wrong passwords per account (and per address) in 15 minutes before sign-in is refused for a while. */
  AGENT_LOGIN_ATTEMPTS: int(5, 1),
  /** Where "add as a training example" of the supervisor view writes its reviewable proposals. */
  TRAINING_PROPOSALS_FILE: z.string().min(1).default('proposals/training.yaml'),
  /** Bot Framework without credentials (local Emulator only, loopback serviceUrl). */
  BOTFRAMEWORK_EMULATOR: flag,
  /**
   * Hosts a credentialed Bot Framework reply may go to; `*.` = any subdomain. Only Microsoft's own domains:
   * anyone can register `<name>.trafficmanager.net` or a host named `smba.<their domain>`, so neither is a wildcard.
   */
  BOTFRAMEWORK_SERVICE_HOSTS: z.string().default(BOTFRAMEWORK_HOSTS.join(',')),
  /** /metrics is served on this separate port (loopback by default); 0 = no metrics listener. */
  METRICS_PORT: int(9464, 0, 65535),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** When set, /metrics is also served on the public port to `Authorization: Bearer <token>`. */
  METRICS_TOKEN: optionalString,
  /** Whole request (headers + body) must arrive within this time; slow bodies are cut. */
  REQUEST_TIMEOUT_MS: int(10_000, 1000),
  NODE_ENV: optionalString,
});

export type Config = z.infer<typeof schema>;

/** One agent of the console (AGENT_ACCOUNTS, or `agent-account:<id>` in the store). */
export const AgentAccount = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'id: 2-40 characters of a-z, 0-9, . _ -'),
  name: z.string().trim().min(1).max(60),
  role: z.enum(['agent', 'supervisor']).default('agent'),
  hash: z.string().regex(/^\$argon2(id|i|d)\$/, 'hash: an argon2 hash (npm run agent:add)'),
});
export type AgentAccount = z.infer<typeof AgentAccount>;

/** AGENT_ACCOUNTS parsed, or the problems with it. */
export function parseAgentAccounts(value: string | undefined): { accounts: AgentAccount[]; problems: string[] } {
  if (!value) return { accounts: [], problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return { accounts: [], problems: ['AGENT_ACCOUNTS: not JSON (a list like [{"id":"sari","name":"Sari","hash":"$argon2id$…"}])'] };
  }
  const r = z.array(AgentAccount).max(500).safeParse(raw);
  if (!r.success) return { accounts: [], problems: r.error.issues.map((i) => `AGENT_ACCOUNTS: ${i.path.join('.')}: ${i.message}`) };
  const ids = r.data.map((a) => a.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  return { accounts: r.data, problems: dup ? [`AGENT_ACCOUNTS: the id "${dup}" appears twice`] : [] };
}

/** True when the settings put the store in Redis (one node or a cluster). */
export const usesRedis = (c: Pick<Config, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>): boolean => Boolean(c.REDIS_URL || c.REDIS_CLUSTER_NODES);

export class ConfigError extends Error {}

/** Parse the environment; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = schema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const problems = configProblems(r.data);
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return r.data;
}

export const DEFAULT_SALT = 'jessi-dev-salt';
const CLOUD_VARS = ['WHATSAPP_CLOUD_VERIFY_TOKEN', 'WHATSAPP_CLOUD_APP_SECRET', 'WHATSAPP_CLOUD_ACCESS_TOKEN', 'WHATSAPP_CLOUD_PHONE_NUMBER_ID'] as const;
/** All three turn the Chatwoot bridge on (CHATWOOT_ACCOUNT_ID is optional). */
const CHATWOOT_VARS = ['CHATWOOT_URL', 'CHATWOOT_BOT_TOKEN', 'CHATWOOT_WEBHOOK_SECRET'] as const;

/** True when the Chatwoot bridge is configured (configProblems refuses a partial configuration). */
export const chatwootEnabled = (c: Pick<Config, (typeof CHATWOOT_VARS)[number]>): boolean => CHATWOOT_VARS.every((k) => Boolean(c[k]));

/** Combinations that are each valid but unsafe or incomplete together. */
export function configProblems(c: Config): string[] {
  const out: string[] = [];
  if (c.TRUST_PROXY === 'true' || c.TRUST_PROXY === 'yes')
    out.push('TRUST_PROXY: "true" would trust any X-Forwarded-For (every client could pick its address); use a hop count (1) or the proxy subnets');
  if (c.REDIS_URL && c.REDIS_CLUSTER_NODES) out.push('REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for one Redis or REDIS_CLUSTER_NODES for a cluster, not both');
  out.push(...parseAgentAccounts(c.AGENT_ACCOUNTS).problems);
  const cloudSet = CLOUD_VARS.filter((k) => c[k]);
  if (cloudSet.length > 0 && cloudSet.length < CLOUD_VARS.length)
    out.push(`WhatsApp Cloud is partly configured: missing ${CLOUD_VARS.filter((k) => !c[k]).join(', ')}`);
  const chatwootSet = CHATWOOT_VARS.filter((k) => c[k]);
  if ((chatwootSet.length > 0 || c.CHATWOOT_ACCOUNT_ID !== undefined) && chatwootSet.length < CHATWOOT_VARS.length)
    out.push(`Chatwoot is partly configured: missing ${CHATWOOT_VARS.filter((k) => !c[k]).join(', ')}`);
  if (c.NODE_ENV === 'production') {
    const missing: string[] = [];
    if (!usesRedis(c)) missing.push('REDIS_URL or REDIS_CLUSTER_NODES (the memory store loses conversations and limits on restart)');
    if (c.CONVERSATION_KEY_SALT === DEFAULT_SALT) missing.push('CONVERSATION_KEY_SALT (the default salt is public)');
    if (missing.length) out.push(`NODE_ENV=production needs ${missing.join(' and ')}`);
  }
  return out;
}

/** A warning line for a development start (memory store), or undefined. */
export function startupWarnings(c: Config): string[] {
  const w: string[] = [];
  if (!usesRedis(c)) w.push('REDIS_URL unset: using the in-memory store (one instance, lost on restart; not for production)');
  return w;
}

/** `trust proxy` value for express from TRUST_PROXY: a hop count, or a subnet list; unset = not trusted. */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') throw new ConfigError('TRUST_PROXY=true is refused: use a hop count or subnets');
  return value;
}

/** REDIS_CLUSTER_NODES: `host:port[,host:port…]` (host a name, an IPv4 address or a bracketed IPv6 address). */
const NODE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** REDIS_CLUSTER_NODES as a list of host:port, or undefined when any entry is malformed (or none is given). */
export function parseClusterNodes(value: string): string[] | undefined {
  const nodes = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!nodes.length) return undefined;
  for (const n of nodes) {
    const m = NODE.exec(n);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return undefined;
  }
  return nodes;
}
