/**
 * `observe(observer, logger)`: count every turn (rate-limited ones too: it runs first), report unanswered
 * turns (ask-back, fall-back) and write one scrubbed debug line per turn. The user's text is never logged:
 * only its length and a salted hash, so two log lines about the same message can still be matched.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Middleware } from '../compose.ts';
import { setIntent, type TurnContext } from '../context.ts';
import type { Lang } from '../types.ts';

/** Hooks for counting what happens in turns (metrics); all optional. */
export interface TurnObserver {
  turn?(channel: string, intent: string, outcome: string): void;
  unanswered?(text: string, outcome: 'ask' | 'fallback', intent: string, lang: Lang): void;
}

const SALT = randomBytes(16);
export const textDigest = (text: string): string => createHash('sha256').update(SALT).update(text).digest('hex').slice(0, 12);

export function observe<C extends TurnContext>(observer: TurnObserver | undefined, logger: Logger, dialogOf: (ctx: C) => string | undefined = (ctx) => ctx.state.dialog?.id): Middleware<C> {
  return async (ctx, next) => {
    const started = performance.now();
    await next();
    if (!ctx.intent) setIntent(ctx, 'out_of_scope', 0, 'fallback');
    const intent = ctx.intent!;
    const outcome = ctx.outcome ?? 'answer';
    observer?.turn?.(ctx.input.channel, intent.id, outcome);
    if ((outcome === 'ask' || outcome === 'fallback') && ctx.text) observer?.unanswered?.(ctx.text, outcome, intent.id, ctx.lang);
    if (logger.isLevelEnabled('debug'))
      logger.debug(
        {
          channel: ctx.input.channel,
          intent: intent.id,
          confidence: intent.confidence,
          outcome,
          lang: ctx.lang,
          dialog: dialogOf(ctx),
          chars: ctx.text.length,
          textHash: ctx.text ? textDigest(ctx.text) : undefined,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'turn',
      );
  };
}
