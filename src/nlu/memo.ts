/**
 * Bounded memos of pure functions of a message's text. People send the same few hundred messages over and over
 * ("cara klaim jht", "halo", "cek saldo"), and several routing steps read the same message, so the work done on a
 * text (tokens, lead-in, classification) is remembered for the most recently used texts and shared, frozen.
 *
 * Only short texts without a digit are remembered: a digit is an amount, a date or an identifier (NIK, KPJ, a
 * ticket), personal and unlikely to repeat, and nothing personal should outlive its conversation in a cache.
 */

/** Texts a memo may keep: at most 160 characters, no digit. */
export function memoizable(text: string): boolean {
  return text.length <= 160 && !/\d/.test(text);
}

/** The last `size` results by text, least recently used out first. */
export class TextMemo<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly size: number) {}

  /** The remembered result for `text`, or `compute(text)` (remembered when the text may be kept). */
  get(text: string, compute: (text: string) => T): T {
    if (!memoizable(text)) return compute(text);
    const hit = this.map.get(text);
    if (hit !== undefined) {
      this.map.delete(text);
      this.map.set(text, hit);
      return hit;
    }
    const value = compute(text);
    this.map.set(text, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    return value;
  }

  get entries(): number {
    return this.map.size;
  }
}
