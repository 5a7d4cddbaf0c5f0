/** The conversation state: what the bot remembers between turns, saved by the `session` step. */
import type { Lang } from './types.ts';

/** A multi-turn dialog in progress (slot filling). Lives in the conversation state, so any instance can continue it. */
export interface DialogState {
  id: string;
  slots: Record<string, unknown>;
  /** The slot the last prompt asked for. */
  awaiting?: string;
  /** Invalid answers in a row for the awaited slot. */
  reprompts: number;
  /** Waiting for a yes/no confirmation before completing. */
  confirming?: boolean;
  startedAt: number;
  updatedAt: number;
}

/** The last completed simulation, kept so "kalau 20 tahun?" can recompute with one value changed. */
export interface LastResult {
  dialog: string;
  slots: Record<string, unknown>;
  at: number;
}

/**
 * Verified participant for this conversation; never sent to the client. The participant token itself is not
 * here: it lives under its own store key (`participant-token:<ref>`), so the conversation state holds only a
 * random reference to it.
 */
export interface Verification {
  ref: string;
  expiresAt: string;
  displayName: string;
  /** Last time personal data was shown: verification ends after 10 idle minutes. */
  lastUsedAt: number;
}

/**
 * Numbers and dates the user gave in this conversation ("gaji saya 6 juta", "lahir 1988"), so a later
 * calculation reuses them instead of asking again.
 */
export interface Facts {
  wage?: number;
  /** ISO date (YYYY-MM-DD). */
  birthDate?: string;
  years?: number;
  contractValue?: number;
  income?: number;
  joinedJpYear?: number;
  [key: string]: unknown;
}

/** Everything the bot remembers about one conversation. */
export interface ConversationState {
  v: 1;
  lang?: Lang;
  turns: number;
  lastIntent?: string;
  /** Programmes this conversation was about, most recent first (at most three). */
  recentPrograms?: string[];
  /** The last topic answered from the knowledge base (an intent), for "Apakah jawaban ini membantu?". */
  lastTopic?: string;
  /** The knowledge item the last answer gave (`<intent>/<item>`), so a value given next applies to that point. */
  lastItem?: string;
  dialog?: DialogState;
  lastResult?: LastResult;
  verification?: Verification;
  /** The user's own numbers, reused by later calculations. */
  facts?: Facts;
  /** The classifier's other readings of the last classified message, best first (for "bukan itu maksud saya"). */
  lastCandidates?: string[];
  /** Intent/dialog button payloads of the last reply, so "the first one" / "2" picks one (routing/choices.ts). */
  lastChoices?: string[];
  /**
   * The conversation was handed to a person (src/handoff): every turn asks the desk who owns it until it is back
   * with the bot. Conversations that never were handed off pay nothing for the check.
   */
  handoff?: true;
  /** The last few messages (masked, cut short), so an agent who picks the conversation up sees how it went. */
  recent?: RecentMessage[];
  /** The user is writing the message they leave out of hours (the next text is it). */
  leavingMessage?: true;
  /** Turns in a row the bot could not place (fallback or ask-back); a person is offered after a few. */
  misses?: number;
}

export interface RecentMessage {
  from: 'user' | 'bot';
  text: string;
  at: number;
}

export const newState = (): ConversationState => ({ v: 1, turns: 0 });

/**
 * The state as it is saved: top-level fields that say nothing (undefined, an empty list, an empty object) are
 * left out, since every reader treats a missing field as empty. Saves store space for every idle conversation.
 */
export function compactState(state: ConversationState): ConversationState {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as unknown as ConversationState;
}

export const sessionKey = (conversationId: string): string => `session:${conversationId}`;
export const sessionLockKey = (conversationId: string): string => `lock:session:${conversationId}`;
