import { callCentre, tr, type DialogContext } from '../context.ts';
import type { OutMessage } from '../../core/types.ts';
import { readBirthDate, readIdentifier } from '../values.ts';
import type { DialogCompletion, DialogDef, Extraction, Slots } from '../types.ts';
import { statusErrorKind, unavailableMessage } from './errors.ts';

/** A verification that has not expired yet, if any. */
export function currentVerification(ctx: DialogContext) {
  const v = ctx.state.verification;
  if (!v) return undefined;
  if (Date.parse(v.expiresAt) <= ctx.deps.now()) {
    ctx.state.verification = undefined;
    return undefined;
  }
  return v;
}

const askIdentifier = (ctx: DialogContext, reprompt: boolean): OutMessage[] => [{ text: tr(ctx, {
  id: (reprompt ? 'Nomor itu belum sesuai. ' : 'Untuk melindungi data Anda, Jessi perlu memverifikasi identitas terlebih dahulu. ') +
    'Silakan kirim *nomor KPJ* (11 digit, ada di kartu peserta) atau *NIK* (16 digit, di KTP).',
  en: (reprompt ? 'That number does not look right. ' : 'To protect your data, I first need to verify your identity. ') +
    'Please send your *KPJ number* (11 digits, on your membership card) or your *NIK* (16 digits, on your ID card).',
}) }];

const askBirthDate = (ctx: DialogContext, reprompt: boolean): OutMessage[] => [{ text: tr(ctx, {
  id: reprompt ? 'Mohon tulis *tanggal lahir* dengan format tanggal-bulan-tahun, contoh: *15-03-1990*.' : 'Silakan kirim *tanggal lahir* Anda (tanggal-bulan-tahun, contoh: *15-03-1990*).',
  en: reprompt ? 'Please type your *date of birth* as day-month-year, e.g. *15-03-1990*.' : 'Please send your *date of birth* (day-month-year, e.g. *15-03-1990*).',
}) }];

/**
 * A dialog that needs a verified participant: asks for KPJ/NIK and birth date, verifies them against the
 * status API, then runs `show` with the participant token. Verification lasts for the conversation until
 * the token expires; it never reaches the client.
 */
export function verifiedDialog(spec: {
  id: string;
  title: { id: string; en: string };
  show(ctx: DialogContext, token: string, displayName: string): Promise<OutMessage[]>;
}): DialogDef {
  async function run(ctx: DialogContext, token: string, displayName: string): Promise<DialogCompletion> {
    try {
      return { done: true, messages: await spec.show(ctx, token, displayName) };
    } catch (e) {
      const kind = statusErrorKind(e);
      if (kind === 'expired') {
        ctx.state.verification = undefined;
        return { done: false, clear: ['identifier', 'birthDate'], messages: [{ text: tr(ctx, {
          id: 'Sesi verifikasi Anda sudah berakhir. Mohon verifikasi ulang.',
          en: 'Your verification has expired. Please verify again.',
        }) }] };
      }
      return { done: true, messages: [unavailableMessage(ctx)] };
    }
  }

  return {
    id: spec.id,
    intent: spec.id,
    title: spec.title,
    slots: [{ name: 'identifier' }, { name: 'birthDate' }],

    async onStart(ctx) {
      const v = currentVerification(ctx);
      return v ? run(ctx, v.participantToken, v.displayName) : undefined;
    },

    extract(text, awaiting, ctx): Extraction {
      const values: Slots = {};
      const id = readIdentifier(text);
      if (id && 'value' in id) values.identifier = id.value;
      const rest = id && 'value' in id ? text.replace(id.raw, ' ') : text;
      const birth = readBirthDate(rest, ctx.deps.now());
      if (birth.iso) values.birthDate = birth.iso;
      if (!values.identifier && awaiting === 'identifier' && id && 'invalid' in id)
        return { values, invalid: { slot: 'identifier', reason: { id: 'KPJ terdiri dari 11 digit dan NIK 16 digit.', en: 'A KPJ has 11 digits and a NIK 16 digits.' } } };
      if (!values.birthDate && awaiting === 'birthDate' && birth.invalid)
        return { values, invalid: { slot: 'birthDate', reason: { id: 'Tanggal itu tidak valid.', en: 'That date is not valid.' } } };
      return { values };
    },

    prompt(slot, ctx, _slots, reprompt) {
      return slot === 'identifier' ? askIdentifier(ctx, reprompt) : askBirthDate(ctx, reprompt);
    },

    async complete(ctx, slots) {
      try {
        const v = await ctx.deps.status.verify(slots.identifier as string, slots.birthDate as string);
        ctx.state.verification = { participantToken: v.participantToken, expiresAt: v.expiresAt, displayName: v.displayName };
        return run(ctx, v.participantToken, v.displayName);
      } catch (e) {
        const kind = statusErrorKind(e);
        // Nothing personal is revealed; the number is kept, so a mistyped date needs only the date again
        // (a different KPJ/NIK typed now replaces it).
        if (kind === 'mismatch')
          return { done: false, clear: ['birthDate'], messages: [{ text: tr(ctx, {
            id: 'Maaf, data tidak cocok. Periksa kembali tanggal lahir Anda (atau kirim nomor KPJ/NIK yang benar), lalu coba lagi.',
            en: 'Sorry, the details do not match. Please check your date of birth (or send the right KPJ/NIK), then try again.',
          }) }] };
        if (kind === 'locked') {
          const m = (e as { retryAfterMinutes?: number }).retryAfterMinutes;
          const wait = { id: m ? `dalam ${m} menit` : 'beberapa saat lagi', en: m ? `in ${m} minutes` : 'later' };
          return { done: true, messages: [{ text: tr(ctx, {
            id: `Demi keamanan, verifikasi untuk nomor ini dikunci sementara karena terlalu banyak percobaan yang gagal. Silakan coba lagi ${wait.id}, atau hubungi call center *${callCentre(ctx)}*.`,
            en: `For your security, verification for this number is locked for a while after too many failed attempts. Please try again ${wait.en}, or call *${callCentre(ctx)}*.`,
          }) }] };
        }
        return { done: true, messages: [unavailableMessage(ctx)] };
      }
    },
  };
}
