/**
 * Follow-up questions lean on the previous topic: after "ojol bisa daftar?" the question "terus iurannya
 * berapa?" is about BPU contributions, and after "apa itu jkp" the question "cara klaimnya gimana?" is about
 * JKP. When a message names no programme itself, the aspect of the classifier's intent (claim, info,
 * contribution, …) is moved onto the programme the conversation is about. Programmes, aspects and which intent
 * answers a programme × aspect are the intents' metadata (intents/*.yaml, programs.yaml, aspects.yaml): nothing
 * here names one.
 */
import type { IntentCatalog } from '../nlu/followup.ts';

/** Follow-up cue words: "terus", "lalu", "kalau", "and", "then"... */
const FOLLOW_UP = /^(terus|trus|trs|lalu|lantas|kalau|kalo|klo|gimana|bagaimana|nah|oh|oke|ok|and|then|so|how about|what about)\b/;

/** `text` is the turn's normalised text. */
export function followUpIntent(predicted: string, lastIntent: string | undefined, text: string, catalog: IntentCatalog): string {
  if (!lastIntent) return predicted;
  const program = catalog.meta(lastIntent)?.program;
  const predictedMeta = catalog.meta(predicted);
  // Only between benefit programmes: an account action or a complaint is not moved onto the conversation's topic.
  if (!catalog.isProgramme(program) || !catalog.isProgramme(predictedMeta?.program) || !predictedMeta?.aspect) return predicted;
  if (predictedMeta.program === program) return predicted;
  // A message that names a programme (or a death, an accident, an employer: words of programs.yaml) says its topic itself.
  if (catalog.namesTopic(text)) return predicted;
  const words = text.split(/\s+/).filter(Boolean).length;
  if (!FOLLOW_UP.test(text) && words > 6) return predicted;
  return catalog.target(program!, predictedMeta.aspect)?.intent ?? predicted;
}

/**
 * Among close candidates (an ask-back), the one the conversation's topic points to: the candidate a follow-up
 * maps to ("iuran" after BPU → contribution_bpu), or the previous intent itself. Undefined when the topic says
 * nothing, and only a candidate is ever chosen.
 */
export function contextChoice(candidates: string[], lastIntent: string | undefined, text: string, catalog: IntentCatalog): string | undefined {
  if (!lastIntent) return undefined;
  if (candidates.includes(lastIntent)) return lastIntent;
  // A message with no topic of its own, unsure between readings: the one about the conversation's programme.
  const program = catalog.meta(lastIntent)?.program;
  if (catalog.isProgramme(program) && !catalog.namesTopic(text)) {
    const same = candidates.find((c) => catalog.meta(c)?.program === program);
    if (same) return same;
  }
  return candidates.map((c) => followUpIntent(c, lastIntent, text, catalog)).find((mapped, k) => mapped !== candidates[k] && candidates.includes(mapped));
}
