/**
 * Answer feedback on channels without 👍/👎 (WhatsApp): when the user closes a topic ("makasih", "dadah": intents
 * marked `endsTopic`), the reply asks "Apakah jawaban Jessi tentang … tadi membantu?" with Ya/Tidak buttons
 * (a numbered list on WhatsApp); the vote is counted like the widget's (intent and vote only, nothing personal).
 */
import { encodePayload } from '../core/types.ts';
import { say, setIntent } from '../dialogs/context.ts';
import type { RouteContext } from './deps.ts';

/** Channels whose client has no feedback buttons of its own. */
const ASKS_BY_TEXT = /^whatsapp/;

/** After a knowledge answer: remember the topic, or, when the user closes it, ask whether the answer helped. */
export function afterAnswer(ctx: RouteContext, intent: string): void {
  const meta = ctx.deps.router.catalog.meta(intent);
  if (meta?.endsTopic) {
    const topic = ctx.state.lastTopic;
    ctx.state.lastTopic = undefined;
    if (!topic || !ASKS_BY_TEXT.test(ctx.input.channel)) return;
    say(ctx, ctx.deps.kb.message('routing.feedback_ask', ctx.lang, { topic: ctx.deps.kb.title(topic, ctx.lang) }), [
      { title: ctx.deps.kb.message('routing.feedback_yes_button', ctx.lang), payload: encodePayload({ kind: 'feedback', intent: topic, helpful: true }) },
      { title: ctx.deps.kb.message('routing.feedback_no_button', ctx.lang), payload: encodePayload({ kind: 'feedback', intent: topic, helpful: false }) },
    ]);
    return;
  }
  if (meta?.program) ctx.state.lastTopic = intent;
}

/** A vote from a feedback button: counted when the intent is one the assistant knows, then thanked. */
export function recordVote(ctx: RouteContext, vote: { intent: string; helpful: boolean }): void {
  if (ctx.deps.router.intents().includes(vote.intent)) ctx.deps.observer?.feedback?.(vote.intent, vote.helpful);
  setIntent(ctx, 'thanks', 1, 'answer');
  say(ctx, ctx.deps.kb.message(vote.helpful ? 'routing.feedback_thanks_yes' : 'routing.feedback_thanks_no', ctx.lang));
}
