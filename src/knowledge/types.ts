import type { Button, Lang, OutMessage } from '../core/types.ts';

export type RuleKind = 'percent' | 'rupiah' | 'number' | 'text';

/** One program figure from knowledge/rules.yaml. */
export interface Rule {
  kind: RuleKind;
  value: number | string;
  source: string;
  from?: string;
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

/** One answer of the knowledge base (knowledge/answers/*.yaml), after template rendering. */
export interface KnowledgeEntry {
  id: string;
  /** The intent this entry answers. */
  intent: string;
  title: Record<Lang, string>;
  answer: Record<Lang, string>;
  buttons: Record<Lang, Button[]>;
  source: string;
  reviewed: string;
  /** Answers about claims and money carry the anti-fraud reminder. */
  fraudReminder: boolean;
}

export interface KnowledgeBase {
  rules: Rules;
  /** The entry that answers an intent, if any. */
  entryFor(intent: string): KnowledgeEntry | undefined;
  /** Reply messages for an intent in a language: answer text + source line + fraud reminder + buttons. */
  reply(intent: string, lang: Lang): OutMessage[] | undefined;
  /** Short human title of an intent ("Cara klaim JHT"), used for ask-back buttons. */
  title(intent: string, lang: Lang): string;
  entries(): KnowledgeEntry[];
}
