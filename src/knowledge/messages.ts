/**
 * The message catalogue: every sentence the bot says that is not a knowledge answer (prompts, confirmations,
 * apologies, ask-backs), as data in <dir>/messages/*.yaml, validated like the answers. A message is keyed
 * `<file>.<key>` ("core.rate_limited") and has both languages:
 *
 *   rate_limited:
 *     params: [seconds]
 *     id: "Maaf, … dalam {{seconds}} detik."
 *     en: "Sorry, … in {{seconds}} seconds."
 *
 * `{{name}}` (no dot) is a parameter the code passes and must be declared in `params`; `{{rule.key}}` is a
 * figure from rules.yaml. Figures are never typed (the literal-figure check of the answers applies).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../core/types.ts';
import { fieldPath, type KnowledgeProblem } from './errors.ts';
import { literalFigures, renderTemplate } from './render.ts';
import type { Rules } from './types.ts';

const PARAM = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

const MessageSchema = z
  .object({
    params: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
    id: z.string().min(1),
    en: z.string().min(1),
  })
  .strict();
const FileSchema = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'keys are lower_snake_case'), z.unknown());

export type MessageParams = Record<string, string | number>;

export interface Messages {
  /** The message in a language with its parameters filled in. Throws for an unknown key (a programming error). */
  text(key: string, lang: Lang, params?: MessageParams): string;
  has(key: string): boolean;
  keys(): string[];
}

interface Compiled {
  params: string[];
  text: Record<Lang, string>;
}

/** Load and check every catalogue file; problems are collected, never thrown here. */
export async function loadMessages(dir: string, rules: Rules, problems: KnowledgeProblem[]): Promise<Messages> {
  const msgDir = path.join(dir, 'messages');
  const names = (await readdir(msgDir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const byKey = new Map<string, Compiled>();
  for (const name of names) {
    const file = path.join(msgDir, name);
    const doc = parseDocument(await readFile(file, 'utf8'));
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push({ file, field: '', message: `YAML: ${e.message}` });
      continue;
    }
    const parsed = FileSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push({ file, field: fieldPath(i.path), message: i.message });
      continue;
    }
    const group = name.replace(/\.ya?ml$/, '');
    for (const [key, raw] of Object.entries(parsed.data)) {
      const one = MessageSchema.safeParse(raw);
      if (!one.success) {
        for (const i of one.error.issues) problems.push({ file, field: fieldPath([key, ...i.path]), message: i.message });
        continue;
      }
      const m = one.data;
      const text = {} as Record<Lang, string>;
      for (const lang of ['id', 'en'] as const) {
        const field = `${key}.${lang}`;
        const used = [...m[lang].matchAll(PARAM)].map((x) => x[1]!);
        for (const u of used) if (!m.params.includes(u)) problems.push({ file, field, message: `{{${u}}} is not declared in params` });
        for (const p of m.params) if (!used.includes(p)) problems.push({ file, field, message: `param "${p}" is declared but not used` });
        for (const f of literalFigures(m[lang].replace(PARAM, ' ')))
          problems.push({ file, field, message: `literal figure "${f}": write it as {{rule.key}} from rules.yaml` });
        // Rule figures are rendered once here; parameters stay for `text()`.
        const r = renderTemplate(m[lang].replace(PARAM, (_w, n: string) => `\u0000${n}\u0000`), rules, lang);
        for (const pr of r.problems) problems.push({ file, field, message: pr });
        text[lang] = r.text;
      }
      byKey.set(`${group}.${key}`, { params: m.params, text });
    }
  }
  return {
    text(key, lang, params = {}) {
      const m = byKey.get(key);
      if (!m) throw new Error(`unknown message key "${key}" (knowledge/messages)`);
      return m.text[lang].replace(/\u0000([A-Za-z0-9_]+)\u0000/g, (_w, n: string) => String(params[n] ?? ''));
    },
    has: (key) => byKey.has(key),
    keys: () => [...byKey.keys()],
  };
}
