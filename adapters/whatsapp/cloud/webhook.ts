import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** True when `header` is 'sha256=' + HMAC-SHA256(appSecret, rawBody), compared in constant time. */
export function validSignature(appSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Only the fields the bot reads; everything else in Meta's payload passes through unchecked.
const message = z.object({
  from: z.string().regex(/^\d{5,20}$/),
  id: z.string().min(1).max(200),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().optional(), text: z.string().optional() }).optional(),
});

const payloadSchema = z.object({
  object: z.string().optional(),
  entry: z
    .array(
      z.object({
        changes: z
          .array(
            z.object({
              field: z.string().optional(),
              value: z
                .object({
                  metadata: z.object({ phone_number_id: z.string() }).partial().optional(),
                  messages: z.array(z.unknown()).optional(),
                })
                .optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

/** One user message the bot should answer. `from` is the sender's phone number (never log it). */
export interface CloudInbound {
  from: string;
  id: string;
  text?: string;
  payload?: string;
}

/**
 * User messages addressed to our number: text, interactive button/list replies and template quick-reply
 * buttons. Statuses (sent/delivered/read), other numbers' events and unsupported types are skipped.
 */
export function inboundMessages(body: unknown, phoneNumberId: string): CloudInbound[] {
  const parsed = payloadSchema.safeParse(body);
  if (!parsed.success) return [];
  const out: CloudInbound[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      const value = change.value;
      if (!value?.messages || (change.field && change.field !== 'messages')) continue;
      if (value.metadata?.phone_number_id && value.metadata.phone_number_id !== phoneNumberId) continue;
      for (const raw of value.messages) {
        const m = message.safeParse(raw);
        if (!m.success) continue;
        const { from, id, type } = m.data;
        if (type === 'text' && m.data.text?.body.trim()) out.push({ from, id, text: m.data.text.body });
        else if (type === 'interactive') {
          const reply = m.data.interactive?.button_reply ?? m.data.interactive?.list_reply;
          if (reply?.id) out.push({ from, id, payload: reply.id });
        } else if (type === 'button' && m.data.button?.payload) out.push({ from, id, payload: m.data.button.payload });
      }
    }
  }
  return out;
}
