/**
 * Typo tolerance for single words. A deletion index (SymSpell style) finds vocabulary words within one edit
 * (two for long words) in O(word length); fuse.js then tries the short list of program/domain names, where its
 * fuzzy scoring is good; finally a glued pair ("saldojht") is split into two known words.
 */
import Fuse from 'fuse.js';

function deletes1(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let prev2: number[] = prev;
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // transposition counts as one edit
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

export class TypoCorrector {
  private readonly index = new Map<string, string[]>();
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, string[] | null>();

  /**
   * @param vocab words to correct towards, with a frequency (higher wins ties)
   * @param names program/domain names for fuse.js
   */
  constructor(private readonly vocab: Map<string, number>, names: string[]) {
    for (const w of vocab.keys()) {
      if (w.length < 4) continue;
      const keys = [w, ...deletes1(w)];
      if (w.length >= 8) for (const d of [...keys]) keys.push(...deletes1(d));
      for (const k of new Set(keys)) {
        const list = this.index.get(k);
        if (list) list.push(w);
        else this.index.set(k, [w]);
      }
    }
    this.fuse = new Fuse(names, { includeScore: true, threshold: 0.3, ignoreLocation: true, minMatchCharLength: 3 });
  }

  /** The corrected word(s) for an unknown word, or null. */
  correct(word: string): string[] | null {
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    const res = this.lookup(word);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, res);
    return res;
  }

  private lookup(word: string): string[] | null {
    if (word.length < 5 || word.length > 18) return null;
    const max = word.length >= 8 ? 2 : 1;
    const cands = new Set<string>();
    const probe = [word, ...deletes1(word)];
    if (max === 2) for (const d of deletes1(word)) probe.push(...deletes1(d));
    for (const k of probe) for (const w of this.index.get(k) ?? []) cands.add(w);
    if (this.vocab.has(word)) cands.add(word);
    let best: string | null = null;
    let bestD = max + 1;
    let bestF = -1;
    for (const c of cands) {
      const d = levenshtein(word, c, max);
      const f = this.vocab.get(c) ?? 0;
      if (d < bestD || (d === bestD && f > bestF)) {
        best = c;
        bestD = d;
        bestF = f;
      }
    }
    if (best && bestD <= max) return [best];
    if (word.length >= 5 && word.length <= 14) {
      const r = this.fuse.search(word, { limit: 1 })[0];
      if (r && (r.score ?? 1) <= 0.25 && Math.abs(r.item.length - word.length) <= 2) return [r.item];
    }
    for (let i = 2; i <= word.length - 2; i++) {
      const a = word.slice(0, i);
      const b = word.slice(i);
      if (this.vocab.has(a) && this.vocab.has(b) && a.length >= 3 && b.length >= 3) return [a, b];
    }
    return null;
  }
}
