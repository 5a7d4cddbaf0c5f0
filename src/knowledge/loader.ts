/**
 * The knowledge base: one YAML file per answer in <dir>/answers, figures from <dir>/rules.yaml.
 * Everything is validated at start-up; any problem stops the load with the file and field named.
 */
import { ASPECTS } from '../nlu/data.ts';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { intentPayload, isSafeLinkUrl, type Button, type Lang, type Link, type OutMessage } from '../core/types.ts';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeItem, Rules, YesNo } from './types.ts';
import { tokenize } from '../nlu/followup.ts';
import { TextMemo } from '../nlu/memo.ts';
import { KnowledgeError, fieldPath, type KnowledgeProblem } from './errors.ts';
import { checkRules, createRules, isValidDate } from './rules.ts';
import { literalFigures, renderTemplate } from './render.ts';
import { loadMessages, type Messages } from './messages.ts';
import { loadSchedule, type Schedule } from './schedule.ts';

const LANGS: Lang[] = ['id', 'en'];
const MAX_BUTTONS = 4;
const MAX_LINKS = 4;
/** Short enough for WhatsApp quick-reply buttons. */
const MAX_LABEL = 24;

const YESNO = ['ya', 'tidak', 'bisa', 'tidak_bisa', 'belum', 'sudah', 'harus', 'tidak_perlu'] as const;
/**
 * What is said around an answer, from the catalogue (knowledge/messages/answers.yaml): the agency's anti-fraud
 * reminder (appended to answers about claims and money), the source line, and the word a yes/no item starts with.
 */
const FRAUD_REMINDER_KEY = 'answers.fraud_reminder';
const SOURCE_KEY = 'answers.source';
const yesnoKey = (y: YesNo): string => `answers.yesno_${y}`;
/** An item's aspect is one of the follow-up aspects of intents/aspects.yaml (one list, in src/nlu/data.ts). */
const ITEM_ASPECTS = ASPECTS;

const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_" (e.g. jht_claim_how)');
const text = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} must not be empty`);
const label = text('the label').max(MAX_LABEL, `keep it at most ${MAX_LABEL} characters (button width)`);

const EntrySchema = z.strictObject({
  id: slug,
  intent: slug,
  title: z.strictObject({ id: label, en: label }),
  source: text('source (regulation or official page)'),
  reviewed: z
    .union([z.string(), z.date()])
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .refine(isValidDate, 'must be a real date written YYYY-MM-DD (e.g. 2026-11-24)'),
  fraud_reminder: z.boolean().default(false),
  /** Small talk (greeting, thanks) shows no "Sumber:" line. */
  show_source: z.boolean().default(true),
  answer: z.strictObject({ id: text('the Indonesian answer'), en: text('the English answer') }),
  buttons: z
    .array(z.strictObject({ intent: slug, id: label, en: label }))
    .max(MAX_BUTTONS, `at most ${MAX_BUTTONS} buttons`)
    .default([]),
  /** Links under the answer: official pages (https:) and phone numbers (tel:), with a title per language. */
  links: z
    .array(
      z.strictObject({
        url: z.string().refine(isSafeLinkUrl, 'only https:// pages and tel: numbers (e.g. tel:175) can be links'),
        id: text('the Indonesian link title').max(40, 'keep a link title at most 40 characters'),
        en: text('the English link title').max(40, 'keep a link title at most 40 characters'),
      }),
    )
    .max(MAX_LINKS, `at most ${MAX_LINKS} links`)
    .default([]),
  /** Question-level answers: a short answer to one point, picked when the question asks exactly that. */
  items: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_"'),
        aspect: z.enum(ITEM_ASPECTS).optional(),
        cues: z.strictObject({ id: z.array(text('a cue')).default([]), en: z.array(text('a cue')).default([]) }),
        answer: z.strictObject({ id: text('the Indonesian answer'), en: text('the English answer') }),
        yesno: z.enum(YESNO).optional(),
      }),
    )
    .default([]),
});
type RawEntry = z.infer<typeof EntrySchema>;

interface Parsed {
  file: string;
  raw: RawEntry;
}

function parseEntry(file: string, content: string, problems: KnowledgeProblem[], declared: Set<string>): Parsed | undefined {
  const doc = parseDocument(content, { prettyErrors: true });
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, field: '', message: `YAML syntax: ${e.message.split('\n')[0]}` });
    return undefined;
  }
  const data: unknown = doc.toJS() ?? {};
  // Remember the intent even of an invalid file, so buttons pointing at it don't add follow-on errors.
  const intent = (data as { intent?: unknown }).intent;
  if (typeof intent === 'string') declared.add(intent);
  reportLiteralFigures(file, data, problems);
  const result = EntrySchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      // An unknown field is named by the field itself, not by its parent.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const k of keys) {
        const p = k === undefined ? issue.path : [...issue.path, k];
        const message = issue.code === 'unrecognized_keys' ? 'unknown field (check the spelling)' : issue.message;
        problems.push({ file, field: fieldPath(p) || '(file)', message });
      }
    }
    return undefined;
  }
  const base = path.basename(file).replace(/\.ya?ml$/, '');
  if (result.data.id !== base) problems.push({ file, field: 'id', message: `must match the file name ("${base}")` });
  return { file, raw: result.data };
}

/** Amounts and rates typed into any text field (even of an otherwise invalid file) are errors. */
function reportLiteralFigures(file: string, data: unknown, problems: KnowledgeProblem[]): void {
  const d = data as { title?: unknown; answer?: unknown; buttons?: unknown };
  const fields: [string, unknown][] = [];
  for (const lang of LANGS) {
    fields.push([`title.${lang}`, (d.title as Record<string, unknown> | undefined)?.[lang]]);
    fields.push([`answer.${lang}`, (d.answer as Record<string, unknown> | undefined)?.[lang]]);
    if (Array.isArray(d.buttons)) d.buttons.forEach((b, i) => fields.push([`buttons[${i}].${lang}`, (b as Record<string, unknown> | null)?.[lang]]));
    const items = (data as { items?: unknown }).items;
    if (Array.isArray(items)) items.forEach((it, i) => fields.push([`items[${i}].answer.${lang}`, ((it as { answer?: Record<string, unknown> } | null)?.answer)?.[lang]]));
  }
  for (const [field, value] of fields) {
    if (typeof value !== 'string') continue;
    for (const lit of literalFigures(value)) {
      problems.push({ file, field, message: `literal figure "${lit}": put it in rules.yaml and write {{rule.key}} instead` });
    }
  }
}

/** Render one text field, recording unknown keys against the file and field. */
function renderField(p: Parsed, field: string, value: string, rules: Rules, lang: Lang, problems: KnowledgeProblem[]): string {
  const r = renderTemplate(value, rules, lang);
  for (const message of r.problems) problems.push({ file: p.file, field, message });
  return r.text.trim();
}

function buildEntry(p: Parsed, rules: Rules, problems: KnowledgeProblem[]): KnowledgeEntry {
  const { raw } = p;
  const title = {} as Record<Lang, string>;
  const answer = {} as Record<Lang, string>;
  const buttons = {} as Record<Lang, Button[]>;
  const links = {} as Record<Lang, Link[]>;
  for (const lang of LANGS) {
    links[lang] = raw.links.map((l) => ({ title: l[lang], url: l.url }));
    title[lang] = renderField(p, `title.${lang}`, raw.title[lang], rules, lang, problems);
    answer[lang] = renderField(p, `answer.${lang}`, raw.answer[lang], rules, lang, problems);
    buttons[lang] = raw.buttons.map((b, i) => ({
      title: renderField(p, `buttons[${i}].${lang}`, b[lang], rules, lang, problems),
      payload: intentPayload(b.intent),
    }));
  }
  const ids = new Set<string>();
  const items: KnowledgeItem[] = raw.items.map((it, i) => {
    if (ids.has(it.id)) problems.push({ file: p.file, field: `items[${i}].id`, message: `item id "${it.id}" is used twice` });
    ids.add(it.id);
    if (!it.cues.id.length && !it.cues.en.length && !it.aspect) problems.push({ file: p.file, field: `items[${i}].cues`, message: 'give cues (id/en) or an aspect, or the item can never be picked' });
    const answer = {} as Record<Lang, string>;
    for (const lang of LANGS) answer[lang] = renderField(p, `items[${i}].answer.${lang}`, it.answer[lang], rules, lang, problems);
    const item: KnowledgeItem = { id: it.id, cues: { id: it.cues.id.map((c) => c.toLowerCase()), en: it.cues.en.map((c) => c.toLowerCase()) }, answer };
    if (it.aspect) item.aspect = it.aspect;
    if (it.yesno) item.yesno = it.yesno;
    return item;
  });
  return {
    items,
    id: raw.id,
    intent: raw.intent,
    title,
    answer,
    buttons,
    links,
    source: raw.source,
    reviewed: raw.reviewed,
    fraudReminder: raw.fraud_reminder,
  };
}

const CLITIC = /(nya|kah|lah|dong|deh|sih|ku|mu)$/;
const wordIs = (t: string, w: string) => t === w || (t.length > w.length && t.startsWith(w) && CLITIC.test(t.slice(w.length)));

/** Words of the cue found in order (not necessarily adjacent, within a small window): its weight, else 0. */
function cueScore(tokens: readonly string[], cue: readonly string[]): number {
  if (!cue.length) return 0;
  let from = 0;
  let first = -1;
  for (const w of cue) {
    let k = from;
    while (k < tokens.length && !wordIs(tokens[k], w)) k++;
    if (k >= tokens.length) return 0;
    if (first < 0) first = k;
    from = k + 1;
  }
  const span = from - first;
  if (span > cue.length + 3) return 0;
  // contiguous cues count fully; every word counts, so longer cues are more specific
  return cue.length * 2 - (span - cue.length) * 0.5;
}

/** A wh-question is not a yes/no question, even when it matches a yes/no item. */
const WH = /\b(berapa|kapan|bagaimana|gimana|gmn|apa saja|apa aja|mana|siapa|kenapa|mengapa|cara|caranya|how|what|when|where|which|who|why)\b/i;

/** An item's cues as words, tokenised once per item (items are immutable after load). */
const CUE_TOKENS = new WeakMap<KnowledgeItem, (readonly string[])[]>();
function cueTokens(it: KnowledgeItem): (readonly string[])[] {
  let t = CUE_TOKENS.get(it);
  if (!t) CUE_TOKENS.set(it, (t = [...it.cues.id, ...it.cues.en].map((c) => tokenize(c))));
  return t;
}

/** Best item of an entry for a question (see KnowledgeBase.item). */
export function pickItem(items: KnowledgeItem[], aspect: string | null | undefined, normalizedText: string): KnowledgeItem | undefined {
  const tokens = tokenize(normalizedText);
  let best: KnowledgeItem | undefined;
  let bestScore = 0;
  for (const it of items) {
    let s = 0;
    for (const c of cueTokens(it)) s = Math.max(s, cueScore(tokens, c));
    if (s > 0 && aspect && it.aspect === aspect) s += 1.5;
    if (s > bestScore) {
      best = it;
      bestScore = s;
    }
  }
  if (best) return best;
  return aspect ? items.find((it) => it.aspect === aspect) : undefined;
}

function createKnowledgeBase(rules: Rules, entries: KnowledgeEntry[], showSource: Set<string>, messages: Messages, schedule: Schedule): KnowledgeBase {
  const byIntent = new Map(entries.map((e) => [e.intent, e]));
  // The item that answers a question depends on the entry, the aspect and the words alone: remembered per question.
  const picks = new TextMemo<KnowledgeItem | null>();
  // An entry's whole answer text (answer, fraud reminder, source line) per language, put together once.
  const replyTexts = new Map<string, string>();
  return {
    messages,
    schedule,
    message: (key, lang, params) => messages.text(key, lang, params),
    item(intent, aspect, normalizedText, _lang) {
      const e = byIntent.get(intent);
      if (!e) return undefined;
      return picks.get(`${intent}\u0001${aspect ?? ''}\u0001${normalizedText}`, () => pickItem(e.items, aspect, normalizedText) ?? null) ?? undefined;
    },
    replyItem(intent, itemOrId, lang, question) {
      const e = byIntent.get(intent);
      if (!e) return undefined;
      const it = typeof itemOrId === 'string' ? e.items.find((i) => i.id === itemOrId) : itemOrId;
      if (!it) return undefined;
      const yesno = it.yesno && !(question !== undefined && WH.test(question)) ? `${messages.text(yesnoKey(it.yesno), lang)} ` : '';
      const parts = [yesno + it.answer[lang]];
      if (e.fraudReminder) parts.push(messages.text(FRAUD_REMINDER_KEY, lang));
      if (showSource.has(e.id)) parts.push(messages.text(SOURCE_KEY, lang, { source: e.source }));
      const message: OutMessage = { text: parts.join('\n\n') };
      if (e.buttons[lang].length) message.buttons = e.buttons[lang].map((b) => ({ ...b }));
      if (e.links[lang].length) message.links = e.links[lang].map((l) => ({ ...l }));
      return [message];
    },
    rules,
    entryFor: (intent) => byIntent.get(intent),
    reply(intent, lang) {
      const e = byIntent.get(intent);
      if (!e) return undefined;
      const key = `${intent}\u0001${lang}`;
      let text = replyTexts.get(key);
      if (text === undefined) {
        const parts = [e.answer[lang]];
        if (e.fraudReminder) parts.push(messages.text(FRAUD_REMINDER_KEY, lang));
        if (showSource.has(e.id)) parts.push(messages.text(SOURCE_KEY, lang, { source: e.source }));
        replyTexts.set(key, (text = parts.join('\n\n')));
      }
      const message: OutMessage = { text };
      if (e.buttons[lang].length) message.buttons = e.buttons[lang].map((b) => ({ ...b }));
      if (e.links[lang].length) message.links = e.links[lang].map((l) => ({ ...l }));
      return [message];
    },
    title: (intent, lang) => byIntent.get(intent)?.title[lang] ?? intent,
    entries: () => [...entries],
  };
}

/** Load and validate `<dir>/rules.yaml` and `<dir>/answers/*.yaml`. Throws a KnowledgeError listing every problem. */
export async function loadKnowledgeBase(dir = 'knowledge'): Promise<KnowledgeBase> {
  const problems: KnowledgeProblem[] = [];
  const rulesFile = path.join(dir, 'rules.yaml');
  const rulesText = await readFile(rulesFile, 'utf8').catch(() => undefined);
  if (rulesText === undefined) throw new KnowledgeError([{ file: rulesFile, field: '', message: 'file not found' }]);
  const checked = checkRules(rulesText, rulesFile);
  // Answers cannot be checked against a broken rules file: report its problems alone.
  if (checked.problems.length || !checked.rules) throw new KnowledgeError(checked.problems);
  const rules = createRules(checked.rules);

  const answersDir = path.join(dir, 'answers');
  const names = (await readdir(answersDir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  if (!names.length) problems.push({ file: answersDir, field: '', message: 'no answer files (*.yaml) found' });

  const parsed: Parsed[] = [];
  const declared = new Set<string>();
  for (const name of names) {
    const file = path.join(answersDir, name);
    const p = parseEntry(file, await readFile(file, 'utf8'), problems, declared);
    if (p) parsed.push(p);
  }

  // One entry per intent; buttons point at intents the base answers.
  const ownerOf = new Map<string, string>();
  for (const p of parsed) {
    const other = ownerOf.get(p.raw.intent);
    if (other) problems.push({ file: p.file, field: 'intent', message: `intent "${p.raw.intent}" is already answered by ${other}` });
    else ownerOf.set(p.raw.intent, p.file);
  }
  for (const p of parsed) {
    p.raw.buttons.forEach((b, i) => {
      if (!declared.has(b.intent)) problems.push({ file: p.file, field: `buttons[${i}].intent`, message: `no answer file has intent "${b.intent}"` });
    });
  }

  const entries = parsed.map((p) => buildEntry(p, rules, problems));
  const messages = await loadMessages(dir, rules, problems);
  const schedule = await loadSchedule(dir, problems);
  // The sentences put around answers must be in the catalogue: a missing one stops the load, not a reply.
  for (const key of [FRAUD_REMINDER_KEY, SOURCE_KEY, ...YESNO.map(yesnoKey)])
    if (!messages.has(key)) problems.push({ file: path.join(dir, 'messages'), field: key, message: 'message missing from the catalogue' });
  if (problems.length || !schedule) throw new KnowledgeError(problems);
  return createKnowledgeBase(rules, entries, new Set(parsed.filter((p) => p.raw.show_source).map((p) => p.raw.id)), messages, schedule);
}
