/**
 * The vocabulary at the bottom of the house: what a channel hands to the bot and what it gets back, and the
 * button payload codec. Channels (adapters/) and the HTTP API speak only these types; nothing here knows a
 * channel, a dialog or a store.
 */
export type Lang = 'id' | 'en';

/** A channel's name, as a label for metrics and logs ("api", "web", "whatsapp", "botframework", …). */
export type Channel = string;

/** A quick-reply button. `payload` is sent back verbatim when the user taps it. */
export interface Button {
  title: string;
  payload: string;
}

/** A link under a message: an official page (`https:`) or a phone number (`tel:`); nothing else. */
export interface Link {
  title: string;
  url: string;
}

/** Only `https:` and `tel:` URLs may be links (never `javascript:`, `data:`, `http:`…). */
export function isSafeLinkUrl(url: string): boolean {
  if (/^tel:\+?[0-9][0-9-]{1,19}$/.test(url)) return true;
  if (!/^https:\/\/[^\s]+$/.test(url)) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password && u.hostname.includes('.');
  } catch {
    return false;
  }
}

/** One bubble of a reply. `text` is plain text; `*bold*` is the only markup. */
export interface OutMessage {
  text: string;
  buttons?: Button[];
  /** Official pages and phone numbers for this answer (rendered per channel: anchors, plain URLs, markdown). */
  links?: Link[];
  /**
   * A notice about the conversation, not an answer ("Sent to the agent."): the web widget shows it small, push
   * channels (WhatsApp, Bot Framework) that have their own delivery marks do not send it.
   */
  status?: true;
}

/** One user turn, as a channel adapter hands it to the bot. */
export interface TurnInput {
  channel: Channel;
  /** Opaque, channel-scoped conversation key (never a phone number in clear). */
  conversationId: string;
  /** What the user typed; either text or payload is present. */
  text?: string;
  /** A button payload that the user tapped. */
  payload?: string;
  /** Language the client asked for; otherwise detected per message. */
  locale?: Lang;
  /** Client address (for per-address limits), when the channel knows it. */
  clientAddress?: string;
  /**
   * How the channel reaches this user outside a turn (a WhatsApp id, a Bot Framework conversation reference), for
   * messages an agent writes later. Opaque to the bot; kept only with a handoff, never logged.
   */
  replyAddress?: string;
  /**
   * `channel`: the channel is its own live-chat desk (Chatwoot). A handoff is then only said and reported
   * (`TurnOutput.outcome === 'handoff'`) for the channel to hand the conversation over; nothing is queued in Jessi's desk.
   */
  handoffDesk?: 'channel';
}

export interface IntentRef {
  id: string;
  confidence: number;
}

/** How a turn ended: answered, asked back, fell back, in a dialog, limited, failed, or with a person (`handoff`). */
export type TurnOutcome = 'answer' | 'ask' | 'fallback' | 'dialog' | 'rate_limited' | 'error' | 'handoff';

/** The bot's answer to one turn. */
export interface TurnOutput {
  messages: OutMessage[];
  intent: IntentRef;
  /** How the turn ended; `handoff`: the conversation is (now) for a person. */
  outcome?: TurnOutcome;
  /** The language the bot answered in. */
  lang?: Lang;
  /** Set when the conversation's turn limit stopped this turn (the messages say so). */
  rateLimited?: { retryAfterSeconds: number };
}

/** What every channel needs from the core. */
export interface Bot {
  handle(input: TurnInput): Promise<TurnOutput>;
}

/**
 * What a tapped button means. On the wire a payload is a string (`intent:<id>`, `dialog:<id>`, or any other
 * text, which is a typed value such as "ya"); inside the bot it is this union.
 */
export type Payload =
  | { kind: 'intent'; id: string }
  | { kind: 'dialog'; id: string }
  /** "Apakah jawaban ini membantu?" answered by a button: a vote on the answers of that intent. */
  | { kind: 'feedback'; intent: string; helpful: boolean }
  /** A named action of the bot that is neither an intent nor a dialog ("leave_message" for the agents). */
  | { kind: 'action'; name: string }
  | { kind: 'value'; text: string };

const INTENT_PREFIX = 'intent:';
const DIALOG_PREFIX = 'dialog:';
const FEEDBACK = /^feedback:(yes|no):([a-z][a-z0-9_]*)$/;
const ACTION = /^action:([a-z][a-z0-9_]*)$/;

/** The wire form of a payload. */
export function encodePayload(p: Payload): string {
  if (p.kind === 'intent') return `${INTENT_PREFIX}${p.id}`;
  if (p.kind === 'dialog') return `${DIALOG_PREFIX}${p.id}`;
  if (p.kind === 'feedback') return `feedback:${p.helpful ? 'yes' : 'no'}:${p.intent}`;
  if (p.kind === 'action') return `action:${p.name}`;
  return p.text;
}

/** Read a payload string from a channel. Anything that is not `intent:`/`dialog:` is a value. */
export function parsePayload(wire: string): Payload {
  if (wire.startsWith(INTENT_PREFIX) && wire.length > INTENT_PREFIX.length) return { kind: 'intent', id: wire.slice(INTENT_PREFIX.length) };
  if (wire.startsWith(DIALOG_PREFIX) && wire.length > DIALOG_PREFIX.length) return { kind: 'dialog', id: wire.slice(DIALOG_PREFIX.length) };
  const f = FEEDBACK.exec(wire);
  if (f) return { kind: 'feedback', helpful: f[1] === 'yes', intent: f[2]! };
  const a = ACTION.exec(wire);
  if (a) return { kind: 'action', name: a[1]! };
  return { kind: 'value', text: wire };
}

/** Button payload that routes straight to an intent: `intent:<id>`. */
export const intentPayload = (intentId: string): string => encodePayload({ kind: 'intent', id: intentId });
/** Button payload that starts a dialog: `dialog:<id>`. */
export const dialogPayload = (dialogId: string): string => encodePayload({ kind: 'dialog', id: dialogId });
/** Button payload of a named action: `action:<name>`. */
export const actionPayload = (name: string): string => encodePayload({ kind: 'action', name });
/** Button payload that is typed as a value ("ya", "tidak", "batal"). */
export const valuePayload = (text: string): string => encodePayload({ kind: 'value', text });

/** The longest user message the bot reads (characters); longer text is cut. */
export const MAX_TEXT = 2000;
