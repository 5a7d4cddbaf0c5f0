/** autocannon runs against POST /api/chat shared by the benchmarks: one message, or the 4-turn JHT dialog with its session reused. */
import autocannon from 'autocannon';
import { DIALOG } from './paced.ts';

/** The message of the single-turn runs (no session: every request opens a conversation). */
export const MESSAGE = 'gimana cara cairin jht saya min';

export type ChatMode = 'single' | 'dialog';

export function chatRun(url: string, opts: { connections: number; duration: number; mode?: ChatMode; path?: string }): Promise<autocannon.Result> {
  const path = opts.path ?? '/api/chat';
  const common = { url: `${url}${path}`, method: 'POST' as const, connections: opts.connections, duration: opts.duration, headers: { 'content-type': 'application/json' } };
  if ((opts.mode ?? 'single') === 'single') return autocannon({ ...common, body: JSON.stringify({ text: MESSAGE }) });
  // 4-turn dialogs: the first turn opens the conversation, the next three continue it with the id it returned.
  return autocannon({
    ...common,
    requests: DIALOG.map((text, step) => ({
      method: 'POST' as const,
      path,
      setupRequest: (req: autocannon.Request, ctx: { sid?: string }) => ({ ...req, body: JSON.stringify(step && ctx.sid ? { sessionId: ctx.sid, text } : { text }) }),
      ...(step === 0
        ? { onResponse: (status: number, body: string, ctx: { sid?: string }) => void (ctx.sid = status === 200 ? (JSON.parse(body) as { sessionId: string }).sessionId : undefined) }
        : {}),
    })) as autocannon.Request[],
  });
}
