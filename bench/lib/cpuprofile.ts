/**
 * Reads a V8 `.cpuprofile` (what `node --cpu-prof` writes) without any external tool: self time per
 * function and per package, optionally only for the samples taken inside a time window (the load run).
 *
 * Format: `{ nodes: [{ id, callFrame: { functionName, url, lineNumber, columnNumber }, hitCount, children }],
 * startTime, endTime, samples: [nodeId…], timeDeltas: [µs…] }`. Times are µs on the monotonic clock that
 * `process.hrtime` reads, so a parent process can cut the window with its own `process.hrtime.bigint()`.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `name  file:line` or a package / category name. */
  label: string;
  ms: number;
  /** Share of the busy (non-idle) time in the window. */
  share: number;
}

export interface ProfileSummary {
  /** Wall time covered by the samples in the window, ms. */
  windowMs: number;
  /** Non-idle sampled time, ms. */
  busyMs: number;
  idleMs: number;
  functions: SelfTime[];
  /** Self time by where the code lives: `src/…` folder, `node_modules/<package>`, `node:` internals, GC, program. */
  places: SelfTime[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function where(url: string, root: string): { file: string; place: string } {
  if (!url) return { file: '', place: '(native/V8)' };
  if (url.startsWith('node:')) return { file: url, place: 'node: internals' };
  let path = url;
  try {
    if (url.startsWith('file://')) path = fileURLToPath(url);
  } catch {
    /* keep the url */
  }
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return { file: `${pkg}/${rest.slice(pkg.includes('/') ? 2 : 1).join('/')}`, place: `node_modules/${pkg}` };
  }
  const rel = relative(root, path);
  const dir = rel.split('/').slice(0, 2).join('/');
  return { file: rel, place: rel.includes('/') ? dir : rel };
}

/**
 * Summarise the profile at `file`. `fromUs`/`toUs` (monotonic µs, as `process.hrtime.bigint() / 1000n`) limit it
 * to the samples taken in that window; without them every sample counts.
 */
export function summarise(file: string, opts: { fromUs?: number; toUs?: number; top?: number; root?: string } = {}): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const root = opts.root ?? process.cwd();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // Sample i was taken at startTime + sum(timeDeltas[0..i]); it stands for the interval up to the next one.
  let t = p.startTime;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (opts.fromUs !== undefined && t < opts.fromUs) continue;
    if (opts.toUs !== undefined && t > opts.toUs) break;
    first = Math.min(first, t);
    last = Math.max(last, t + dt);
    selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + dt);
  }
  const fn = new Map<string, number>();
  const place = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  for (const [id, us] of selfUs) {
    const cf = byId.get(id)!.callFrame;
    const name = cf.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    if (SPECIAL.has(name)) {
      fn.set(name, (fn.get(name) ?? 0) + us);
      place.set(name, (place.get(name) ?? 0) + us);
      continue;
    }
    const w = where(cf.url, root);
    const label = `${name}  ${w.file || '(native)'}${w.file ? `:${cf.lineNumber + 1}` : ''}`;
    fn.set(label, (fn.get(label) ?? 0) + us);
    place.set(w.place, (place.get(w.place) ?? 0) + us);
  }
  const rank = (m: Map<string, number>, n: number): SelfTime[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([label, us]) => ({ label, ms: us / 1000, share: busy ? us / busy : 0 }));
  return {
    windowMs: Number.isFinite(first) ? (last - first) / 1000 : 0,
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    functions: rank(fn, opts.top ?? 25),
    places: rank(place, opts.top ?? 25),
  };
}

export function formatSummary(s: ProfileSummary, title = 'self time'): string {
  const row = (e: SelfTime) => `${(e.share * 100).toFixed(1).padStart(5)}% ${e.ms.toFixed(0).padStart(6)} ms  ${e.label}`;
  return [
    `${title}: window ${s.windowMs.toFixed(0)} ms, busy ${s.busyMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms (shares are of busy time)`,
    'top functions by self time:',
    ...s.functions.map(row),
    'by place:',
    ...s.places.map(row),
  ].join('\n');
}
