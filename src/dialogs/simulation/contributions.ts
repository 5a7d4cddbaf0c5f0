/**
 * Contribution calculators: a wage earner's (PU) contributions for a wage, per programme and per payer, and a
 * self-employed participant's (BPU) for a declared income. The part of the result the user asked about ("the
 * company's part of the JP", "is JHT capped?", "how much JHT comes out of my salary?") comes first, then the
 * whole breakdown. Wording: knowledge/messages/contributions.yaml.
 */
import type { DialogContext } from '../context.ts';
import { bpuContribution, wageEarnerContribution, type RiskClass, type WageEarnerContribution } from '../../calc/contributions.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatPercent, monthName } from '../format.ts';
import { readMoney, rememberFacts, reusedWageNote, readWageAmount } from '../values.ts';
import type { DialogDef, DialogDone, FollowUpSlots } from '../types.ts';

/** A sentence of the contributions catalogue. */
const m = (ctx: DialogContext, key: string, params?: Record<string, string | number>): string => ctx.deps.kb.message(`contributions.${key}`, ctx.lang, params);

/** "yang ditanggung perusahaan berapa?": the employer's share is what is asked. */
const EMPLOYER = /\b(perusahaan|pemberi kerja|kantor|majikan|bos)(nya)?\b|\b(employer|company)('s)?\b/i;
const ASKS_SHARE = /\b(tanggung|ditanggung|bayar|dibayar|bagian|bagiannya|porsi|share|part|pays?|paid|covers?|berapa|how much)\b/i;
/** "dipotong dari gaji saya", "comes out of my salary": the worker's own deduction is what is asked. */
const WORKER = /\b(dipotong|potong|potongan|terpotong|deducted|deduction|i pay myself|pay myself|do i pay|i pay|comes? out of|taken from|from my (pay|salary|wage)|bagian saya|porsi saya|yang saya bayar|saya bayar|my (own )?(part|share))\b/i;
/** The user asks about their own contribution ("iuran saya", "my contribution"), so a remembered wage applies. */
const PERSONAL = /\b(saya|aku|gue|gw|sy|ku|my|mine|i)\b|iuranku/i;
/** "siapa yang bayar jkk?", "who pays JKK?" */
const PAYER = /\b(siapa yang (bayar|membayar|menanggung|nanggung)|ditanggung siapa|dibayar siapa|dibayar oleh siapa|who pays|paid by)\b/i;
/** "apakah JHT juga ada batas upahnya?", "is JHT capped?" */
const CEILING = /\b(batas upah|batas atas|batasnya|batasan upah|plafon|maksimal upah|upah maksimal|dibatasi|capped|cap|ceiling|limit|limited)\b/i;

type Programme = 'jht' | 'jp' | 'jkk' | 'jkm';
const PROGRAMMES: [RegExp, Programme][] = [
  [/\b(jht|hari tua|old[- ]age)\b/i, 'jht'],
  [/\b(jp|pensiun|pension)\b/i, 'jp'],
  [/\b(jkk|kecelakaan kerja|work accident)\b/i, 'jkk'],
  [/\b(jkm|kematian|death benefit)\b/i, 'jkm'],
];
type Party = 'worker' | 'employer';
const readProgramme = (text: string): Programme | undefined => PROGRAMMES.find(([re]) => re.test(text))?.[1];

const RISK_WORDS: [RegExp, RiskClass][] = [
  [/sangat rendah|very low/, 'very_low'],
  [/sangat tinggi|very high/, 'very_high'],
  [/\b(rendah|low)\b/, 'low'],
  [/\b(sedang|menengah|medium)\b/, 'medium'],
  [/\b(tinggi|high)\b/, 'high'],
];

function readRisk(text: string): RiskClass | undefined {
  const t = text.toLowerCase();
  if (!/risiko|resiko|risk|kelas|class/.test(t)) return undefined;
  return RISK_WORDS.find(([re]) => re.test(t))?.[1];
}

/** "iuran saya berapa?" right after another simulation: that wage's contributions. */
export const ASKS_OWN_CONTRIBUTION = /^\s*(berapa\s+)?(iuran|iurannya|potongan)\s+(bpjs\s+)?(saya|aku|gue|gw|ku)(\s+(berapa|brp))?\s*(ya|sih|dong)?\s*\??\s*$|^\s*(how much (are|is) my contributions?|what are my contributions?|my contributions?)\s*\??\s*$/i;

/**
 * "kalau yang jp aja?", "jht nya?", "and JP?": a short message naming only a programme asks about that part of the
 * result; "jp itu apa?" or "cara klaim jp" are questions of their own.
 */
function elliptical(text: string): boolean {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length > 5) return false;
  if (/\b(apa|apakah|artinya|maksudnya|gimana|bagaimana|cara|syarat|syaratnya|klaim|cair|daftar|what is|what's|how do|how to|claim|apply|register)\b/i.test(text)) return false;
  return /\b(kalau|kalo|klo|yang|yg|aja|saja|doang|nya|and|what about|how about|only|just)\b/i.test(text) || words.length <= 2;
}

/**
 * A wage earner's contributions: the wage and the risk class (very low when not said); which part is asked (the
 * payer, a programme, the wage ceiling); whether the wage was remembered (`reusedWage`).
 */
export type ContributionSlots = FollowUpSlots & {
  wage: number;
  risk?: RiskClass;
  party?: Party;
  program?: Programme;
  ceiling?: boolean;
  reusedWage?: boolean;
};

/** A self-employed participant's declared income. */
export type BpuSlots = { income: number };

/** The line that answers the part asked, before the breakdown ('' when the whole breakdown was asked). */
function partAsked(ctx: DialogContext, slots: ContributionSlots, r: WageEarnerContribution, since: string): string {
  const rp = formatRupiah;
  const L = ctx.lang;
  const wage = r.wage;
  const program = slots.program;
  const party = slots.party;
  const name = program?.toUpperCase() ?? '';
  const p = ctx.deps.calc;
  if (slots.ceiling) {
    if (program === 'jp' || program === undefined) {
      return r.jp.cappedWage < wage
        ? m(ctx, 'ceiling_jp_above', { cap: rp(r.jp.ceiling), since, wage: rp(wage), worker: rp(r.jp.worker), employer: rp(r.jp.employer) })
        : m(ctx, 'ceiling_jp_below', { cap: rp(r.jp.ceiling), since, wage: rp(wage) });
    }
    if (program === 'jht') return m(ctx, 'ceiling_none', { program: name, wage: rp(wage), worker: rp(r.jht.worker), employer: rp(r.jht.employer) });
    return m(ctx, 'ceiling_none_employer', { program: name, wage: rp(wage), employer: rp(r[program].employer) });
  }
  if (program) {
    const split = r[program];
    const base = rp(program === 'jp' ? r.jp.cappedWage : wage);
    if (program === 'jkk' || program === 'jkm') {
      return m(ctx, 'program_employer_only', { program: name, amount: rp(split.employer), rate: formatPercent(r[program].rate, L), base });
    }
    const rates = program === 'jht' ? { employer: p.jhtEmployerRate, worker: p.jhtWorkerRate } : { employer: p.jpEmployerRate, worker: p.jpWorkerRate };
    if (party === 'worker') return m(ctx, 'program_worker', { program: name, amount: rp(split.worker), rate: formatPercent(rates.worker, L), base });
    if (party === 'employer') return m(ctx, 'program_employer', { program: name, amount: rp(split.employer), rate: formatPercent(rates.employer, L), base });
    return m(ctx, 'program_both', { program: name, employer: rp(split.employer), worker: rp(split.worker), total: rp(split.total) });
  }
  if (party === 'employer') {
    return m(ctx, 'employer_first', {
      wage: rp(wage), total: rp(r.total.employer), jht: rp(r.jht.employer), jkk: rp(r.jkk.employer), jkm: rp(r.jkm.employer), jp: rp(r.jp.employer), worker: rp(r.total.worker),
    });
  }
  if (party === 'worker') return m(ctx, 'worker_first', { wage: rp(wage), total: rp(r.total.worker), jht: rp(r.jht.worker), jp: rp(r.jp.worker) });
  return '';
}

/**
 * The contributions of a wage earner for a wage, the part asked first; also the answer to "iuran saya berapa?"
 * after a JHT simulation.
 */
export function contributionResult(ctx: DialogContext, slots: ContributionSlots): DialogDone {
  const wage = slots.wage;
  const risk = slots.risk ?? 'very_low';
  const r = wageEarnerContribution({ monthlyWage: wage, riskClass: risk }, ctx.deps.calc);
  const rp = formatRupiah;
  rememberFacts(ctx.state, { wage });
  const from = ctx.deps.calc.jpWageCeilingFrom;
  const since = from ? `${monthName(from.month, ctx.lang)} ${from.year}` : '';
  const reused = slots.reusedWage ? `${reusedWageNote(ctx, rp(wage))}\n` : '';
  const lead = partAsked(ctx, slots, r, since);
  const breakdown = m(ctx, 'breakdown', {
    wage: rp(wage), jht_employer: rp(r.jht.employer), jht_worker: rp(r.jht.worker),
    risk: m(ctx, `risk_${risk}`), jkk_rate: formatPercent(r.jkk.rate, ctx.lang), jkk: rp(r.jkk.employer), jkm: rp(r.jkm.employer),
    jp_employer: rp(r.jp.employer), jp_worker: rp(r.jp.worker),
    jp_cap_note: r.jp.cappedWage < wage ? m(ctx, 'jp_cap_note', { cap: rp(r.jp.cappedWage), since }) : '',
    total_employer: rp(r.total.employer), total_worker: rp(r.total.worker),
  });
  // A follow-up about one part of a result already shown gets that part alone.
  const text = slots.followUp && lead ? lead : reused + (lead ? `${lead}\n\n` : '') + breakdown;
  return { done: true, messages: [{ text, buttons: [
    { title: m(ctx, 'button_jht'), payload: 'dialog:jht_simulation' },
    { title: m(ctx, 'button_pay'), payload: 'intent:payment_how' },
  ] }] };
}

/** Contributions of a wage earner (PU) for a given wage, per program, employer vs worker share. */
export const contributionRates: DialogDef<ContributionSlots> = {
  id: 'contribution_rates',
  intent: 'contribution_rates',
  title: 'dialogs.contribution_rates',
  slots: [{ name: 'wage' }, { name: 'risk', optional: true }, { name: 'party', optional: true }, { name: 'program', optional: true }, { name: 'ceiling', optional: true }],
  whatIf: true,
  covers: ['pu', 'jht', 'jp', 'jkk', 'jkm'],
  transient: ['party', 'program', 'ceiling', 'reusedWage'],
  startWhen: (first) => first.values.wage !== undefined,

  extract(text, awaiting, ctx, slots) {
    const values: Partial<ContributionSlots> = {};
    const wage = readWageAmount(text);
    if (wage !== undefined) values.wage = wage;
    const risk = readRisk(text);
    if (risk) values.risk = risk;
    const employer = EMPLOYER.test(text) && ASKS_SHARE.test(text);
    if (employer) values.party = 'employer';
    else if (WORKER.test(text)) values.party = 'worker';
    const program = readProgramme(text);
    // A programme alone is a part of the result only with a question about it ("jp nya berapa?", "is JHT capped?").
    if (program && (values.party || CEILING.test(text) || PAYER.test(text) || /\b(berapa|brp|how much|what)\b/i.test(text) || (awaiting === undefined && elliptical(text)))) values.program = program;
    if (CEILING.test(text)) values.ceiling = true;
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
    return [{ text: m(ctx, 'ask_wage', { example: ctx.lang === 'en' ? '5 million' : '5 juta' }) }];
  },

  async complete(ctx, slots) {
    return contributionResult(ctx, slots);
  },
};

/** Contributions of a self-employed participant (BPU) by declared income. */
export const contributionBpu: DialogDef<BpuSlots> = {
  id: 'contribution_bpu',
  intent: 'contribution_bpu',
  title: 'dialogs.contribution_bpu',
  slots: [{ name: 'income' }],
  whatIf: true,
  covers: ['bpu'],
  startWhen: (first) => first.values.income !== undefined,

  extract(text) {
    const values: Partial<BpuSlots> = {};
    const money = readMoney(text);
    const income = money.income ?? money.wage ?? money.unlabelled[0];
    if (income !== undefined && income >= 100_000) values.income = income;
    return { values };
  },

  prompt(_slot, ctx) {
    const p = ctx.deps.calc;
    return [{ text: m(ctx, 'bpu_ask_income', { min: formatRupiah(p.bpuIncomeMin), max: formatRupiah(p.bpuIncomeMax), example: ctx.lang === 'en' ? '3 million' : '3 juta' }) }];
  },

  async complete(ctx, slots) {
    const income = slots.income;
    const r = bpuContribution({ declaredIncome: income }, ctx.deps.calc);
    rememberFacts(ctx.state, { income });
    const rp = formatRupiah;
    const note = r.clampedIncome !== income ? m(ctx, 'bpu_clamped', { income: rp(r.clampedIncome) }) : '';
    const text = m(ctx, 'bpu_result', { income: rp(income), jkk: rp(r.jkk), jkm: rp(r.jkm), jht: rp(r.jht), basic: rp(r.basic), full: rp(r.full), note });
    return { done: true, messages: [{ text, buttons: [
      { title: m(ctx, 'button_bpu_register'), payload: 'intent:registration_bpu' },
      { title: m(ctx, 'button_pay'), payload: 'intent:payment_how' },
    ] }] };
  },
};
