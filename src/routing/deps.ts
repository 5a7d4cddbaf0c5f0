/**
 * Everything the assembled bot needs, injected by the composition root (src/app.ts): the dialog services
 * plus what the outer steps use (the per-conversation limit, the session's time-to-live, the observers).
 */
import type { TurnObserver } from '../core/steps/observe.ts';
import type { DialogContext, DialogServices } from '../dialogs/context.ts';
import type { RateLimiter } from '../ratelimit/limiter.ts';

export interface BotDeps extends DialogServices {
  observer?: TurnObserver & { dialogCompleted?(dialog: string): void; feedback?(intent: string, helpful: boolean): void };
  limits: DialogServices['limits'] & {
    /** Turns per conversation per minute (0 = off). */
    session: RateLimiter;
  };
  sessionTtlSeconds: number;
  /** With the live-chat desk: a person takes over after this many turns in a row the bot could not place (0 = never). */
  handoffAfterMisses?: number;
}

/** The context the routing steps work on: the dialogs' context (kernel + services). */
export type RouteContext = DialogContext;

/**
 * The message as the classifier normalised it (slang expanded, typos corrected: "jht bisa dicairin kalo baru
 * resign" → "… dicairkan kalau …"), for matching programme and aspect words; the kernel's `normalized` (case and
 * width only) when the classifier had nothing to say. Classified once per turn (memoised in the context).
 */
export function topicText(ctx: RouteContext): string {
  ctx.nlu ??= ctx.deps.router.classify(ctx.text);
  return ctx.nlu.normalized || ctx.normalized;
}
