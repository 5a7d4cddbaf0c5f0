/**
 * What Chatwoot posts to an Agent Bot's webhook URL, validated (zod, unknown fields kept and ignored):
 *   - `message_created` (and `message_updated`): Message#webhook_data, i.e. {id, content, message_type
 *     ('incoming' | 'outgoing' | 'activity' | 'template'), private, sender, conversation {id, status, meta, …},
 *     account {id}, inbox {id}, …} plus `event`;
 *   - `conversation_opened` / `conversation_resolved` (agent bots) and `conversation_status_changed` (an
 *     account webhook on the same URL): the conversation's webhook_data at the top level ({id, status, …},
 *     `changed_attributes: [{status: {previous_value, current_value}}]` for the latter), no account object.
 * The conversation `id` is the display id the REST API uses. Anything else is acknowledged and ignored.
 */
import { z } from 'zod';

/** Chatwoot ids are integers; some proxies and older versions send them as digit strings. */
const Id = z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/).transform(Number)]).refine((n) => Number.isSafeInteger(n) && n > 0, 'must be a positive integer');
const Status = z.string().min(1).max(32);
const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
/** The name (webhook_data) or the enum number (push_event_data) of a message type. */
const MessageTypeSchema = z.union([z.enum(MESSAGE_TYPES), z.number().int().min(0).max(3).transform((n) => MESSAGE_TYPES[n]!)]);

const ConversationSchema = z.looseObject({
  id: Id,
  status: Status,
  account_id: Id.optional(),
  messages: z.array(z.looseObject({ account_id: Id.optional() })).optional(),
});

const MessageEventSchema = z.looseObject({
  event: z.enum(['message_created', 'message_updated']),
  id: Id,
  content: z.string().max(200_000).nullish(),
  message_type: MessageTypeSchema,
  private: z.boolean().nullish(),
  conversation: ConversationSchema,
  account: z.looseObject({ id: Id }).nullish(),
});

const ConversationEventSchema = ConversationSchema.extend({
  event: z.enum(['conversation_opened', 'conversation_resolved', 'conversation_status_changed']),
  changed_attributes: z.array(z.unknown()).nullish(),
  updated_at: z.union([z.number(), z.string()]).nullish(),
});

const EnvelopeSchema = z.looseObject({ event: z.string().min(1).max(64) });

export type ChatwootEvent =
  | { kind: 'message'; event: 'message_created' | 'message_updated'; messageId: number; text: string; type: MessageType; private: boolean; conversation: number; status: string; account?: number }
  | { kind: 'status'; conversation: number; status: string; previous?: string; account?: number; updatedAt?: string }
  | { kind: 'other'; event: string };

export type ParseResult = { ok: true; event: ChatwootEvent } | { ok: false; reason: string };

const reasonOf = (e: z.ZodError) => {
  const i = e.issues[0]!;
  return `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`;
};

/** The previous status out of `changed_attributes` ([{status: {previous_value, current_value}}]), when given. */
function previousStatus(changed: unknown[] | null | undefined): string | undefined {
  for (const c of changed ?? []) {
    const r = z.looseObject({ status: z.looseObject({ previous_value: z.string().max(32) }) }).safeParse(c);
    if (r.success) return r.data.status.previous_value;
  }
  return undefined;
}

/** Validate a webhook body; `reason` names the first field that is wrong. */
export function parseWebhook(body: unknown): ParseResult {
  const env = EnvelopeSchema.safeParse(body);
  if (!env.success) return { ok: false, reason: reasonOf(env.error) };
  const event = env.data.event;
  if (event === 'message_created' || event === 'message_updated') {
    const r = MessageEventSchema.safeParse(body);
    if (!r.success) return { ok: false, reason: reasonOf(r.error) };
    const m = r.data;
    const account = m.account?.id ?? m.conversation.account_id ?? m.conversation.messages?.[0]?.account_id;
    return {
      ok: true,
      event: { kind: 'message', event: m.event, messageId: m.id, text: m.content ?? '', type: m.message_type, private: m.private === true, conversation: m.conversation.id, status: m.conversation.status, account },
    };
  }
  if (event === 'conversation_opened' || event === 'conversation_resolved' || event === 'conversation_status_changed') {
    const r = ConversationEventSchema.safeParse(body);
    if (!r.success) return { ok: false, reason: reasonOf(r.error) };
    const c = r.data;
    const account = z.looseObject({ account: z.looseObject({ id: Id }) }).safeParse(body);
    return {
      ok: true,
      event: {
        kind: 'status',
        conversation: c.id,
        status: c.status,
        previous: previousStatus(c.changed_attributes),
        account: account.success ? account.data.account.id : (c.account_id ?? c.messages?.[0]?.account_id),
        updatedAt: c.updated_at == null ? undefined : String(c.updated_at),
      },
    };
  }
  return { ok: true, event: { kind: 'other', event } };
}
