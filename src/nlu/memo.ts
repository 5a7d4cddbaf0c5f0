/**
 * Bounded memos of pure functions of a message's text. People send the same few hundred messages over and over
 * ("cara klaim jht", "halo", "cek saldo"), and several routing steps read the same message, so the work done on a
 * text (tokens, lead-in, classification) is remembered for the most recently used texts and shared, frozen.
 *
 * Only short texts without a digit are remembered: a digit is an amount, a date or an identifier (NIK, KPJ, a
 * ticket), personal and unlikely to repeat, and nothing personal should outlive its conversation in a cache.
 */

let defaultSize = 5_000;

/** The size of every memo that was not given one (TEXT_MEMO_SIZE; 0 turns them off). */
export function configureTextMemos(size: number): void {
  defaultSize = size;
}

/** Texts a memo may keep: at most 160 characters, no digit. */
export function memoizable(text: string): boolean {
  return text.length <= 160 && !/\d/.test(text);
}

/**
 * About the last `size` results by text: two generations, the newer filled up to `size / 2` and then becoming the
 * older (whose texts not asked for again are dropped). A hit costs one or two look-ups and no reordering.
 */
export class TextMemo<T> {
  private newer = new Map<string, T>();
  private older = new Map<string, T>();
  /** `size`: fixed here, or the configured default (configureTextMemos) when omitted. */
  constructor(private readonly fixedSize?: number) {}

  private get size(): number {
    return this.fixedSize ?? defaultSize;
  }

  /** The remembered result for `text`, or `compute(text)` (remembered when the text may be kept). */
  get(text: string, compute: (text: string) => T): T {
    if (this.size === 0 || !memoizable(text)) return compute(text);
    let value = this.newer.get(text);
    if (value !== undefined) return value;
    value = this.older.get(text) ?? compute(text);
    this.newer.set(text, value);
    if (this.newer.size >= this.size / 2) {
      this.older = this.newer;
      this.newer = new Map();
    }
    return value;
  }

  /** How many texts are remembered now (at most `size`). */
  get entries(): number {
    return this.newer.size + this.older.size;
  }
}
