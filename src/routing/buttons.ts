/**
 * Routing step 1, `buttons`: a tapped button that names a dialog starts it; one that names an intent is
 * answered. A topic button tapped mid-dialog is answered and the unfinished dialog is offered again.
 */
import type { Middleware } from '../core/compose.ts';
import { offerResume, startDialog } from '../dialogs/engine.ts';
import type { RouteContext } from './deps.ts';
import { answerFromKnowledge, fallback } from './replies.ts';
import { recordVote } from './feedback.ts';
import { runIntent } from './run-intent.ts';

export function buttons(): Middleware<RouteContext> {
  return async (ctx, next) => {
    const p = ctx.payload;
    if (!p) return next();
    const { dialogs, router, kb } = ctx.deps;
    if (p.kind === 'feedback') return recordVote(ctx, p);
    // Actions are taken by their own step (routing/handoff.ts); one nobody took is stale.
    if (p.kind === 'action') return fallback(ctx, 0);
    if (p.kind === 'dialog') {
      const def = dialogs.get(p.id);
      if (def) await startDialog(ctx, def, { values: {} });
      else fallback(ctx, 0);
      return;
    }
    if (!router.intents().includes(p.id) && !kb.entryFor(p.id)) return fallback(ctx, 0);
    const active = ctx.state.dialog ? dialogs.get(ctx.state.dialog.id) : undefined;
    if (active && !dialogs.forIntent(p.id)) {
      if (!answerFromKnowledge(ctx, p.id, 1)) fallback(ctx, 0);
      offerResume(ctx, active);
      return;
    }
    ctx.state.dialog = undefined;
    await runIntent(ctx, p.id, 1, true);
  };
}
