import { createHash } from 'node:crypto';
import { callCentre, classify, tr, type DialogContext } from '../context.ts';
import type { OutMessage } from '../../core/types.ts';
import { formatDate } from '../format.ts';
import { readContact, readTicket } from '../values.ts';
import type { DialogDef, Extraction, Slots } from '../types.ts';
import { statusErrorKind, unavailableMessage } from './errors.ts';

const COMPLAINT_STATUS: Record<string, { id: string; en: string }> = {
  open: { id: 'diterima, menunggu ditindaklanjuti', en: 'open, waiting to be handled' },
  in_progress: { id: 'sedang diproses', en: 'in progress' },
  resolved: { id: 'sudah selesai', en: 'resolved' },
  closed: { id: 'ditutup', en: 'closed' },
};

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

/** Track a complaint by its ticket number ADU-YYYYMMDD-NNNN (in the message, or asked for). */
export const complaintTrack: DialogDef = {
  id: 'complaint_track',
  intent: 'complaint_track',
  title: { id: 'lacak pengaduan', en: 'complaint tracking' },
  slots: [{ name: 'ticket' }],

  extract(text, awaiting, ctx): Extraction {
    const t = readTicket(text);
    if (t) return { values: { ticket: t } };
    // "status tiket itu", "that ticket": the ticket filed in this conversation
    const mine = ctx.state.facts?.ticket;
    if (typeof mine === 'string' && /\b(tiket|pengaduan|aduan|komplain|ticket|complaint)\s*(itu|tadi|tsb|tersebut|barusan|saya tadi)\b|\b(that|the|my)\s+(ticket|complaint)\b/i.test(text))
      return { values: { ticket: mine } };
    if (awaiting === 'ticket' && /adu|\d{4,}/i.test(text))
      return { values: {}, invalid: { slot: 'ticket', reason: { id: 'Format nomor tiket adalah ADU-YYYYMMDD-NNNN, contoh: ADU-20251014-0042.', en: 'A ticket number looks like ADU-YYYYMMDD-NNNN, e.g. ADU-20251014-0042.' } } };
    return { values: {} };
  },

  prompt(_slot, ctx, _slots, reprompt) {
    return [{ text: tr(ctx, {
      id: reprompt ? 'Mohon kirim nomor tiket pengaduan dengan format *ADU-YYYYMMDD-NNNN*.' : 'Silakan kirim *nomor tiket* pengaduan Anda (format *ADU-YYYYMMDD-NNNN*, ada di pesan konfirmasi saat pengaduan dibuat).',
      en: reprompt ? 'Please send the complaint ticket number in the form *ADU-YYYYMMDD-NNNN*.' : 'Please send your complaint *ticket number* (form *ADU-YYYYMMDD-NNNN*, from the confirmation you got when filing).',
    }) }];
  },

  async complete(ctx, slots) {
    const ticket = slots.ticket as string;
    const allowed = await lookupAllowed(ctx);
    if (!allowed.ok)
      return { done: true, messages: [{ text: tr(ctx, {
        id: `Maaf, terlalu banyak pencarian tiket dalam waktu singkat. Silakan coba lagi dalam ${minutes(allowed.retryAfterSeconds)} menit, atau hubungi call center *${callCentre(ctx)}*.`,
        en: `Sorry, too many ticket lookups in a short time. Please try again in ${minutes(allowed.retryAfterSeconds)} minutes, or call *${callCentre(ctx)}*.`,
      }) }] };
    try {
      const c = await ctx.deps.status.complaint(ticket);
      if (!c)
        return { done: true, messages: [{ text: tr(ctx, {
          id: `Tiket *${ticket}* tidak ditemukan. Periksa kembali nomornya (format ADU-YYYYMMDD-NNNN, tanggal sesuai hari pengaduan dibuat). Jika sudah benar, hubungi call center *${callCentre(ctx)}*.`,
          en: `Ticket *${ticket}* was not found. Please check the number (form ADU-YYYYMMDD-NNNN, with the date the complaint was filed). If it is right, call *${callCentre(ctx)}*.`,
        }), buttons: [{ title: tr(ctx, { id: 'Buat pengaduan', en: 'File a complaint' }), payload: 'intent:complaint_create' }] }] };
      const st = COMPLAINT_STATUS[c.status] ?? { id: c.status, en: c.status };
      return { done: true, messages: [{ text: tr(ctx, {
        id: `Pengaduan *${c.ticket}* (kategori ${c.category}): *${st.id}*.\nDibuat ${formatDate(c.createdAt, 'id')}, pembaruan terakhir ${formatDate(c.updatedAt, 'id')}${c.lastUpdate ? `: ${c.lastUpdate}` : ''}.`,
        en: `Complaint *${c.ticket}* (category ${c.category}): *${st.en}*.\nFiled ${formatDate(c.createdAt, 'en')}, last update ${formatDate(c.updatedAt, 'en')}${c.lastUpdate ? `: ${c.lastUpdate}` : ''}.`,
      }) }] };
    } catch (e) {
      if (statusErrorKind(e) === 'not_found') return { done: true, messages: [{ text: tr(ctx, { id: `Tiket *${ticket}* tidak ditemukan.`, en: `Ticket *${ticket}* was not found.` }) }] };
      return { done: true, messages: [unavailableMessage(ctx)] };
    }
  },
};

const CATEGORIES: { value: string; match: RegExp; title: { id: string; en: string } }[] = [
  { value: 'klaim JHT', match: /\b(klaim|claims?|jht|cair|pencairan|hari tua|withdrawal)\b/, title: { id: 'Klaim JHT', en: 'JHT claim' } },
  { value: 'iuran', match: /\b(iuran|iurannya|contributions?|potong|dipotong|potongan|bayar|tunggakan|premi|deductions?)\b/, title: { id: 'Iuran', en: 'Contributions' } },
  { value: 'aplikasi JMO', match: /\b(jmo|aplikasi|app|login|otp|akun|password)\b/, title: { id: 'Aplikasi JMO', en: 'JMO app' } },
  { value: 'pelayanan', match: /\b(pelayanan|layanan|petugas|kantor|cabang|antri|antrian|services?|staff|office)\b/, title: { id: 'Pelayanan', en: 'Service' } },
  { value: 'lainnya', match: /\b(lain|lainnya|other|others)\b/, title: { id: 'Lainnya', en: 'Other' } },
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

/** File a complaint: category → description → contact → confirmation → ticket. */
export const complaintCreate: DialogDef = {
  id: 'complaint_create',
  intent: 'complaint_create',
  title: { id: 'pengaduan', en: 'complaint' },
  slots: [{ name: 'category' }, { name: 'description' }, { name: 'contact' }],

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    const trimmed = text.trim();
    if (awaiting === undefined) {
      const draft = draftFrom(trimmed);
      if (draft) {
        values.draft = draft;
        const c = readCategory(draft);
        if (c) values.category = c;
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
      else return { values, invalid: { slot: 'description', reason: { id: 'Ceritakan sedikit lebih lengkap (minimal satu kalimat).', en: 'Please tell a little more (at least one sentence).' } } };
    }
    if (awaiting === 'contact') {
      const contact = readContact(trimmed);
      if (contact) values.contact = contact;
      else return { values, invalid: { slot: 'contact', reason: { id: 'Nomor HP atau email itu belum valid.', en: 'That phone number or email does not look valid.' } } };
    }
    return { values };
  },

  prompt(slot, ctx, _slots, reprompt): OutMessage[] {
    if (slot === 'category')
      return [{
        text: tr(ctx, {
          id: reprompt ? 'Silakan pilih *kategori* pengaduan:' : 'Baik, Jessi bantu buat pengaduan. Pengaduan Anda terkait apa? Pilih *kategori*:',
          en: reprompt ? 'Please choose a *category*:' : "Sure, I'll help you file a complaint. What is it about? Choose a *category*:",
        }),
        buttons: CATEGORIES.map((c) => ({ title: tr(ctx, c.title), payload: c.value })),
      }];
    if (slot === 'description' && typeof _slots.draft === 'string')
      return [{
        text: tr(ctx, {
          id: `Apakah ini keluhan yang ingin Anda laporkan?\n"${_slots.draft}"\nBalas *ya* untuk memakainya, atau tulis keterangan lain.`,
          en: `Is this the problem you want to report?\n"${_slots.draft}"\nReply *yes* to use it, or write another description.`,
        }),
        buttons: [{ title: tr(ctx, { id: 'Ya, pakai itu', en: 'Yes, use it' }), payload: 'ya' }],
      }];
    if (slot === 'description')
      return [{ text: tr(ctx, {
        id: 'Silakan jelaskan *masalah* Anda secara singkat (apa yang terjadi, sejak kapan). Jangan tulis PIN, password, atau OTP.',
        en: 'Please describe the *problem* briefly (what happened, since when). Do not write PINs, passwords or OTPs.',
      }) }];
    return [{ text: tr(ctx, {
      id: reprompt ? 'Mohon kirim *nomor HP* (contoh 0812-3456-7890) atau *email* yang bisa dihubungi.' : 'Ke *nomor HP/WhatsApp atau email* mana petugas bisa menghubungi Anda?',
      en: reprompt ? 'Please send a *phone number* (e.g. 0812-3456-7890) or an *email* address.' : 'Which *phone/WhatsApp number or email* can our staff contact you on?',
    }) }];
  },

  confirm(ctx, slots) {
    const d = String(slots.description);
    const known = CATEGORIES.find((c) => c.value === slots.category);
    const category = known ? tr(ctx, known.title) : String(slots.category);
    return [{
      text: tr(ctx, {
        id: `Ringkasan pengaduan:\n• Kategori: ${category}\n• Keluhan: ${d.length > 200 ? d.slice(0, 200) + '…' : d}\n• Kontak: ${slots.contact}\n\nApakah data ini sudah benar dan boleh dikirim?`,
        en: `Complaint summary:\n• Category: ${category}\n• Problem: ${d.length > 200 ? d.slice(0, 200) + '…' : d}\n• Contact: ${slots.contact}\n\nIs this correct, and may I submit it?`,
      }),
      buttons: [
        { title: tr(ctx, { id: 'Ya, kirim', en: 'Yes, submit' }), payload: 'ya' },
        { title: tr(ctx, { id: 'Ubah data', en: 'Change details' }), payload: 'tidak' },
        { title: tr(ctx, { id: 'Batal', en: 'Cancel' }), payload: 'batal' },
      ],
    }];
  },

  async complete(ctx, slots) {
    const allowed = await filingAllowed(ctx, slots.contact as string);
    if (!allowed.ok)
      return { done: true, messages: [{ text: tr(ctx, {
        id: `Maaf, batas pengaduan lewat chat untuk hari ini sudah tercapai. Silakan coba lagi dalam ${Math.ceil(allowed.retryAfterSeconds / 3600)} jam, atau hubungi call center *${callCentre(ctx)}*.`,
        en: `Sorry, today's limit of complaints through chat has been reached. Please try again in ${Math.ceil(allowed.retryAfterSeconds / 3600)} hours, or call *${callCentre(ctx)}*.`,
      }) }] };
    try {
      // The same submission (this conversation, this dialog) always has the same key: a retry after a crash
      // between filing and replying gets the first ticket back instead of filing a second complaint.
      const idempotencyKey = createHash('sha256').update(`${ctx.input.conversationId}:${ctx.state.dialog?.startedAt ?? ''}`).digest('hex');
      const { ticket } = await ctx.deps.status.createComplaint(
        { category: slots.category as string, description: slots.description as string, contact: slots.contact as string },
        idempotencyKey,
      );
      ctx.state.facts = { ...ctx.state.facts, ticket };
      return { done: true, messages: [{ text: tr(ctx, {
        id: `✅ Pengaduan Anda sudah kami terima dengan nomor tiket *${ticket}*. Simpan nomor ini: statusnya bisa dilacak kapan saja di sini (ketik "lacak pengaduan ${ticket}") atau lewat call center *${callCentre(ctx)}*.`,
        en: `✅ Your complaint has been received with ticket number *${ticket}*. Keep it: you can track it any time here (type "track complaint ${ticket}") or through call centre *${callCentre(ctx)}*.`,
      }), buttons: [{ title: tr(ctx, { id: 'Lacak pengaduan', en: 'Track complaint' }), payload: `dialog:complaint_track` }] }] };
    } catch {
      return { done: true, messages: [unavailableMessage(ctx)] };
    }
  },
};
