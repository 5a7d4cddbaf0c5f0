import type { Button, Lang, Link, OutMessage } from '../core/types.ts';

export type RuleKind = 'percent' | 'rupiah' | 'number' | 'text';

/** One program figure from knowledge/rules.yaml. */
export interface Rule {
  kind: RuleKind;
  value: number | string;
  source: string;
  from?: string;
  /** How sure the figure is: verified/seed, or reported/derived/assumption/unverified (facts.md markers). */
  status?: 'verified' | 'seed' | 'reported' | 'derived' | 'assumption' | 'unverified';
}

/** Program figures by key (e.g. `contribution.jht.employer`). */
export interface Rules {
  get(key: string): Rule;
  /** Numeric value of a rule; throws for unknown keys or text rules. */
  num(key: string): number;
  text(key: string): string;
  /** Formatted for a reply: 0.037 → "3,7%" (id) / "3.7%" (en); rupiah → "Rp16.800" in both. */
  format(key: string, lang: Lang): string;
  keys(): string[];
}

/** How a yes/no answer starts: "Ya"/"Tidak"/"Bisa"/"Belum"… then the reason. */
export type YesNo = 'ya' | 'tidak' | 'bisa' | 'tidak_bisa' | 'belum' | 'sudah' | 'harus' | 'tidak_perlu';

/** A short answer to one point of an entry ("berapa lama cair?", "bisa online?"), after template rendering. */
export interface KnowledgeItem {
  id: string;
  /** Aspect it answers (info, requirements, duration, channel, deadline, amount, eligibility, …). */
  aspect?: string;
  /** Cue phrases per language (lower case); matched on the words of the normalised question. */
  cues: Record<Lang, string[]>;
  answer: Record<Lang, string>;
  yesno?: YesNo;
}

/** One answer of the knowledge base (knowledge/answers/*.yaml), after template rendering. */
export interface KnowledgeEntry {
  id: string;
  /** The intent this entry answers. */
  intent: string;
  title: Record<Lang, string>;
  answer: Record<Lang, string>;
  buttons: Record<Lang, Button[]>;
  /** Official pages and phone numbers shown under the answer (and its items). */
  links: Record<Lang, Link[]>;
  source: string;
  reviewed: string;
  /** Answers about claims and money carry the anti-fraud reminder. */
  fraudReminder: boolean;
  /** Question-level answers (may be empty). */
  items: KnowledgeItem[];
}

export interface KnowledgeBase {
  rules: Rules;
  /** The message catalogue (knowledge/messages/*.yaml). */
  messages: import('./messages.ts').Messages;
  /** The live-chat desk's hours, holidays and return phrases (knowledge/handoff/schedule.yaml). */
  schedule: import('./schedule.ts').Schedule;
  /** A catalogue message in a language, parameters filled in ("core.rate_limited", { seconds: 30 }). */
  message(key: string, lang: Lang, params?: import('./messages.ts').MessageParams): string;
  /** The entry that answers an intent, if any. */
  entryFor(intent: string): KnowledgeEntry | undefined;
  /** Reply messages for an intent in a language: answer text + source line + fraud reminder + buttons. */
  reply(intent: string, lang: Lang): OutMessage[] | undefined;
  /** Short human title of an intent ("Cara klaim JHT"), used for ask-back buttons. */
  title(intent: string, lang: Lang): string;
  entries(): KnowledgeEntry[];
  /**
   * The item of an intent's entry that best answers the question: by its cues in the (normalised) text, helped by
   * the aspect asked; with no cue in the text, the first item of that aspect. Undefined when nothing fits.
   */
  item(intent: string, aspect: string | null | undefined, normalizedText: string, lang: Lang): KnowledgeItem | undefined;
  /** Reply for one item: yes/no word first (for a yes/no question), the answer, fraud reminder, source line. */
  replyItem(intent: string, item: KnowledgeItem | string, lang: Lang, text?: string): OutMessage[] | undefined;
}
