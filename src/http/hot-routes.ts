/**
 * The hot routes: the few routes that carry nearly all traffic (POST /api/chat) are served ahead of the app's router
 * and body parser. An express app walks every mounted layer, parses the URL again for each, and reads the body
 * through a chain of generic helpers; for the chat API that was about a fifth of a turn's CPU. Here the route is one
 * map look-up on the exact method and URL, the body is read by src/http/json-body.ts, and the request is timed
 * without a listener.
 *
 * Only the plain case is taken (`plainJsonRequest`); a URL with a query string, another charset or a compressed body
 * goes on to the app, whose own route for the same path answers it. Errors go to the app's error handler.
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { plainJsonRequest, readJsonBody } from './json-body.ts';

/** A route served ahead of the app's router; `handle` gets the body already parsed. */
export interface HotRoute {
  method: 'POST';
  /** The exact path (no query string). */
  path: string;
  handle(req: Request, res: Response, body: unknown): Promise<void>;
}

export interface HotRoutes {
  /** The middleware: mount it first. */
  middleware: RequestHandler;
  add(route: HotRoute): void;
}

export function hotRoutes(opts: {
  /** Body limit in bytes (the app parser's limit). */
  limit: number;
  /** Count a finished request (the app's HTTP duration metric). */
  observe(method: string, route: string, status: number, seconds: number): void;
  onError: ErrorRequestHandler;
}): HotRoutes {
  const routes = new Map<string, HotRoute>();
  const middleware: RequestHandler = (req, res, next) => {
    const route = routes.get(`${req.method} ${req.url}`);
    if (!route || !plainJsonRequest(req, opts.limit)) return next();
    const t0 = process.hrtime.bigint();
    const done = () => opts.observe(req.method, route.path, res.statusCode, Number(process.hrtime.bigint() - t0) / 1e9);
    readJsonBody(req, opts.limit)
      .then((body) => route.handle(req, res, body))
      .catch((err: unknown) => opts.onError(err, req, res, next))
      .then(done, done);
  };
  return {
    middleware,
    add(route) {
      routes.set(`${route.method} ${route.path}`, route);
    },
  };
}
