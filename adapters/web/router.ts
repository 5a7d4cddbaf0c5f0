/**
 * The web channel's HTTP side: GET /widget.js (the bundled widget), GET / (the demo page),
 * and CORS for /api/chat so the widget can talk to the API from the sites that embed it.
 */
import { readFileSync } from 'node:fs';
import { Router, type Request, type Response } from 'express';
import { buildWidget, type WidgetBundle } from './build.ts';

export interface WebRouterOptions {
  /** Origins allowed to embed the widget and call /api/chat from a browser; '*' = any (WIDGET_ORIGINS unset). */
  widgetOrigins: string[] | '*';
  /** Serve the demo page at `/` (default true). */
  demoPage?: boolean;
  /** Told when the widget bundle cannot be built (GET /widget.js then answers 503). */
  onBuildError?: (err: unknown) => void;
}

/**
 * Allow-list entries are origins (`https://www.example.co.id`) or `*`, or a wildcard subdomain
 * (`https://*.example.co.id`). A bad entry throws at start-up rather than silently blocking.
 */
export function originMatcher(list: string[] | '*'): (origin: string) => boolean {
  if (list === '*' || list.includes('*')) return () => true;
  const exact = new Set<string>();
  const suffixes: { scheme: string; suffix: string }[] = [];
  for (const raw of list) {
    const m = /^(https?):\/\/\*\.([a-z0-9.-]+(?::\d+)?)\/?$/i.exec(raw.trim());
    if (m) {
      suffixes.push({ scheme: m[1].toLowerCase(), suffix: `.${m[2].toLowerCase()}` });
      continue;
    }
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw new Error(`WIDGET_ORIGINS: "${raw}" is not an origin like https://www.example.co.id`);
    }
    if (url.origin === 'null' || (url.pathname !== '/' && url.pathname !== '')) throw new Error(`WIDGET_ORIGINS: "${raw}" is not an origin like https://www.example.co.id`);
    exact.add(url.origin);
  }
  return (origin) => {
    if (exact.has(origin)) return true;
    try {
      const u = new URL(origin);
      return suffixes.some((s) => u.protocol === `${s.scheme}:` && u.host.endsWith(s.suffix));
    } catch {
      return false;
    }
  };
}

/** The page's own origin needs no allow-list entry (the demo page at / calls /api/chat). */
function isSameOrigin(req: Request, origin: string): boolean {
  try {
    return new URL(origin).host === req.host; // express 5: with port; X-Forwarded-Host when the proxy is trusted
  } catch {
    return false;
  }
}

const DEMO_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * CORS for the chat API: sets the headers for an allowed browser origin and answers false for an origin that is not
 * allowed (the caller then refuses the request with 403). A request without an Origin header is not a browser's.
 */
export function webCors(widgetOrigins: string[] | '*'): (req: Request, res: Response) => boolean {
  const any = widgetOrigins === '*' || widgetOrigins.includes('*');
  const allowed = originMatcher(widgetOrigins);
  return (req, res) => {
    if (!any) res.vary('Origin');
    const origin = req.get('origin');
    if (!origin) return true;
    if (any) res.setHeader('Access-Control-Allow-Origin', '*');
    else if (allowed(origin) || isSameOrigin(req, origin)) res.setHeader('Access-Control-Allow-Origin', origin);
    else return false;
    return true;
  };
}

/**
 * The CORS step of a chat API request on either way in (the app's route, the hot route): refuses a browser origin
 * that is not allowed with 403 and answers false; otherwise lets the browser read Retry-After and answers true.
 */
export function chatCors(cors: (req: Request, res: Response) => boolean): (req: Request, res: Response) => boolean {
  return (req, res) => {
    if (!cors(req, res)) {
      refuseOrigin(res);
      return false;
    }
    exposeHeaders(res);
    return true;
  };
}

/** The answer to a browser origin that may not use the chat API. */
export function refuseOrigin(res: Response): void {
  res.status(403).json({ error: { code: 'origin_not_allowed', message: 'This site is not allowed to use the chat widget.' } });
}

/** The headers a browser may read from a chat API answer. */
export const exposeHeaders = (res: Response): void => void res.setHeader('Access-Control-Expose-Headers', 'Retry-After');

export function createWebRouter(opts: WebRouterOptions): Router {
  const router = Router();
  const cors = webCors(opts.widgetOrigins);
  const apiCors = chatCors(cors);

  // Build once, at start-up (about 50 ms); requests wait for it.
  let bundle: Promise<WidgetBundle> | undefined;
  const getBundle = () =>
    (bundle ??= buildWidget().catch((err: unknown) => {
      bundle = undefined; // try again on the next request
      opts.onBuildError?.(err);
      throw err;
    }));
  void getBundle().catch(() => undefined);

  router.use(['/api/chat', '/api/feedback'], (req, res, next) => {
    if (req.method === 'OPTIONS' && req.get('origin')) {
      if (!cors(req, res)) return refuseOrigin(res);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Jessi-Channel, Last-Event-ID');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    if (apiCors(req, res)) next();
  });

  router.get('/widget.js', async (req, res) => {
    let w: WidgetBundle;
    try {
      w = await getBundle();
    } catch {
      res.status(503).type('text/plain').send('widget unavailable');
      return;
    }
    cors(req, res); // the script itself is public; only allowed origins get ACAO
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('ETag', w.etag);
    res.vary('Accept-Encoding');
    if (req.get('if-none-match') === w.etag) {
      res.status(304).end();
      return;
    }
    if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(w.gzip);
    } else res.send(w.code);
  });

  if (opts.demoPage !== false) {
    const demo = readFileSync(new URL('./demo.html', import.meta.url), 'utf8');
    router.get('/', (_req, res) => {
      res.setHeader('Content-Security-Policy', DEMO_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.type('html').send(demo);
    });
  }
  return router;
}
