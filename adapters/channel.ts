/**
 * The one contract every channel implements. A channel module says when it is on (from the configuration) and
 * mounts its routes on the service's HTTP app with the services it is given; it knows nothing of the bot's
 * insides (only the vocabulary's `Bot`). The enabled channels are listed once, in src/channels.ts.
 */
import type { Express } from 'express';
import type { HotRoute } from '../src/http/hot-routes.ts';
import type { Logger } from 'pino';
import type { Config } from '../src/config.ts';
import type { Bot, Lang } from '../src/core/types.ts';
import type { SessionIds } from '../src/http/session-ids.ts';
import type { HandoffDesk } from '../src/handoff/types.ts';
import type { Insights } from '../src/insights/types.ts';
import type { Bus, Store } from '../src/store/types.ts';
import type { PushOutcome } from './push.ts';

/** A counter per key in a time window (the service's rate limiter, in the shared store). */
export interface Limiter {
  hit(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export interface ChannelServices {
  config: Config;
  logger: Logger;
  store: Store;
  /** Messages between the instances (Redis pub/sub, or in process). */
  bus: Bus;
  /** The live-chat desk: conversations handed to a person (undefined when HANDOFF_ENABLED=0). */
  handoff?: HandoffDesk;
  /** The bot core; a turn before the service is ready fails with status 503. */
  bot: Bot;
  isReady(): boolean;
  /** Conversation ids this server issued (the web chat API). */
  sessionIds: SessionIds;
  /** Requests per client address (`RATE_LIMIT_PER_MINUTE`), shared by every HTTP channel. */
  addressLimiter: Limiter;
  /** Messages per WhatsApp sender (`WHATSAPP_MESSAGES_PER_MINUTE`). */
  senderLimiter: Limiter;
  /** A new named limiter in the shared store (`limit` hits per key in `windowSeconds`). */
  limiter(name: string, limit: number, windowSeconds: number): Limiter;
  /** What the supervisor view shows. */
  insights: Insights;
  /** A sentence of the message catalogue, once the knowledge base is loaded. */
  message(key: string, lang: Lang, params?: Record<string, string | number>): Promise<string>;
  /** The language of a "back to bot" phrase ("kembali ke bot", "back to bot"), or undefined for any other text. */
  returnPhraseLang(text: string): Lang | undefined;
  /** An intent id the assistant knows (feedback labels never come from what a client makes up). */
  isKnownIntent(id: string): boolean;
  /** Count and keep a 👍/👎 (intent and vote only). */
  recordFeedback(intent: string, helpful: boolean): Promise<void>;
  /** Count one live-chat message a push channel delivered, or could not (jessi_handoff_push_total). */
  observePush?(channel: string, outcome: PushOutcome): void;
}

/** What a mounted channel may still need once the bot core is ready (e.g. loading a heavy SDK lazily). */
export interface MountedChannel {
  ready?(): Promise<void>;
  /** Routes served ahead of the app's router and body parser (src/http/hot-routes.ts): the channel's busiest. */
  hot?: HotRoute[];
}

export interface ChannelModule {
  name: string;
  enabled(config: Config): boolean;
  mount(app: Express, services: ChannelServices): MountedChannel | void;
}
