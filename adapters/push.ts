/**
 * Live-chat delivery for the push channels (WhatsApp Cloud, WhatsApp via Baileys, Bot Framework): what an agent
 * writes, and what the desk tells the user outside a turn ("Agent Rina has joined", "handed back to Jessi"),
 * reaches the user through the channel's own way back, the `replyAddress` the channel gave the bot with the
 * user's turn and the desk kept with the handoff.
 *
 * Every instance hears every handoff event (Bus topic `handoff`); for each agent or system message of its
 * channel one instance wins `desk.claimDelivery` and sends it, in order per conversation. Neither the address
 * nor the text is ever logged; a failed delivery is logged without personal data, counted, and never thrown.
 *
 * In a turn, the channels send only the bot's answers: `status` messages ("Sent to the agent.") are for the
 * web widget, a push channel has its own delivery marks.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Lang, OutMessage } from '../src/core/types.ts';
import type { HandoffDesk } from '../src/handoff/types.ts';

/** How one delivery ended (the `outcome` label of jessi_handoff_push_total). */
export type PushOutcome = 'delivered' | 'failed' | 'no_address';

export interface PushDeliveryOptions {
  desk: HandoffDesk;
  /** The channel name this adapter gives the bot (`TurnInput.channel`), which the desk keeps with the conversation. */
  channel: string;
  log: Logger;
  /** A sentence of the message catalogue (the agent's name before their text). */
  message(key: string, lang: Lang, params?: Record<string, string | number>): string | Promise<string>;
  /** Send one plain text to a stored address; throws when it was not sent. */
  send(address: string, text: string): Promise<void>;
  /** False while this instance cannot send (Baileys on standby): the message is left to the instance that can. */
  canSend?(): boolean;
  observe?(channel: string, outcome: PushOutcome): void;
}

export interface PushDelivery {
  /** Stop listening and wait (bounded) for deliveries under way. */
  stop(): Promise<void>;
}

/** What a channel sends of a turn's reply: the answers, not the status notices. */
export const sendable = (messages: readonly OutMessage[]): OutMessage[] => messages.filter((m) => !m.status);

// Events come from other instances over the Bus: read only what is used, and check it.
const messageEvent = z.object({
  type: z.literal('message'),
  conversationId: z.string().min(1).max(200),
  channel: z.string().min(1).max(64),
  entry: z.object({
    seq: z.number().int().positive(),
    from: z.enum(['user', 'bot', 'agent', 'system']),
    text: z.string().min(1).max(4000),
    agentName: z.string().max(200).optional(),
  }),
});

/** An error as logs may show it: its kind and numeric codes only (texts can echo a recipient or an address). */
export function errorFacts(err: unknown): Record<string, string | number> {
  const e = err as { name?: unknown; status?: unknown; statusCode?: unknown; code?: unknown } | undefined;
  const facts: Record<string, string | number> = { error: typeof e?.name === 'string' ? e.name : typeof err };
  for (const k of ['status', 'statusCode', 'code'] as const) {
    const v = e?.[k];
    if (typeof v === 'number' || (typeof v === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(v))) facts[k] = v;
  }
  return facts;
}

/** Listen for the desk's messages of `channel` and deliver each one once. */
export async function startPushDelivery(opts: PushDeliveryOptions): Promise<PushDelivery> {
  const { desk, channel, log } = opts;
  const tails = new Map<string, Promise<void>>();
  let stopped = false;

  /** One conversation's messages in order; conversations side by side. */
  const inOrder = (key: string, task: () => Promise<void>) => {
    const next = (tails.get(key) ?? Promise.resolve()).then(task).catch(() => undefined);
    tails.set(key, next);
    void next.then(() => {
      if (tails.get(key) === next) tails.delete(key);
    });
  };

  const count = (outcome: PushOutcome) => opts.observe?.(channel, outcome);

  async function deliver(conversationId: string, entry: z.infer<typeof messageEvent>['entry']): Promise<void> {
    try {
      if (!(await desk.claimDelivery(conversationId, entry.seq, channel))) return; // another instance has it
    } catch (err) {
      log.warn({ conversationId, seq: entry.seq, ...errorFacts(err) }, 'live-chat message not claimed: not delivered');
      count('failed');
      return;
    }
    try {
      const address = await desk.replyAddress(conversationId);
      if (!address) {
        log.warn({ conversationId, seq: entry.seq }, 'live-chat message not delivered: no way back to the user kept');
        count('no_address');
        return;
      }
      let text = entry.text;
      if (entry.from === 'agent') {
        const lang = (await desk.get(conversationId))?.lang ?? 'id';
        text = entry.agentName ? await opts.message('handoff.agent_says', lang, { name: entry.agentName, text }) : await opts.message('handoff.agent_says_unnamed', lang, { text });
      }
      await opts.send(address, text);
      count('delivered');
      log.debug({ conversationId, seq: entry.seq, from: entry.from }, 'live-chat message delivered');
    } catch (err) {
      log.warn({ conversationId, seq: entry.seq, ...errorFacts(err) }, 'live-chat message not delivered');
      count('failed');
    }
  }

  const unsubscribe = await desk.subscribe((e) => {
    if (stopped || (e as { type?: unknown })?.type !== 'message') return;
    const m = messageEvent.safeParse(e);
    if (!m.success) return void log.warn({ problem: m.error.issues[0]?.path.join('.') }, 'malformed handoff message event ignored');
    const { conversationId, entry } = m.data;
    if (m.data.channel !== channel || (entry.from !== 'agent' && entry.from !== 'system')) return;
    if (opts.canSend && !opts.canSend()) return;
    inOrder(conversationId, () => deliver(conversationId, entry));
  });

  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await unsubscribe().catch(() => undefined);
      const drained = (async () => {
        while (tails.size) await Promise.all([...tails.values()]);
      })();
      await Promise.race([drained, new Promise((r) => setTimeout(r, 10_000).unref())]);
    },
  };
}
