/**
 * Routing step `leadIn`: greetings, thanks and fillers around a question never swallow it. "Hi! quick
 * question, what is JHT?" and "makasih, satu lagi: apa itu jkp?" are routed on their question part; a message
 * that is only small talk ("halo min", "makasih") goes on unchanged; an acknowledgement alone ("oke siap") is thanked.
 */
import type { Middleware } from '../core/compose.ts';
import { normalizeText } from '../core/steps/normalize.ts';
import { splitLeadIn } from '../nlu/followup.ts';
import type { RouteContext } from './deps.ts';
import { runIntent } from './run-intent.ts';

const words = (s: string): number => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;
/** Intents that are only small talk: a question behind a filler is worth more than they are. */
const SMALL_TALK = new Set(['greeting', 'thanks', 'goodbye']);
/** An acknowledgement alone ("oke", "siap kak", "ok sip", "got it"): answered like thanks, never "I didn't understand". */
const ACK = /^(?:(?:ok|oke|okey|okay|okee|sip|siap|baik|noted|mantap|oke deh|got it|alright|all right)[\s,.!]*)+(?:kak|min|ya|deh|dong|jessi)?[\s!.]*$/i;

export function leadIn(): Middleware<RouteContext> {
  return async (ctx, next) => {
    // (Not inside a dialog: there "oke" may answer its question.)
    if (!ctx.payload && !ctx.state.dialog && ACK.test(ctx.text.trim())) return runIntent(ctx, 'thanks', 1, true);
    if (!ctx.payload) {
      const l = splitLeadIn(ctx.text);
      const route = (q: string) => {
        ctx.text = q;
        ctx.normalized = normalizeText(q);
        ctx.nlu = undefined;
      };
      if ((l.greeting || l.thanks) && l.question && words(l.question) >= 2 && l.question !== ctx.text) route(l.question);
      else if (l.smallTalk && l.question && l.question !== ctx.text && SMALL_TALK.has(ctx.deps.router.classify(ctx.text).intent)) {
        // "mau tanya jkk", "tanya dong, jkp": read as small talk as a whole, the question behind the filler is the point.
        const q = ctx.deps.router.classify(l.question);
        if (!SMALL_TALK.has(q.intent) && q.outcome !== 'fallback') route(l.question);
      }
    }
    await next();
  };
}
