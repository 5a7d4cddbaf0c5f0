import type { Lang } from '../core/types.ts';

const MONTHS: Record<Lang, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "2026-10-31" or a full ISO timestamp → "31 Oktober 2026" / "31 October 2026". */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[lang][Number(m[2]) - 1]} ${m[1]}`;
}

export const monthName = (month: number, lang: Lang): string => MONTHS[lang][month - 1] ?? String(month);

/** "10 tahun", "2 tahun 6 bulan", "6 bulan" / English. */
export function formatMonths(total: number, lang: Lang): string {
  const y = Math.floor(total / 12), m = total % 12;
  const parts: string[] = [];
  if (y) parts.push(lang === 'id' ? `${y} tahun` : `${y} year${y === 1 ? '' : 's'}`);
  if (m) parts.push(lang === 'id' ? `${m} bulan` : `${m} month${m === 1 ? '' : 's'}`);
  return parts.join(' ') || (lang === 'id' ? '0 bulan' : '0 months');
}

export { formatPercent } from '../knowledge/format.ts';
