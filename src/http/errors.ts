import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { LockTimeoutError, StoreUnavailableError } from '../store/types.ts';

/** The one error shape of the API: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  res.status(status).json({ error: { code, message } });
}

/**
 * Last error handler: body-parser failures are the client's (400/413/415), a store outage is a 503 with
 * Retry-After, anything else is logged and answered 500 without details.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'The request body is larger than 16 KiB.');
    if (type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'The request body is not valid JSON.');
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') return sendError(res, 415, 'unsupported_encoding', 'Send the body as UTF-8 JSON.');
    if (typeof (err as { status?: unknown }).status === 'number' && (err as { status: number }).status < 500)
      return sendError(res, (err as { status: number }).status, 'bad_request', String((err as Error).message ?? 'bad request'));
    if (err instanceof StoreUnavailableError || err instanceof LockTimeoutError)
      return sendError(res, 503, 'unavailable', 'The service is temporarily unavailable. Please try again shortly.', 2);
    logger.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message }, path: req.path }, 'unhandled error');
    return sendError(res, 500, 'internal', 'Something went wrong on our side.');
  };
}
