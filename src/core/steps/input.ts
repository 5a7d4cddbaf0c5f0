import type { Middleware } from '../compose.ts';
import type { TurnContext } from '../context.ts';
import { detectLanguage, languageEvidence } from '../../nlu/language.ts';
import { INTENT_PAYLOAD_PREFIX } from '../types.ts';

/** Button payloads: `intent:<id>` and `dialog:<id>` route directly; any other payload is a typed value. */
export const resolvePayload: Middleware<TurnContext> = async (ctx, next) => {
  const p = ctx.input.payload;
  if (p !== undefined) {
    if (p.startsWith(INTENT_PAYLOAD_PREFIX)) ctx.forcedIntent = p.slice(INTENT_PAYLOAD_PREFIX.length);
    else if (p.startsWith('dialog:')) ctx.forcedIntent = p;
    else ctx.text = p;
    if (ctx.forcedIntent && !ctx.text) ctx.text = ctx.input.text ?? '';
  }
  await next();
};

/** Words of two or more letters: too few of them and the message says nothing about its language. */
const words = (s: string): number => (s.match(/\p{L}{2,}/gu) ?? []).length;

/**
 * Reply language: the client's explicit locale wins; otherwise each message is detected, and messages
 * with no language in them ("5 juta", "07/08/1985", a button) keep the conversation's language, as do
 * messages of an English conversation with no Indonesian word in them ("salary 7.5 million").
 */
export const language: Middleware<TurnContext> = async (ctx, next) => {
  if (ctx.input.locale) ctx.lang = ctx.input.locale;
  else if (ctx.forcedIntent || words(ctx.text) < 2) ctx.lang = ctx.state.lang ?? detectLanguage(ctx.text);
  else if (ctx.state.lang === 'en' && languageEvidence(ctx.text).id === 0) ctx.lang = 'en'; // "salary 7.5 million": no Indonesian in it
  else ctx.lang = detectLanguage(ctx.text);
  ctx.state.lang = ctx.lang;
  await next();
};
