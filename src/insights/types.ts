/**
 * The supervisor view's contract (console at /agent/insights): what the service counts per hour, what the
 * unanswered list and the answer feedback look like, and how an editor-facing training proposal is made.
 * The implementation is src/insights/stats.ts; the console (adapters/agent) speaks only these types.
 */

/** Counts of one hour (UTC hour start in ms). Keys are channel / intent / outcome names, never personal. */
export interface HourStats {
  hour: number;
  turns: number;
  byChannel: Record<string, number>;
  byIntent: Record<string, number>;
  /** Outcome of each turn: answer, dialog, ask, fallback, handoff, … */
  byOutcome: Record<string, number>;
  handoffs: number;
  /** Sum and number of measured queue waits (seconds), for the mean. */
  queueWaitSum: number;
  queueWaits: number;
  feedbackUp: number;
  feedbackDown: number;
}

export interface UnansweredItem {
  /** A redacted sample of what people typed. */
  text: string;
  count: number;
  outcome: 'fallback' | 'ask';
  /** What the bot guessed (for ask-backs). */
  intent?: string;
  lang: string;
  lastSeen: string;
}

export interface FeedbackItem {
  intent: string;
  up: number;
  down: number;
}

export interface InsightsReport {
  hours: HourStats[];
  unanswered: UnansweredItem[];
  feedback: FeedbackItem[];
  /** Intent ids a supervisor may file an unanswered text under. */
  intents: string[];
}

export interface TrainingProposal {
  text: string;
  intent: string;
  /** Who proposed it (an agent id). */
  by: string;
  at: string;
}

export interface Insights {
  /** The last `hours` hours, oldest first, with the unanswered questions ranked and the feedback per intent. */
  report(hours: number): Promise<InsightsReport>;
  /**
   * "Add as a training example of intent X": appended to a reviewable file for editors (never to the live model).
   * Unknown intents are refused.
   */
  propose(p: Omit<TrainingProposal, 'at'>): Promise<{ ok: true; file: string } | { ok: false; reason: 'unknown_intent' | 'invalid' }>;
}
