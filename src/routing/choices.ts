/**
 * Routing step `choices`: "the first one", "yang kedua", "2" typed after a reply with topic buttons picks that
 * button, as if tapped. `rememberChoices` (outermost routing step) keeps the intent/dialog buttons of each reply
 * in the state; a dialog in progress reads its own choices first (this step runs after `activeDialog`).
 */
import type { Middleware } from '../core/compose.ts';
import { parsePayload } from '../core/types.ts';
import { recordVote } from './feedback.ts';
import { startDialog } from '../dialogs/engine.ts';
import type { RouteContext } from './deps.ts';
import { fallback } from './replies.ts';
import { runIntent } from './run-intent.ts';

const ORDINALS: [RegExp, number][] = [
  [/^(1|satu|pertama|kesatu|first|one)$/, 0],
  [/^(2|dua|kedua|second|two)$/, 1],
  [/^(3|tiga|ketiga|third|three)$/, 2],
  [/^(4|empat|keempat|fourth|four)$/, 3],
  [/^(5|lima|kelima|fifth|five)$/, 4],
  [/^(6|enam|keenam|sixth|six)$/, 5],
];
const FILLER = new Set(['the', 'one', 'option', 'number', 'no', 'nomor', 'no.', 'yang', 'pilih', 'pilihan', 'saya', 'aku', 'mau', 'i', 'want', 'choose', 'pick', 'take', 'ambil', 'aja', 'saja', 'dong', 'ya', 'please', 'opsi', 'topik', 'nomer', 'itu', 'min', 'kak']);

/** Index of the choice an ordinal message names, or undefined ("the first one" → 0, "2" → 1). */
export function choiceIndex(text: string): number | undefined {
  const words = (typeof text === 'string' ? text : '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
  if (!words.length || words.length > 5) return undefined;
  let found: number | undefined;
  for (const w of words) {
    const hit = ORDINALS.find(([re]) => re.test(w));
    if (hit && found === undefined && !(w === 'one' && words.length > 1)) found = hit[1];
    else if (!FILLER.has(w)) return undefined;
  }
  return found;
}

export function rememberChoices(): Middleware<RouteContext> {
  return async (ctx, next) => {
    await next();
    const wires = ctx.out.flatMap((m) => m.buttons ?? []).map((b) => b.payload).filter((p) => parsePayload(p).kind !== 'value');
    ctx.state.lastChoices = wires.length ? wires : undefined;
  };
}

export function choices(): Middleware<RouteContext> {
  return async (ctx, next) => {
    const list = ctx.state.lastChoices;
    const k = list?.length && !ctx.payload ? choiceIndex(ctx.text) : undefined;
    const wire = k === undefined ? undefined : list![k];
    if (!wire) return next();
    const p = parsePayload(wire);
    if (p.kind === 'dialog') {
      const def = ctx.deps.dialogs.get(p.id);
      if (def) return startDialog(ctx, def, { values: {} });
      return fallback(ctx, 0);
    }
    if (p.kind === 'intent') return runIntent(ctx, p.id, 1, true);
    if (p.kind === 'feedback') return recordVote(ctx, p);
    return next();
  };
}
