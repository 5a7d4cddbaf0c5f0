/**
 * The kernel: a bot is a chain of steps run over a fresh turn context. It knows no dialog, no channel and
 * no store implementation: the composition root (src/routing/bot.ts) decides which steps run, in which
 * order, and which services ride along on the context.
 */
import { compose, type Middleware } from './compose.ts';
import type { TurnContext } from './context.ts';
import { newState } from './state.ts';
import { MAX_TEXT, type Bot, type Lang, type TurnInput, type TurnOutput } from './types.ts';

export interface JessiBot extends Bot {
  handle(input: TurnInput): Promise<TurnOutput & { rateLimited?: { retryAfterSeconds: number } }>;
}

export interface BotOptions<C extends TurnContext> {
  /** The steps, outermost first. */
  steps: Middleware<C>[];
  /** Adds the flavour fields (services) to the kernel's context. */
  extend(base: TurnContext): C;
  /** Said when no step produced a reply (should not happen; a safety net). */
  emptyReply(lang: Lang): string;
}

export function createBot<C extends TurnContext>(opts: BotOptions<C>): JessiBot {
  const run = compose<C>(opts.steps);
  return {
    async handle(input) {
      const text = (input.text ?? '').slice(0, MAX_TEXT);
      const ctx = opts.extend({ input, state: newState(), text, normalized: '', lang: input.locale ?? 'id', out: [] });
      await run(ctx);
      if (!ctx.out.length) ctx.out.push({ text: opts.emptyReply(ctx.lang) });
      return {
        messages: ctx.out,
        intent: ctx.intent ?? { id: 'out_of_scope', confidence: 0 },
        outcome: ctx.outcome ?? 'answer',
        lang: ctx.lang,
        ...(ctx.rateLimited ? { rateLimited: ctx.rateLimited } : {}),
      };
    },
  };
}
