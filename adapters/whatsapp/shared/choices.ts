import type { Button, OutMessage } from '../../../src/core/types.ts';
import type { Store } from '../../../src/store/types.ts';

/** Heading shown above buttons rendered as a numbered list (WhatsApp text has no buttons). */
export const NUMBER_PROMPT = 'Balas dengan angka:';

const choicesKey = (conversationId: string) => `wa:choices:${conversationId}`;

/** Render one message with its buttons as "1. Title" lines, numbering from `first`. */
export function numberedText(message: OutMessage, first = 1): string {
  const text = message.text + linkLines(message);
  const buttons = message.buttons ?? [];
  if (!buttons.length) return text;
  const lines = buttons.map((b, i) => `${first + i}. ${b.title}`);
  return `${text}\n\n${NUMBER_PROMPT}\n${lines.join('\n')}`;
}

/** Links as plain lines ("Lapak Asik: https://…", "Call center: 175"): WhatsApp makes URLs and numbers tappable itself. */
export function linkLines(message: OutMessage): string {
  const links = message.links ?? [];
  if (!links.length) return '';
  return `\n\n${links.map((l) => `${l.title}: ${l.url.startsWith('tel:') ? l.url.slice(4) : l.url}`).join('\n')}`;
}

/** Remember the buttons the user can answer by number (or clear them when the reply offered none). */
export async function rememberChoices(store: Store, conversationId: string, buttons: Button[], ttlSeconds: number): Promise<void> {
  if (buttons.length) await store.set(choicesKey(conversationId), buttons, ttlSeconds);
  else await store.delete(choicesKey(conversationId));
}

/**
 * Map a typed reply back to a remembered button: "2" (also "2." or "2)") picks button 2, and typing a
 * button's title exactly picks it too. Returns the payload, or undefined when the text is ordinary input.
 */
export async function resolveChoice(store: Store, conversationId: string, text: string): Promise<string | undefined> {
  const t = text.trim();
  const num = /^(\d{1,2})\s*[.)]?$/.exec(t);
  const lower = t.toLowerCase();
  if (!num && t.length > 40) return undefined;
  const buttons = await store.get<Button[]>(choicesKey(conversationId));
  if (!buttons?.length) return undefined;
  if (num) return buttons[Number(num[1]) - 1]?.payload;
  return buttons.find((b) => b.title.trim().toLowerCase() === lower)?.payload;
}
