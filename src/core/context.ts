import type { Logger } from 'pino';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { IntentRouter, NluResult } from '../nlu/types.ts';
import type { Store } from '../store/types.ts';
import type { StatusClient } from '../status/client.ts';
import type { DialogRegistry } from '../dialogs/types.ts';
import type { CalcParams } from '../calc/params.ts';
import type { RateLimiter } from '../ratelimit/limiter.ts';
import type { ConversationState } from './state.ts';
import type { Button, IntentRef, Lang, OutMessage, TurnInput } from './types.ts';

/** Hooks for counting what happens in turns (metrics); all optional. */
export interface TurnObserver {
  turn?(channel: string, intent: string, outcome: string): void;
  dialogCompleted?(dialog: string): void;
  unanswered?(text: string, outcome: 'ask' | 'fallback', intent: string, lang: Lang): void;
}

/** Everything the core needs, injected: no globals, no channel, no store implementation. */
export interface BotDeps {
  store: Store;
  router: IntentRouter;
  kb: KnowledgeBase;
  calc: CalcParams;
  dialogs: DialogRegistry;
  status: StatusClient;
  logger: Logger;
  observer?: TurnObserver;
  limits: {
    /** Turns per conversation per minute (0 = off). */
    session: RateLimiter;
    /** Complaint-ticket lookups per conversation and per client address (10-minute windows). */
    ticketSession: RateLimiter;
    ticketAddress: RateLimiter;
  };
  sessionTtlSeconds: number;
  /** Half-finished dialogs older than this are forgotten. */
  dialogTimeoutSeconds: number;
  now: () => number;
}

export type TurnOutcome = 'answer' | 'ask' | 'fallback' | 'dialog' | 'rate_limited';

/** The state of one turn as it flows through the middleware chain. */
export interface TurnContext {
  readonly input: TurnInput;
  readonly deps: BotDeps;
  state: ConversationState;
  /** What the user said: typed text, or a value payload (button) as text. */
  text: string;
  /** Set when a button payload names an intent (`intent:<id>`) or a dialog (`dialog:<id>`). */
  forcedIntent?: string;
  lang: Lang;
  out: OutMessage[];
  intent?: IntentRef;
  outcome?: TurnOutcome;
  rateLimited?: { retryAfterSeconds: number };
  /** Cached classification of `text`. */
  nlu?: NluResult;
}

export function classify(ctx: TurnContext): NluResult {
  ctx.nlu ??= ctx.deps.router.classify(ctx.text);
  return ctx.nlu;
}

/** Pick the text for the turn's language. */
export const tr = (ctx: Pick<TurnContext, 'lang'>, texts: Record<Lang, string>): string => texts[ctx.lang];

/** The call centre number, from the rules file like every figure ("175"). */
export const callCentre = (ctx: TurnContext): string => ctx.deps.kb.rules.text('contact.call_center');

export function say(ctx: TurnContext, text: string, buttons?: Button[]): void {
  ctx.out.push(buttons?.length ? { text, buttons } : { text });
}

export function setIntent(ctx: TurnContext, id: string, confidence: number, outcome: TurnOutcome): void {
  ctx.intent = { id, confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 1000) / 1000 };
  ctx.outcome = outcome;
}
