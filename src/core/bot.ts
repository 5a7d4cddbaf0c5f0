import { compose, type Middleware } from './compose.ts';
import type { BotDeps, TurnContext } from './context.ts';
import { newState } from './state.ts';
import { conversation, rateLimit } from './steps/session.ts';
import { language, resolvePayload } from './steps/input.ts';
import { observe, route } from './steps/route.ts';
import type { Bot, TurnInput, TurnOutput } from './types.ts';

export interface JessiBot extends Bot {
  handle(input: TurnInput): Promise<TurnOutput & { rateLimited?: { retryAfterSeconds: number } }>;
}

/**
 * The bot core: adapter → normalise → detect language → route → dialog or answer → adapter,
 * composed as middleware. It knows no channel and no store implementation.
 */
export function createBot(deps: BotDeps, extra: Middleware<TurnContext>[] = []): JessiBot {
  const run = compose<TurnContext>([rateLimit, conversation, resolvePayload, language, observe, ...extra, route]);
  return {
    async handle(input) {
      const ctx: TurnContext = {
        input,
        deps,
        state: newState(),
        text: (input.text ?? '').slice(0, 2000),
        lang: input.locale ?? 'id',
        out: [],
      };
      await run(ctx);
      if (!ctx.out.length) ctx.out.push({ text: ctx.lang === 'en' ? 'Sorry, please try again.' : 'Maaf, silakan coba lagi.' });
      return {
        messages: ctx.out,
        intent: ctx.intent ?? { id: 'out_of_scope', confidence: 0 },
        ...(ctx.rateLimited ? { rateLimited: ctx.rateLimited } : {}),
      };
    },
  };
}
