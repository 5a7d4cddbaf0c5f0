import { randomBytes } from 'node:crypto';
import type { DialogContext } from '../context.ts';
import type { OutMessage } from '../../core/types.ts';
import { readBirthDate, readIdentifier } from '../values.ts';
import type { DialogCompletion, DialogDef } from '../types.ts';
import { statusErrorKind, unavailableMessage } from './errors.ts';
import { StatusApiError } from '../../status/errors.ts';

/** Verification ends after this long without personal data being asked for. */
export const VERIFICATION_IDLE_MS = 10 * 60_000;
const tokenKey = (ref: string) => `participant-token:${ref}`;

/** A sentence of the status catalogue (knowledge/messages/status.yaml), in the turn's language or in both. */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`status.${key}`, ctx.lang, params);
const both = (ctx: DialogContext, key: string): { id: string; en: string } => ({
  id: ctx.deps.kb.message(`status.${key}`, 'id'), en: ctx.deps.kb.message(`status.${key}`, 'en'),
});

/** Keep the participant token under its own key; the conversation state gets only a reference to it. */
async function remember(ctx: DialogContext, token: string, expiresAt: string, displayName: string): Promise<void> {
  const ref = randomBytes(16).toString('base64url');
  const ttl = Math.max(1, Math.ceil((Date.parse(expiresAt) - ctx.deps.now()) / 1000));
  await ctx.deps.store.set(tokenKey(ref), token, ttl);
  ctx.state.verification = { ref, expiresAt, displayName, lastUsedAt: ctx.deps.now() };
}

/** End this conversation's verification ("keluar", idle, expired). */
export async function forgetVerification(ctx: DialogContext): Promise<void> {
  const v = ctx.state.verification;
  ctx.state.verification = undefined;
  if (v?.ref) await ctx.deps.store.delete(tokenKey(v.ref));
}

/** A verification that has not expired or gone idle, with its token, if any. */
export async function currentVerification(ctx: DialogContext): Promise<{ token: string; displayName: string } | undefined> {
  const v = ctx.state.verification;
  if (!v) return undefined;
  const now = ctx.deps.now();
  const token = v.ref ? await ctx.deps.store.get<string>(tokenKey(v.ref)) : undefined;
  if (!token || Date.parse(v.expiresAt) <= now || now - (v.lastUsedAt ?? 0) > VERIFICATION_IDLE_MS) {
    await forgetVerification(ctx);
    return undefined;
  }
  v.lastUsedAt = now;
  return { token, displayName: v.displayName };
}

const askIdentifier = (ctx: DialogContext, reprompt: boolean): OutMessage[] => [{ text: m(ctx, reprompt ? 'ask_identifier_again' : 'ask_identifier') }];

const askBirthDate = (ctx: DialogContext, reprompt: boolean): OutMessage[] => [{ text: m(ctx, reprompt ? 'ask_birth_date_again' : 'ask_birth_date') }];

const askCode = (ctx: DialogContext, maskedPhone: string | undefined): OutMessage[] => [{ text: m(ctx, 'ask_code', { phone: maskedPhone ?? '-' }) }];

/** A resend is allowed this long after the last code. */
const RESEND_AFTER_MS = 60_000;
const RESEND = /\b(kirim ulang|kirim lagi|kirimkan lagi|kode baru|minta kode( lagi| baru)?|belum (dapat|terima|masuk)|ga(k)? masuk|resend|send (it )?again|new code)\b/i;

interface PendingChallenge {
  id: string;
  maskedPhone: string;
  sentAt: number;
  /** The identifier and birth date it was sent for: typing others starts over. */
  for: string;
}

/**
 * The KPJ/NIK (`identifier`) and the birth date ("YYYY-MM-DD"); the one-time code typed (`code`), the code sent
 * (`challenge`), and "kirim ulang" (`resend`).
 */
export type VerifiedSlots = { identifier: string; birthDate: string; code?: string; challenge?: PendingChallenge; resend?: boolean };

/**
 * A dialog that needs a verified participant, with two factors: KPJ/NIK and birth date (no secret: a NIK
 * encodes the birth date), then the one-time code the agency sends to the phone registered with it. Only then
 * `show` runs with the participant token. The code can be resent after 60 s; 3 wrong codes end the challenge;
 * an expired code is said plainly. Verification lasts for the conversation until the token expires; the token
 * never reaches the client.
 */
export function verifiedDialog(spec: {
  id: string;
  /** The catalogue key of its name (knowledge/messages/dialogs.yaml). */
  title: string;
  show(ctx: DialogContext, token: string, displayName: string): Promise<OutMessage[]>;
}): DialogDef<VerifiedSlots> {
  async function run(ctx: DialogContext, token: string, displayName: string): Promise<DialogCompletion<VerifiedSlots>> {
    try {
      return { done: true, messages: await spec.show(ctx, token, displayName) };
    } catch (e) {
      const kind = statusErrorKind(e);
      if (kind === 'expired') {
        await forgetVerification(ctx);
        return { done: false, clear: ['identifier', 'birthDate'], messages: [{ text: m(ctx, 'verification_expired') }] };
      }
      return { done: true, messages: [unavailableMessage(ctx)] };
    }
  }

  /** Verification attempts are limited by source too (client address, conversation), not only per person. */
  async function sourceAllowed(ctx: DialogContext): Promise<number | undefined> {
    const { verifyAddress, verifySession } = ctx.deps.limits;
    for (const [limiter, key] of [[verifySession, ctx.input.conversationId], [verifyAddress, ctx.input.clientAddress]] as const) {
      if (!limiter || !key) continue;
      const r = await limiter.hit(key);
      if (!r.allowed) return r.retryAfterSeconds;
    }
    return undefined;
  }

  /** First factor: identifier + birth date; on a match a code goes to the registered phone. */
  async function sendCode(ctx: DialogContext, slots: VerifiedSlots, resend: boolean): Promise<DialogCompletion<VerifiedSlots>> {
    const wait = await sourceAllowed(ctx);
    if (wait !== undefined)
      return { done: true, messages: [{ text: m(ctx, 'verify_limited', { minutes: Math.ceil(wait / 60) }) }] };
    try {
      const c = await ctx.deps.status.verify(slots.identifier, slots.birthDate);
      slots.challenge = { id: c.challengeId, maskedPhone: c.maskedPhone, sentAt: ctx.deps.now(), for: `${slots.identifier}|${slots.birthDate}` };
      delete slots.code;
      const intro = resend ? [{ text: m(ctx, 'code_resent') }] : [];
      return { done: false, clear: [], awaiting: 'code', messages: [...intro, ...askCode(ctx, c.maskedPhone)] };
    } catch (e) {
      const kind = statusErrorKind(e);
      // Nothing personal is revealed; the number is kept, so a mistyped date needs only the date again
      // (a different KPJ/NIK typed now replaces it).
      if (kind === 'mismatch')
        return { done: false, clear: ['birthDate'], messages: [{ text: m(ctx, 'details_mismatch') }] };
      if (kind === 'locked') return { done: true, messages: [lockedMessage(ctx, e)] };
      return { done: true, messages: [unavailableMessage(ctx)] };
    }
  }

  /** Second factor: the one-time code typed (`code`, taken out of the slots). */
  async function checkCode(ctx: DialogContext, slots: VerifiedSlots, pending: PendingChallenge, code: string): Promise<DialogCompletion<VerifiedSlots>> {
    delete slots.code;
    try {
      const v = await ctx.deps.status.verifyOtp(pending.id, code);
      delete slots.challenge;
      await remember(ctx, v.participantToken, v.expiresAt, v.displayName);
      return run(ctx, v.participantToken, v.displayName);
    } catch (e) {
      const kind = statusErrorKind(e);
      if (kind === 'wrong_code')
        return { done: false, clear: [], awaiting: 'code', messages: [{ text: m(ctx, 'code_wrong') }] };
      if (kind === 'code_expired') {
        pending.sentAt = 0; // a new code may be asked for at once
        return { done: false, clear: [], awaiting: 'code', messages: [{ text: m(ctx, 'code_expired') }] };
      }
      if (kind === 'challenge_ended') {
        delete slots.challenge;
        return { done: true, messages: [{ text: m(ctx, 'challenge_ended') }] };
      }
      if (kind === 'locked') return { done: true, messages: [lockedMessage(ctx, e)] };
      return { done: true, messages: [unavailableMessage(ctx)] };
    }
  }

  function lockedMessage(ctx: DialogContext, e: unknown): OutMessage {
    const minutes = e instanceof StatusApiError ? e.retryAfterMinutes : undefined;
    return { text: m(ctx, 'locked', { wait: minutes ? m(ctx, 'locked_wait_minutes', { minutes }) : m(ctx, 'locked_wait_later') }) };
  }

  return {
    id: spec.id,
    intent: spec.id,
    title: spec.title,
    slots: [{ name: 'identifier' }, { name: 'birthDate' }, { name: 'code', optional: true }],

    async onStart(ctx) {
      const v = await currentVerification(ctx);
      return v ? run(ctx, v.token, v.displayName) : undefined;
    },

    extract(text, awaiting, ctx) {
      const values: Partial<VerifiedSlots> = {};
      if (awaiting === 'code') {
        // While a code is awaited, six digits are the code (never a date or a number), and "kirim ulang" asks again.
        const code = text.match(/(?<!\d)\d{6}(?!\d)/)?.[0];
        if (code && !/\d{7,}/.test(text)) return { values: { code } };
        if (RESEND.test(text)) return { values: { resend: true } };
        if (/(?<!\d)\d{4,8}(?!\d)/.test(text) && !/\d{9,}/.test(text))
          return { values, invalid: { slot: 'code', reason: both(ctx, 'code_format') } };
      }
      const id = readIdentifier(text);
      if (id && 'value' in id) values.identifier = id.value;
      const rest = id && 'value' in id ? text.replace(id.raw, ' ') : text;
      const birth = readBirthDate(rest, ctx.deps.now());
      if (birth.iso) values.birthDate = birth.iso;
      if (!values.identifier && awaiting === 'identifier' && id && 'invalid' in id)
        return { values, invalid: { slot: 'identifier', reason: both(ctx, 'identifier_format') } };
      if (!values.birthDate && awaiting === 'birthDate' && birth.invalid)
        return { values, invalid: { slot: 'birthDate', reason: both(ctx, 'date_invalid') } };
      return { values };
    },

    prompt(slot, ctx, slots, reprompt) {
      if (slot === 'code') return askCode(ctx, slots.challenge?.maskedPhone);
      return slot === 'identifier' ? askIdentifier(ctx, reprompt) : askBirthDate(ctx, reprompt);
    },

    async complete(ctx, slots) {
      const sentFor = `${slots.identifier}|${slots.birthDate}`;
      const pending = slots.challenge?.for === sentFor ? slots.challenge : undefined;
      if (pending && slots.resend) {
        delete slots.resend;
        const wait = Math.ceil((pending.sentAt + RESEND_AFTER_MS - ctx.deps.now()) / 1000);
        if (wait > 0)
          return { done: false, clear: [], awaiting: 'code', messages: [{ text: m(ctx, 'resend_wait', { seconds: wait, phone: pending.maskedPhone }) }] };
        return sendCode(ctx, slots, true);
      }
      if (pending && typeof slots.code === 'string') return checkCode(ctx, slots, pending, slots.code);
      // Asked again (e.g. after a 5-digit answer): the code already sent stands.
      if (pending) return { done: false, clear: [], awaiting: 'code', messages: askCode(ctx, pending.maskedPhone) };
      return sendCode(ctx, slots, false);
    },
  };
}
