/**
 * `normalize()`: the text every later step reads for word matching, computed once per turn: NFKC (full-width
 * letters and digits become plain ones), lower case, whitespace collapsed. Deeper normalisation (slang, typos,
 * stems) belongs to the intent classifier.
 */
import type { Middleware } from '../compose.ts';
import type { TurnContext } from '../context.ts';

export const normalizeText = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export function normalize<C extends TurnContext>(): Middleware<C> {
  return async (ctx, next) => {
    ctx.normalized = normalizeText(ctx.text);
    await next();
  };
}
