import { callCentre, tr, type DialogContext } from '../context.ts';
import type { OutMessage } from '../../core/types.ts';

/** The kind of a status-API failure ('mismatch', 'locked', 'expired', 'not_found', 'unavailable'). */
export function statusErrorKind(e: unknown): string {
  const kind = (e as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : 'unavailable';
}

/** The agency's systems cannot be reached: say so politely, point to 175; the conversation goes on. */
export function unavailableMessage(ctx: DialogContext): OutMessage {
  return {
    text: tr(ctx, {
      id: `Maaf, layanan data peserta sedang tidak dapat diakses. Silakan coba beberapa saat lagi, atau hubungi call center *${callCentre(ctx)}*. Pertanyaan lain tetap bisa Jessi bantu.`,
      en: `Sorry, the participant data service cannot be reached right now. Please try again in a moment, or call *${callCentre(ctx)}*. I can still help with other questions.`,
    }),
    buttons: [{ title: tr(ctx, { id: 'Menu utama', en: 'Main menu' }), payload: 'intent:menu' }],
  };
}
