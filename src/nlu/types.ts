/** What the intent router says about a message, and the router's interface. */
import type { IntentCatalog } from './followup.ts';
/** What the router concludes about one message. */
export type RouteOutcome = 'answer' | 'ask' | 'fallback';

export interface IntentCandidate {
  intent: string;
  /** Calibrated score in [0,1]; candidates are sorted by it, best first. */
  score: number;
}

export interface NluResult {
  /** Best intent id from docs/intents.md (or an added one). `out_of_scope` when nothing fits. */
  intent: string;
  /** Calibrated confidence in [0,1] of `intent`. */
  confidence: number;
  /** Top candidates, best first (at most 5). */
  candidates: IntentCandidate[];
  /** answer: confident; ask: ask back with the top candidates; fallback: nothing fits. */
  outcome: RouteOutcome;
  /** Normalised text (lower case, slang expanded, typos corrected). */
  normalized: string;
}

export interface IntentRouter {
  /** Synchronous and fast (well under 2 ms per message); never throws for any string. */
  classify(text: string): NluResult;
  /** All intent ids the router can return. */
  intents(): string[];
  /** Programme/aspect/menu/cues of every intent (from intents/*.yaml), for follow-ups and menus. */
  readonly catalog: IntentCatalog;
}
