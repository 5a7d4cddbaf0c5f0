/**
 * The shape of a dialog: a declarative slot-filling conversation (what to read, what to ask, what to do
 * when everything is known). The engine (engine.ts) drives it; the registry (registry.ts) finds it.
 */
import type { Lang, OutMessage } from '../core/types.ts';
import type { DialogContext } from './context.ts';


/**
 * Slot values by name. A dialog narrows it with `DialogDef<S>` for its own slots, declared with a type alias
 * (an interface is not assignable to a Record): `type JkpSlots = { wage: number; reusedWage?: boolean }`, the slots
 * it asks for required, everything else it keeps optional.
 */
export type Slots = Record<string, unknown>;

/** The name of one of a dialog's slots. */
export type SlotName<S extends Slots> = keyof S & string;

/**
 * Slots the routing step `whatIf` (src/routing/what-if.ts) sets on any result it shows again: `aspect` (the part
 * of the result asked first, one of the dialog's `resultAspects`) and `followUp` (only a part of a result already
 * shown is asked). A dialog that reads them adds this to its slots.
 */
export type FollowUpSlots = { aspect?: string; followUp?: boolean };

/** What a dialog found in one message. */
export interface Extraction<S extends Slots = Slots> {
  /** Slot values found (a later value replaces an earlier one: that is how corrections work). */
  values: Partial<S>;
  /** A slot the user tried to answer with something unusable (e.g. "UMR" for a wage), with the reason. */
  invalid?: { slot: SlotName<S>; reason: Record<Lang, string> };
}

/**
 * A declarative slot-filling dialog. The engine (engine.ts) asks for missing slots, re-prompts with an
 * example after an invalid answer, handles corrections, cancel, interruptions and time-outs; a dialog only
 * says how to read values, what to ask, and what to do when everything is known.
 *
 * `S` is the dialog's own slots; the engine and the registry take every dialog in its erased form, `DialogDef`
 * (`S` = `Slots`). The members are method signatures, so a `DialogDef<JkpSlots>` is a `DialogDef`.
 */
export interface DialogDef<S extends Slots = Slots> {
  id: string;
  /** Intent reported while the dialog runs. */
  intent: string;
  /** The catalogue key of the dialog's name in sentences ("dialogs.jht_simulation" → "simulasi JHT"). */
  title: string;
  /** Slots in the order they are asked. Optional slots are never asked (they have defaults). */
  slots: { name: SlotName<S>; optional?: boolean }[];
  /** Read slot values from a message. `awaiting` is the slot the bot just asked for (bare values go there). */
  extract(text: string, awaiting: SlotName<S> | undefined, ctx: DialogContext, slots: Partial<S>): Extraction<S>;
  /** The question for a slot; `reprompt` is true after an unusable answer (then include an example). */
  prompt(slot: SlotName<S>, ctx: DialogContext, slots: Partial<S>, reprompt: boolean): OutMessage[];
  /** When present, the engine asks for a yes/no confirmation (this summary) before `complete`. */
  confirm?(ctx: DialogContext, slots: S): OutMessage[];
  /**
   * Called when every required slot is known. Returns the reply (`done: true`), or `done: false` with the slots
   * to clear and ask again (e.g. verification failed), a slot to wait for next, or `confirmAgain`.
   */
  complete(ctx: DialogContext, slots: S): Promise<DialogCompletion<S>>;
  /** Keep the slots after completion so "kalau 20 tahun?" recomputes with one value changed. */
  whatIf?: boolean;
  /**
   * Programmes the result speaks about: a follow-up that names one of them ("jkm nya sendiri berapa?" after a
   * Jakon fee, "the company's part of the JP?" after a contribution breakdown) is a question about the result.
   */
  covers?: string[];
  /**
   * Slots that say which part of the result is asked ("the employer's share", "the extension"): they hold for
   * the answer they were given in and are dropped before the next what-if.
   */
  transient?: SlotName<S>[];
  /**
   * Aspects a short follow-up may ask of the result itself ("totalnya berapa?" = amount): the result is shown
   * again with the slot `aspect` set to it, so the part asked comes first.
   */
  resultAspects?: string[];
  /**
   * When present, a message classified to this intent starts the dialog only if this returns true for what
   * was extracted from it (e.g. contribution questions start a calculation only when an amount is given);
   * otherwise the knowledge-base answer is given. A `dialog:<id>` button always starts it.
   */
  startWhen?(first: Extraction<S>): boolean;
  /** Called at start: may finish at once (e.g. already verified) by returning a completion. */
  onStart?(ctx: DialogContext, slots: Partial<S>): Promise<DialogCompletion<S> | undefined>;
}

/** A completion that ends the dialog with these messages. */
export interface DialogDone {
  messages: OutMessage[];
  done: true;
}

export type DialogCompletion<S extends Slots = Slots> =
  | DialogDone
  | {
      messages: OutMessage[];
      done: false;
      clear: SlotName<S>[];
      /** Wait for this (optional) slot next; the messages already ask for it (e.g. the one-time code). */
      awaiting?: SlotName<S>;
      /** Stay at the confirmation: a "ya" tries `complete` again with the same slots (an outcome not known). */
      confirmAgain?: boolean;
    };

export interface DialogRegistry {
  get(id: string): DialogDef | undefined;
  /** The dialog that serves an intent, if any. */
  forIntent(intent: string): DialogDef | undefined;
  all(): DialogDef[];
}
