/**
 * Routing step `leadIn`: greetings, thanks and fillers around a question never swallow it. "Hi! quick
 * question, what is JHT?" and "makasih, satu lagi: apa itu jkp?" are routed on their question part; a message
 * that is only small talk ("halo min", "makasih") goes on unchanged.
 */
import type { Middleware } from '../core/compose.ts';
import { normalizeText } from '../core/steps/normalize.ts';
import { splitLeadIn } from '../nlu/followup.ts';
import type { RouteContext } from './deps.ts';

const words = (s: string): number => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

export function leadIn(): Middleware<RouteContext> {
  return async (ctx, next) => {
    if (!ctx.payload) {
      const l = splitLeadIn(ctx.text);
      if ((l.greeting || l.thanks) && l.question && words(l.question) >= 2 && l.question !== ctx.text) {
        ctx.text = l.question;
        ctx.normalized = normalizeText(l.question);
        ctx.nlu = undefined;
      }
    }
    await next();
  };
}
