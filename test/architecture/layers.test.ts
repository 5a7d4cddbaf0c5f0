/**
 * Imports run one way, down the layers, and no folder imports another that imports it back. The layer of
 * every file comes from the table below (first match wins); an import from a lower or the same layer is fine,
 * an import from a higher layer fails the test. Type-only imports count too: they are dependencies a reader
 * follows.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Bottom to top. */
const LAYERS: [name: string, match: RegExp][] = [
  ['vocabulary', /^src\/core\/types\.ts$/],
  // the validated settings (zod only): every layer and channel may read them
  ['config', /^src\/config\.ts$/],
  ['store interface', /^src\/store\/types\.ts$/],
  // the handoff contract (owner, queue, events): the console and the channels speak it
  ['handoff interface', /^src\/handoff\/types\.ts$/],
  // what the supervisor view shows (counts, unanswered, feedback, training proposals)
  ['insights interface', /^src\/insights\/types\.ts$/],
  ['kernel', /^src\/core\//],
  ['store', /^src\/store\//],
  ['observability', /^src\/observability\//],
  ['calc', /^src\/calc\//],
  ['nlu', /^src\/nlu\//],
  ['knowledge', /^src\/knowledge\//],
  ['ratelimit', /^src\/ratelimit\//],
  ['status', /^src\/status\//],
  ['unanswered', /^src\/unanswered\//],
  ['handoff', /^src\/handoff\//],
  ['insights', /^src\/insights\//],
  ['eval', /^src\/eval\//],
  ['dialogs', /^src\/dialogs\//],
  ['routing', /^src\/routing\//],
  ['http', /^src\/http\//],
  ['adapters', /^adapters\//],
  ['root', /^src\/(app|server|whatsapp|channels|services|startup-gc)\.ts$/],
];
/** Libraries that sit side by side may use each other only in these directions. */
const LIBRARY_USES: Record<string, string[]> = {
  nlu: [],
  knowledge: ['nlu', 'calc'],
  calc: [],
  status: ['store', 'observability'],
};
/** Adapters may only use the vocabulary, the store interface, the handoff and insights contracts, observability and the HTTP helpers. */
const ADAPTERS_MAY_USE = /^(src\/core\/types\.ts|src\/store\/types\.ts|src\/handoff\/types\.ts|src\/insights\/types\.ts|src\/observability\/|src\/http\/|src\/config\.ts|adapters\/)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(p) && !p.includes('/widget/') ? [p] : [];
  });
}
const norm = (p: string) => p.split(path.sep).join('/');
const layerOf = (f: string) => LAYERS.findIndex(([, re]) => re.test(f));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"`]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function edges(): [string, string][] {
  const out: [string, string][] = [];
  for (const f of [...files('src'), ...files('adapters')].map(norm)) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (!spec.startsWith('.')) continue;
      out.push([f, norm(path.normalize(path.join(path.dirname(f), spec)))]);
    }
  }
  return out;
}

describe('the import structure', () => {
  const all = edges();
  it('every file has a layer', () => {
    const unknown = [...new Set(all.flat())].filter((f) => layerOf(f) < 0);
    expect(unknown).toEqual([]);
  });

  it('no import runs up the layers', () => {
    const up = all.filter(([from, to]) => {
      const a = layerOf(from);
      const b = layerOf(to);
      if (b <= a) {
        // side-by-side libraries: only the listed directions
        const [na, nb] = [LAYERS[a]![0], LAYERS[b]![0]];
        if (na in LIBRARY_USES && nb in LIBRARY_USES && na !== nb) return !LIBRARY_USES[na]!.includes(nb);
        return false;
      }
      return true;
    });
    expect(up.map(([a, b]) => `${a} → ${b}`)).toEqual([]);
  });

  it('the kernel knows no dialog, service or channel', () => {
    const bad = all.filter(([from, to]) => /^src\/core\//.test(from) && !/^src\/(core|store\/types\.ts)/.test(to));
    expect(bad.map(([a, b]) => `${a} → ${b}`)).toEqual([]);
  });

  it('adapters speak only the vocabulary (and the store interface)', () => {
    const bad = all.filter(([from, to]) => from.startsWith('adapters/') && !ADAPTERS_MAY_USE.test(to));
    expect(bad.map(([a, b]) => `${a} → ${b}`)).toEqual([]);
  });

  it('no circle between areas (src/<area>, adapters/<channel>)', () => {
    const dir = (f: string) => f.split('/').slice(0, 2).join('/').replace(/\.ts$/, '');
    const graph = new Map<string, Set<string>>();
    for (const [a, b] of all) if (dir(a) !== dir(b)) (graph.get(dir(a)) ?? graph.set(dir(a), new Set()).get(dir(a))!).add(dir(b));
    const circles: string[] = [];
    for (const [a, targets] of graph) for (const b of targets) if (graph.get(b)?.has(a) && a < b) circles.push(`${a} ⇄ ${b}`);
    expect(circles).toEqual([]);
  });

  it('botbuilder is imported only in adapters/botframework', () => {
    const users = [...files('src'), ...files('adapters')].map(norm).filter((f) => /from ['"]botbuilder|import\(['"]botbuilder/.test(readFileSync(f, 'utf8')));
    expect(users.every((f) => f.startsWith('adapters/botframework/'))).toBe(true);
  });
});
