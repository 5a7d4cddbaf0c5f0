/**
 * The bot's side of the live-chat handoff (the desk itself is src/handoff/desk.ts):
 *   - `handoffGate`: the kernel's `owner` step asks it who answers a handed-off conversation;
 *   - `startHandoff`: "mau ngomong sama petugas" queues the conversation, or, out of hours, says when agents are
 *     back and offers to leave a message or file a complaint;
 *   - `handoffRouting`: the "leave a message" action and the message itself, and a person offered after
 *     repeated misunderstandings (HANDOFF_AFTER_MISSES fall-backs in a row).
 * A channel that is its own desk (`input.handoffDesk === 'channel'`: Chatwoot) gets the handover sentence and the
 * `handoff` outcome only: it hands the conversation to its agents itself, under its own opening hours.
 */
import type { Middleware } from '../core/compose.ts';
import type { GateDecision, OwnerGate } from '../core/steps/owner.ts';
import { actionPayload, intentPayload, type OutMessage } from '../core/types.ts';
import { say, setIntent } from '../dialogs/context.ts';
import { isCancel } from '../dialogs/words.ts';
import type { HandoffReason } from '../handoff/types.ts';
import type { RouteContext } from './deps.ts';

export const LEAVE_MESSAGE = 'leave_message';
const HANDOFF = 'handoff_agent';

const m = (ctx: RouteContext, key: string, params?: Record<string, string | number>) => ctx.deps.kb.message(`handoff.${key}`, ctx.lang, params);

export function handoffGate(): OwnerGate<RouteContext> {
  return {
    async decide(ctx): Promise<GateDecision> {
      const desk = ctx.deps.handoff;
      if (!desk) return { owner: 'bot' };
      const returnAsked = !ctx.payload && ctx.deps.kb.schedule.isReturnPhrase(ctx.text);
      const r = await desk.userTurn({ conversationId: ctx.input.conversationId, text: ctx.text || payloadText(ctx), lang: ctx.lang, returnAsked });
      if (r.owner === 'bot') return { owner: 'bot', notice: r.notice ? [{ text: r.notice }] : undefined, done: returnAsked };
      if (r.owner === 'agent') return { owner: 'person', notice: [{ text: m(ctx, 'delivered'), status: true }] };
      return { owner: 'person', notice: [{ text: m(ctx, 'still_queued', { position: r.status.position, minutes: r.status.waitMinutes }), status: true }] };
    },
  };
}

/** A tapped button while with a person is passed on as its title would read ("[intent:jht_claim]" otherwise). */
function payloadText(ctx: RouteContext): string {
  const p = ctx.payload;
  if (!p) return '';
  if (p.kind === 'intent') return ctx.deps.kb.entryFor(p.id) ? ctx.deps.kb.title(p.id, ctx.lang) : p.id;
  return p.kind === 'dialog' ? p.id : p.kind === 'action' ? p.name : '';
}

function leaveOptions(ctx: RouteContext): OutMessage['buttons'] {
  return [
    { title: m(ctx, 'leave_button'), payload: actionPayload(LEAVE_MESSAGE) },
    { title: m(ctx, 'complaint_button'), payload: intentPayload('complaint_create') },
  ];
}

/** Queue the conversation for a person (or, out of hours, say when agents are back). False when there is no desk. */
export async function startHandoff(ctx: RouteContext, reason: HandoffReason, confidence: number): Promise<boolean> {
  const desk = ctx.deps.handoff;
  if (!desk) return false;
  if (ctx.input.handoffDesk === 'channel') {
    ctx.state.dialog = undefined;
    say(ctx, m(ctx, reason === 'misunderstood' ? 'channel_misunderstood' : 'channel_handover'));
    setIntent(ctx, HANDOFF, confidence, 'handoff');
    return true;
  }
  const r = await desk.start({
    conversationId: ctx.input.conversationId,
    channel: ctx.input.channel,
    lang: ctx.lang,
    reason,
    recent: [...(ctx.state.recent ?? []), ...(ctx.text ? [{ from: 'user' as const, text: ctx.text, at: ctx.deps.now() }] : [])],
    replyAddress: ctx.input.replyAddress,
  });
  if (r.state === 'unavailable') {
    say(ctx, m(ctx, 'unavailable'), leaveOptions(ctx));
    setIntent(ctx, HANDOFF, confidence, 'answer');
    return true;
  }
  if (r.state === 'closed_hours') {
    say(ctx, m(ctx, 'closed_hours', { when: ctx.deps.kb.schedule.describe(r.reopensAt, ctx.lang) }), leaveOptions(ctx));
    setIntent(ctx, HANDOFF, confidence, 'answer');
    return true;
  }
  ctx.state.handoff = true;
  ctx.state.dialog = undefined;
  if (r.state === 'already' && r.owner.startsWith('agent:')) {
    const rec = await desk.get(ctx.input.conversationId);
    say(ctx, m(ctx, 'with_agent', { name: rec?.agentName ?? '' }));
  } else {
    const status = r.status ?? { position: 1, waitMinutes: 1 };
    say(ctx, m(ctx, reason === 'misunderstood' ? 'queued_misunderstood' : 'queued', { position: status.position, minutes: status.waitMinutes }));
  }
  setIntent(ctx, HANDOFF, confidence, 'handoff');
  return true;
}

/** Turns in a row the bot could not place before a person takes over (0 = never). */
export function handoffRouting(opts: { afterMisses: number }): Middleware<RouteContext> {
  return async (ctx, next) => {
    const desk = ctx.deps.handoff;
    if (desk && ctx.payload?.kind === 'action' && ctx.payload.name === LEAVE_MESSAGE) {
      ctx.state.leavingMessage = true;
      ctx.state.dialog = undefined;
      say(ctx, m(ctx, 'ask_message'));
      setIntent(ctx, HANDOFF, 1, 'dialog');
      return;
    }
    if (desk && ctx.state.leavingMessage && !ctx.payload) {
      delete ctx.state.leavingMessage;
      if (isCancel(ctx.normalized) || !ctx.text.trim()) {
        say(ctx, m(ctx, 'message_cancelled'));
        setIntent(ctx, HANDOFF, 1, 'answer');
        return;
      }
      const at = ctx.deps.now();
      await desk.leaveMessage({ conversationId: ctx.input.conversationId, channel: ctx.input.channel, lang: ctx.lang, text: ctx.text, recent: ctx.state.recent, replyAddress: ctx.input.replyAddress });
      const when = ctx.deps.kb.schedule.nextOpening(at) ?? at;
      // In opening hours (nobody on duty just now) the first agent who opens the console reads it.
      if (ctx.deps.kb.schedule.isOpen(at)) say(ctx, m(ctx, 'message_left_soon'));
      else say(ctx, m(ctx, 'message_left', { when: ctx.deps.kb.schedule.describe(when, ctx.lang) }));
      setIntent(ctx, HANDOFF, 1, 'answer');
      return;
    }
    if (ctx.state.leavingMessage) delete ctx.state.leavingMessage;
    await next();
    // Only turns the bot could not place at all count (an ask-back "Maksud Anda: …?" understood something).
    const missed = ctx.outcome === 'fallback';
    ctx.state.misses = missed ? (ctx.state.misses ?? 0) + 1 : 0;
    if (!ctx.state.misses) delete ctx.state.misses;
    // A person is offered only when one would answer (Chatwoot runs its own desk and hours); asked only at the limit.
    const open = async () => ctx.input.handoffDesk === 'channel' || (await desk!.available());
    if (desk && missed && opts.afterMisses > 0 && (ctx.state.misses ?? 0) >= opts.afterMisses && (await open())) {
      delete ctx.state.misses;
      ctx.out = [];
      await startHandoff(ctx, 'misunderstood', ctx.intent?.confidence ?? 0);
    }
  };
}
