/**
 * `language(detector)`: the reply language, decided once per turn, in this order:
 * 1. the client's explicit locale;
 * 2. a button, or a message with fewer than two words ("5 juta", "07/08/1985"), keeps the conversation's
 *    language (or is detected when the conversation has none yet);
 * 3. an English conversation stays English while a message has no Indonesian word in it ("salary 7.5 million");
 * 4. otherwise the message's own language.
 * The detector comes from the NLU; the kernel only applies the order.
 */
import type { Middleware } from '../compose.ts';
import type { TurnContext } from '../context.ts';
import type { Lang } from '../types.ts';

export interface LanguageDetector {
  detect(text: string): Lang;
  /** Counts of clearly English and clearly Indonesian words. */
  evidence(text: string): { en: number; id: number };
}

/** Words of two or more letters: too few of them and the message says nothing about its language. */
const words = (s: string): number => (s.match(/\p{L}{2,}/gu) ?? []).length;

export function language<C extends TurnContext>(detector: LanguageDetector): Middleware<C> {
  return async (ctx, next) => {
    if (ctx.input.locale) ctx.lang = ctx.input.locale;
    else if (ctx.payload || words(ctx.text) < 2) ctx.lang = ctx.state.lang ?? detector.detect(ctx.text);
    else if (ctx.state.lang === 'en' && detector.evidence(ctx.text).id === 0) ctx.lang = 'en';
    else ctx.lang = detector.detect(ctx.text);
    ctx.state.lang = ctx.lang;
    await next();
  };
}
