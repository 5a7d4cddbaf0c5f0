/**
 * `payload()`: read a tapped button. `intent:<id>` and `dialog:<id>` become `ctx.payload` (routed directly);
 * any other payload is a typed value ("ya", "batal", "2") and becomes the turn's text.
 */
import type { Middleware } from '../compose.ts';
import type { TurnContext } from '../context.ts';
import { MAX_TEXT, parsePayload } from '../types.ts';

export function payload<C extends TurnContext>(): Middleware<C> {
  return async (ctx, next) => {
    const wire = ctx.input.payload;
    if (wire !== undefined) {
      const p = parsePayload(wire);
      if (p.kind === 'value') ctx.text = p.text.slice(0, MAX_TEXT);
      else ctx.payload = p;
    }
    await next();
  };
}
