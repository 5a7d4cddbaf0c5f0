/**
 * The public HTTP API's shapes, as zod schemas: the request schemas validate what clients send, and
 * GET /openapi.json (openapi.ts) is generated from these same schemas, so the description cannot drift from
 * the code. The response schemas are what the handlers send (their `satisfies` checks tie the two together).
 */
import { z } from 'zod';

export const SessionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, 'sessionId must be 8-128 characters of A-Z, a-z, 0-9, _ or -')
  .meta({ description: 'Conversation id issued by the server (8-128 characters of A-Z, a-z, 0-9, _ or -).' });

/** POST /api/chat request, as docs/api.md defines it. Unknown members are dropped. */
export const ChatRequest = z
  .object({
    sessionId: SessionId.optional(),
    text: z.string().min(1, 'text must not be empty').max(2000, 'text must be at most 2000 characters').optional().meta({ description: 'What the user typed (1-2000 characters, not blank).' }),
    payload: z.string().min(1, 'payload must not be empty').max(200, 'payload must be at most 200 characters').optional().meta({ description: "A tapped button's payload, sent back verbatim." }),
    locale: z.enum(['id', 'en']).optional().meta({ description: 'Reply language; detected per message when absent.' }),
  })
  .refine((b) => b.text !== undefined || b.payload !== undefined, { message: 'either text or payload is required' })
  .refine((b) => b.text === undefined || b.text.trim().length > 0 || b.payload !== undefined, { message: 'text must not be blank' })
  .meta({ description: 'One user turn. Either `text` or `payload` is required. Unknown members are ignored.' });

export const ButtonSchema = z.object({ title: z.string(), payload: z.string() });

/** A link under a message: only https: and tel: URLs ever leave the server. */
export const LinkSchema = z.object({
  title: z.string().min(1),
  url: z.string().regex(/^(https:\/\/|tel:)/, 'https: or tel: only').meta({ description: 'An https: or tel: URL.' }),
});

export const ChatMessage = z.object({
  text: z.string().meta({ description: 'Plain text; *bold* is the only markup.' }),
  buttons: z.array(ButtonSchema).optional(),
  links: z.array(LinkSchema).optional().meta({ description: 'Official pages and phone numbers for this answer.' }),
  private: z.literal(true).optional().meta({ description: 'Personal data (balance, claims): show it, never store it on the client.' }),
  status: z.literal(true).optional().meta({ description: 'A status line of the live chat ("sent to the agent"), not an answer.' }),
});

export const ChatResponse = z.object({
  sessionId: SessionId,
  messages: z.array(ChatMessage).min(1),
  live: z.literal(true).optional().meta({ description: 'The conversation is with a person (queued or an agent): open GET /api/chat/stream for their messages.' }),
  intent: z.object({
    id: z.string().meta({ description: 'Catalogue id of the intent this turn was routed to; out_of_scope when nothing fits.' }),
    confidence: z.number().min(0).max(1),
  }),
});

export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export const HealthResponse = z.object({ status: z.literal('ok') });
export const ReadyResponse = z.object({ status: z.literal('ready') });
export const NotReadyResponse = z.object({
  status: z.literal('not_ready'),
  store: z.enum(['ok', 'unreachable']),
  bot: z.enum(['ok', 'loading']),
});

/** POST /api/feedback: 👍/👎 on one answer. Only the intent and the vote are kept (no text, no id, no address). */
export const FeedbackRequest = z.object({
  sessionId: SessionId,
  intent: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'intent must be a catalogue id').meta({ description: 'The intent of the answer voted on (from the chat response).' }),
  helpful: z.boolean().meta({ description: 'true = 👍, false = 👎.' }),
});
export const FeedbackResponse = z.object({ status: z.literal('recorded') });

/** One message of an agent (or of the live-chat desk) as the web channel delivers it. */
export const LiveMessage = z.object({
  seq: z.number().int().min(1).meta({ description: 'Position in the conversation transcript; the cursor to resume after.' }),
  from: z.enum(['agent', 'system']),
  text: z.string().meta({ description: 'Plain text; never markup.' }),
  at: z.number().int().meta({ description: 'Milliseconds since the epoch.' }),
  agentName: z.string().optional(),
  private: z.literal(true).optional().meta({ description: 'Looks like personal data: show it, never store it on the client.' }),
});
/** GET /api/chat/stream and /api/chat/events: the conversation, and only messages after this cursor (seq). */
export const LiveQuery = z.object({ sessionId: SessionId, after: z.coerce.number().int().min(0).max(1_000_000_000).optional() });
export const LiveEventsResponse = z.object({
  owner: z.enum(['bot', 'queued', 'agent']).meta({ description: 'Who answers the conversation now.' }),
  messages: z.array(LiveMessage),
  cursor: z.number().int().min(0).meta({ description: 'Pass as `after` next time.' }),
});
export const TypingRequest = z.object({ sessionId: SessionId });

export type LiveMessageBody = z.infer<typeof LiveMessage>;
export type ChatResponseBody = z.infer<typeof ChatResponse>;
