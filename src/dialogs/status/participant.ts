import { callCentre, tr } from '../context.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatDate } from '../format.ts';
import { verifiedDialog } from './verified.ts';

/** Own JHT balance, after verification. */
export const jhtBalance = verifiedDialog({
  id: 'jht_balance',
  title: 'dialogs.jht_balance',
  async show(ctx, token, name) {
    const b = await ctx.deps.status.balance(token);
    const scheme = b.jht.scheme === 'sharia' ? tr(ctx, { id: 'syariah', en: 'sharia' }) : tr(ctx, { id: 'konvensional', en: 'conventional' });
    return [{
      text: tr(ctx, {
        id: `Saldo JHT atas nama ${name} (${scheme}) per ${formatDate(b.asOf, 'id')}: *${formatRupiah(b.jht.balance)}*.\n\nSaldo ini bisa juga dilihat kapan saja di aplikasi JMO. ⚠️ BPJS Ketenagakerjaan tidak pernah meminta OTP, password/PIN, atau biaya apa pun.`,
        en: `JHT balance of ${name} (${scheme}) as of ${formatDate(b.asOf, 'en')}: *${formatRupiah(b.jht.balance)}*.\n\nYou can also see it any time in the JMO app. ⚠️ BPJS Ketenagakerjaan never asks for OTPs, passwords/PINs or any fee.`,
      }),
      buttons: [
        { title: tr(ctx, { id: 'Status klaim saya', en: 'My claim status' }), payload: 'intent:claim_status' },
        { title: tr(ctx, { id: 'Cara klaim JHT', en: 'How to claim JHT' }), payload: 'intent:jht_claim_how' },
        { title: tr(ctx, { id: 'Simulasi JHT', en: 'JHT simulation' }), payload: 'dialog:jht_simulation' },
      ],
    }];
  },
});

const CLAIM_STATUS: Record<string, { id: string; en: string }> = {
  received: { id: 'sudah diterima, menunggu diproses', en: 'received, waiting to be processed' },
  verifying: { id: 'sedang diverifikasi', en: 'being verified' },
  approved: { id: 'sudah disetujui, menunggu pembayaran', en: 'approved, payment pending' },
  paid: { id: 'sudah dibayar', en: 'paid' },
  rejected: { id: 'ditolak', en: 'rejected' },
};

/** The participant's claims with their status in plain words, after verification. */
export const claimStatus = verifiedDialog({
  id: 'claim_status',
  title: 'dialogs.claim_status',
  async show(ctx, token, name) {
    const claims = await ctx.deps.status.claims(token);
    if (!claims.length)
      return [{ text: tr(ctx, {
        id: `Tidak ada klaim yang tercatat atas nama ${name}. Jika Anda baru saja mengajukan, datanya mungkin belum muncul; coba lagi nanti atau hubungi call center *${callCentre(ctx)}*.`,
        en: `There are no claims on record for ${name}. If you applied just now it may not show yet; try again later or call *${callCentre(ctx)}*.`,
      }), buttons: [{ title: tr(ctx, { id: 'Cara klaim JHT', en: 'How to claim JHT' }), payload: 'intent:jht_claim_how' }] }];
    const lines = claims.map((c) => {
      const st = CLAIM_STATUS[c.status] ?? { id: c.status, en: c.status };
      return tr(ctx, {
        id: `• *${c.claimId}* (${c.program}), diajukan ${formatDate(c.submittedAt, 'id')}: *${st.id}* sejak ${formatDate(c.statusAt, 'id')}${c.note ? `. ${c.note}` : ''}`,
        en: `• *${c.claimId}* (${c.program}), submitted ${formatDate(c.submittedAt, 'en')}: *${st.en}* since ${formatDate(c.statusAt, 'en')}${c.note ? `. ${c.note}` : ''}`,
      });
    });
    return [{
      text: tr(ctx, { id: `Status klaim atas nama ${name}:\n`, en: `Claims of ${name}:\n` }) + lines.join('\n') +
        tr(ctx, { id: '\n\nAnda juga bisa memantau klaim di aplikasi JMO, menu Tracking/Lacak Klaim.', en: '\n\nYou can also follow claims in the JMO app under Tracking.' }),
      buttons: [{ title: tr(ctx, { id: 'Cek saldo JHT', en: 'Check JHT balance' }), payload: 'intent:jht_balance' }],
    }];
  },
});
