import { tr } from '../context.ts';
import { simulateJht } from '../../calc/jht.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatMonths, formatPercent } from '../format.ts';
import { implausibleWage, MAX_WAGE, MIN_WAGE, mentionsZeroBalance, readBareNumber, readMoney, readMonths, readPercent, rememberFacts, reusedWageNote } from '../values.ts';
import type { Rules } from '../../knowledge/types.ts';
import { ASKS_OWN_CONTRIBUTION, contributionRates } from './contributions.ts';

/** Declared JHT returns by year from rules.yaml (returns.year / returns.prev_year and year-keyed variants). */
export function declaredJhtReturns(rules: Rules): { year: number; rate: number }[] {
  const out = new Map<number, number>();
  const keys = new Set(rules.keys());
  const num = (k: string): number | undefined => { try { return keys.has(k) ? rules.num(k) : undefined; } catch { return undefined; } };
  for (const p of ['', 'prev_', 'prev2_']) {
    const y = num(`returns.${p}year`), r = num(`returns.${p}jht_conventional`);
    if (y !== undefined && r !== undefined && !out.has(y)) out.set(y, r);
  }
  for (const k of keys) {
    const m = /^returns(?:\.(\d{4})\.jht_conventional|\.jht_conventional[._](\d{4})|_(\d{4})\.jht_conventional)$/.exec(k);
    const r = m ? num(k) : undefined;
    if (m && r !== undefined) out.set(Number(m[1] ?? m[2] ?? m[3]), r);
  }
  return [...out].map(([year, rate]) => ({ year, rate })).sort((a, b) => b.year - a.year);
}
import type { DialogDef, Extraction, Slots } from '../types.ts';

const MAX_MONTHS = 50 * 12;

const vagueWage = {
  id: 'UMR/UMP berbeda di tiap daerah, jadi Jessi perlu angkanya.',
  en: 'The minimum wage differs by region, so I need the actual amount.',
};

/** JHT balance simulation: asks for the wage and the years; the starting balance is optional (Rp0). */
export const jhtSimulation: DialogDef = {
  id: 'jht_simulation',
  intent: 'jht_simulation',
  title: 'dialogs.jht_simulation',
  slots: [{ name: 'wage' }, { name: 'months' }, { name: 'balance', optional: true }, { name: 'growth', optional: true }, { name: 'growthYear', optional: true }],
  whatIf: true,

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    // Optional: another yearly return ("hasil pengembangan 6%"), or the latest declared one.
    const t = text.toLowerCase();
    if (/(hasil pengembangan|pengembangan|\b(pakai|pake|gunakan|use) (the )?hasil\b|bunga|imbal hasil|return|growth|interest)/.test(t)) {
      const pct = readPercent(text);
      if (pct !== undefined && pct > 0 && pct <= 0.2) values.growth = pct;
      else if (/(terakhir|terbaru|tahun lalu|sebenarnya|aktual|latest|last year|actual|newest|most recent|\b20\d\d\b)/.test(t)) {
        const declared = declaredJhtReturns(ctx.deps.kb.rules);
        const year = /\b(20\d\d)\b/.exec(t)?.[1];
        const pick = year ? declared.find((d) => d.year === Number(year)) : declared[0];
        if (pick) { values.growth = pick.rate; values.growthYear = pick.year; }
        else if (year) return { values, invalid: { slot: 'growth', reason: { id: `Hasil pengembangan JHT ${year} belum ada di data Jessi; yang tersedia: ${declared.map((d) => d.year).join(', ') || '-'}.`, en: `The ${year} JHT return is not in my data; available: ${declared.map((d) => d.year).join(', ') || '-'}.` } } };
        else values.growth = ctx.deps.calc.jhtLatestReturn;
      }
    }
    const money = readMoney(text);
    if (money.wage !== undefined) values.wage = money.wage;
    if (money.balance !== undefined) values.balance = money.balance;
    for (const n of money.unlabelled) {
      if (awaiting === 'balance' && values.balance === undefined) values.balance = n;
      else if (values.wage === undefined) values.wage = n;
      else if (values.balance === undefined) values.balance = n;
    }
    if (mentionsZeroBalance(text)) values.balance = 0;
    // A new simulation reuses the wage given earlier in this conversation (e.g. in the JP simulation).
    const known = ctx.state.facts?.wage;
    if (values.wage === undefined && !Object.keys(slots).length && awaiting === undefined && typeof known === 'number') {
      values.wage = known;
      values.reusedWage = true;
    }
    // "iuran saya berapa?" after a result: the contributions for that wage (answered by the contribution dialog).
    if (typeof slots.wage === 'number' && ASKS_OWN_CONTRIBUTION.test(text)) return { values: { ask: 'contribution' } };
    const months = readMonths(text);
    if (months !== undefined) values.months = months;
    else if (awaiting === 'months') {
      const n = readBareNumber(text);
      if (n !== undefined && n >= 1 && n <= 50) values.months = n * 12;
    }
    if (typeof values.wage === 'number' && values.wage < MIN_WAGE) delete values.wage;
    if (typeof values.wage === 'number' && values.wage > MAX_WAGE) {
      delete values.wage;
      return { values, invalid: { slot: 'wage', reason: implausibleWage(ctx) } };
    }
    if (typeof values.months === 'number' && (values.months < 1 || values.months > MAX_MONTHS)) {
      delete values.months;
      return { values, invalid: { slot: 'months', reason: { id: 'Lama bekerja perlu antara 1 bulan dan 50 tahun.', en: 'The period must be between 1 month and 50 years.' } } };
    }
    if (money.vague && values.wage === undefined) return { values, invalid: { slot: 'wage', reason: vagueWage } };
    return { values };
  },

  prompt(slot, ctx, slots, reprompt) {
    const reused = slots.reusedWage && typeof slots.wage === 'number' && !reprompt ? `${reusedWageNote(ctx, formatRupiah(slots.wage))} ` : '';
    if (slot === 'wage') {
      return [{ text: tr(ctx, {
        id: reprompt
          ? 'Berapa *gaji/upah per bulan* yang dilaporkan ke BPJS Ketenagakerjaan? Tulis angkanya, contoh: *5 juta* atau *Rp5.500.000*.'
          : 'Baik, kita hitung simulasi saldo JHT. Berapa *gaji/upah per bulan* Anda (upah pokok + tunjangan tetap)? Contoh: *5 juta*.',
        en: reprompt
          ? 'What is your *monthly wage/salary* reported to BPJS Ketenagakerjaan? Please type the amount, e.g. *5 million* or *Rp5.500.000*.'
          : "Sure, let's estimate your JHT balance. What is your *monthly wage/salary* (basic wage + fixed allowances)? E.g. *5 million*.",
      }) }];
    }
    return [{ text: reused + tr(ctx, {
      id: reprompt
        ? 'Berapa *tahun* lagi Anda akan bekerja dan membayar iuran? Tulis angkanya, contoh: *10 tahun*.'
        : 'Berapa *lama (tahun)* Anda akan terus bekerja dan membayar iuran JHT? Contoh: *10 tahun*.',
      en: reprompt
        ? 'For how many *years* will you keep working and contributing? Please type a number, e.g. *10 years*.'
        : 'For how many *years* will you keep working and paying JHT contributions? E.g. *10 years*.',
    }) }];
  },

  async complete(ctx, slots) {
    if (slots.ask === 'contribution') {
      delete slots.ask;
      return contributionRates.complete(ctx, { wage: slots.wage, reusedWage: true });
    }
    const p = ctx.deps.calc;
    const wage = slots.wage as number, months = slots.months as number, balance = (slots.balance as number | undefined) ?? 0;
    const growthRate = (slots.growth as number | undefined) ?? p.jhtGrowth;
    const r = simulateJht({ monthlyWage: wage, months, initialBalance: balance, annualGrowth: growthRate }, p);
    rememberFacts(ctx.state, { wage, years: Math.round(months / 12) });
    const latestDeclared = declaredJhtReturns(ctx.deps.kb.rules)[0];
    const latestYear = latestDeclared?.year ?? p.jhtLatestReturnYear;
    const growthSource = typeof slots.growthYear === 'number'
      ? tr(ctx, { id: ` (hasil pengembangan JHT yang diumumkan untuk ${slots.growthYear})`, en: ` (the declared JHT return for ${slots.growthYear})` })
      : '';
    const L = ctx.lang;
    const period = formatMonths(months, L);
    const growth = formatPercent(growthRate, L);
    const latest = formatPercent(latestDeclared?.rate ?? p.jhtLatestReturn, L);
    const growthHint =
      slots.growth === undefined && latestYear
        ? tr(ctx, {
            id: ` (asumsi simulator resmi; hasil pengembangan JHT ${latestYear} adalah ${latest}: ketik "pakai hasil pengembangan ${latestYear}" untuk memakainya)`,
            en: ` (the official simulator's assumption; the ${latestYear} JHT return was ${latest}: type "use the ${latestYear} return" to use it)`,
          })
        : growthSource;
    const text = tr(ctx, {
      id:
        (slots.reusedWage ? `${reusedWageNote(ctx, formatRupiah(wage))}\n` : '') +
        `📊 *Estimasi saldo JHT* setelah ${period}: *${formatRupiah(r.balance)}*\n\n` +
        `Rincian: iuran Anda (${formatPercent(p.jhtWorkerRate, L)}) ${formatRupiah(r.ownContributions)} + iuran pemberi kerja (${formatPercent(p.jhtEmployerRate, L)}) ${formatRupiah(r.employerContributions)}` +
        (balance ? ` + saldo awal ${formatRupiah(balance)}` : '') + ` + hasil pengembangan ${formatRupiah(r.growth)}.\n\n` +
        `Asumsi: upah tetap ${formatRupiah(wage)}/bulan, iuran ${formatRupiah(r.monthlyContribution)}/bulan dibayar tiap tanggal 1, hasil pengembangan ${growth} per tahun${growthHint}, ` +
        (balance ? `saldo awal ${formatRupiah(balance)}.` : 'saldo awal Rp0 (jika sudah punya saldo, ketik misalnya "saldo awal 10 juta").') +
        `\n\nIni perkiraan, bukan jumlah pasti: hasil pengembangan sebenarnya ditetapkan tiap tahun dan upah bisa berubah. ` +
        `Ingin mencoba angka lain? Ketik misalnya "kalau 20 tahun?" atau "kalau gajinya 10 juta?".`,
      en:
        (slots.reusedWage ? `${reusedWageNote(ctx, formatRupiah(wage))}\n` : '') +
        `📊 *Estimated JHT balance* after ${period}: *${formatRupiah(r.balance)}*\n\n` +
        `Breakdown: your contributions (${formatPercent(p.jhtWorkerRate, L)}) ${formatRupiah(r.ownContributions)} + employer contributions (${formatPercent(p.jhtEmployerRate, L)}) ${formatRupiah(r.employerContributions)}` +
        (balance ? ` + starting balance ${formatRupiah(balance)}` : '') + ` + investment growth ${formatRupiah(r.growth)}.\n\n` +
        `Assumptions: a fixed wage of ${formatRupiah(wage)}/month, contributions of ${formatRupiah(r.monthlyContribution)}/month paid on the 1st, growth of ${growth} a year${growthHint}, ` +
        (balance ? `starting balance ${formatRupiah(balance)}.` : 'starting balance Rp0 (if you already have a balance, type e.g. "starting balance 10 million").') +
        `\n\nThis is an estimate, not a guaranteed amount: actual returns are set every year and wages change. ` +
        `Want to try other numbers? Type e.g. "what if 20 years?" or "what if my salary is 10 million?".`,
    });
    return {
      done: true,
      messages: [{ text, buttons: [
        { title: tr(ctx, { id: 'Cek saldo JHT saya', en: 'Check my JHT balance' }), payload: 'intent:jht_balance' },
        { title: tr(ctx, { id: 'Cara klaim JHT', en: 'How to claim JHT' }), payload: 'intent:jht_claim_how' },
        { title: tr(ctx, { id: 'Simulasi pensiun (JP)', en: 'Pension (JP) simulation' }), payload: 'dialog:jp_simulation' },
      ] }],
    };
  },
};

