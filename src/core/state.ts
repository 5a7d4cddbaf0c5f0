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

/** Verified participant for this conversation; never sent to the client. */
export interface Verification {
  participantToken: string;
  expiresAt: string;
  displayName: string;
}

/** Everything the bot remembers about one conversation. */
export interface ConversationState {
  v: 1;
  lang?: Lang;
  turns: number;
  lastIntent?: string;
  dialog?: DialogState;
  lastResult?: LastResult;
  verification?: Verification;
  /** Last quick-reply buttons shown, so channels without buttons can map "2" back to a payload. */
  lastButtons?: { title: string; payload: string }[];
  /** The user's own numbers given in this conversation, reused by the next dialog that needs them. */
  facts?: { wage?: number; birthDate?: string; years?: number; contractValue?: number; income?: number; joinedJpYear?: number; [k: string]: unknown };
}

export const newState = (): ConversationState => ({ v: 1, turns: 0 });

export const sessionKey = (conversationId: string): string => `session:${conversationId}`;
export const sessionLockKey = (conversationId: string): string => `lock:session:${conversationId}`;
