import { callCentre, classify, say, setIntent, tr, type TurnContext } from '../core/context.ts';
import type { DialogState } from '../core/state.ts';
import type { OutMessage } from '../core/types.ts';
import type { DialogDef, Extraction, Slots } from './types.ts';
import { isCancel, isMenu, isNo, isResume, isUnknown, isYes, isWhatIf } from './words.ts';

/** After this many unusable answers in a row the dialog gives up kindly and offers help. */
const MAX_REPROMPTS = 3;
/** A message that reads as a question of its own. */
const QUESTION = /\?\s*$|^(btw\s+|eh\s+|oh ya\s+)?(apa|apakah|gimana|bagaimana|berapa|kapan|dimana|di mana|kenapa|mengapa|how|what|where|when|why)\b/;
/** Mid-dialog, only a confident classification counts as "a clearly different question". */
const INTERRUPT_CONFIDENCE = 0.8;
/** A what-if ("kalau 20 tahun?") is understood this long after a result. */
const WHAT_IF_WINDOW_MS = 30 * 60_000;

const lower = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const cancelButton = (ctx: TurnContext) => ({ title: tr(ctx, { id: 'Batal', en: 'Cancel' }), payload: 'batal' });

function nextMissing(def: DialogDef, slots: Slots): string | undefined {
  return def.slots.find((s) => !s.optional && slots[s.name] === undefined)?.name;
}

function emit(ctx: TurnContext, messages: OutMessage[]): void {
  ctx.out.push(...messages);
}

/** Ask for the next slot, confirm, or complete. */
async function advance(ctx: TurnContext, def: DialogDef, ds: DialogState, reprompt = false): Promise<void> {
  const missing = nextMissing(def, ds.slots);
  setIntent(ctx, def.intent, 1, 'dialog');
  if (missing) {
    // Asking for the same slot again (the user answered something else): the short form, with an example.
    const again = reprompt || ds.awaiting === missing;
    ds.awaiting = missing;
    ds.confirming = false;
    ctx.state.dialog = ds;
    const msgs = def.prompt(missing, ctx, ds.slots, again);
    const last = msgs[msgs.length - 1];
    if (last && !last.buttons?.length) last.buttons = [cancelButton(ctx)];
    emit(ctx, msgs);
    return;
  }
  if (def.confirm && !ds.confirming) {
    ds.awaiting = undefined;
    ds.confirming = true;
    ctx.state.dialog = ds;
    emit(ctx, def.confirm(ctx, ds.slots));
    return;
  }
  const result = await def.complete(ctx, ds.slots);
  emit(ctx, result.messages);
  if (result.done) {
    ctx.state.dialog = undefined;
    if (def.whatIf) ctx.state.lastResult = { dialog: def.id, slots: ds.slots, at: ctx.deps.now() };
    ctx.deps.observer?.dialogCompleted?.(def.id);
    return;
  }
  // The dialog asks again for some slots (e.g. verification failed): clear them and ask the first.
  for (const s of result.clear) delete ds.slots[s];
  ds.confirming = false;
  ds.reprompts = 0;
  const missingAgain = nextMissing(def, ds.slots);
  if (!missingAgain) {
    ctx.state.dialog = undefined;
    return;
  }
  ds.awaiting = missingAgain;
  ctx.state.dialog = ds;
  const msgs = def.prompt(missingAgain, ctx, ds.slots, false);
  emit(ctx, msgs);
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
      emit(ctx, early.messages);
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

/**
 * Continue the active dialog with this message. Returns false when the message is a clearly different
 * question: the caller answers it, and `offerResume` reminds the user of the unfinished dialog.
 */
export async function continueDialog(ctx: TurnContext, def: DialogDef): Promise<boolean> {
  const ds = ctx.state.dialog!;
  const text = lower(ctx.text);
  ds.updatedAt = ctx.deps.now();

  if (isCancel(text) || isMenu(text)) {
    ctx.state.dialog = undefined;
    setIntent(ctx, def.intent, 1, 'dialog');
    say(
      ctx,
      tr(ctx, {
        id: `Baik, ${def.title.id} dibatalkan. Ada lagi yang bisa Jessi bantu?`,
        en: `OK, the ${def.title.en} is cancelled. Anything else I can help with?`,
      }),
      [
        { title: tr(ctx, { id: 'Menu utama', en: 'Main menu' }), payload: 'intent:menu' },
        { title: tr(ctx, { id: `Mulai lagi`, en: 'Start again' }), payload: `dialog:${def.id}` },
      ],
    );
    return true;
  }

  if (ds.confirming) {
    if (isYes(text)) {
      await advance(ctx, def, ds);
      return true;
    }
    if (isNo(text)) {
      // Ask everything again, keeping nothing that might be wrong.
      ds.slots = {};
      ds.confirming = false;
      say(ctx, tr(ctx, { id: 'Baik, kita ulangi datanya.', en: "OK, let's go through it again." }));
      await advance(ctx, def, ds);
      return true;
    }
  }

  const extraction = def.extract(ctx.text, ds.awaiting, ctx, ds.slots);
  const found = Object.keys(extraction.values).length > 0;
  if (found) {
    Object.assign(ds.slots, extraction.values);
    ds.reprompts = 0;
    await advance(ctx, def, ds);
    return true;
  }

  // Nothing usable: is it another question? Then answer that and keep the dialog for later.
  const nlu = classify(ctx);
  const mayInterrupt = !extraction.invalid && !isResume(text) && !isUnknown(text) && nlu.intent !== def.intent && nlu.intent !== 'out_of_scope';
  // A confident other intent, or an explicit question the classifier is unsure about (it will ask back).
  const otherQuestion =
    mayInterrupt &&
    ((nlu.outcome === 'answer' && nlu.confidence >= INTERRUPT_CONFIDENCE) || (nlu.outcome === 'ask' && QUESTION.test(text)));
  if (otherQuestion) return false;

  if (ds.confirming) {
    setIntent(ctx, def.intent, 1, 'dialog');
    say(ctx, tr(ctx, { id: 'Mohon jawab *ya* untuk mengirim, atau *tidak* untuk mengubah data.', en: 'Please answer *yes* to send, or *no* to change the details.' }), [
      { title: tr(ctx, { id: 'Ya, kirim', en: 'Yes, send' }), payload: 'ya' },
      { title: tr(ctx, { id: 'Ubah data', en: 'Change details' }), payload: 'tidak' },
      cancelButton(ctx),
    ]);
    ctx.state.dialog = ds;
    return true;
  }

  ds.reprompts += 1;
  if (ds.reprompts >= MAX_REPROMPTS) {
    ctx.state.dialog = undefined;
    setIntent(ctx, def.intent, 1, 'dialog');
    say(
      ctx,
      tr(ctx, {
        id: `Maaf, Jessi belum bisa menangkap jawabannya, jadi ${def.title.id} saya hentikan dulu. Anda bisa mulai lagi kapan saja, atau hubungi call center *${callCentre(ctx)}*.`,
        en: `Sorry, I could not understand the answer, so I have stopped the ${def.title.en}. You can start again any time, or call *${callCentre(ctx)}*.`,
      }),
      [
        { title: tr(ctx, { id: 'Mulai lagi', en: 'Start again' }), payload: `dialog:${def.id}` },
        { title: tr(ctx, { id: 'Menu utama', en: 'Main menu' }), payload: 'intent:menu' },
      ],
    );
    return true;
  }
  if (extraction.invalid) say(ctx, tr(ctx, extraction.invalid.reason));
  await advance(ctx, def, ds, true);
  return true;
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
    tr(ctx, {
      id: `Omong-omong, ${def.title.id} Anda belum selesai. ${ask}`.trim(),
      en: `By the way, your ${def.title.en} is not finished yet. ${ask}`.trim(),
    }),
    [...(prompt.at(-1)?.buttons ?? []).filter((b) => b.payload !== 'batal'), cancelButton(ctx)],
  );
}

/**
 * "kalau 20 tahun?" after a simulation result: recompute with the one value changed.
 * Returns true when the message was such a follow-up.
 */
export async function tryWhatIf(ctx: TurnContext): Promise<boolean> {
  const last = ctx.state.lastResult;
  if (!last || ctx.deps.now() - last.at > WHAT_IF_WINDOW_MS) return false;
  const def = ctx.deps.dialogs.get(last.dialog);
  if (!def) return false;
  const text = lower(ctx.text);
  const extraction = def.extract(ctx.text, undefined, ctx, last.slots);
  const changed = Object.keys(extraction.values);
  if (!changed.length) return false;
  // A bare value ("20 tahun") or a what-if phrase; a new full request goes through the normal route.
  const nlu = classify(ctx);
  const whatIf = isWhatIf(text);
  const differentQuestion = nlu.outcome === 'answer' && nlu.intent !== def.intent && nlu.confidence > 0.8 && !whatIf;
  if (differentQuestion) return false;
  // "simulasi jht gaji 5 juta 10 tahun" again is a new request, not a change of one value.
  if (!whatIf && changed.length >= 2 && nlu.intent === def.intent) return false;
  const ds: DialogState = { id: def.id, slots: { ...last.slots, ...extraction.values }, reprompts: 0, startedAt: ctx.deps.now(), updatedAt: ctx.deps.now() };
  await advance(ctx, def, ds);
  return true;
}
