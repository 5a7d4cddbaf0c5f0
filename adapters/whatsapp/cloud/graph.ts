import type { Button, OutMessage } from '../../../src/core/types.ts';
import { linkLines, numberedText } from '../shared/choices.ts';

/** Sends one message object to the Graph API's /{phone-number-id}/messages. */
export interface GraphClient {
  send(body: Record<string, unknown>): Promise<void>;
}

export class GraphApiError extends Error {
  constructor(readonly status: number, readonly code?: number) {
    super(`graph api answered HTTP ${status}${code ? ` (code ${code})` : ''}`);
    this.name = 'GraphApiError';
  }
}

export function createGraphClient(opts: { graphBaseUrl: string; phoneNumberId: string; accessToken: string; timeoutMs?: number }): GraphClient {
  const url = `${opts.graphBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(opts.phoneNumberId)}/messages`;
  return {
    async send(body) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', ...body }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      if (!res.ok) {
        // Only the numeric error code is kept: Graph error texts can echo the recipient.
        const err = (await res.json().catch(() => undefined)) as { error?: { code?: number } } | undefined;
        throw new GraphApiError(res.status, err?.error?.code);
      }
      await res.body?.cancel().catch(() => undefined);
    },
  };
}

// WhatsApp Cloud API limits for interactive messages.
const MAX_REPLY_BUTTONS = 3;
const MAX_BUTTON_TITLE = 20;
const MAX_BUTTON_ID = 256;
const MAX_BUTTON_BODY = 1024;
const MAX_LIST_ROWS = 10;
const MAX_ROW_TITLE = 24;
const MAX_ROW_ID = 200;
const MAX_LIST_BODY = 4096;
const MAX_TEXT_BODY = 4096;
const LIST_BUTTON_LABEL = 'Pilih';

/** How one OutMessage goes out: the Graph message body, and the buttons the user may answer by number. */
export interface CloudRendering {
  body: Record<string, unknown>;
  numbered: Button[];
}

/** Titles and ids within limits, titles non-empty and ids unique (Graph rejects duplicates). */
const fits = (buttons: Button[], maxTitle: number, maxId: number) =>
  new Set(buttons.map((b) => b.payload)).size === buttons.length &&
  buttons.every((b) => b.title.trim() && b.title.length <= maxTitle && b.payload && b.payload.length <= maxId);

/**
 * One message as WhatsApp Cloud sends it: reply buttons (≤3, titles ≤20 chars), else an interactive list
 * (≤10 rows, titles ≤24 chars), else text with a numbered list starting at `firstNumber`.
 */
export function renderCloudMessage(to: string, m: OutMessage, firstNumber: number): CloudRendering {
  const buttons = m.buttons ?? [];
  const bodyText = (m.text.trim() + linkLines(m)).trim() || 'Pilih:';
  const base = { recipient_type: 'individual', to };
  const interactive = (type: 'button' | 'list', action: unknown): CloudRendering => ({
    numbered: [],
    body: { ...base, type: 'interactive', interactive: { type, body: { text: bodyText }, action } },
  });
  if (buttons.length && buttons.length <= MAX_REPLY_BUTTONS && fits(buttons, MAX_BUTTON_TITLE, MAX_BUTTON_ID) && bodyText.length <= MAX_BUTTON_BODY)
    return interactive('button', { buttons: buttons.map((b) => ({ type: 'reply', reply: { id: b.payload, title: b.title } })) });
  if (buttons.length && buttons.length <= MAX_LIST_ROWS && fits(buttons, MAX_ROW_TITLE, MAX_ROW_ID) && bodyText.length <= MAX_LIST_BODY)
    return interactive('list', { button: LIST_BUTTON_LABEL, sections: [{ rows: buttons.map((b) => ({ id: b.payload, title: b.title })) }] });
  const text = numberedText(m, firstNumber).slice(0, MAX_TEXT_BODY);
  return { numbered: buttons, body: { ...base, type: 'text', text: { body: text, preview_url: false } } };
}
