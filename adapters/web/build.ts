/**
 * Bundles the widget (widget/main.ts) into one minified IIFE with esbuild, in memory.
 * The router calls buildWidget() once at start-up; `npm run build:widget [out.js]` writes the file for a CDN.
 */
import { createHash } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface WidgetBundle {
  code: string;
  gzip: Buffer;
  etag: string;
}

// From the sources (npm start, tsx) or from the compiled files (npm run build → dist/, node dist/src/server.js).
const entry = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './widget/main.ts' : './widget/main.js', import.meta.url));

export async function buildWidget(): Promise<WidgetBundle> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  const etag = `"${createHash('sha256').update(code).digest('base64url').slice(0, 22)}"`;
  return { code, gzip: gzipSync(code, { level: 9 }), etag };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const file = resolve(process.argv[2] ?? 'dist/widget.js');
  const w = await buildWidget();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, w.code);
  console.log(`${file}: ${w.code.length} bytes, ${w.gzip.length} bytes gzipped`);
}
