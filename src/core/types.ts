/**
 * The core's vocabulary: what a channel hands to the bot and what it gets back.
 * Channels (adapters/) and the HTTP API speak only these types; the core knows no channel.
 */
export type Lang = 'id' | 'en';

export type Channel = 'api' | 'web' | 'whatsapp' | 'whatsapp_cloud' | 'botframework';

/** A quick-reply button. `payload` is sent back verbatim when the user taps it. */
export interface Button {
  title: string;
  payload: string;
}

/** One bubble of a reply. `text` is plain text; `*bold*` is the only markup. */
export interface OutMessage {
  text: string;
  buttons?: Button[];
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
}

export interface IntentRef {
  id: string;
  confidence: number;
}

/** The bot's answer to one turn. */
export interface TurnOutput {
  messages: OutMessage[];
  intent: IntentRef;
}

/** What every channel needs from the core. */
export interface Bot {
  handle(input: TurnInput): Promise<TurnOutput>;
}

/** Button payload that routes straight to an intent: `intent:<id>`. */
export const INTENT_PAYLOAD_PREFIX = 'intent:';
export const intentPayload = (intentId: string): string => `${INTENT_PAYLOAD_PREFIX}${intentId}`;
