/**
 * `recent(opts)`: keep the last few messages of the conversation in its state (cut short, at most `keep`),
 * so that an agent who takes the conversation over sees how it went. Masking happens when the desk copies
 * them into its transcript; the state never leaves the server.
 */
import type { Middleware } from '../compose.ts';
import type { TurnContext } from '../context.ts';

export function recent<C extends TurnContext>(opts: { keep: number; chars: number; now: () => number }): Middleware<C> {
  const cut = (t: string) => (t.length > opts.chars ? `${t.slice(0, opts.chars - 1)}…` : t);
  return async (ctx, next) => {
    await next();
    const at = opts.now();
    const list = ctx.state.recent ?? [];
    if (ctx.text) list.push({ from: 'user', text: cut(ctx.text), at });
    for (const m of ctx.out) if (!m.status && m.text) list.push({ from: 'bot', text: cut(m.text), at });
    ctx.state.recent = list.slice(-opts.keep);
  };
}
