/** Small text helpers shared by the entity extractors. */

/** Lower-case without changing the string length, so match indices map back to the raw text. */
export function lower(text: string): string {
  const l = text.toLowerCase();
  if (l.length === text.length) return l;
  let out = '';
  for (const ch of text) {
    const c = ch.toLowerCase();
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

export interface Span { index: number; end: number }

/** Replace the given spans by spaces (same length), so later scanners skip them. */
export function blank(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.index) + ' '.repeat(s.end - s.index) + out.slice(s.end);
  return out;
}

export const overlaps = (a: Span, b: Span): boolean => a.index < b.end && b.index < a.end;
