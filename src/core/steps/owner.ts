/**
 * `owner(gate)`: who answers this turn. A conversation that was handed to a person (`state.handoff`) asks the
 * gate first: while the queue or an agent owns it, the user's message goes to them and the bot says nothing
 * but the gate's notice; when it is back with the bot, the gate's notice ("you're back with Jessi") comes first
 * and the bot answers the message as usual, unless the message only asked to go back. Conversations never
 * handed off pass straight through (no store access).
 */
import type { Middleware } from '../compose.ts';
import { setIntent, type TurnContext } from '../context.ts';
import type { OutMessage } from '../types.ts';

export type GateDecision =
  /** The bot answers; `notice` first. `done`: the message was only "back to bot", nothing else to answer. */
  | { owner: 'bot'; notice?: OutMessage[]; done?: boolean }
  /** A person has the conversation: the message went to them; `notice` is all the user gets from the bot. */
  | { owner: 'person'; notice: OutMessage[] };

export interface OwnerGate<C extends TurnContext = TurnContext> {
  decide(ctx: C): Promise<GateDecision>;
}

/** The intent reported for turns that a person, not the bot, handled. */
export const HANDOFF_INTENT = 'handoff_agent';

export function owner<C extends TurnContext>(gate: OwnerGate<C>): Middleware<C> {
  return async (ctx, next) => {
    if (!ctx.state.handoff) return next();
    const d = await gate.decide(ctx);
    if (d.owner === 'person') {
      ctx.out.push(...d.notice);
      setIntent(ctx, HANDOFF_INTENT, 1, 'handoff');
      return;
    }
    delete ctx.state.handoff;
    if (d.notice) ctx.out.push(...d.notice);
    if (d.done) {
      setIntent(ctx, HANDOFF_INTENT, 1, 'handoff');
      return;
    }
    await next();
  };
}
