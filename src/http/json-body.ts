/**
 * Reading a JSON request body without body-parser, for the hot routes (src/http/hot-routes.ts). It takes only the
 * plain case, which is nearly every request: `Content-Type: application/json` (UTF-8 or no charset), no
 * Content-Encoding, a body announced or sent in chunks. Anything else (another charset, a compressed body, no body,
 * a declared length over the limit) is left to the app's body parser, which answers it as before.
 *
 * Failures are the errors body-parser raises (`type` = entity.too.large, entity.parse.failed, request.aborted), so the
 * app's one error handler (src/http/errors.ts) words the answer.
 */
import type { IncomingMessage } from 'node:http';

const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** True when this request's body is plain UTF-8 JSON of at most `limit` bytes as far as the headers tell. */
export function plainJsonRequest(req: IncomingMessage, limit: number): boolean {
  const h = req.headers;
  if (!h['content-type'] || !JSON_TYPE.test(h['content-type'])) return false;
  const encoding = h['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity') return false;
  const length = h['content-length'];
  if (length !== undefined) return /^\d+$/.test(length) && Number(length) > 0 && Number(length) <= limit;
  return h['transfer-encoding'] !== undefined; // chunked: read up to the limit
}

const failure = (type: string, status: number, message: string) => Object.assign(new Error(message), { type, status, expose: true });

/**
 * The parsed body. As body-parser in strict mode: only an object or an array is JSON here, an empty body is `{}`.
 * Rejects with an error body-parser would raise: too large (413), not JSON (400), aborted (400).
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      fn();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle(() => reject(failure('entity.too.large', 413, 'request entity too large')));
        req.resume(); // drain what is still coming; the answer goes out at once
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () =>
      settle(() => {
        let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark, as body-parser drops it
        const first = /\S/.exec(text);
        if (!first) return resolve({});
        if (first[0] !== '{' && first[0] !== '[') return reject(failure('entity.parse.failed', 400, 'not a JSON object or array'));
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(failure('entity.parse.failed', 400, 'invalid JSON'));
        }
      }),
    );
    req.once('aborted', () => settle(() => reject(failure('request.aborted', 400, 'request aborted'))));
    req.once('error', (err) => settle(() => reject(Object.assign(err, { status: 400 }))));
  });
}
