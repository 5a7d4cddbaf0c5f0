/**
 * The dialog engine: fills a dialog's slots turn by turn. It asks for missing slots, re-prompts with an
 * example after an unusable answer, handles corrections, cancel, confirmation, time-outs and what-ifs. It
 * does not decide whether a message is "another question" mid-dialog: that policy lives in one place, the
 * routing step `activeDialog` (src/routing/active-dialog.ts), which calls `continueDialog` and, when the
 * message fills nothing, either answers the other question or calls `repromptDialog`.
 */
import type { DialogState } from '../core/state.ts';
import { dialogPayload, intentPayload, valuePayload, type OutMessage } from '../core/types.ts';
import { say, setIntent, type DialogContext } from './context.ts';
import type { DialogDef, Extraction, Slots } from './types.ts';
import { isCancel, isMenu, isNo, isYes } from './words.ts';

type TurnContext = DialogContext;

/** After this many unusable answers in a row the dialog gives up kindly and offers help. */
const MAX_REPROMPTS = 3;
/** A what-if ("kalau 20 tahun?") is understood this long after a result. */
export const WHAT_IF_WINDOW_MS = 30 * 60_000;

/** A sentence of the engine's catalogue (knowledge/messages/engine.yaml). */
const m = (ctx: TurnContext, key: string, params?: Record<string, string>): string => ctx.deps.kb.message(`engine.${key}`, ctx.lang, params);
const titleOf = (ctx: TurnContext, def: DialogDef): string => ctx.deps.kb.message(def.title, ctx.lang);

const cancelButton = (ctx: TurnContext) => ({ title: m(ctx, 'button_cancel'), payload: valuePayload('batal') });

/** Stop the dialog with a message, offering the menu and a fresh start. */
function stopDialog(ctx: TurnContext, def: DialogDef, text: string, order: 'menu-first' | 'restart-first'): void {
  ctx.state.dialog = undefined;
  setIntent(ctx, def.intent, 1, 'dialog');
  const menu = { title: m(ctx, 'button_menu'), payload: intentPayload('menu') };
  const restart = { title: m(ctx, 'button_restart'), payload: dialogPayload(def.id) };
  say(ctx, text, order === 'menu-first' ? [menu, restart] : [restart, menu]);
}

/** Ask for one slot (the last bubble gets a cancel button when it has no buttons of its own). */
function askSlot(ctx: TurnContext, def: DialogDef, ds: DialogState, slot: string, reprompt: boolean, withCancel: boolean): void {
  ds.awaiting = slot;
  ds.confirming = false;
  ctx.state.dialog = ds;
  const msgs = def.prompt(slot, ctx, ds.slots, reprompt);
  const last = msgs[msgs.length - 1];
  if (withCancel && last && !last.buttons?.length) last.buttons = [cancelButton(ctx)];
  ctx.out.push(...msgs);
}

function nextMissing(def: DialogDef, slots: Slots): string | undefined {
  return def.slots.find((s) => !s.optional && slots[s.name] === undefined)?.name;
}

/** Ask for the next slot, confirm, or complete. */
async function advance(ctx: TurnContext, def: DialogDef, ds: DialogState, reprompt = false): Promise<void> {
  const missing = nextMissing(def, ds.slots);
  setIntent(ctx, def.intent, 1, 'dialog');
  if (missing) {
    // Asking for the same slot again (the user answered something else): the short form, with an example.
    askSlot(ctx, def, ds, missing, reprompt || ds.awaiting === missing, true);
    return;
  }
  if (def.confirm && !ds.confirming) {
    ds.awaiting = undefined;
    ds.confirming = true;
    ctx.state.dialog = ds;
    ctx.out.push(...def.confirm(ctx, ds.slots));
    return;
  }
  // Every required slot is known here (nextMissing): what a dialog's typed `complete(ctx, slots: S)` relies on.
  const result = await def.complete(ctx, ds.slots);
  ctx.out.push(...result.messages);
  if (result.done) {
    ctx.state.dialog = undefined;
    if (def.whatIf) ctx.state.lastResult = { dialog: def.id, slots: ds.slots, at: ctx.deps.now() };
    ctx.deps.observer?.dialogCompleted?.(def.id);
    return;
  }
  if (result.confirmAgain) {
    ds.awaiting = undefined;
    ds.confirming = true;
    ctx.state.dialog = ds;
    return;
  }
  // The dialog asks again for some slots (e.g. verification failed): clear them and ask the first.
  for (const s of result.clear) delete ds.slots[s];
  ds.confirming = false;
  ds.reprompts = 0;
  if (result.awaiting) {
    ds.awaiting = result.awaiting;
    ctx.state.dialog = ds;
    return;
  }
  const missingAgain = nextMissing(def, ds.slots);
  if (!missingAgain) {
    ctx.state.dialog = undefined;
    return;
  }
  askSlot(ctx, def, ds, missingAgain, false, false);
}

/** Start a dialog, filling whatever the first message already says ("hitung jht gaji 7,5 juta 20 tahun"). */
export async function startDialog(ctx: TurnContext, def: DialogDef, first?: Extraction, seed: Slots = {}): Promise<void> {
  const now = ctx.deps.now();
  const extraction = first ?? def.extract(ctx.text, undefined, ctx, {});
  const ds: DialogState = { id: def.id, slots: { ...seed, ...extraction.values }, reprompts: 0, startedAt: now, updatedAt: now };
  ctx.state.dialog = undefined;
  if (def.onStart) {
    const early = await def.onStart(ctx, ds.slots);
    if (early) {
      setIntent(ctx, def.intent, 1, 'dialog');
      ctx.out.push(...early.messages);
      if (early.done) return;
    }
  }
  await advance(ctx, def, ds);
}

/** True when the active dialog has timed out (it is then forgotten). */
export function expireDialog(ctx: TurnContext): void {
  const ds = ctx.state.dialog;
  if (ds && ctx.deps.now() - ds.updatedAt > ctx.deps.dialogTimeoutSeconds * 1000) ctx.state.dialog = undefined;
}

/** What `continueDialog` made of a message. */
export type Continuation = { handled: true } | { handled: false; extraction: Extraction };

/**
 * Continue the active dialog with this message: cancel, a yes/no at the confirmation, or slot values (a later
 * value replaces an earlier one: that is how corrections work). When the message fills nothing, nothing is
 * said and `{ handled: false }` comes back: the caller decides whether it is another question.
 */
export async function continueDialog(ctx: TurnContext, def: DialogDef): Promise<Continuation> {
  const ds = ctx.state.dialog!;
  const text = ctx.normalized;
  ds.updatedAt = ctx.deps.now();

  if (isCancel(text) || isMenu(text)) {
    stopDialog(ctx, def, m(ctx, 'cancelled', { title: titleOf(ctx, def) }), 'menu-first');
    return { handled: true };
  }

  if (ds.confirming) {
    if (isYes(text)) {
      await advance(ctx, def, ds);
      return { handled: true };
    }
    if (isNo(text)) {
      // Ask everything again, keeping nothing that might be wrong.
      ds.slots = {};
      ds.confirming = false;
      say(ctx, m(ctx, 'again'));
      await advance(ctx, def, ds);
      return { handled: true };
    }
  }

  const extraction = def.extract(ctx.text, ds.awaiting, ctx, ds.slots);
  if (Object.keys(extraction.values).length > 0) {
    Object.assign(ds.slots, extraction.values);
    ds.reprompts = 0;
    await advance(ctx, def, ds);
    return { handled: true };
  }
  return { handled: false, extraction };
}

/**
 * The message filled nothing and is not another question: ask again (with the reason and an example), re-ask
 * the confirmation, or, after too many tries, stop kindly.
 */
export async function repromptDialog(ctx: TurnContext, def: DialogDef, extraction: Extraction): Promise<void> {
  const ds = ctx.state.dialog!;
  if (ds.confirming) {
    setIntent(ctx, def.intent, 1, 'dialog');
    say(ctx, m(ctx, 'confirm_again'), [
      { title: m(ctx, 'button_yes_send'), payload: valuePayload('ya') },
      { title: m(ctx, 'button_change'), payload: valuePayload('tidak') },
      cancelButton(ctx),
    ]);
    ctx.state.dialog = ds;
    return;
  }
  ds.reprompts += 1;
  if (ds.reprompts >= MAX_REPROMPTS) {
    stopDialog(ctx, def, m(ctx, 'gave_up', { title: titleOf(ctx, def) }), 'restart-first');
    return;
  }
  if (extraction.invalid) say(ctx, extraction.invalid.reason[ctx.lang]);
  await advance(ctx, def, ds, true);
}

/** After answering another question mid-dialog: remind the user where we were. */
export function offerResume(ctx: TurnContext, def: DialogDef): void {
  const ds = ctx.state.dialog;
  if (!ds) return;
  const slot = ds.awaiting ?? nextMissing(def, ds.slots);
  const prompt = slot ? def.prompt(slot, ctx, ds.slots, false) : [];
  const ask = prompt.map((m) => m.text).join('\n');
  say(
    ctx,
    m(ctx, 'resume', { title: titleOf(ctx, def), ask }).trim(),
    [...(prompt.at(-1)?.buttons ?? []).filter((b) => b.payload !== cancelButton(ctx).payload), cancelButton(ctx)],
  );
}

/**
 * "kalau 20 tahun?" after a result: recompute the finished dialog with the changed values. The routing step
 * `whatIf` decides whether a message is such a follow-up; this only recomputes.
 */
export async function recompute(ctx: TurnContext, def: DialogDef, slots: Slots): Promise<void> {
  const now = ctx.deps.now();
  const ds: DialogState = { id: def.id, slots, reprompts: 0, startedAt: now, updatedAt: now };
  await advance(ctx, def, ds);
}
