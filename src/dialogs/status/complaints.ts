import { createHash } from 'node:crypto';
import { classify, type DialogContext } from '../context.ts';
import type { OutMessage } from '../../core/types.ts';
import { formatDate } from '../format.ts';
import { readContact, readTicket } from '../values.ts';
import type { DialogDef } from '../types.ts';
import { statusErrorKind, unavailableMessage } from './errors.ts';

/** A sentence of the complaints catalogue (knowledge/messages/complaints.yaml). */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`complaints.${key}`, ctx.lang, params);
const both = (ctx: DialogContext, key: string, params?: Record<string, string | number>): { id: string; en: string } => ({
  id: ctx.deps.kb.message(`complaints.${key}`, 'id', params), en: ctx.deps.kb.message(`complaints.${key}`, 'en', params),
});

/** The status API's complaint states that have a sentence (status_<state>); another state is shown as sent. */
const COMPLAINT_STATES = new Set(['open', 'in_progress', 'resolved', 'closed']);
const TICKET_EXAMPLE = 'ADU-20251014-0042';
const PHONE_EXAMPLE = '0812-3456-7890';

/** Ticket lookups are limited per conversation and per client address (no ticket enumeration). */
async function lookupAllowed(ctx: DialogContext): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const { ticketSession, ticketAddress } = ctx.deps.limits;
  const s = await ticketSession.hit(ctx.input.conversationId);
  if (!s.allowed) return { ok: false, retryAfterSeconds: s.retryAfterSeconds };
  if (ctx.input.clientAddress) {
    const a = await ticketAddress.hit(ctx.input.clientAddress);
    if (!a.allowed) return { ok: false, retryAfterSeconds: a.retryAfterSeconds };
  }
  return { ok: true };
}

const minutes = (s: number): number => Math.max(1, Math.ceil(s / 60));

/**
 * Complaints filed per day, per conversation, per client address and per contact: a flood is stopped here,
 * before it reaches the agency. The contact is counted as a hash (digits or lower-case e-mail), never in clear.
 */
async function filingAllowed(ctx: DialogContext, contact: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const { complaintSession, complaintAddress, complaintContact } = ctx.deps.limits;
  const contactKey = createHash('sha256').update(contact.replace(/[^\d@a-z.]/gi, '').toLowerCase()).digest('hex').slice(0, 32);
  const checks: [typeof complaintSession, string | undefined][] = [
    [complaintSession, ctx.input.conversationId],
    [complaintAddress, ctx.input.clientAddress],
    [complaintContact, contactKey],
  ];
  for (const [limiter, key] of checks) {
    if (!limiter || !key) continue;
    const r = await limiter.hit(key);
    if (!r.allowed) return { ok: false, retryAfterSeconds: r.retryAfterSeconds };
  }
  return { ok: true };
}

/** The ticket number, upper case (ADU-YYYYMMDD-NNNN). */
export type TrackSlots = { ticket: string };

/** Track a complaint by its ticket number ADU-YYYYMMDD-NNNN (in the message, or asked for). */
export const complaintTrack: DialogDef<TrackSlots> = {
  id: 'complaint_track',
  intent: 'complaint_track',
  title: 'dialogs.complaint_track',
  slots: [{ name: 'ticket' }],

  extract(text, awaiting, ctx) {
    const t = readTicket(text);
    if (t) return { values: { ticket: t } };
    // "status tiket itu", "that ticket": the ticket filed in this conversation
    const mine = ctx.state.facts?.ticket;
    // ("tiket yang barusan dibuat", "the complaint I just filed"), unless another one is meant ("tiket yang lain").
    if (typeof mine === 'string' && /\b(tiket|tiketnya|pengaduan|pengaduannya|aduan|komplain|komplainnya|ticket|complaint)\b/i.test(text) &&
      !/\b(lain|lainnya|lama|sebelumnya|another|other|older|previous)\b/i.test(text))
      return { values: { ticket: mine } };
    if (awaiting === 'ticket' && /adu|\d{4,}/i.test(text))
      return { values: {}, invalid: { slot: 'ticket', reason: both(ctx, 'ticket_format_invalid', { example: TICKET_EXAMPLE }) } };
    return { values: {} };
  },

  prompt(_slot, ctx, _slots, reprompt) {
    return [{ text: m(ctx, reprompt ? 'ask_ticket_again' : 'ask_ticket') }];
  },

  async complete(ctx, slots) {
    const ticket = slots.ticket;
    const allowed = await lookupAllowed(ctx);
    if (!allowed.ok)
      return { done: true, messages: [{ text: m(ctx, 'lookups_limited', { minutes: minutes(allowed.retryAfterSeconds) }) }] };
    try {
      const c = await ctx.deps.status.complaint(ticket);
      if (!c)
        return { done: true, messages: [{ text: m(ctx, 'ticket_not_found', { ticket }), buttons: [{ title: m(ctx, 'file_button'), payload: 'intent:complaint_create' }] }] };
      const lang = ctx.lang === 'en' ? 'en' : 'id';
      return { done: true, messages: [{ text: m(ctx, 'ticket_status', {
        ticket: c.ticket, category: c.category, status: COMPLAINT_STATES.has(c.status) ? m(ctx, `status_${c.status}`) : c.status,
        created: formatDate(c.createdAt, lang), updated: formatDate(c.updatedAt, lang), last_update: c.lastUpdate ? `: ${c.lastUpdate}` : '',
      }) }] };
    } catch (e) {
      if (statusErrorKind(e) === 'not_found') return { done: true, messages: [{ text: m(ctx, 'ticket_not_found_short', { ticket }) }] };
      return { done: true, messages: [unavailableMessage(ctx)] };
    }
  },
};

/** The categories filed with the status API (`value`), how a message names them, and the catalogue key of their title. */
const CATEGORIES: { value: string; match: RegExp; title: string }[] = [
  { value: 'klaim JHT', match: /\b(klaim|claims?|jht|cair|pencairan|hari tua|withdrawal)\b/, title: 'category_claim' },
  { value: 'iuran', match: /\b(iuran|iurannya|contributions?|potong|dipotong|potongan|bayar|tunggakan|premi|deductions?)\b/, title: 'category_contribution' },
  { value: 'aplikasi JMO', match: /\b(jmo|aplikasi|app|login|otp|akun|password)\b/, title: 'category_app' },
  { value: 'pelayanan', match: /\b(pelayanan|layanan|petugas|kantor|cabang|antri|antrian|services?|staff|office)\b/, title: 'category_service' },
  { value: 'lainnya', match: /\b(lain|lainnya|other|others)\b/, title: 'category_other' },
];

/**
 * "jam buka kantor cabang sampai jam berapa?" typed when the description is asked for is a question of its own,
 * not the complaint: the engine answers it and offers to continue.
 */
function isClearOtherQuestion(ctx: DialogContext, text: string): boolean {
  if (!/\?\s*$|^(apa|apakah|gimana|bagaimana|berapa|kapan|dimana|di mana|kenapa|mengapa|bisa(kah)?|how|what|where|when|can)\b/i.test(text)) return false;
  // A question is never the complaint text: it is answered (or asked back) and the description asked again.
  const nlu = classify(ctx);
  if (['complaint_create', 'complaint_track'].includes(nlu.intent)) return false;
  return nlu.outcome === 'ask' || (nlu.outcome === 'answer' && nlu.confidence >= 0.6) || text.split(/\s+/).length <= 8;
}

/** The complaint already told in the first message ("mau komplain, klaim jht saya 3 bulan belum cair…"). */
function draftFrom(text: string): string | undefined {
  const rest = text.replace(/^.*?\b(komplain|mengadu|mengeluh|pengaduan|aduan|complain|complaint)\b[\s,.:;-]*(soal|tentang|mengenai|terkait|about)?[\s,.:;-]*/i, '').trim();
  return rest.split(/\s+/).length >= 6 && rest.length >= 30 ? rest.slice(0, 1000) : undefined;
}

function readCategory(text: string): string | undefined {
  const t = text.toLowerCase();
  return CATEGORIES.find((c) => c.match.test(t))?.value;
}

/**
 * The category (a `value` of CATEGORIES), the description and the contact (phone or e-mail); the complaint told in
 * the first message (`draft`), and whether the description is that draft (`descriptionFromDraft`).
 */
export type ComplaintSlots = { category: string; description: string; contact: string; draft?: string; descriptionFromDraft?: boolean };

/** File a complaint: category → description → contact → confirmation → ticket. */
export const complaintCreate: DialogDef<ComplaintSlots> = {
  id: 'complaint_create',
  intent: 'complaint_create',
  title: 'dialogs.complaint_create',
  slots: [{ name: 'category' }, { name: 'description' }, { name: 'contact' }],

  extract(text, awaiting, ctx, slots) {
    const values: Partial<ComplaintSlots> = {};
    const trimmed = text.trim();
    if (awaiting === undefined) {
      const draft = draftFrom(trimmed);
      if (draft) {
        values.draft = draft;
        const c = readCategory(draft);
        // A complaint told in full with what it is about ("komplain soal aplikasi JMO: sudah seminggu …") is the
        // description: only the contact is asked, and the summary shows it all before anything is filed.
        if (c) {
          values.category = c;
          values.description = draft;
          values.descriptionFromDraft = true;
        }
      }
    }
    if (awaiting === 'description' && typeof slots.draft === 'string' && /^(ya|iya|y|yes|betul|benar|pakai itu|itu saja|ok|oke)\b/i.test(trimmed)) {
      return { values: { description: slots.draft } };
    }
    if (awaiting === 'category' || awaiting === undefined) {
      const c = readCategory(trimmed);
      if (c && awaiting === 'category') values.category = c;
      // In the first message only a clear "complaint about X" counts ("mau komplain soal iuran").
      else if (c && /\b(soal|tentang|mengenai|terkait|masalah|about|regarding)\b/i.test(trimmed)) values.category = c;
      else if (awaiting === 'category' && trimmed.length >= 3 && trimmed.length <= 60 && !/\d{5,}/.test(trimmed)) values.category = 'lainnya';
    }
    if (awaiting === 'description') {
      if (isClearOtherQuestion(ctx, trimmed)) return { values };
      if (trimmed.length >= 10) values.description = trimmed.slice(0, 1000);
      else return { values, invalid: { slot: 'description', reason: both(ctx, 'description_too_short') } };
    }
    if (awaiting === 'contact') {
      const contact = readContact(trimmed);
      if (contact) values.contact = contact;
      else return { values, invalid: { slot: 'contact', reason: both(ctx, 'contact_invalid') } };
    }
    return { values };
  },

  prompt(slot, ctx, slots, reprompt): OutMessage[] {
    if (slot === 'category')
      return [{ text: m(ctx, reprompt ? 'ask_category_again' : 'ask_category'), buttons: CATEGORIES.map((c) => ({ title: m(ctx, c.title), payload: c.value })) }];
    if (slot === 'description' && typeof slots.draft === 'string')
      return [{ text: m(ctx, 'confirm_draft', { draft: slots.draft }), buttons: [{ title: m(ctx, 'use_draft_button'), payload: 'ya' }] }];
    if (slot === 'description') return [{ text: m(ctx, 'ask_description') }];
    if (!reprompt && slots.descriptionFromDraft === true && typeof slots.description === 'string')
      return [{ text: m(ctx, 'ask_contact_with_description', { category: categoryTitle(ctx, slots.category), description: shorten(slots.description) }) }];
    return [{ text: reprompt ? m(ctx, 'ask_contact_again', { example: PHONE_EXAMPLE }) : m(ctx, 'ask_contact') }];
  },

  confirm(ctx, slots) {
    return [{
      text: m(ctx, 'summary', { category: categoryTitle(ctx, slots.category), description: shorten(slots.description), contact: slots.contact }),
      buttons: [
        { title: m(ctx, 'submit_button'), payload: 'ya' },
        { title: m(ctx, 'change_button'), payload: 'tidak' },
        { title: m(ctx, 'cancel_button'), payload: 'batal' },
      ],
    }];
  },

  async complete(ctx, slots) {
    const allowed = await filingAllowed(ctx, slots.contact);
    if (!allowed.ok)
      return { done: true, messages: [{ text: m(ctx, 'filing_limited', { hours: Math.ceil(allowed.retryAfterSeconds / 3600) }) }] };
    try {
      // The same submission (this conversation, this dialog) always has the same key: a retry after a crash
      // between filing and replying gets the first ticket back instead of filing a second complaint.
      const idempotencyKey = createHash('sha256').update(`${ctx.input.conversationId}:${ctx.state.dialog?.startedAt ?? ''}`).digest('hex');
      const { ticket } = await ctx.deps.status.createComplaint(
        { category: slots.category, description: slots.description, contact: slots.contact },
        idempotencyKey,
      );
      ctx.state.facts = { ...ctx.state.facts, ticket };
      // So that an operator who marks the complaint urgent brings this conversation to an agent.
      await ctx.deps.handoff?.rememberTicket(ticket, ctx.input.conversationId, ctx.input.channel, ctx.lang, ctx.input.replyAddress).catch(() => undefined);
      return { done: true, messages: [{ text: m(ctx, 'filed', { ticket }), buttons: [{ title: m(ctx, 'track_button'), payload: `dialog:complaint_track` }] }] };
    } catch (e) {
      // A rejected complaint (invalid data) is final; otherwise whether it was stored is not known (a time-out, a
      // lost reply): stay at the confirmation, so "ya" sends it again with the same idempotency key and the
      // status API answers the first ticket instead of filing a second complaint.
      if (statusErrorKind(e) === 'bad_request') return { done: true, messages: [unavailableMessage(ctx)] };
      return { done: false, clear: [], confirmAgain: true, messages: [{
        text: m(ctx, 'outcome_unknown'),
        buttons: [{ title: m(ctx, 'retry_button'), payload: 'ya' }, { title: m(ctx, 'cancel_button'), payload: 'batal' }],
      }] };
    }
  },
};

function categoryTitle(ctx: DialogContext, value: string | undefined): string {
  const known = CATEGORIES.find((c) => c.value === value);
  return known ? m(ctx, known.title) : String(value);
}

const shorten = (d: string): string => (d.length > 200 ? `${d.slice(0, 200)}…` : d);
