/**
 * The turn context of the kernel: what one user turn carries through the step chain. It knows no dialog, no
 * service and no store implementation; steps above the kernel extend it with their own fields ("flavours", as
 * in grammY: `TurnContext & { deps: … }`), and each field below says which step sets it.
 */
import type { ConversationState } from './state.ts';
import type { Button, IntentRef, Lang, OutMessage, Payload, TurnInput, TurnOutcome } from './types.ts';

export type { TurnOutcome } from './types.ts';

export interface TurnContext {
  readonly input: TurnInput;
  /** The conversation's state; loaded and saved by the `session` step (a fresh state before it runs). */
  state: ConversationState;
  /** What the user said: typed text, or a value payload (button) as text. Set by the `payload` step. */
  text: string;
  /** `text` lower-cased, NFKC, single-spaced: set once by the `normalize` step for every later step to read. */
  normalized: string;
  /** A button that names an intent or a dialog (set by the `payload` step; value payloads become `text`). */
  payload?: Exclude<Payload, { kind: 'value' }>;
  /** Reply language; set by the `language` step. */
  lang: Lang;
  /** Reply bubbles, in order. */
  out: OutMessage[];
  /** The intent this turn was routed to and how it ended; set by whichever step answers. */
  intent?: IntentRef;
  outcome?: TurnOutcome;
  /** Set by the `rateLimit` step when the conversation sent too much. */
  rateLimited?: { retryAfterSeconds: number };
}

/** Pick the text for the turn's language. */
export const tr = (ctx: Pick<TurnContext, 'lang'>, texts: Record<Lang, string>): string => texts[ctx.lang];

/** Add one reply bubble. */
export function say(ctx: Pick<TurnContext, 'out'>, text: string, buttons?: Button[]): void {
  ctx.out.push(buttons?.length ? { text, buttons } : { text });
}

/** Record what the turn was routed to (confidence clamped to [0,1], three decimals). */
export function setIntent(ctx: TurnContext, id: string, confidence: number, outcome: TurnOutcome): void {
  ctx.intent = { id, confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 1000) / 1000 };
  ctx.outcome = outcome;
}
