/**
 * The console's pages: /agent (queue, transcript, reply), /agent/insights (supervisor charts), their scripts
 * (ui/*.ts bundled by esbuild at start-up, like the widget) and uPlot from node_modules (no CDN). A strict CSP:
 * scripts only from here, no inline script, no framing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Router, type Response } from 'express';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

async function bundle(entry: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [here(`./ui/${entry}.${ext}`)], bundle: true, format: 'iife', platform: 'browser', target: ['es2020'], minify: true, legalComments: 'none', write: false, logLevel: 'silent' });
  return out.outputFiles[0].text;
}

function page(res: Response, html: string): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(html);
}

export function agentPages(): Router {
  const router = Router();
  // The page folder ships with the sources (and is copied next to the compiled files by deploy/build-dist.mjs).
  const html = (name: string) => readFileSync(here(`./ui/${name}.html`), 'utf8');
  const consoleHtml = html('console');
  const insightsHtml = html('insights');
  const css = readFileSync(here('./ui/console.css'), 'utf8');
  const require = createRequire(import.meta.url);
  const uplotDir = require.resolve('uplot/dist/uPlot.iife.min.js').replace(/uPlot\.iife\.min\.js$/, '');
  const scripts = new Map<string, Promise<string>>();
  const script = (name: string) => {
    let p = scripts.get(name);
    if (!p) {
      p = bundle(name).catch((e: unknown) => {
        scripts.delete(name);
        throw e;
      });
      scripts.set(name, p);
    }
    return p;
  };
  void script('console').catch(() => undefined);

  router.get('/agent', (_req, res) => page(res, consoleHtml));
  router.get('/agent/insights', (_req, res) => page(res, insightsHtml));
  router.get('/agent/assets/console.css', (_req, res) => {
    res.type('css').setHeader('Cache-Control', 'no-cache');
    res.send(css);
  });
  for (const name of ['console', 'insights'])
    router.get(`/agent/assets/${name}.js`, async (_req, res) => {
      try {
        const code = await script(name);
        res.type('text/javascript').setHeader('Cache-Control', 'no-cache');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.send(code);
      } catch {
        res.status(503).type('text/plain').send('console unavailable');
      }
    });
  router.get('/agent/assets/uplot.js', (_req, res) => {
    res.type('text/javascript').setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(`${uplotDir}uPlot.iife.min.js`);
  });
  router.get('/agent/assets/uplot.css', (_req, res) => {
    res.type('css').setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(`${uplotDir}uPlot.min.css`);
  });
  return router;
}
