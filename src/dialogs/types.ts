/**
 * The shape of a dialog: a declarative slot-filling conversation (what to read, what to ask, what to do
 * when everything is known). The engine (engine.ts) drives it; the registry (registry.ts) finds it.
 */
import type { Lang, OutMessage } from '../core/types.ts';
import type { DialogContext } from './context.ts';


/** Slot values by name. A dialog narrows it with `DialogDef<S>` for its own slots. */
export type Slots = Record<string, unknown>;

/** What a dialog found in one message. */
export interface Extraction {
  /** Slot values found (a later value replaces an earlier one: that is how corrections work). */
  values: Slots;
  /** A slot the user tried to answer with something unusable (e.g. "UMR" for a wage), with the reason. */
  invalid?: { slot: string; reason: Record<Lang, string> };
}

/**
 * A declarative slot-filling dialog. The engine (engine.ts) asks for missing slots, re-prompts with an
 * example after an invalid answer, handles corrections, cancel, interruptions and time-outs; a dialog only
 * says how to read values, what to ask, and what to do when everything is known.
 */
export interface DialogDef {
  id: string;
  /** Intent reported while the dialog runs. */
  intent: string;
  /** The catalogue key of the dialog's name in sentences ("dialogs.jht_simulation" → "simulasi JHT"). */
  title: string;
  /** Slots in the order they are asked. Optional slots are never asked (they have defaults). */
  slots: { name: string; optional?: boolean }[];
  /** Read slot values from a message. `awaiting` is the slot the bot just asked for (bare values go there). */
  extract(text: string, awaiting: string | undefined, ctx: DialogContext, slots: Slots): Extraction;
  /** The question for a slot; `reprompt` is true after an unusable answer (then include an example). */
  prompt(slot: string, ctx: DialogContext, slots: Slots, reprompt: boolean): OutMessage[];
  /** When present, the engine asks for a yes/no confirmation (this summary) before `complete`. */
  confirm?(ctx: DialogContext, slots: Slots): OutMessage[];
  /**
   * Called when every required slot is known. Returns the reply, or `{ ask: slot }` to ask for a slot again
   * (e.g. verification failed), or `{ end: true }` to stop after the messages.
   */
  complete(ctx: DialogContext, slots: Slots): Promise<DialogCompletion>;
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
  transient?: string[];
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
  startWhen?(first: Extraction): boolean;
  /** Called at start: may finish at once (e.g. already verified) by returning a completion. */
  onStart?(ctx: DialogContext, slots: Slots): Promise<DialogCompletion | undefined>;
}

export type DialogCompletion =
  | { messages: OutMessage[]; done: true }
  | {
      messages: OutMessage[];
      done: false;
      clear: string[];
      /** Wait for this (optional) slot next; the messages already ask for it (e.g. the one-time code). */
      awaiting?: string;
      /** Stay at the confirmation: a "ya" tries `complete` again with the same slots (an outcome not known). */
      confirmAgain?: boolean;
    };

export interface DialogRegistry {
  get(id: string): DialogDef | undefined;
  /** The dialog that serves an intent, if any. */
  forIntent(intent: string): DialogDef | undefined;
  all(): DialogDef[];
}
