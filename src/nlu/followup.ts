/**
 * Conversation-level NLU, as pure functions over the data in intents/ (no tables in code):
 * - the intent catalog: each intent's programme/aspect/menu/cues, the main-menu order, programme × aspect → intent;
 * - follow-up detection: which programme (if any) and which aspect a short message asks about;
 * - lead-in splitting ("halo min, mau tanya, …"), repair detection ("bukan itu maksud saya"), identity cues.
 * A new programme is added by data alone: intents/programs.yaml words + `program:`/`aspect:` in its intent files.
 */
import { resolve } from 'node:path';
import { DEFAULT_INTENTS_DIR, loadBundle, type Aspect, type AspectsData, type IntentCue, type ProgramsData } from './data.ts';
import { findClaimNumber, findTicket } from './entities/identifiers.ts';
import { getLexicon, type Lexicon } from './lexicon.ts';
import { TextMemo } from './memo.ts';
import { normalizeTokens } from './normalize.ts';

export interface IntentMeta {
  program?: string;
  aspect?: Aspect;
  menu?: number;
  cues: IntentCue[];
  endsTopic?: boolean;
}

export interface FollowUp {
  /** The programme the message names (a switch), if any. */
  program?: string;
  /** The aspect asked about, if recognised. */
  aspect?: Aspect;
  /** A variant of the same programme ("kalau yang syariah?" → sharia). */
  variant?: string;
  /** Programmes named inside an "is it included?" question ("itu udah termasuk jht?"): not a switch. */
  mentions?: string[];
  /** True when the message names no programme but reads as a follow-up (aspect, variant, "kalau…", "and…"). */
  bare: boolean;
}

export interface Target {
  intent: string;
  /** Knowledge item id (in the intent's entry) that answers the aspect, when the data names one. */
  item?: string;
}

const tokenMemo = new TextMemo<readonly string[]>();

/**
 * Lower case, punctuation to spaces, split. Works on raw text and on the router's normalised text. Several steps
 * tokenize the same message, so the tokens are remembered (src/nlu/memo.ts) and shared: read-only.
 */
export function tokenize(text: string): readonly string[] {
  return tokenMemo.get(typeof text === 'string' ? text : '', (t) => Object.freeze(splitWords(t)));
}

function splitWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

const CLITIC = /(nya|kah|lah|dong|deh|sih)$/;
const tokenIs = (t: string, w: string) => t === w || (t.length > w.length && t.length - w.length <= 4 && t.startsWith(w) && CLITIC.test(t.slice(w.length)));

interface Phrase {
  words: readonly string[];
  key: string;
  /** position of its group in the data file (earlier = preferred on ties) */
  rank: number;
}
interface Hit {
  key: string;
  start: number;
  len: number;
  rank: number;
}

/** Cue phrases as written and as the router normalises them ("how do i claim" → "how do i klaim"). */
function phrases(map: Record<string, string[]>, lex?: Lexicon): Phrase[] {
  const out: Phrase[] = [];
  const seen = new Set<string>();
  Object.entries(map).forEach(([key, list], rank) => {
    for (const p of list) {
      const forms = [tokenize(p)];
      if (lex) forms.push(tokenize(normalizeTokens(p, lex).join(' ')));
      for (const words of forms) {
        const id = `${key}\0${words.join(' ')}`;
        if (words.length && !seen.has(id)) {
          seen.add(id);
          out.push({ key, words, rank });
        }
      }
    }
  });
  // longest first, so "jaminan hari tua" wins over "hari tua"
  return out.sort((a, b) => b.words.length - a.words.length);
}

function findAll(tokens: readonly string[], list: Phrase[], taken: boolean[]): Hit[] {
  const hits: Hit[] = [];
  for (const p of list) {
    outer: for (let i = 0; i + p.words.length <= tokens.length; i++) {
      for (let j = 0; j < p.words.length; j++) if (taken[i + j] || !tokenIs(tokens[i + j], p.words[j])) continue outer;
      hits.push({ key: p.key, start: i, len: p.words.length, rank: p.rank });
      for (let j = 0; j < p.words.length; j++) taken[i + j] = true;
    }
  }
  return hits;
}

const MAX_FOLLOWUP_WORDS = 10;
const ALSO_BEFORE = new Set(['ikut', 'ikutan', 'dapat', 'dapet', 'ambil', 'daftar', 'join', 'get', 'add']);
const ALSO_AFTER = new Set(['juga', 'jg', 'sekalian', 'too', 'also', 'as']);

export class IntentCatalog {
  private readonly metas = new Map<string, IntentMeta>();
  private readonly order: string[];
  private readonly programWords: Phrase[];
  private readonly aspectWords: Phrase[];
  private readonly variantWords: Phrase[];
  private readonly includeWords: Phrase[];
  private readonly starterWords: Phrase[];
  private readonly topicWords: Phrase[];
  private readonly detected = new TextMemo<FollowUp>();
  private readonly targets = new Map<string, Target | undefined>();
  private readonly aspects: AspectsData;
  private readonly programsData: ProgramsData;

  constructor(dir: string = DEFAULT_INTENTS_DIR) {
    const bundle = loadBundle(resolve(dir));
    const lex = getLexicon(resolve(dir));
    for (const it of bundle.intents) this.metas.set(it.intent, { program: it.program, aspect: it.aspect, menu: it.menu, cues: it.cues ?? [], endsTopic: it.endsTopic });
    this.order = bundle.intents.map((i) => i.intent);
    this.aspects = bundle.aspects;
    this.programsData = bundle.programs;
    this.programWords = phrases(Object.fromEntries(Object.entries(bundle.programs.programs).map(([k, v]) => [k, [...v.id, ...v.en, ...v.slang]])), lex);
    this.aspectWords = phrases(Object.fromEntries(Object.entries(bundle.aspects.aspects).map(([k, v]) => [k, [...v.cues.id, ...v.cues.en]])), lex);
    this.variantWords = phrases(Object.fromEntries(Object.entries(bundle.aspects.variants).map(([k, v]) => [k, [...v.id, ...v.en]])), lex);
    this.includeWords = phrases({ includes: [...bundle.aspects.includes.id, ...bundle.aspects.includes.en] }, lex);
    this.starterWords = phrases({ starter: [...bundle.aspects.starters.id, ...bundle.aspects.starters.en] }, lex);
    this.topicWords = phrases({ topic: [...bundle.programs.topics.id, ...bundle.programs.topics.en] }, lex);
  }

  /** The message names a programme, or a topic of its own (programs.yaml `topics`: "meninggal", "layoff"). */
  namesTopic(text: string): boolean {
    const f = this.detectFollowUp(text);
    if (f.program || f.mentions?.length) return true;
    const tokens = tokenize(text);
    return findAll(tokens, this.topicWords, tokens.map(() => false)).length > 0;
  }

  /** Metadata of an intent (empty cues when the intent has none; undefined for an unknown intent). */
  meta(intent: string): IntentMeta | undefined {
    const m = this.metas.get(intent);
    return m ? { ...m, cues: [...m.cues] } : undefined;
  }

  /** Intents that carry an identifier cue (e.g. "ticket" → complaint_track). */
  withCue(cue: IntentCue): string[] {
    return this.order.filter((i) => this.metas.get(i)!.cues.includes(cue));
  }

  /** Programme ids known from programs.yaml and the intents' metadata. */
  programs(): string[] {
    const s = new Set(Object.keys(this.programsData.programs));
    for (const m of this.metas.values()) if (m.program) s.add(m.program);
    return [...s];
  }

  /** True for a benefit programme of programs.yaml (not an account action such as `account`). */
  isProgramme(program: string | undefined): boolean {
    return program !== undefined && Object.hasOwn(this.programsData.programs, program);
  }

  /** The intents of a programme, in catalog order. */
  programIntents(program: string): string[] {
    return this.order.filter((i) => this.metas.get(i)!.program === program);
  }

  /** Main-menu intents in menu order. */
  menu(): string[] {
    return this.order.filter((i) => this.metas.get(i)!.menu !== undefined).sort((a, b) => this.metas.get(a)!.menu! - this.metas.get(b)!.menu!);
  }

  /**
   * Programme × aspect → the intent (and knowledge item) that answers it: an explicit rule of aspects.yaml, else
   * the intent whose metadata matches, else the aspect's fallback aspects in order, else the programme's info
   * intent (or its only intent). Undefined for a programme without intents.
   */
  target(program: string, aspect?: string | null): Readonly<Target> | undefined {
    // data alone decides it: worked out once per programme × aspect
    const key = `${program}\u0001${aspect ?? 'info'}`;
    if (this.targets.has(key)) return this.targets.get(key);
    const t = this.findTarget(program, aspect);
    this.targets.set(key, t && Object.freeze(t));
    return t;
  }

  private findTarget(program: string, aspect?: string | null): Target | undefined {
    const a = (aspect ?? 'info') as Aspect;
    const rule = this.aspects.rules.find((r) => r.program === program && r.aspect === a);
    if (rule) return rule.item ? { intent: rule.intent, item: rule.item } : { intent: rule.intent };
    const of = this.order.filter((i) => this.metas.get(i)!.program === program);
    if (!of.length) return undefined;
    const tried = new Set<string>();
    const queue: string[] = [a];
    while (queue.length) {
      const x = queue.shift()!;
      if (tried.has(x)) continue;
      tried.add(x);
      const hit = of.find((i) => this.metas.get(i)!.aspect === x);
      if (hit) return { intent: hit };
      queue.push(...(this.aspects.aspects[x as Aspect]?.fallback ?? []));
    }
    return { intent: of.find((i) => this.metas.get(i)!.aspect === 'info') ?? of[0] };
  }

  /** The dialog that computes this aspect of this programme for the user's own values (aspects.yaml `computations`). */
  computation(program: string | undefined, aspect: string | undefined): string | undefined {
    if (!program || !aspect) return undefined;
    return this.aspects.computations.find((c) => c.aspect === aspect && c.programs.includes(program))?.dialog;
  }

  /** programme × aspect → intent id (see `target`). */
  resolve(program: string, aspect?: string | null): string | undefined {
    return this.target(program, aspect)?.intent;
  }

  /** The programme and aspect a message asks about (see FollowUp). */
  detectFollowUp(text: string): FollowUp {
    // Several routing steps ask about the same message: computed once per text (a small bounded memo).
    const out = this.detected.get(text, (t) => this.detect(t));
    return { ...out, ...(out.mentions ? { mentions: [...out.mentions] } : {}) };
  }

  private detect(text: string): FollowUp {
    const tokens = tokenize(text);
    const taken = tokens.map(() => false);
    // "is X included / ikut juga?" first, so its words are not read as an aspect ("bisa ikut" = eligibility)
    const includeHits = findAll(tokens, this.includeWords, taken);
    const aspectHits = findAll(tokens, this.aspectWords, taken);
    const variantHits = findAll(tokens, this.variantWords, taken);
    const programHits = findAll(tokens, this.programWords, taken).sort((x, y) => x.start - y.start);
    const starter = findAll(tokens, this.starterWords, tokens.map(() => false)).some((h) => h.start === 0);

    const out: FollowUp = { bare: false };
    if (aspectHits.length) {
      // a specific aspect beats "info" ("what are the requirements?"); then the longest cue; then the file's order
      const info = (h: Hit) => (h.key === 'info' ? 1 : 0);
      const best = [...aspectHits].sort((x, y) => info(x) - info(y) || y.len - x.len || x.rank - y.rank || x.start - y.start)[0];
      out.aspect = best.key as Aspect;
    }
    if (variantHits.length) out.variant = variantHits[0].key;
    let progs = programHits;
    if (includeHits.length) {
      const after = includeHits[0].start;
      let mentioned = programHits.filter((h) => h.start > after);
      // English puts the programme first: "is jht included?"
      if (!mentioned.length) mentioned = programHits.filter((h) => h.start < after);
      if (mentioned.length) {
        out.mentions = [...new Set(mentioned.map((h) => h.key))];
        progs = programHits.filter((h) => !mentioned.includes(h));
      }
    }
    // "ikut jht juga", "also join jp too": a programme taken on top of the current one is a mention, not a switch
    const extra = progs.filter((h) => ALSO_BEFORE.has(tokens[h.start - 1] ?? '') && ALSO_AFTER.has(tokens[h.start + h.len] ?? ''));
    if (extra.length) {
      out.mentions = [...new Set([...(out.mentions ?? []), ...extra.map((h) => h.key)])];
      progs = progs.filter((h) => !extra.includes(h));
    }
    if (progs.length) out.program = progs[0].key;
    const asksSomething = out.aspect !== undefined || out.variant !== undefined || out.mentions !== undefined || starter;
    out.bare = !out.program && asksSomething && tokens.length <= MAX_FOLLOWUP_WORDS;
    return out;
  }
}

const catalogs = new Map<string, IntentCatalog>();

/** The catalog of an intents directory (default: the repository's intents/), built once. */
export function intentCatalog(dir: string = DEFAULT_INTENTS_DIR): IntentCatalog {
  const key = resolve(dir);
  let c = catalogs.get(key);
  if (!c) catalogs.set(key, (c = new IntentCatalog(key)));
  return c;
}

/** Follow-up detection with the repository's data. */
export function detectFollowUp(normalizedText: string, catalog: IntentCatalog = intentCatalog()): FollowUp {
  return catalog.detectFollowUp(normalizedText);
}

// ---------------------------------------------------------------------------------------------------------------
// Multi-part messages (#10.6)

const GREETINGS = [
  'assalamualaikum wr wb', 'assalamualaikum', 'assalamu alaikum', 'selamat pagi', 'selamat siang', 'selamat sore', 'selamat malam',
  'good morning', 'good afternoon', 'good evening', 'halo', 'hallo', 'helo', 'hello', 'hai', 'hi', 'hey', 'pagi', 'siang', 'sore', 'malam', 'permisi',
];
const THANKS = ['terima kasih banyak', 'terima kasih', 'terimakasih', 'makasih banyak', 'makasih', 'makasi', 'trims', 'thank you so much', 'thank you', 'thanks a lot', 'thanks', 'thx', 'tq', 'ok thanks'];
const FILLERS = [
  'quick question', 'i have a question', 'a question', 'one more question', 'one more thing', 'one more', 'another question', 'also',
  'saya mau tanya', 'aku mau tanya', 'mau tanya dong', 'mau tanya', 'mo tanya', 'numpang tanya', 'boleh tanya', 'izin bertanya', 'ijin tanya', 'tanya dong', 'tanya',
  'satu lagi', 'sekalian', 'oh ya', 'btw', 'by the way', 'eh', 'oke', 'ok', 'okay', 'sip', 'baik', 'ya', 'yes',
  'min', 'admin', 'kak', 'kakak', 'gan', 'sis', 'bro', 'mas', 'mbak', 'pak', 'bu', 'jessi', 'dong', 'ya', 'nih', 'there',
];
type LeadKind = 'greeting' | 'thanks' | 'filler';
const LEAD: { re: RegExp; kind: LeadKind }[] = [
  ...GREETINGS.map((g) => ({ g, kind: 'greeting' as const })),
  ...THANKS.map((g) => ({ g, kind: 'thanks' as const })),
  ...FILLERS.map((g) => ({ g, kind: 'filler' as const })),
]
  .sort((a, b) => b.g.length - a.g.length)
  .map(({ g, kind }) => ({ kind, re: new RegExp(`^${g.replace(/ /g, '\\s+')}(?:ya|yah|nya)?(?=$|[\\s,.!:;?…-])[\\s,.!:;…-]*`, 'iu') }));
const TRAIL = new RegExp(`[\\s,.!;…-]+(?:${[...THANKS, 'ya', 'min', 'kak', 'please', 'pls', 'tolong'].sort((a, b) => b.length - a.length).map((g) => g.replace(/ /g, '\\s+')).join('|')})[\\s!.…]*$`, 'iu');

export interface LeadIn {
  /** The question part ('' when the message is only small talk). */
  question: string;
  /** The greetings/thanks/fillers removed from around it. */
  smallTalk: string;
  greeting: boolean;
  thanks: boolean;
}

const leadInMemo = new TextMemo<Readonly<LeadIn>>();

/**
 * Strip greetings, thanks and fillers around a question: "makasih, satu lagi: apa itu jkp?" → question "apa itu jkp?".
 * Remembered per text (src/nlu/memo.ts), shared: read-only.
 */
export function splitLeadIn(text: string): Readonly<LeadIn> {
  return leadInMemo.get(typeof text === 'string' ? text : '', (t) => Object.freeze(leadIn(t)));
}

function leadIn(text: string): LeadIn {
  let rest = text.trim();
  const removed: string[] = [];
  let greeting = false;
  let thanks = false;
  for (let guard = 0; guard < 12 && rest; guard++) {
    const hit = LEAD.find((l) => l.re.test(rest));
    if (!hit) break;
    const m = rest.match(hit.re)!;
    // keep a filler word that is the whole message's content ("ya" alone is small talk, "tanya jht" is not stripped to "jht" wrongly)
    removed.push(m[0].trim());
    if (hit.kind === 'greeting') greeting = true;
    if (hit.kind === 'thanks') thanks = true;
    rest = rest.slice(m[0].length).trimStart();
  }
  for (let guard = 0; guard < 3 && rest; guard++) {
    const m = rest.match(TRAIL);
    if (!m || m.index === 0) break;
    removed.push(m[0].replace(/^[\s,.!;…-]+/, '').trim());
    if (THANKS.some((t) => new RegExp(`^${t}`, 'i').test(m[0].replace(/^[\s,.!;…-]+/, '')))) thanks = true;
    rest = rest.slice(0, m.index).trimEnd();
  }
  // a lone punctuation remainder ("?") is no question
  if (!/[\p{L}\p{N}]/u.test(rest)) rest = '';
  return { question: rest, smallTalk: removed.join(' '), greeting, thanks };
}

// ---------------------------------------------------------------------------------------------------------------
// Repair (#10.6)

const REPAIR_STRONG = [
  'bukan itu', 'bukan yang itu', 'bukan itu maksud', 'bukan begitu maksud', 'maksud saya bukan', 'maksudku bukan', 'bukan itu yang saya',
  'ga nyambung', 'gak nyambung', 'nggak nyambung', 'enggak nyambung', 'tidak nyambung', 'kurang nyambung', 'jawabannya salah', 'jawaban salah',
  'salah paham', 'salah jawab', 'kok jawabnya', 'bukan ini', 'bukan ini maksud',
  'not what i meant', 'not what i asked', 'not what i was asking', 'that s not it', 'thats not it', 'that is not it', 'not that one',
  'you misunderstood', 'wrong answer', 'that s wrong', 'thats wrong', 'that is wrong', 'not what i want', 'i didn t ask', 'i didnt ask',
].map(tokenize);
const REPAIR_WORDS = new Set(['salah', 'keliru', 'wrong', 'bukan', 'no', 'nope', 'incorrect']);
const REPAIR_PARTICLES = new Set(['itu', 'min', 'kak', 'dong', 'sih', 'deh', 'ah', 'kok', 'ya', 'that', 'this', 's', 'is', 'it', 'jessi', 'the', 'answer', 'jawabannya', 'kamu', 'you', 're', 'are', 'no']);
const REPAIR_MAX_WORDS = 14;

/** "bukan itu maksud saya", "salah", "not what I meant": the user says the last answer missed. */
export function isRepair(text: string): boolean {
  const raw = typeof text === 'string' ? text : '';
  const t = tokenize(raw.replace(/[’']/g, ' '));
  if (!t.length || t.length > REPAIR_MAX_WORDS) return false;
  const has = (p: readonly string[]) => {
    outer: for (let i = 0; i + p.length <= t.length; i++) {
      for (let j = 0; j < p.length; j++) if (t[i + j] !== p[j]) continue outer;
      return true;
    }
    return false;
  };
  if (REPAIR_STRONG.some(has)) {
    // "bukan itu" inside a longer question about something else ("bukan itu saja, ... jkp?") still counts only when short
    return t.length <= 8 || /^(salah|bukan|no|wrong|not|that|maaf|sorry|eh|lho|loh)\b/i.test(t[0]);
  }
  // a bare "salah" / "wrong" / "no" possibly with particles: "salah!", "salah itu min"
  // (a bare "no" answers a yes/no question and is not a repair)
  if (REPAIR_WORDS.has(t[0]) && t.slice(1).every((w) => REPAIR_PARTICLES.has(w))) return !(t[0] === 'no' && t.length === 1);
  // "salah, ..." at the start followed by punctuation
  return /^\s*(salah|keliru|wrong)\s*[,.!]/i.test(raw);
}

// ---------------------------------------------------------------------------------------------------------------
// Identity cues (#10.7)

export type IdentityCue = 'ticket' | 'claim_number' | 'balance' | 'claim_status';

/** Topics that never need the user's KPJ/NIK: BSU, a lost card, other agencies, certification. */
const NO_IDENTITY = [
  'bsu', 'bantuan subsidi upah', 'subsidi upah', 'subsidi gaji', 'wage subsidy', 'kartu hilang', 'kartunya hilang', 'kartu peserta hilang',
  'kartu saya hilang', 'kartu bpjs hilang', 'hilang kartu', 'lost card', 'lost my card', 'card is lost', 'dukcapil', 'disdukcapil', 'bnsp', 'sertifikasi',
  'sertifikat kompetensi', 'kemnaker', 'otp', 'penipuan', 'scam',
].map(tokenize);
const BALANCE = [/\bsaldo\b/, /\bbalance\b/, /\bcek\s+jht\b/];
const OWN = /\b(saya|aku|ku|gue|gw|punya saya|my|mine|i)\b|(?:saldo|jht)ku\b/;
const CLAIM_STATUS = [/\bstatus\s+(?:pengajuan\s+)?klaim\b/, /\bklaim\s+(?:jht\s+)?(?:saya|aku|ku)\b.*\b(?:sampai|proses|diproses|status|tahap|cair|belum)\b/, /\bpengajuan\s+(?:klaim\s+)?(?:jht\s+)?saya\b.*\b(?:sampai|tahap|proses)\b/, /\b(?:track|status of)\s+my\s+claim\b/, /\bmy\s+claim\b.*\b(?:status|processed|where)\b/];

/**
 * What identifier this message calls for, if any: a ticket (ADU-YYYYMMDD-NNNN) or a claim number (KLM-…) typed in
 * it, or a request about the user's own balance or claim. BSU, lost cards, other agencies and small talk: null.
 */
export function identityCue(text: string): IdentityCue | null {
  const raw = typeof text === 'string' ? text : '';
  if (findTicket(raw)) return 'ticket';
  if (findClaimNumber(raw)) return 'claim_number';
  const t = tokenize(raw);
  const s = ` ${t.join(' ')} `;
  if (NO_IDENTITY.some((p) => s.includes(` ${p.join(' ')} `))) return null;
  const joined = t.join(' ');
  if (CLAIM_STATUS.some((r) => r.test(joined))) return 'claim_status';
  if (BALANCE.some((r) => r.test(joined)) && OWN.test(joined)) return 'balance';
  return null;
}

/** True when the message is about a topic that never needs the user's KPJ/NIK (BSU, a lost card, Dukcapil, BNSP, OTP scams). */
export function offIdentityTopic(text: string): boolean {
  const s = ` ${tokenize(typeof text === 'string' ? text : '').join(' ')} `;
  return NO_IDENTITY.some((p) => s.includes(` ${p.join(' ')} `));
}

/** True when answering needs the user's identity (KPJ/NIK) or an identifier they typed. */
export function needsIdentity(text: string): boolean {
  const c = identityCue(text);
  return c === 'balance' || c === 'claim_status';
}

// ---------------------------------------------------------------------------------------------------------------
// The one call routing needs for a follow-up (#10.1)

export interface FollowUpTarget extends Target {
  program: string;
  aspect?: Aspect;
  /** true when the programme came from the conversation, not from the message */
  kept: boolean;
  /** true when only a variant (another year, scheme) of the last answer is asked: the last intent stands */
  variant?: boolean;
}

/**
 * Where a message goes given the conversation's last intent: a bare follow-up ("syaratnya apa?", "kalau yang
 * syariah?") keeps the last intent's programme and changes only the aspect; a message naming a programme and an
 * aspect ("kalau jkk syaratnya apa?") switches. Undefined when the message is not a follow-up (let the classifier
 * decide). Pair it with kb.item(target.intent, target.item ? null : target.aspect, text) to answer the point asked.
 */
export function followUpTarget(lastIntent: string | undefined, text: string, catalog: IntentCatalog = intentCatalog()): FollowUpTarget | undefined {
  const f = catalog.detectFollowUp(text);
  // "kalau tahun 2024?", "terus jp tahun 2023 berapa?": another year of the same answer (returns, rates by year)
  // stays on the last intent; its item is picked by the cue words (e.g. the programme named)
  const words = tokenize(text);
  if (lastIntent && !f.aspect && words.length <= 8 && words.some((w) => /^(19|20)\d\d$/.test(w)) && (f.program || f.variant || f.bare || /\btahun\b|\byear\b/.test(words.join(' ')))) {
    const program = catalog.meta(lastIntent)?.program;
    if (program) return { intent: lastIntent, program, kept: true, variant: true };
  }
  if (f.program) {
    if (!f.aspect && !f.variant && tokenize(text).length > 4) {
      // a longer question naming the conversation's own programme ("bisa diambil tanpa kpr?" about housing)
      // stays on the last intent; the answer's item is then picked by its cue words
      const lastProgram = lastIntent ? catalog.meta(lastIntent)?.program : undefined;
      return lastIntent && lastProgram === f.program ? { intent: lastIntent, program: f.program, kept: false } : undefined;
    }
    const t = catalog.target(f.program, f.aspect);
    return t ? { ...t, program: f.program, aspect: f.aspect, kept: false } : undefined;
  }
  if (!f.bare || !lastIntent) return undefined;
  const program = catalog.meta(lastIntent)?.program;
  if (!program) return undefined;
  const lastAspect = catalog.meta(lastIntent)?.aspect;
  // a variant or "is X included?" stays on the same intent; an aspect moves within the programme
  const aspect = f.aspect ?? (f.variant || f.mentions ? lastAspect : undefined);
  if (!aspect) return undefined;
  const t = f.aspect ? catalog.target(program, aspect) : { intent: lastIntent };
  return t ? { ...t, program, aspect, kept: true } : undefined;
}
