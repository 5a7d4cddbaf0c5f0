/**
 * Act on an intent: start its dialog when it has one (and the message warrants it), otherwise answer from
 * the knowledge base, otherwise fall back.
 */
import { startDialog } from '../dialogs/engine.ts';
import type { RouteContext } from './deps.ts';
import { startHandoff } from './handoff.ts';
import { answerFromKnowledge, fallback, type Asked } from './replies.ts';

/** Would this message start the intent's dialog (rather than get the knowledge answer)? */
export function startsDialog(ctx: RouteContext, intent: string): boolean {
  const def = ctx.deps.dialogs.forIntent(intent);
  return !!def && (!def.startWhen || def.startWhen(def.extract(ctx.text, undefined, ctx, {})));
}

/** `forced`: a button named the intent, so its dialog starts with nothing read from the text. */
export async function runIntent(ctx: RouteContext, intent: string, confidence: number, forced: boolean, asked: Asked = {}): Promise<void> {
  // "mau ngomong sama petugas": a person takes over when the live-chat desk is on (else the answer gives the contacts).
  if (intent === 'handoff_agent' && (await startHandoff(ctx, 'request', confidence))) return;
  const def = ctx.deps.dialogs.forIntent(intent);
  if (def) {
    const first = forced ? { values: {} } : def.extract(ctx.text, undefined, ctx, {});
    if (forced || !def.startWhen || def.startWhen(first)) {
      await startDialog(ctx, def, first);
      return;
    }
  }
  // "gaji 13 juta, JP dipotong berapa?": this aspect of the programme is computed when the message gives the values.
  const computing = !forced ? ctx.deps.dialogs.get(ctx.deps.router.catalog.computation(ctx.deps.router.catalog.meta(intent)?.program, asked.aspect) ?? '') : undefined;
  if (computing && computing !== def) {
    const first = computing.extract(ctx.text, undefined, ctx, {});
    if (!computing.startWhen || computing.startWhen(first)) {
      await startDialog(ctx, computing, first);
      return;
    }
  }
  if (!answerFromKnowledge(ctx, intent, confidence, asked)) fallback(ctx, confidence);
}
