/**
 * PMI (migrant worker) JKK+JKM fee for a contract length ("kontrak kerja 2 tahun di Taiwan iurannya berapa?").
 * An extension ("kalau diperpanjang 3 bulan, nambah berapa?") is priced per extra month (transient `extension`),
 * after a result or on its own.
 */
import type { DialogContext } from '../context.ts';
import { pmiExtensionFee, pmiFee, pmiFeesFrom } from '../../calc/pmi.ts';
import { formatRupiah } from '../../calc/money.ts';
import { readBareNumber, readMonths } from '../values.ts';
import type { DialogDef, FollowUpSlots } from '../types.ts';

/** A sentence of the benefits catalogue (knowledge/messages/benefits.yaml). */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`benefits.${key}`, ctx.lang, params);

const CALC_CUE = /\b(kontrak|contract|hitung|calculate|simulasi|bulan|months?|tahun|years?)\b/i;
const EXTENSION = /\b(diperpanjang|perpanjang|perpanjangan|memperpanjang|extended|extension|extend|extending|renew(?:ed|al)?)\b/i;
const ASKS_FEE = /\b(iuran|iurannya|biaya|bayar|berapa|brp|hitung|contribution|fee|cost|how much|calculate)\b/i;

/** The contract length in months; an extension in months (`extension`); whether a fee was asked about a contract. */
export type PmiSlots = FollowUpSlots & { months: number; extension?: number; asksFee?: boolean };

export const pmiContribution: DialogDef<PmiSlots> = {
  id: 'pmi_contribution',
  intent: 'registration_pmi',
  title: 'dialogs.pmi_contribution',
  slots: [{ name: 'months' }],
  whatIf: true,
  covers: ['pmi'],
  transient: ['extension', 'asksFee'],
  startWhen: (first) => first.values.months !== undefined || first.values.asksFee === true,

  extract(text, awaiting) {
    const values: Partial<PmiSlots> = {};
    const m = readMonths(text) ?? (awaiting === 'months' ? readBareNumber(text) : undefined);
    if (m !== undefined && Number.isInteger(m) && m >= 1 && m <= 120) {
      if (EXTENSION.test(text) && awaiting !== 'months') values.extension = m;
      else values.months = m;
    }
    // A fee question starts the calculation only when it is about a contract ("iurannya berapa?" alone gets the answer).
    if (ASKS_FEE.test(text) && CALC_CUE.test(text)) values.asksFee = true;
    return { values };
  },

  // "kontrak saya diperpanjang 6 bulan, bayar berapa?" needs no contract length: the extension alone is priced.
  async onStart(ctx, slots) {
    if (typeof slots.extension !== 'number' || slots.months !== undefined) return undefined;
    return { done: true, messages: [{ text: extensionLine(ctx, slots.extension) }] };
  },

  prompt(_slot, ctx) {
    return [{ text: m(ctx, 'pmi_ask') }];
  },

  async complete(ctx, slots) {
    const months = slots.months;
    const lead = typeof slots.extension === 'number' ? extensionLine(ctx, slots.extension, months) : '';
    if (lead && slots.followUp) return { done: true, messages: [{ text: lead }] };
    const r = pmiFee(months, pmiFeesFrom((k) => ctx.deps.kb.rules.num(k)));
    const rp = formatRupiah;
    const extra = r.extraMonths > 0;
    const text = m(ctx, 'pmi_result', {
      months, pre: rp(r.preDeparture), band_fee: rp(r.bandFee), band: r.band, total: rp(r.total),
      extra: extra ? m(ctx, 'pmi_extra', { months: r.extraMonths, fee: rp(r.extraFee / r.extraMonths), total: rp(r.workPeriod) }) : '',
    });
    return { done: true, messages: [{ text: lead ? `${lead}\n\n${text}` : text }] };
  },
};

/** "Perpanjangan 3 bulan: 3 × Rp13.500 = Rp40.500", with the contract it extends when known. */
function extensionLine(ctx: DialogContext, months: number, contract?: number): string {
  const e = pmiExtensionFee(months, pmiFeesFrom((k) => ctx.deps.kb.rules.num(k)));
  const key = contract === undefined ? 'pmi_extension' : 'pmi_extension_of';
  return m(ctx, key, { months, per_month: formatRupiah(e.perMonth), total: formatRupiah(e.total), contract: contract ?? 0 });
}
