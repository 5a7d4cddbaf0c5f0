import type { Response } from 'express';

/**
 * A JSON answer written straight to the socket: what `res.json` sends (status, `application/json; charset=utf-8`,
 * Content-Length), without its per-call work that an API answer does not need (no ETag hash of a body that is never
 * asked for again, no freshness check: these answers are per request). For the hot routes (POST /api/chat).
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
