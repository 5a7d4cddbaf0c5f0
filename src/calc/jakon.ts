/** Jakon (construction) JKK contribution on a contract value, tier by tier (facts §4). Figures come from rules.yaml via `tiers`. */
import { roundHalfUp } from './money.ts';

export interface JakonTier { /** Upper bound of the tier (Rp); Infinity for the last one. */ upTo: number; rate: number }

/** The tiers from rules keys jakon.tier{1..4}_max and jakon.jkk_tier{1..5}_rate. */
export function jakonTiersFrom(num: (key: string) => number): JakonTier[] {
  const bounds = [1, 2, 3, 4].map((i) => num(`jakon.tier${i}_max`));
  return [1, 2, 3, 4, 5].map((i) => ({ upTo: i <= 4 ? (bounds[i - 1] as number) : Infinity, rate: num(`jakon.jkk_tier${i}_rate`) }));
}

/**
 * The JKM tiers that are verified (facts §4: tiers 1–2, up to jakon.tier2_max); the part of a contract above
 * them has no verified JKM rate and is left out (`uncovered` in the result says how much).
 */
export function jakonJkmTiersFrom(num: (key: string) => number): JakonTier[] {
  return [1, 2].map((i) => ({ upTo: num(`jakon.tier${i}_max`), rate: num(`jakon.jkm_tier${i}_rate`) }));
}

/** JKM on the verified tiers; `uncovered` is the part of the value above the last verified tier. */
export function jakonJkmContribution(contractValue: number, tiers: JakonTier[]): ReturnType<typeof jakonJkkContribution> & { uncovered: number } {
  const r = jakonJkkContribution(contractValue, tiers);
  const top = tiers[tiers.length - 1]?.upTo ?? 0;
  return { ...r, uncovered: Math.max(0, contractValue - top) };
}

/** JKK on each part of the contract value in each tier, and the sum. */
export function jakonJkkContribution(contractValue: number, tiers: JakonTier[]): {
  parts: { from: number; upTo: number; base: number; rate: number; amount: number }[]; total: number;
} {
  if (!Number.isFinite(contractValue) || contractValue < 0) throw new RangeError('contractValue must be a non-negative number');
  const parts: { from: number; upTo: number; base: number; rate: number; amount: number }[] = [];
  let from = 0;
  for (const t of tiers) {
    if (contractValue <= from) break;
    const base = Math.min(contractValue, t.upTo) - from;
    parts.push({ from, upTo: t.upTo, base, rate: t.rate, amount: roundHalfUp(base * t.rate) });
    from = t.upTo;
  }
  return { parts, total: parts.reduce((a, p) => a + p.amount, 0) };
}
