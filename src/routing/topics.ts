/**
 * Routing step 0b, `rememberTopics`: the programmes this conversation has been about, most recent first (at most
 * three), so a value given a few turns later ("berapa iurannya kalau kontrak 2 tahun?" after the PMI answer and
 * a JKM question) still reaches that programme's calculation (resolve.ts `recentComputation`).
 */
import type { Middleware } from '../core/compose.ts';
import type { RouteContext } from './deps.ts';

const KEEP = 3;

export function rememberTopics(): Middleware<RouteContext> {
  return async (ctx, next) => {
    await next();
    const id = ctx.intent?.id;
    const program = id ? ctx.deps.router.catalog.meta(id)?.program : undefined;
    if (!program || !ctx.deps.router.catalog.isProgramme(program)) return;
    ctx.state.recentPrograms = [program, ...(ctx.state.recentPrograms ?? []).filter((p) => p !== program)].slice(0, KEEP);
  };
}
