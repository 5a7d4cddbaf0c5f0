/** What the intent router says about a message, and the router's interface. */
import type { IntentCatalog } from './followup.ts';
/** What the router concludes about one message. */
export type RouteOutcome = 'answer' | 'ask' | 'fallback';

export interface IntentCandidate {
  readonly intent: string;
  /** Calibrated score in [0,1]; candidates are sorted by it, best first. */
  readonly score: number;
}

/** Read-only: the router remembers results per text and every turn that sends the same text shares one (src/nlu/memo.ts). */
export interface NluResult {
  /** Best intent id from docs/intents.md (or an added one). `out_of_scope` when nothing fits. */
  readonly intent: string;
  /** Calibrated confidence in [0,1] of `intent`. */
  readonly confidence: number;
  /** Top candidates, best first (at most 5). */
  readonly candidates: readonly IntentCandidate[];
  /** answer: confident; ask: ask back with the top candidates; fallback: nothing fits. */
  readonly outcome: RouteOutcome;
  /** Normalised text (lower case, slang expanded, typos corrected). */
  readonly normalized: string;
}

export interface IntentRouter {
  /** Synchronous and fast (well under 2 ms per message); never throws for any string. */
  classify(text: string): NluResult;
  /** All intent ids the router can return. */
  intents(): string[];
  /** Programme/aspect/menu/cues of every intent (from intents/*.yaml), for follow-ups and menus. */
  readonly catalog: IntentCatalog;
}
