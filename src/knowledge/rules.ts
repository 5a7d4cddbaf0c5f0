/** Program figures: load and validate knowledge/rules.yaml into the `Rules` interface. */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../core/types.ts';
import type { Rule, Rules } from './types.ts';
import { KnowledgeError, type KnowledgeProblem } from './errors.ts';
import { formatNumber, formatPercent, formatRupiah } from './format.ts';

/** The fact sheet's markers (../shared/domain/facts.md): how sure a figure is. */
export const RULE_STATUSES = ['verified', 'seed', 'reported', 'derived', 'assumption', 'unverified'] as const;

const KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isValidDate = (s: string): boolean => {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const RuleSchema = z
  .strictObject({
    kind: z.enum(['percent', 'rupiah', 'number', 'text']),
    value: z.union([z.number(), z.string()]),
    source: z.string().trim().min(3, 'every figure must name its source (regulation or official page)'),
    from: z.string().refine(isValidDate, 'must be a date written YYYY-MM-DD').optional(),
    /** How sure the figure is (facts.md markers): verified/seed, or reported/derived/assumption/unverified. */
    status: z.enum(RULE_STATUSES, { error: `status is one of ${RULE_STATUSES.join(', ')}` }).optional(),
  })
  .superRefine((r, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (r.kind === 'text') {
      if (typeof r.value !== 'string' || !r.value.trim()) bad('a text rule needs a non-empty text value');
      return;
    }
    if (typeof r.value !== 'number' || !Number.isFinite(r.value)) return bad(`a ${r.kind} rule needs a number value`);
    if (r.value < 0) bad('must not be negative');
    if (r.kind === 'rupiah' && !Number.isInteger(r.value)) bad('rupiah amounts are whole rupiah (integers)');
    if (r.kind === 'percent' && r.value > 1) bad('percent values are fractions: write 0.037 for 3,7%');
  });

/** Build the `Rules` view over validated entries. */
export function createRules(entries: Record<string, Rule>): Rules {
  const map = new Map(Object.entries(entries));
  const get = (key: string): Rule => {
    const r = map.get(key);
    if (!r) throw new Error(`unknown rule "${key}" (not in knowledge/rules.yaml)`);
    return r;
  };
  return {
    get,
    num(key) {
      const r = get(key);
      if (typeof r.value !== 'number') throw new Error(`rule "${key}" is text, not a number`);
      return r.value;
    },
    text(key) {
      const r = get(key);
      return String(r.value);
    },
    format(key, lang: Lang) {
      const r = get(key);
      const v = r.value;
      if (typeof v === 'string') return v;
      if (r.kind === 'percent') return formatPercent(v, lang);
      if (r.kind === 'rupiah') return formatRupiah(v);
      return formatNumber(v, lang);
    },
    keys: () => [...map.keys()],
  };
}

/** Problems in the YAML text of a rules file (syntax, unknown fields, missing sources, wrong kinds). */
export function checkRules(text: string, file: string): { rules?: Record<string, Rule>; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, field: '', message: `YAML syntax: ${e.message.split('\n')[0]}` });
    return { problems };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file, field: '', message: 'must be a mapping of "key: { kind, value, source }" lines' });
    return { problems };
  }
  const rules: Record<string, Rule> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (!KEY.test(key)) problems.push({ file, field: key, message: 'rule keys are lower-case words joined by dots, e.g. "jht.jmo_limit"' });
    const parsed = RuleSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const sub = issue.path.length ? `.${issue.path.map(String).join('.')}` : '';
        problems.push({ file, field: `${key}${sub}`, message: issue.message });
      }
      continue;
    }
    const { from, status, ...rest } = parsed.data;
    const rule: Rule = from ? { ...rest, from } : rest;
    if (status) rule.status = status;
    rules[key] = rule;
  }
  return { rules, problems };
}

export function parseRules(text: string, file = 'knowledge/rules.yaml'): Rules {
  const { rules, problems } = checkRules(text, file);
  if (problems.length || !rules) throw new KnowledgeError(problems);
  return createRules(rules);
}

export async function loadRules(file = 'knowledge/rules.yaml'): Promise<Rules> {
  return parseRules(await readFile(file, 'utf8'), file);
}
