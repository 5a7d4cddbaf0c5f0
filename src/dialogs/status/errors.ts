import type { DialogContext } from '../context.ts';
import type { OutMessage } from '../../core/types.ts';

/** The kind of a status-API failure ('mismatch', 'locked', 'expired', 'not_found', 'unavailable'). */
export function statusErrorKind(e: unknown): string {
  const kind = (e as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : 'unavailable';
}

/** The agency's systems cannot be reached: say so politely, point to 175; the conversation goes on. */
export function unavailableMessage(ctx: DialogContext): OutMessage {
  return {
    text: ctx.deps.kb.message('status.unavailable', ctx.lang),
    buttons: [{ title: ctx.deps.kb.message('status.button_menu', ctx.lang), payload: 'intent:menu' }],
  };
}
