/**
 * Conversations through the bot core (`bot.handle`, no HTTP): the real service's bot with its embedded sandbox,
 * limits off. `talk` runs one conversation and checks each reply.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createApp, type JessiApp } from '../../src/app.ts';
import type { JessiBot } from '../../src/core/bot.ts';

/** [what the user says, what the reply must show, what it must not show]. */
export type Turn = [say: string, want: RegExp[], not?: RegExp];

export interface Core {
  bot: JessiBot;
  /** One conversation; returns the reply texts. */
  talk(turns: Turn[]): Promise<string[]>;
  close(): Promise<void>;
}

export async function startCore(): Promise<Core> {
  const jessi: JessiApp = await createApp({ PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
  const bot = await jessi.ready;
  return {
    bot,
    async talk(turns) {
      const conversationId = `conv-${randomUUID()}`;
      const replies: string[] = [];
      for (const [i, [say, want, not]] of turns.entries()) {
        const out = await bot.handle({ channel: 'api', conversationId, text: say });
        const text = out.messages.map((m) => m.text).join('\n');
        replies.push(text);
        for (const w of want) expect(text, `turn ${i + 1} "${say}" (${out.intent.id})`).toMatch(w);
        if (not) expect(text, `turn ${i + 1} "${say}" (${out.intent.id})`).not.toMatch(not);
      }
      return replies;
    },
    close: () => jessi.close(),
  };
}
