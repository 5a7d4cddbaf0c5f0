import { callCentre, tr } from '../context.ts';
import { jpBenefitFormula, simulateJp } from '../../calc/jp.ts';
import { wageEarnerContribution } from '../../calc/contributions.ts';
import { formatRupiah } from '../../calc/money.ts';
import { formatDate, formatMonths, formatPercent, monthName } from '../format.ts';
import { implausibleWage, MAX_WAGE, MIN_WAGE, readBirthDate, readJoined, readMoney, readPercent, rememberFacts, reusedWageNote } from '../values.ts';

/** JP exists since July 2015: no contribution month before it. */
const JP_START = '2015-07';
import type { DialogCompletion, DialogDef, Extraction, Slots } from '../types.ts';
import type { DialogContext } from '../context.ts';

/** The monthly JP contribution (employer + worker) for a wage. */
function contributionReply(ctx: DialogContext, wage: number, reusedWage: boolean): DialogCompletion {
    rememberFacts(ctx.state, { wage });
    const c = wageEarnerContribution({ monthlyWage: wage, riskClass: 'very_low' }, ctx.deps.calc).jp;
    const rp = formatRupiah;
    const reused = reusedWage ? `${reusedWageNote(ctx, rp(wage))}\n` : '';
    const capped = c.cappedWage < wage;
    const text = reused + tr(ctx, {
      id: `🧮 *Iuran JP per bulan* untuk upah ${rp(wage)}: pemberi kerja ${rp(c.employer)} (${formatPercent(ctx.deps.calc.jpEmployerRate, 'id')}) + dipotong dari gaji Anda ${rp(c.worker)} (${formatPercent(ctx.deps.calc.jpWorkerRate, 'id')})` +
        (capped ? `, dihitung dari batas upah JP ${rp(c.cappedWage)}` : '') + `.\n\nIngin perkiraan pensiunnya? Ketik "simulasi JP".`,
      en: `🧮 *Monthly JP contribution* for a wage of ${rp(wage)}: employer ${rp(c.employer)} (${formatPercent(ctx.deps.calc.jpEmployerRate, 'en')}) + deducted from your pay ${rp(c.worker)} (${formatPercent(ctx.deps.calc.jpWorkerRate, 'en')})` +
        (capped ? `, on the JP wage ceiling of ${rp(c.cappedWage)}` : '') + `.\n\nWant the pension estimate? Type "JP simulation".`,
    });
    return { done: true, messages: [{ text, buttons: [
      { title: tr(ctx, { id: 'Simulasi JP', en: 'JP simulation' }), payload: 'dialog:jp_simulation' },
      { title: tr(ctx, { id: 'Semua iuran', en: 'All contributions' }), payload: 'intent:contribution_rates' },
    ] }] };
}

/** JP pension estimate: asks for the wage and the birth date; the yearly raise is optional (0%). */
export const jpSimulation: DialogDef = {
  id: 'jp_simulation',
  intent: 'jp_simulation',
  title: 'dialogs.jp_simulation',
  slots: [{ name: 'wage' }, { name: 'birthDate' }, { name: 'raise', optional: true }, { name: 'joined', optional: true }, { name: 'stopAge', optional: true }],
  whatIf: true,
  covers: ['jp'],
  transient: ['reusedWage', 'reusedBirth'],

  // "iuran JP saya berapa?" (often routed here): the monthly JP contribution for the wage already known.
  async onStart(ctx, slots) {
    const t = ctx.text.toLowerCase();
    const asksContribution = (/\b(iuran|iurannya|contributions?|premi|potongan|dipotong)\b/.test(t) || /\b(bayar|membayar|pay|paying)\b.*\bjp\b|\bjp\b.*\b(bayar|pay)\b/.test(t)) && !/\b(simulasi|simulation|manfaat|benefit|dapat|terima|estimasi|estimate|hitung pensiun)\b/.test(t);
    if (!asksContribution || typeof slots.wage !== 'number') return undefined;
    return contributionReply(ctx, slots.wage, slots.reusedWage === true);
  },

  extract(text, awaiting, ctx, slots): Extraction {
    const values: Slots = {};
    // "eh salah, lahirnya 1992" after a birth date is known: the year changes, day and month stay.
    const yearOnly = /\b(?:lahir\w*|born)\s+(?:(?:saya|aku|gue|gw|sy|in|tahun|thn|th)\s+)*((?:19|20)\d\d)\b(?![-/.]\d)/i.exec(text);
    if (yearOnly && typeof slots.birthDate === 'string' && !readBirthDate(text, ctx.deps.now()).iso) {
      const candidate = `${yearOnly[1]}${slots.birthDate.slice(4)}`;
      if (readBirthDate(candidate, ctx.deps.now()).iso) values.birthDate = candidate;
    }
    const money = readMoney(text);
    const wage = money.wage ?? money.unlabelled[0];
    if (wage !== undefined && wage >= MIN_WAGE && wage <= MAX_WAGE) values.wage = wage;
    if (wage !== undefined && wage > MAX_WAGE) return { values, invalid: { slot: 'wage', reason: implausibleWage(ctx) } };
    // "iuran JP saya berapa?" after a result: the JP contribution for that wage.
    if (typeof slots.wage === 'number' && /\b(iuran|iurannya|contributions?|potongan|dipotong|deducted)\b/i.test(text) && !/\d/.test(text)) return { values: { ask: 'contribution' } };
    // "kalau pensiun umur 58?": the user stops contributing at that age.
    const stop = /\b(?:pensiun|berhenti( kerja| bekerja)?|resign|retire|stop working)\s+(?:di\s+|pada\s+|at\s+)?(?:umur|usia|age)?\s*(\d{2})\b/i.exec(text) ?? /\b(?:umur|usia|age)\s+(\d{2})\b/i.exec(text);
    const stopAge = stop ? Number(stop[2] ?? stop[1]) : undefined;
    if (stopAge !== undefined && stopAge >= 40 && stopAge <= 70) return { values: { stopAge } };
    const joined = readJoined(text, ctx.deps.now());
    if (joined) values.joined = joined;
    // "sejak Maret 2018" is a join date, not a birth date.
    const birth = joined && !/\b(lahir|born|birth)/i.test(text) ? { invalid: false } as { iso?: string; invalid: boolean } : readBirthDate(text, ctx.deps.now());
    if (birth.iso && values.birthDate === undefined) {
      values.birthDate = birth.iso;
      values.birthYearOnly = false;
    }
    // "lahir 1990" (or a bare year when the birth date is asked) with no birth date known yet: the year is enough
    // for an estimate; mid-year is assumed and said in the result.
    const bareYear = awaiting === 'birthDate' ? /^\s*(?:tahun\s+|th\s+|thn\s+)?((?:19|20)\d\d)\s*$/.exec(text) : null;
    const birthYear = (yearOnly ?? bareYear)?.[1];
    if (values.birthDate === undefined && !birth.iso && birthYear && typeof slots.birthDate !== 'string' && !joined) {
      const candidate = `${birthYear}-07-01`;
      if (readBirthDate(candidate, ctx.deps.now()).iso) {
        values.birthDate = candidate;
        values.birthYearOnly = true;
      }
    }
    // A new simulation reuses the wage and birth date given earlier in this conversation.
    const facts = ctx.state.facts;
    if (!Object.keys(slots).length && awaiting === undefined && facts) {
      if (values.wage === undefined && typeof facts.wage === 'number') { values.wage = facts.wage; values.reusedWage = true; }
      if (values.birthDate === undefined && typeof facts.birthDate === 'string') { values.birthDate = facts.birthDate; values.reusedBirth = true; }
    }
    const raise = joined ? undefined : readPercent(text);
    if (raise !== undefined && raise >= 0 && raise <= 0.3) values.raise = raise;
    if (birth.invalid && awaiting === 'birthDate')
      return { values, invalid: { slot: 'birthDate', reason: { id: 'Tanggal lahir itu tidak valid.', en: 'That birth date is not valid.' } } };
    if (money.vague && values.wage === undefined)
      return { values, invalid: { slot: 'wage', reason: { id: 'UMR/UMP berbeda di tiap daerah, jadi Jessi perlu angkanya.', en: 'The minimum wage differs by region, so I need the amount.' } } };
    return { values };
  },

  prompt(slot, ctx, _slots, reprompt) {
    if (slot === 'wage')
      return [{ text: tr(ctx, {
        id: reprompt ? 'Berapa *gaji/upah per bulan* Anda saat ini? Contoh: *7 juta*.' : 'Baik, kita hitung perkiraan Jaminan Pensiun (JP). Berapa *gaji/upah per bulan* Anda saat ini? Contoh: *7 juta*.',
        en: reprompt ? 'What is your current *monthly wage*? E.g. *7 million*.' : "Sure, let's estimate your pension (JP). What is your current *monthly wage*? E.g. *7 million*.",
      }) }];
    return [{ text: tr(ctx, {
      id: reprompt ? 'Mohon tulis *tanggal lahir* dengan format tanggal-bulan-tahun, contoh: *15-06-1990*.' : 'Kapan *tanggal lahir* Anda? (tanggal-bulan-tahun, contoh: *15-06-1990*)',
      en: reprompt ? 'Please type your *date of birth* as day-month-year, e.g. *15-06-1990*.' : 'What is your *date of birth*? (day-month-year, e.g. *15-06-1990*)',
    }) }];
  },

  async complete(ctx, slots) {
    if (slots.ask === 'contribution') {
      delete slots.ask;
      return contributionReply(ctx, slots.wage as number, true);
    }
    const L = ctx.lang;
    const wage = slots.wage as number, birthDate = slots.birthDate as string, raise = (slots.raise as number | undefined) ?? 0;
    rememberFacts(ctx.state, { wage, birthDate });
    const nowDate = new Date(ctx.deps.now());
    const nowMonth = new Date(ctx.deps.now() + 7 * 3600_000).toISOString().slice(0, 7);
    // Since when the user contributes: never before JP began (July 2015), never after this month.
    const rawJoined = typeof slots.joined === 'string' && slots.joined !== 'now' ? slots.joined : undefined;
    const joined = rawJoined ? (rawJoined < JP_START ? JP_START : rawJoined > nowMonth ? nowMonth : rawJoined) : undefined;
    if (joined) rememberFacts(ctx.state, { joinedJpYear: Number(joined.slice(0, 4)) });
    const r = simulateJp({ birthDate, monthlyWage: wage, yearlyRaise: raise, asOf: joined ? `${joined}-01` : nowDate }, ctx.deps.calc);
    const fromNow = joined ? simulateJp({ birthDate, monthlyWage: wage, yearlyRaise: raise, asOf: nowDate }, ctx.deps.calc) : r;
    const paidMonths = r.contributionMonths - fromNow.contributionMonths;
    const joinedMonth = joined ? `${monthName(Number(joined.slice(5, 7)), L)} ${joined.slice(0, 4)}` : '';
    const reused = [
      slots.reusedWage ? reusedWageNote(ctx, formatRupiah(wage)) : '',
      slots.reusedBirth ? tr(ctx, { id: `Memakai tanggal lahir ${formatDate(birthDate, 'id')} yang Anda sebut tadi.`, en: `Using the birth date ${formatDate(birthDate, 'en')} you gave earlier.` }) : '',
      slots.birthYearOnly === true ? tr(ctx, {
        id: `Tanggal lahir dianggap 1 Juli ${birthDate.slice(0, 4)} (hanya tahunnya yang disebut); tulis tanggal lengkap, mis. *15-03-${birthDate.slice(0, 4)}*, untuk hasil yang lebih tepat.`,
        en: `Birth date taken as 1 July ${birthDate.slice(0, 4)} (only the year was given); type the full date, e.g. *15-03-${birthDate.slice(0, 4)}*, for a closer estimate.`,
      }) : '',
    ].filter(Boolean).join(' ');
    const prefix = reused ? `${reused}\n\n` : '';
    const clamped = rawJoined && rawJoined < JP_START
      ? tr(ctx, { id: ' (JP baru ada sejak Juli 2015, jadi dihitung dari Juli 2015)', en: ' (JP only exists since July 2015, so counted from July 2015)' })
      : '';
    const basis = joined
      ? tr(ctx, {
          id: `iuran dihitung sejak ${joinedMonth}${clamped} (sudah ${formatMonths(paidMonths, 'id')} dibayar) sampai usia pensiun tanpa putus, dengan upah yang sama`,
          en: `contributions counted from ${joinedMonth}${clamped} (${formatMonths(paidMonths, 'en')} already paid) until pension age without a break, at the same wage`,
        })
      : tr(ctx, {
          id: slots.joined === 'now' ? 'Anda baru ikut JP, jadi iuran dihitung mulai bulan ini sampai usia pensiun' : 'iuran dihitung *mulai bulan ini* sampai usia pensiun (iuran yang sudah Anda bayar belum dihitung)',
          en: slots.joined === 'now' ? 'you have just joined JP, so contributions are counted from this month until pension age' : 'contributions counted *from this month* until pension age (contributions you have already paid are not counted)',
        });
    const invite = !joined && slots.joined !== 'now'
      ? tr(ctx, {
          id: '\n\nSudah lama ikut JP? *Sejak kapan ikut JP?* Ketik misalnya "saya ikut JP sejak 2016" untuk menghitung ulang dengan masa iur yang sudah dibayar.',
          en: '\n\nBeen in JP for a while? *Since when have you been in JP?* Type e.g. "I joined JP in 2016" ("since 2016") to recompute with the months already paid.',
        })
      : '';
    const when = `${monthName(r.retirementMonth, L)} ${r.retirementYear}`;
    const masa = formatMonths(r.contributionMonths, L);
    const assumptions = tr(ctx, {
      id: `Asumsi: ${basis}, upah ${formatRupiah(wage)}/bulan naik ${formatPercent(raise, 'id')} per tahun (ketik mis. "kenaikan gaji 5%" untuk mengubahnya), batas upah JP ${formatRupiah(ctx.deps.calc.jpWageCeiling)} ikut naik ${formatPercent(ctx.deps.calc.jpCeilingGrowth, 'id')} per tahun, tanpa penyesuaian inflasi. Lahir ${formatDate(birthDate, 'id')}.`,
      en: `Assumptions: ${basis}, a wage of ${formatRupiah(wage)}/month rising ${formatPercent(raise, 'en')} a year (type e.g. "raise 5%" to change it), the JP wage ceiling of ${formatRupiah(ctx.deps.calc.jpWageCeiling)} rising ${formatPercent(ctx.deps.calc.jpCeilingGrowth, 'en')} a year, no inflation indexing. Born ${formatDate(birthDate, 'en')}.`,
    });
    let text: string;
    const stopAge = typeof slots.stopAge === 'number' ? slots.stopAge : undefined;
    const birthY = Number(birthDate.slice(0, 4)), birthM = Number(birthDate.slice(5, 7));
    const startIdx = r.startYear * 12 + r.startMonth - 1;
    const stopMonths = stopAge !== undefined ? Math.max(0, Math.min(r.contributionMonths, (birthY + stopAge) * 12 + birthM - 1 - startIdx)) : undefined;
    if (stopAge !== undefined && stopMonths !== undefined && stopAge < r.pensionAge && r.kind !== 'past_pension_age') {
      const b = jpBenefitFormula(stopMonths, r.averageWage, ctx.deps.calc);
      const enough = stopMonths >= ctx.deps.calc.jpMinMonths;
      text = tr(ctx, {
        id: `📊 *Estimasi Jaminan Pensiun jika berhenti mengiur di usia ${stopAge}*\nUsia pensiun JP tetap *${r.pensionAge} tahun* (${when}, menurut PP 45/2015); berhenti di usia ${stopAge} membuat masa iur ${formatMonths(stopMonths, 'id')} (${stopMonths} bulan).\n` +
          (enough
            ? `Perkiraan manfaat pensiun bulanan mulai ${when}: *${formatRupiah(b.benefit)}* (${formatPercent(ctx.deps.calc.jpAccrualRate, 'id')} × masa iur × rata-rata upah ${formatRupiah(r.averageWage)}).`
            : `Masa iur itu kurang dari ${ctx.deps.calc.jpMinMonths} bulan, jadi manfaatnya dibayar *sekaligus* (akumulasi iuran ditambah hasil pengembangan), bukan bulanan.`) +
          `\n\n${assumptions}\n\nIni perkiraan, bukan jumlah pasti. Ketik "pensiun umur ${r.pensionAge}" untuk kembali ke usia pensiun normal.`,
        en: `📊 *Estimated pension (JP) if you stop contributing at ${stopAge}*\nThe JP pension age stays *${r.pensionAge}* (${when}, per PP 45/2015); stopping at ${stopAge} gives a contribution period of ${formatMonths(stopMonths, 'en')} (${stopMonths} months).\n` +
          (enough
            ? `Estimated monthly pension from ${when}: *${formatRupiah(b.benefit)}* (${formatPercent(ctx.deps.calc.jpAccrualRate, 'en')} × contribution years × average wage ${formatRupiah(r.averageWage)}).`
            : `That is under ${ctx.deps.calc.jpMinMonths} months, so the benefit is paid *as a lump sum* (contributions plus returns), not monthly.`) +
          `\n\n${assumptions}\n\nThis is an estimate, not a guaranteed amount. Type "retire at ${r.pensionAge}" to go back to the normal pension age.`,
      });
    } else if (r.kind === 'monthly') {
      text = tr(ctx, {
        id: `📊 *Estimasi Jaminan Pensiun*\nUsia pensiun Anda *${r.pensionAge} tahun*, tercapai pada *${when}*. Masa iur ${masa} (${r.contributionMonths} bulan).\nPerkiraan manfaat pensiun bulanan tahun pertama: *${formatRupiah(r.monthlyBenefit)}*` +
          (r.cappedAtMax ? ` (dibatasi manfaat maksimum yang berlaku sekarang)` : '') + (r.raisedToMin ? ` (dinaikkan ke manfaat minimum yang berlaku sekarang)` : '') +
          `.\nRumus: ${formatPercent(ctx.deps.calc.jpAccrualRate, 'id')} × masa iur (tahun) × rata-rata upah ${formatRupiah(r.averageWage)}.\n\n${assumptions}\n\nIni perkiraan, bukan jumlah pasti: batas upah serta manfaat minimum dan maksimum disesuaikan tiap tahun.${invite}`,
        en: `📊 *Estimated pension (JP)*\nYour pension age is *${r.pensionAge}*, reached in *${when}*. Contribution period ${masa} (${r.contributionMonths} months).\nEstimated monthly pension in the first year: *${formatRupiah(r.monthlyBenefit)}*` +
          (r.cappedAtMax ? ` (capped at today's maximum benefit)` : '') + (r.raisedToMin ? ` (raised to today's minimum benefit)` : '') +
          `.\nFormula: ${formatPercent(ctx.deps.calc.jpAccrualRate, 'en')} × contribution years × average wage ${formatRupiah(r.averageWage)}.\n\n${assumptions}\n\nThis is an estimate, not a guaranteed amount: the ceiling and the minimum and maximum benefits change every year.${invite}`,
      });
    } else if (r.kind === 'past_pension_age') {
      text = tr(ctx, {
        id: `Menurut tanggal lahir ${formatDate(birthDate, 'id')}, Anda sudah mencapai usia pensiun JP (${r.pensionAge} tahun pada ${when}), jadi tidak ada lagi masa iur yang bisa disimulasikan. Untuk manfaat yang sudah menjadi hak Anda, silakan ajukan klaim JP atau hubungi call center *${callCentre(ctx)}*.`,
        en: `By the birth date ${formatDate(birthDate, 'en')} you have already reached the JP pension age (${r.pensionAge} in ${when}), so there is no contribution period left to simulate. For the benefit you are entitled to, please file a JP claim or call *${callCentre(ctx)}*.`,
      });
    } else if (!joined && slots.joined !== 'now') {
      // Under 180 months counted from now: an existing participant may still reach them. Ask before saying "lump sum".
      text = tr(ctx, {
        id: `📊 *Estimasi Jaminan Pensiun*\nUsia pensiun Anda *${r.pensionAge} tahun* (${when}). Jika dihitung *mulai bulan ini*, masa iur hanya ${masa} (${r.contributionMonths} bulan), kurang dari ${ctx.deps.calc.jpMinMonths} bulan, tetapi iuran yang sudah Anda bayar ikut dihitung.\n\n*Sejak kapan Anda ikut JP?* Ketik misalnya "sejak 2016" atau "sejak Maret 2018" (JP ada sejak Juli 2015). Jika Anda baru ikut, ketik "baru ikut".`,
        en: `📊 *Estimated pension (JP)*\nYour pension age is *${r.pensionAge}* (${when}). Counted *from this month*, the contribution period is only ${masa} (${r.contributionMonths} months), under ${ctx.deps.calc.jpMinMonths} months, but the contributions you have already paid count too.\n\n*Since when have you been in JP?* Type e.g. "since 2016" or "since March 2018" (JP exists since July 2015). If you have just joined, type "just joined".`,
      });
    } else {
      text = tr(ctx, {
        id: `📊 *Estimasi Jaminan Pensiun*\nUsia pensiun Anda *${r.pensionAge} tahun* (${when}), tetapi masa iur hanya ${masa} (${r.contributionMonths} bulan), kurang dari ${ctx.deps.calc.jpMinMonths} bulan. Karena itu manfaatnya dibayar *sekaligus*, bukan bulanan: perkiraan *${formatRupiah(r.lumpSum)}* (akumulasi iuran ditambah hasil pengembangan).\n\n${assumptions}\n\nIni perkiraan, bukan jumlah pasti.`,
        en: `📊 *Estimated pension (JP)*\nYour pension age is *${r.pensionAge}* (${when}), but the contribution period is only ${masa} (${r.contributionMonths} months), under ${ctx.deps.calc.jpMinMonths} months. So the benefit is paid *as a lump sum*, not monthly: about *${formatRupiah(r.lumpSum)}* (contributions plus returns).\n\n${assumptions}\n\nThis is an estimate, not a guaranteed amount.`,
      });
    }
    text = prefix + text;
    return { done: true, messages: [{ text, buttons: [
      { title: tr(ctx, { id: 'Info Jaminan Pensiun', en: 'About the pension' }), payload: 'intent:jp_info' },
      { title: tr(ctx, { id: 'Simulasi JHT', en: 'JHT simulation' }), payload: 'dialog:jht_simulation' },
    ] }] };
  },
};
