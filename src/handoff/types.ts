/**
 * The handoff contract: who owns a conversation (the bot, the queue, an agent), what an agent console and the
 * channels may do with it, and the events the instances tell each other. Channels (adapters/) and the console
 * speak only these types; the implementation is src/handoff/desk.ts.
 */
import type { Lang } from '../core/types.ts';

/** `bot` answers; `queued` waits for an agent; `agent:<id>` is answered by that agent; `closed` ended by an agent. */
export type Owner = 'bot' | 'queued' | `agent:${string}` | 'closed';

export type HandoffReason = 'request' | 'misunderstood' | 'urgent_complaint' | 'message';

/** How a conversation went back to the bot. */
export type ReturnCause = 'agent' | 'user' | 'timeout' | 'queue_timeout' | 'closed';

export interface TranscriptEntry {
  /** Sequence number within the conversation's transcript (1, 2, …). */
  seq: number;
  from: 'user' | 'bot' | 'agent' | 'system';
  /** Plain text, personal numbers masked; never markup. */
  text: string;
  at: number;
  /** The agent's display name, for `from: 'agent'`. */
  agentName?: string;
}

/** A conversation that is, or was, with a person. */
export interface HandoffRecord {
  conversationId: string;
  channel: string;
  owner: Owner;
  reason: HandoffReason;
  lang: Lang;
  /** Urgent conversations go first in the queue. */
  priority: number;
  queuedAt: number;
  assignedAt?: number;
  firstAgentReplyAt?: number;
  /** Last message from either side (timeouts count from here). */
  lastActivityAt: number;
  agentId?: string;
  agentName?: string;
  /** A message the user left out of hours (owner stays `bot` until an agent picks it up). */
  leftMessage?: boolean;
  /** The complaint ticket an operator marked urgent. */
  ticket?: string;
  /** Last time the user was seen typing (the console shows it for a few seconds). */
  userTypingAt?: number;
  closedAt?: number;
}

/** One conversation as the console lists it. */
export interface QueueItem extends HandoffRecord {
  /** 1-based place among the waiting conversations; undefined once an agent has it. */
  position?: number;
  /** A short, masked preview of the last user message. */
  preview: string;
}

/** What the instances tell each other (topic `handoff`). Texts are already masked. */
export type HandoffEvent =
  | { type: 'queued'; conversationId: string; reason: HandoffReason }
  | { type: 'assigned'; conversationId: string; agentId: string; agentName: string }
  | { type: 'transferred'; conversationId: string; from: string; to: string }
  | { type: 'message'; conversationId: string; channel: string; entry: TranscriptEntry }
  | { type: 'typing'; conversationId: string; who: 'user' | 'agent' }
  | { type: 'returned'; conversationId: string; channel: string; cause: ReturnCause }
  | { type: 'closed'; conversationId: string; channel: string };

export const HANDOFF_TOPIC = 'handoff';

export interface QueueStatus {
  position: number;
  /** Estimated minutes until an agent answers (at least 1). */
  waitMinutes: number;
}

export type StartResult =
  | { state: 'queued'; status: QueueStatus }
  | { state: 'already'; owner: Owner; status?: QueueStatus }
  | { state: 'closed_hours'; reopensAt: number }
  /** Within opening hours, but no agent has the console open: nobody would answer a queue. */
  | { state: 'unavailable' };

/** What an agent console (or a bridge such as Chatwoot) does with conversations. */
export interface HandoffDesk {
  /** Waiting conversations first (urgent first, then oldest), then those with agents, then left messages. */
  list(): Promise<QueueItem[]>;
  get(conversationId: string): Promise<HandoffRecord | undefined>;
  transcript(conversationId: string, afterSeq?: number): Promise<TranscriptEntry[]>;
  /** Take a waiting conversation (or a left message). Fails when another agent was quicker. */
  pickUp(conversationId: string, agent: { id: string; name: string }): Promise<{ ok: true } | { ok: false; reason: 'taken' | 'not_waiting' }>;
  /** An agent's reply: validated text, appended to the transcript and delivered to the user's channel. */
  reply(conversationId: string, agentId: string, text: string): Promise<{ ok: true; entry: TranscriptEntry } | { ok: false; reason: 'not_owner' | 'invalid'; message?: string }>;
  typing(conversationId: string, who: 'user' | 'agent'): Promise<void>;
  /** Back to the bot (the bot tells the user and continues). */
  handBack(conversationId: string, agentId: string): Promise<boolean>;
  close(conversationId: string, agentId: string): Promise<boolean>;
  transfer(conversationId: string, fromAgentId: string, to: { id: string; name: string }): Promise<boolean>;
  /** An operator marks a complaint urgent: the conversation that filed it joins the queue first. */
  markUrgent(ticket: string): Promise<{ ok: true; conversationId: string } | { ok: false; reason: 'unknown_ticket' }>;
  /** An agent has the console open (called while its event stream is connected); agents count as on duty for a minute. */
  presence(agentId: string): Promise<void>;
  /** True when agents are on duty now: opening hours, and at least one agent with the console open. */
  available(): Promise<boolean>;
  /** Events from every instance. */
  subscribe(handler: (e: HandoffEvent) => void): Promise<() => Promise<void>>;
  /** The channel's way back to the user (a WhatsApp id, a Bot Framework conversation reference), as the channel stored it. */
  replyAddress(conversationId: string): Promise<string | undefined>;
  /** Exactly one instance delivers each agent message to a push channel: true for the first caller only. */
  claimDelivery(conversationId: string, seq: number, channel: string): Promise<boolean>;
  /** Time out idle conversations (run periodically by every instance; idempotent). */
  sweep(): Promise<number>;
}
