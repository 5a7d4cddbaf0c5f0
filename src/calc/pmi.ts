/**
 * PMI (migrant worker) JKK+JKM fee for a contract length (Permenaker 4/2023 art. 18, facts §4): the band for 6, 12
 * or 24 months, plus the extra-month fee for each month beyond the largest band reached; the pre-departure fee apart.
 */
export interface PmiFees { preDeparture: number; band6: number; band12: number; band24: number; extraMonth: number }

export const pmiFeesFrom = (num: (key: string) => number): PmiFees => ({
  preDeparture: num('pmi.pre_departure'),
  band6: num('pmi.period_6m'),
  band12: num('pmi.period_12m'),
  band24: num('pmi.period_24m'),
  extraMonth: num('pmi.extra_month'),
});

export function pmiFee(contractMonths: number, fees: PmiFees): {
  band: 6 | 12 | 24; bandFee: number; extraMonths: number; extraFee: number; workPeriod: number; preDeparture: number; total: number;
} {
  if (!Number.isInteger(contractMonths) || contractMonths < 1) throw new RangeError('contractMonths must be a positive whole number');
  const band: 6 | 12 | 24 = contractMonths >= 24 ? 24 : contractMonths >= 12 ? 12 : 6;
  const bandFee = band === 24 ? fees.band24 : band === 12 ? fees.band12 : fees.band6;
  const extraMonths = Math.max(0, contractMonths - band);
  const extraFee = extraMonths * fees.extraMonth;
  const workPeriod = bandFee + extraFee;
  return { band, bandFee, extraMonths, extraFee, workPeriod, preDeparture: fees.preDeparture, total: workPeriod + fees.preDeparture };
}

/** A contract extended by `months`: each month costs the extra-month fee (the rule's "each month beyond the bands"). */
export function pmiExtensionFee(months: number, fees: PmiFees): { months: number; perMonth: number; total: number } {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a positive whole number');
  return { months, perMonth: fees.extraMonth, total: months * fees.extraMonth };
}
