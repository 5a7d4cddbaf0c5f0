import { tr } from '../context.ts';
import { bpuContribution, wageEarnerContribution, type RiskClass } from '../../calc/contributions.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatPercent } from '../format.ts';
import { readMoney, rememberFacts, reusedWageNote, readWageAmount } from '../values.ts';

/** "yang ditanggung perusahaan berapa?": the employer's share is what is asked. */
const EMPLOYER = /\b(perusahaan|pemberi kerja|kantor|majikan|bos|employer|company)\b/i;
/** The user asks about their own contribution ("iuran saya", "my contribution"), so a remembered wage applies. */
const PERSONAL = /\b(saya|aku|gue|gw|sy|ku|my|mine|i)\b|iuranku/i;
import type { DialogDef, Extraction, Slots } from '../types.ts';

const RISK_WORDS: [RegExp, RiskClass][] = [
  [/sangat rendah|very low/, 'very_low'],
  [/sangat tinggi|very high/, 'very_high'],
  [/\b(rendah|low)\b/, 'low'],
  [/\b(sedang|menengah|medium)\b/, 'medium'],
  [/\b(tinggi|high)\b/, 'high'],
];
const RISK_TITLE: Record<RiskClass, { id: string; en: string }> = {
  very_low: { id: 'sangat rendah', en: 'very low' },
  low: { id: 'rendah', en: 'low' },
  medium: { id: 'sedang', en: 'medium' },
  high: { id: 'tinggi', en: 'high' },
  very_high: { id: 'sangat tinggi', en: 'very high' },
};

function readRisk(text: string): RiskClass | undefined {
  const t = text.toLowerCase();
  if (!/risiko|resiko|risk|kelas|class/.test(t)) return undefined;
  return RISK_WORDS.find(([re]) => re.test(t))?.[1];
}

/** "iuran saya berapa?" right after another simulation: that wage's contributions. */
export const ASKS_OWN_CONTRIBUTION = /^\s*(berapa\s+)?(iuran|iurannya|potongan)\s+(bpjs\s+)?(saya|aku|gue|gw|ku)(\s+(berapa|brp))?\s*(ya|sih|dong)?\s*\??\s*$|^\s*(how much (are|is) my contributions?|what are my contributions?|my contributions?)\s*\??\s*$/i;

/** Contributions of a wage earner (PU) for a given wage, per program, employer vs worker share. */
export const contributionRates: DialogDef = {
  id: 'contribution_rates',
  intent: 'contribution_rates',
  title: { id: 'hitung iuran', en: 'contribution calculation' },
  slots: [{ name: 'wage' }, { name: 'risk', optional: true }, { name: 'focus', optional: true }],
  whatIf: true,
  startWhen: (first) => first.values.wage !== undefined,

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    const wage = readWageAmount(text);
    if (wage !== undefined) values.wage = wage;
    const risk = readRisk(text);
    if (risk) values.risk = risk;
    const employer = EMPLOYER.test(text) && /\b(tanggung|ditanggung|bayar|dibayar|bagian|porsi|share|pays?|paid|covers?|berapa|how much)\b/i.test(text);
    if (employer) values.focus = 'employer';
    // A new calculation reuses the wage given earlier in this conversation when the user asks about their own
    // contribution or the employer's share of it.
    const known = ctx?.state.facts?.wage;
    if (values.wage === undefined && awaiting === undefined && !slots?.wage && typeof known === 'number' && (employer || PERSONAL.test(text))) {
      values.wage = known;
      values.reusedWage = true;
    }
    return { values };
  },

  prompt(_slot, ctx) {
    return [{ text: tr(ctx, {
      id: 'Berapa *gaji/upah per bulan* (upah pokok + tunjangan tetap) yang ingin dihitung iurannya? Contoh: *5 juta*.',
      en: 'What *monthly wage* (basic wage + fixed allowances) should I calculate the contributions for? E.g. *5 million*.',
    }) }];
  },

  async complete(ctx, slots) {
    const L = ctx.lang;
    const risk = (slots.risk as RiskClass | undefined) ?? 'very_low';
    const r = wageEarnerContribution({ monthlyWage: slots.wage as number, riskClass: risk }, ctx.deps.calc);
    const rp = formatRupiah;
    rememberFacts(ctx.state, { wage: slots.wage as number });
    const reused = slots.reusedWage ? `${tr(ctx, reusedWageNote(slots.wage as number, rp(slots.wage as number)))}\n` : '';
    const employerFirst = slots.focus === 'employer'
      ? tr(ctx, {
          id: `🏢 *Yang ditanggung perusahaan* untuk upah ${rp(slots.wage as number)}: *${rp(r.total.employer)}* per bulan (JHT ${rp(r.jht.employer)}, JKK ${rp(r.jkk.employer)}, JKM ${rp(r.jkm.employer)}, JP ${rp(r.jp.employer)}). Yang dipotong dari gaji Anda: ${rp(r.total.worker)}.\n\n`,
          en: `🏢 *Paid by the employer* for a wage of ${rp(slots.wage as number)}: *${rp(r.total.employer)}* a month (JHT ${rp(r.jht.employer)}, JKK ${rp(r.jkk.employer)}, JKM ${rp(r.jkm.employer)}, JP ${rp(r.jp.employer)}). Deducted from your pay: ${rp(r.total.worker)}.\n\n`,
        })
      : '';
    const lines = tr(ctx, {
      id:
        `🧮 *Iuran BPJS Ketenagakerjaan per bulan* untuk upah ${rp(slots.wage as number)}:\n` +
        `• JHT: pemberi kerja ${rp(r.jht.employer)} + pekerja ${rp(r.jht.worker)}\n` +
        `• JKK (risiko ${RISK_TITLE[risk].id}, ${formatPercent(r.jkk.rate, 'id')}): ${rp(r.jkk.employer)}, dibayar pemberi kerja\n` +
        `• JKM: ${rp(r.jkm.employer)}, dibayar pemberi kerja\n` +
        `• JP: pemberi kerja ${rp(r.jp.employer)} + pekerja ${rp(r.jp.worker)}` + (r.jp.cappedWage < (slots.wage as number) ? ` (dihitung dari batas upah JP ${rp(r.jp.cappedWage)})` : '') + `\n` +
        `• JKP: tidak ada iuran tambahan\n\n` +
        `*Total*: pemberi kerja ${rp(r.total.employer)}, dipotong dari gaji Anda ${rp(r.total.worker)}.\n` +
        `Kelas risiko JKK tergantung jenis usaha; ketik misalnya "risiko sedang" untuk menghitung ulang.`,
      en:
        `🧮 *Monthly BPJS Ketenagakerjaan contributions* for a wage of ${rp(slots.wage as number)}:\n` +
        `• JHT: employer ${rp(r.jht.employer)} + worker ${rp(r.jht.worker)}\n` +
        `• JKK (${RISK_TITLE[risk].en} risk, ${formatPercent(r.jkk.rate, 'en')}): ${rp(r.jkk.employer)}, paid by the employer\n` +
        `• JKM: ${rp(r.jkm.employer)}, paid by the employer\n` +
        `• JP: employer ${rp(r.jp.employer)} + worker ${rp(r.jp.worker)}` + (r.jp.cappedWage < (slots.wage as number) ? ` (on the JP wage ceiling of ${rp(r.jp.cappedWage)})` : '') + `\n` +
        `• JKP: no extra contribution\n\n` +
        `*Total*: employer ${rp(r.total.employer)}, deducted from your pay ${rp(r.total.worker)}.\n` +
        `The JKK risk class depends on the business; type e.g. "medium risk" to recompute.`,
    });
    return { done: true, messages: [{ text: reused + employerFirst + lines, buttons: [
      { title: tr(ctx, { id: 'Simulasi JHT', en: 'JHT simulation' }), payload: 'dialog:jht_simulation' },
      { title: tr(ctx, { id: 'Cara bayar iuran', en: 'How to pay' }), payload: 'intent:payment_how' },
    ] }] };
  },
};

/** Contributions of a self-employed participant (BPU) by declared income. */
export const contributionBpu: DialogDef = {
  id: 'contribution_bpu',
  intent: 'contribution_bpu',
  title: { id: 'hitung iuran BPU', en: 'BPU contribution calculation' },
  slots: [{ name: 'income' }],
  whatIf: true,
  startWhen: (first) => first.values.income !== undefined,

  extract(text): Extraction {
    const values: Slots = {};
    const money = readMoney(text);
    const income = money.income ?? money.wage ?? money.unlabelled[0];
    if (income !== undefined && income >= 100_000) values.income = income;
    return { values };
  },

  prompt(_slot, ctx) {
    const p = ctx.deps.calc;
    return [{ text: tr(ctx, {
      id: `Berapa *penghasilan per bulan* yang ingin Anda laporkan? (antara ${formatRupiah(p.bpuIncomeMin)} dan ${formatRupiah(p.bpuIncomeMax)}) Contoh: *3 juta*.`,
      en: `What *monthly income* do you want to declare? (between ${formatRupiah(p.bpuIncomeMin)} and ${formatRupiah(p.bpuIncomeMax)}) E.g. *3 million*.`,
    }) }];
  },

  async complete(ctx, slots) {
    const income = slots.income as number;
    const r = bpuContribution({ declaredIncome: income }, ctx.deps.calc);
    rememberFacts(ctx.state, { income });
    const rp = formatRupiah;
    const note = r.clampedIncome !== income
      ? tr(ctx, { id: `\n(Penghasilan dihitung ${rp(r.clampedIncome)}, batas yang berlaku.)`, en: `\n(Income taken as ${rp(r.clampedIncome)}, the applicable limit.)` })
      : '';
    const text = tr(ctx, {
      id: `🧮 *Iuran BPU per bulan* untuk penghasilan ${rp(income)}:\n• JKK: ${rp(r.jkk)}\n• JKM: ${rp(r.jkm)}\n• JHT (pilihan): ${rp(r.jht)}\n\n*JKK + JKM*: ${rp(r.basic)}\n*JKK + JKM + JHT*: ${rp(r.full)}${note}\n\nIuran dibayar sendiri, misalnya lewat aplikasi JMO; kode bayar BPU adalah NIK Anda.`,
      en: `🧮 *Monthly BPU contributions* for an income of ${rp(income)}:\n• JKK: ${rp(r.jkk)}\n• JKM: ${rp(r.jkm)}\n• JHT (optional): ${rp(r.jht)}\n\n*JKK + JKM*: ${rp(r.basic)}\n*JKK + JKM + JHT*: ${rp(r.full)}${note}\n\nYou pay it yourself, e.g. in the JMO app; the BPU payment code is your NIK.`,
    });
    return { done: true, messages: [{ text, buttons: [
      { title: tr(ctx, { id: 'Cara daftar BPU', en: 'How to register' }), payload: 'intent:registration_bpu' },
      { title: tr(ctx, { id: 'Cara bayar iuran', en: 'How to pay' }), payload: 'intent:payment_how' },
    ] }] };
  },
};
