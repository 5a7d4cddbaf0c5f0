/**
 * The router's own replies: a knowledge-base answer, the ask-back ("Maksud Anda: …?") and the fall-back with
 * the menu and an offer of a person.
 */
import { intentPayload, type Button } from '../core/types.ts';
import { say, setIntent } from '../dialogs/context.ts';
import { OUT_OF_SCOPE } from '../nlu/router.ts';
import type { NluResult } from '../nlu/types.ts';
import type { RouteContext as TurnContext } from './deps.ts';
import { afterAnswer } from './feedback.ts';

/** Topic buttons for these intents (the fallback offers the first of the main menu: `menu:` in intents/*.yaml). */
export function topicButtons(ctx: TurnContext, intents: string[]): Button[] {
  return intents.map((i) => ({ title: ctx.deps.kb.title(i, ctx.lang), payload: intentPayload(i) }));
}

/** Which point of an answer was asked: a knowledge item id, or an aspect to look for. */
export interface Asked {
  item?: string;
  aspect?: string;
}

/**
 * Answer an intent from the knowledge base: the item that answers the question actually asked (by its cue
 * words, or the aspect of a follow-up), else the topic card. Returns false when the base has no entry for it.
 */
export function answerFromKnowledge(ctx: TurnContext, intent: string, confidence: number, asked: Asked = {}): boolean {
  const { kb, router } = ctx.deps;
  // The aspect the intent itself is about ("syaratnya?" → the requirements card) needs no item: the card answers it.
  const aspect = asked.aspect && router.catalog.meta(intent)?.aspect !== asked.aspect ? asked.aspect : null;
  // An item the rules name for the aspect yields to one the question names by its cue words ("dapat berapa kali
  // upah kalau cacat total?" asks the disability item, not the amount rule's death item).
  const named = asked.item ? kb.item(intent, null, ctx.text, ctx.lang) : undefined;
  let item = asked.item
    ? ((named && named.aspect === asked.aspect ? named : undefined) ?? kb.entryFor(intent)?.items.find((i) => i.id === asked.item))
    : kb.item(intent, aspect, ctx.text, ctx.lang);
  let answered = intent;
  if (!item && !asked.item) {
    // A figure the card does not give ("stmb nya berapa persen?" classified as the claim card): the programme's
    // sibling intent whose item names it by its cue words answers instead.
    const sibling = siblingItem(ctx, intent);
    if (sibling) ({ intent: answered, item } = sibling);
  }
  const messages = (item && kb.replyItem(answered, item, ctx.lang, ctx.text)) || kb.reply(intent, ctx.lang);
  if (!messages?.length) return false;
  if (!item) answered = intent;
  ctx.state.lastItem = item ? `${answered}/${item.id}` : undefined;
  ctx.out.push(...messages);
  setIntent(ctx, answered, confidence, 'answer');
  afterAnswer(ctx, answered);
  return true;
}

/** A question for a figure: "berapa", "how much", "persen". */
const ASKS_FIGURE = /\b(berapa|brp|persen|persennya|how much|how many|percent|percentage|rate)\b|%/i;

/** Same programme, another intent, an item matched by its cue words (not by an aspect alone), for a figure question. */
function siblingItem(ctx: TurnContext, intent: string): { intent: string; item: NonNullable<ReturnType<TurnContext['deps']['kb']['item']>> } | undefined {
  const { kb, router } = ctx.deps;
  const program = router.catalog.meta(intent)?.program;
  if (!program || !(ASKS_FIGURE.test(ctx.text) || ASKS_FIGURE.test(ctx.normalized))) return undefined;
  for (const other of router.catalog.programIntents(program)) {
    if (other === intent) continue;
    const item = kb.item(other, null, ctx.text, ctx.lang);
    if (item) return { intent: other, item };
  }
  return undefined;
}

/** "Maksud Anda: Cara klaim JHT / Syarat klaim JHT?" with the top candidates as buttons. */
export function askBack(ctx: TurnContext, nlu: NluResult): void {
  const candidates = nlu.candidates.filter((c) => c.intent !== OUT_OF_SCOPE).slice(0, 3);
  const titles = candidates.map((c) => ctx.deps.kb.title(c.intent, ctx.lang));
  say(
    ctx,
    ctx.deps.kb.message('routing.ask_back', ctx.lang, { titles: titles.join(' / ') }),
    [
      ...candidates.map((c, k) => ({ title: titles[k]!, payload: intentPayload(c.intent) })),
      { title: ctx.deps.kb.message('routing.none_of_these_button', ctx.lang), payload: intentPayload('menu') },
    ],
  );
  const top = candidates[0] ?? { intent: OUT_OF_SCOPE, score: nlu.confidence };
  setIntent(ctx, top.intent, top.score, 'ask');
}

/** Nothing fits: say so, show the menu and offer a human (call centre 175). */
export function fallback(ctx: TurnContext, confidence: number): void {
  say(
    ctx,
    ctx.deps.kb.message('routing.fallback', ctx.lang),
    [...topicButtons(ctx, ctx.deps.router.catalog.menu().slice(0, 4)), { title: ctx.deps.kb.message('routing.agent_button', ctx.lang), payload: intentPayload('handoff_agent') }],
  );
  setIntent(ctx, OUT_OF_SCOPE, confidence, 'fallback');
}
