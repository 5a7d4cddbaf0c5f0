/**
 * "kenapa harus tanggal lahir?", "aman ga data saya?", "why do you need my date of birth?" typed at a slot
 * prompt: a question about the prompt itself. It is answered (why the value is needed, and that it is kept
 * safe), then the same slot is asked again; it is never taken as the value nor counted as a failed answer.
 */
import { say } from '../dialogs/context.ts';
import type { DialogDef } from '../dialogs/types.ts';
import type { RouteContext } from './deps.ts';

const WHY = /\b(kenapa|mengapa|knp|ngapain|buat apa|untuk apa|utk apa|why|what for)\b/i;
const SAFE = /\b(aman|amankah|privasi|disalahgunakan|bocor|rahasia|safe|secure|privacy|misused|leak)\b/i;
/** Words that tie the question to the prompt (the value asked, or "data saya"). */
const ABOUT_PROMPT = /\b(harus|perlu|minta|diminta|butuh|dibutuhkan|ditanya|nanya|tanya|data|tanggal lahir|tgl lahir|kpj|nik|upah|gaji|nomor|need|needed|ask|asking|require|required|date of birth|birth date|my data)\b/i;

export function isWhyAsked(text: string): boolean {
  const t = typeof text === 'string' ? text : '';
  if (t.length > 160) return false;
  return (WHY.test(t) && ABOUT_PROMPT.test(t)) || (SAFE.test(t) && /\b(data|datanya|nik|kpj|lahir|tgl|information|details|birth)\b/i.test(t));
}

/** The explanation: identity checks verify the owner; calculators need the value for the figure. */
export function explainPrompt(ctx: RouteContext, def: DialogDef): void {
  const verifies = def.slots.some((s) => s.name === 'identifier');
  say(ctx, ctx.deps.kb.message(verifies ? 'routing.why_verify' : 'routing.why_value', ctx.lang));
}
