/** Money helpers: whole rupiah, Indonesian formatting. */

/**
 * Round half away from zero to a whole number ("half-up" for the non-negative amounts we handle).
 * A tiny nudge absorbs binary floating-point noise, so 0.5 computed as 0.49999999999 still rounds up.
 */
export function roundHalfUp(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round ${x}`);
  const a = Math.abs(x);
  const r = Math.floor(a + 0.5 + Math.max(1e-9, a * 1e-14));
  return x < 0 ? -r : r;
}

/** 45678900 → "Rp45.678.900" (rounded half-up to whole rupiah first; a minus sign goes in front: "-Rp1.000"). */
export function formatRupiah(n: number): string {
  const r = roundHalfUp(n);
  const digits = String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${r < 0 ? '-' : ''}Rp${digits}`;
}
