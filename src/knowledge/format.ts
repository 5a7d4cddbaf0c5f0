/** Reply formatting of figures, the Indonesian way in both languages for money. */
import type { Lang } from '../core/types.ts';
import { formatRupiah } from '../calc/money.ts';

export { formatRupiah };

/** Short form for round millions/billions: 15000000 → "Rp15 juta" / "Rp15 million"; otherwise formatRupiah. */
export function formatRupiahShort(n: number, lang: Lang): string {
  const units: [number, Record<Lang, string>][] = [
    [1e12, { id: 'triliun', en: 'trillion' }],
    [1e9, { id: 'miliar', en: 'billion' }],
    [1e6, { id: 'juta', en: 'million' }],
  ];
  for (const [size, word] of units) {
    if (Math.abs(n) >= size) {
      const v = n / size;
      // Only when it stays exact with at most one decimal (Rp1,5 juta), else the full amount.
      if (Math.round(v * 10) !== v * 10) break;
      const s = String(v);
      return `Rp${lang === 'id' ? s.replace('.', ',') : s} ${word[lang]}`;
    }
  }
  return formatRupiah(n);
}

/** A fraction as a percentage without trailing zeros: 0.037 → "3,7%" (id) / "3.7%" (en); 0.0024 → "0,24%". */
export function formatPercent(fraction: number, lang: Lang): string {
  const s = String(Math.round(fraction * 100 * 1e6) / 1e6);
  return `${lang === 'id' ? s.replace('.', ',') : s}%`;
}

/** Plain numbers as they are (no thousands separator for small counts such as 56, 180, 2024). */
export function formatNumber(n: number, lang: Lang): string {
  const s = String(n);
  return lang === 'id' ? s.replace('.', ',') : s;
}
