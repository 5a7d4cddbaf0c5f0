// Size of the web widget as served: `node --import tsx bench/widget-size.ts` (add --json for one JSON line).
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { buildWidget } from '../adapters/web/build.ts';

const BUDGET_GZIP = 15 * 1024;
const t0 = performance.now();
const { code } = await buildWidget();
const buildMs = Math.round(performance.now() - t0);
const raw = Buffer.byteLength(code);
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
if (process.argv.includes('--json')) console.log(JSON.stringify({ raw, gzip, brotli, buildMs, budgetGzip: BUDGET_GZIP }));
else {
  console.log(`widget.js: ${raw} bytes raw (${kb(raw)}), ${gzip} bytes gzip -9 (${kb(gzip)}), ${brotli} bytes brotli (${kb(brotli)})`);
  console.log(`esbuild bundle + minify: ${buildMs} ms (cold, includes loading esbuild)`);
  console.log(gzip <= BUDGET_GZIP ? `within the ${kb(BUDGET_GZIP)} gzip budget` : `OVER the ${kb(BUDGET_GZIP)} gzip budget`);
}
process.exitCode = gzip <= BUDGET_GZIP ? 0 : 1;
