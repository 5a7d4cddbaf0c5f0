/**
 * Answer templates: `{{rule.key}}` becomes the formatted figure from knowledge/rules.yaml;
 * `{{rule.key|short}}` writes round rupiah amounts as "Rp15 juta" / "Rp15 million".
 * Figures must never be typed into answers: `literalFigures` finds any that were.
 */
import type { Lang } from '../core/types.ts';
import type { Rules } from './types.ts';
import { formatRupiahShort } from './format.ts';

const TEMPLATE = /\{\{\s*([^{}|\s]+)\s*(?:\|\s*([^{}\s]+)\s*)?\}\}/g;
const FILTERS = ['short'] as const;

/** Render every template in `text`; returns the text, or the problems (unknown key, unknown filter, broken braces). */
export function renderTemplate(text: string, rules: Rules, lang: Lang): { text: string; problems: string[] } {
  const problems: string[] = [];
  const known = new Set(rules.keys());
  const out = text.replace(TEMPLATE, (whole, key: string, filter: string | undefined) => {
    if (!known.has(key)) {
      problems.push(`unknown rule key ${whole} (not in rules.yaml)`);
      return whole;
    }
    if (filter === undefined) return rules.format(key, lang);
    if (!(FILTERS as readonly string[]).includes(filter)) {
      problems.push(`unknown filter "${filter}" in ${whole} (known: ${FILTERS.join(', ')})`);
      return whole;
    }
    const rule = rules.get(key);
    if (rule.kind !== 'rupiah' || typeof rule.value !== 'number') {
      problems.push(`filter "short" needs a rupiah rule, ${key} is ${rule.kind}`);
      return whole;
    }
    return formatRupiahShort(rule.value, lang);
  });
  const rest = text.replace(TEMPLATE, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.push('broken template: use {{rule.key}} with matching double braces');
  return { text: out, problems };
}

/** Template keys used in a text. */
export const templateKeys = (text: string): string[] => [...text.matchAll(TEMPLATE)].map((m) => m[1]!);

/** Money and rate patterns that must come from the rules file, never typed into an answer. */
const LITERAL_FIGURES: RegExp[] = [
  /\b(?:Rp|IDR)\.?\s?\d[\d.,]*/gi, // Rp16.800, Rp 5 juta, IDR 100
  /\d+(?:[.,]\d+)?\s?(?:%|persen\b|percent\b|per cent\b)/gi, // 3,7% 10 persen
  /\b\d+(?:[.,]\d+)?\s?(?:rb|ribu|jt|juta|miliar|milyar|triliun|thousand|million|billion|trillion)\b/gi, // 15 juta, 42 million
  /\b\d{1,3}(?:\.\d{3})+(?!\d)/g, // 5.000.000 (thousands separators)
];

/** Literal money amounts or percentages written outside `{{ }}`: each one is a figure that bypasses the rules file. */
export function literalFigures(text: string): string[] {
  const bare = text.replace(TEMPLATE, ' ');
  const found: string[] = [];
  for (const re of LITERAL_FIGURES) for (const m of bare.matchAll(re)) found.push(m[0].trim());
  return [...new Set(found)];
}
