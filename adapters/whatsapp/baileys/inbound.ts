import { normalizeMessageContent, type WAMessage, type WAMessageContent, type WAMessageKey } from '@whiskeysockets/baileys';

/** Chats the bot never answers: groups, broadcast lists and status, newsletters (channels). */
export function isIgnoredJid(jid: string | null | undefined): boolean {
  if (!jid) return true;
  return jid.endsWith('@g.us') || jid.endsWith('@broadcast') || jid.endsWith('@newsletter') || jid.endsWith('@call');
}

/** What the user said: typed text, or the id of the button / list row they tapped. */
export type InboundContent = { text: string } | { payload: string };

/** Text or tapped choice from a message; undefined for media, reactions, protocol messages. */
export function extractContent(raw: WAMessageContent | null | undefined): InboundContent | undefined {
  const m = normalizeMessageContent(raw);
  if (!m) return undefined;
  const payload =
    m.buttonsResponseMessage?.selectedButtonId ??
    m.listResponseMessage?.singleSelectReply?.selectedRowId ??
    m.templateButtonReplyMessage?.selectedId ??
    nativeFlowId(m.interactiveResponseMessage?.nativeFlowResponseMessage?.paramsJson);
  if (payload) return { payload };
  const text =
    m.conversation ??
    m.extendedTextMessage?.text ??
    m.buttonsResponseMessage?.selectedDisplayText ??
    m.listResponseMessage?.title ??
    m.templateButtonReplyMessage?.selectedDisplayText ??
    m.interactiveResponseMessage?.body?.text;
  return text && text.trim() ? { text } : undefined;
}

/** Native-flow (quick_reply / single_select) answers carry the chosen id in a JSON string. */
function nativeFlowId(paramsJson: string | null | undefined): string | undefined {
  if (!paramsJson) return undefined;
  try {
    const p = JSON.parse(paramsJson) as { id?: unknown };
    return typeof p.id === 'string' && p.id ? p.id : undefined;
  } catch {
    return undefined;
  }
}

const PN_SERVERS = new Set(['s.whatsapp.net', 'c.us', 'hosted']);
const LID_SERVERS = new Set(['lid', 'hosted.lid']);

function splitJid(jid: string | null | undefined): { user: string; server: string } | undefined {
  if (!jid) return undefined;
  const at = jid.indexOf('@');
  if (at <= 0) return undefined;
  const user = jid.slice(0, at).split(':')[0].split('_')[0];
  return user ? { user, server: jid.slice(at + 1) } : undefined;
}

/**
 * The sender of a one-to-one chat: the phone number when known (from the phone JID, or from
 * remoteJidAlt when the chat is addressed by @lid), else the LID.
 */
export function senderOf(key: WAMessageKey): { phone: string } | { lid: string } | undefined {
  const main = splitJid(key.remoteJid);
  const alt = splitJid(key.remoteJidAlt);
  if (main && PN_SERVERS.has(main.server)) return { phone: main.user };
  if (alt && PN_SERVERS.has(alt.server)) return { phone: alt.user };
  if (main && LID_SERVERS.has(main.server)) return { lid: main.user };
  return undefined;
}

/** A message the bot should answer, or undefined (own messages, groups, broadcasts, unsupported content). */
export function acceptable(msg: WAMessage): { jid: string; key: WAMessageKey; content: InboundContent } | undefined {
  const key = msg.key;
  if (!key || key.fromMe || !key.remoteJid || isIgnoredJid(key.remoteJid)) return undefined;
  const content = extractContent(msg.message);
  return content ? { jid: key.remoteJid, key, content } : undefined;
}
