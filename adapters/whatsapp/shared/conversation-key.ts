import { createHmac } from 'node:crypto';

/**
 * Conversation key of a WhatsApp user: a keyed hash of the phone number's digits, so the same person is the
 * same conversation on Baileys and on the Cloud API, and the number never appears in clear downstream.
 * It is a routing key only, never proof of identity.
 */
export function whatsappConversationId(salt: string, phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `wa:${createHmac('sha256', salt).update(digits).digest('hex').slice(0, 32)}`;
}

/** Key for a sender known only by a WhatsApp LID (no phone number available). */
export function whatsappLidConversationId(salt: string, lidUser: string): string {
  return `wa:${createHmac('sha256', salt).update(`lid:${lidUser}`).digest('hex').slice(0, 32)}`;
}
