/**
 * What dialogs see of a turn: the kernel's context plus the services they are given (the "deps" flavour),
 * and the few helpers every dialog uses. Dialogs get their services injected here; they never reach for a
 * global.
 */
import type { Logger } from 'pino';
import type { TurnContext } from '../core/context.ts';
import type { CalcParams } from '../calc/params.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { IntentRouter, NluResult } from '../nlu/types.ts';
import type { RateLimiter } from '../ratelimit/limiter.ts';
import type { StatusClient } from '../status/client.ts';
import type { Store } from '../store/types.ts';
import type { DialogRegistry } from './types.ts';

export { say, setIntent, tr } from '../core/context.ts';

/** The services a dialog may use. */
export interface DialogServices {
  store: Store;
  router: IntentRouter;
  kb: KnowledgeBase;
  calc: CalcParams;
  dialogs: DialogRegistry;
  status: StatusClient;
  logger: Logger;
  observer?: { dialogCompleted?(dialog: string): void; feedback?(intent: string, helpful: boolean): void };
  /** Limits dialogs apply themselves (complaint-ticket lookups per conversation and per client address, …). */
  limits: { ticketSession: RateLimiter; ticketAddress: RateLimiter; [name: string]: RateLimiter };
  /** The live-chat desk (absent when handoff is off): conversations handed to a person. */
  handoff?: import('../handoff/desk.ts').HandoffService;
  /** Half-finished dialogs older than this are forgotten. */
  dialogTimeoutSeconds: number;
  now: () => number;
}

export type DialogContext = TurnContext & {
  readonly deps: DialogServices;
  /** The classification of `text`, computed at most once per turn (see `classify`). */
  nlu?: NluResult;
};

/** Classify the turn's text once; later calls reuse the result. */
export function classify(ctx: DialogContext): NluResult {
  ctx.nlu ??= ctx.deps.router.classify(ctx.text);
  return ctx.nlu;
}

/** The call centre number, from the rules file like every figure ("175"). */
export const callCentre = (ctx: DialogContext): string => ctx.deps.kb.rules.text('contact.call_center');
