/**
 * The one interruption policy: while a dialog waits for a slot, when is a message that filled nothing "a
 * clearly different question" (answered, then the dialog is offered again) rather than a bad answer
 * (asked again)? Only a confident classification to another intent, or an explicit question the classifier
 * is unsure about (it will ask back). "gak tau", "lanjut" and a value the dialog rejected with a reason never
 * interrupt.
 */
import { classify } from '../dialogs/context.ts';
import type { DialogDef, Extraction } from '../dialogs/types.ts';
import { isResume, isUnknown } from '../dialogs/words.ts';
import { OUT_OF_SCOPE } from '../nlu/router.ts';
import type { RouteContext } from './deps.ts';

/** A message that reads as a question of its own. */
const QUESTION = /\?\s*$|^(btw\s+|eh\s+|oh ya\s+)?(apa|apakah|gimana|bagaimana|berapa|kapan|dimana|di mana|kenapa|mengapa|how|what|where|when|why)\b/;
/** Mid-dialog, only a classification at least this confident counts as "a clearly different question". */
export const INTERRUPT_CONFIDENCE = 0.8;

export function isOtherQuestion(ctx: RouteContext, def: DialogDef, extraction: Extraction): boolean {
  const text = ctx.normalized;
  if (isResume(text) || isUnknown(text)) return false;
  const nlu = classify(ctx);
  if (nlu.intent === def.intent || nlu.intent === OUT_OF_SCOPE) return false;
  // A rejected value interrupts only when the message is plainly a question of its own, classified confidently
  // ("btw nomor call center berapa?" at the contact prompt), never a mistyped value.
  if (extraction.invalid) return nlu.outcome === 'answer' && nlu.confidence >= INTERRUPT_CONFIDENCE && (QUESTION.test(text) || QUESTION.test(ctx.text.toLowerCase().trim()));
  return (nlu.outcome === 'answer' && nlu.confidence >= INTERRUPT_CONFIDENCE) || (nlu.outcome === 'ask' && QUESTION.test(text));
}
