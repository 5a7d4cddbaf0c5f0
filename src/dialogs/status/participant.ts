import type { DialogContext } from '../context.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatDate } from '../format.ts';
import { verifiedDialog } from './verified.ts';

/** A sentence of the status catalogue (knowledge/messages/status.yaml). */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`status.${key}`, ctx.lang, params);

/** Own JHT balance, after verification. */
export const jhtBalance = verifiedDialog({
  id: 'jht_balance',
  title: 'dialogs.jht_balance',
  async show(ctx, token, name) {
    const b = await ctx.deps.status.balance(token);
    const scheme = b.jht.scheme === 'sharia' ? m(ctx, 'scheme_sharia') : m(ctx, 'scheme_conventional');
    return [{
      text: m(ctx, 'jht_balance', { name, scheme, date: formatDate(b.asOf, ctx.lang), balance: formatRupiah(b.jht.balance) }),
      buttons: [
        { title: m(ctx, 'claim_status_button'), payload: 'intent:claim_status' },
        { title: m(ctx, 'jht_claim_how_button'), payload: 'intent:jht_claim_how' },
        { title: m(ctx, 'jht_simulation_button'), payload: 'dialog:jht_simulation' },
      ],
    }];
  },
});

/** The status API's claim states that have a sentence (claim_<state>); another state is shown as it comes. */
const CLAIM_STATES = new Set(['received', 'verifying', 'approved', 'paid', 'rejected']);

/** The participant's claims with their status in plain words, after verification. */
export const claimStatus = verifiedDialog({
  id: 'claim_status',
  title: 'dialogs.claim_status',
  async show(ctx, token, name) {
    const claims = await ctx.deps.status.claims(token);
    if (!claims.length)
      return [{ text: m(ctx, 'no_claims', { name }), buttons: [{ title: m(ctx, 'jht_claim_how_button'), payload: 'intent:jht_claim_how' }] }];
    const lines = claims.map((c) => m(ctx, 'claim_line', {
      claim: c.claimId, program: c.program, submitted: formatDate(c.submittedAt, ctx.lang),
      status: CLAIM_STATES.has(c.status) ? m(ctx, `claim_${c.status}`) : c.status,
      since: formatDate(c.statusAt, ctx.lang), note: c.note ? `. ${c.note}` : '',
    }));
    return [{
      text: m(ctx, 'claims_header', { name }) + lines.join('\n') + m(ctx, 'claims_footer'),
      buttons: [{ title: m(ctx, 'jht_balance_button'), payload: 'intent:jht_balance' }],
    }];
  },
});
