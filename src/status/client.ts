/**
 * Typed client of the agency's status API (contract: docs/api.md, "Status API").
 * Bearer token on every call, a per-request timeout, retries with jittered exponential backoff for GETs
 * only, a circuit breaker, answers validated with zod, failures as StatusApiError with a `kind`.
 * Never logs identifiers, birth dates, names, balances or participant tokens.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Metrics } from '../observability/metrics.ts';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './breaker.ts';
import { StatusApiError, type UnavailableReason } from './errors.ts';
import {
  balanceSchema,
  birthDateSchema,
  claimsSchema,
  complaintRequestSchema,
  complaintSchema,
  createdComplaintSchema,
  errorBodySchema,
  verifyResultSchema,
  challengeSchema,
  otpRequestSchema,
  type Challenge,
  type Balance,
  type Claim,
  type Complaint,
  type ComplaintRequest,
  type VerifyResult,
} from './schemas.ts';

export { StatusApiError, isStatusApiError, type StatusErrorKind, type UnavailableReason } from './errors.ts';
export type { BreakerOptions, BreakerState } from './breaker.ts';
export type { Balance, Challenge, Claim, Complaint, ComplaintRequest, VerifyResult } from './schemas.ts';

export interface StatusClient {
  /**
   * POST /v1/verify: the first factor. On a match the agency sends a one-time code to the participant's
   * registered phone and answers with a challenge. Throws 'mismatch' (401), 'locked' (423), 'bad_request', 'unavailable'.
   */
  verify(identifier: string, birthDate: string /* YYYY-MM-DD */): Promise<Challenge>;
  /**
   * POST /v1/verify/otp: the second factor. Throws 'wrong_code' (401), 'challenge_ended' (3 wrong codes, or an
   * unknown challenge), 'code_expired' (410), 'locked' (423), 'unavailable'.
   */
  verifyOtp(challengeId: string, code: string): Promise<VerifyResult>;
  /** GET /v1/me/balance. Throws 'expired' when the participant token is no longer valid. */
  balance(participantToken: string): Promise<Balance>;
  /** GET /v1/me/claims. Throws 'expired' when the participant token is no longer valid. */
  claims(participantToken: string): Promise<Claim[]>;
  /** GET /v1/complaints/{ticket}; null when unknown (404) or not of the form ADU-YYYYMMDD-NNNN. */
  complaint(ticket: string): Promise<Complaint | null>;
  /**
   * POST /v1/complaints (never retried here). `idempotencyKey` (header Idempotency-Key) makes a repeat of the
   * same submission, e.g. the user's retry after a crash, return the first ticket instead of filing again.
   */
  createComplaint(req: ComplaintRequest, idempotencyKey?: string): Promise<{ ticket: string }>;
}

export interface StatusClientOptions {
  /** e.g. `https://api.example/status` or the sandbox `http://127.0.0.1:PORT`; paths /v1/… are appended. */
  baseUrl: string;
  /** Service bearer token (STATUS_API_TOKEN). */
  token: string;
  /** Per-request timeout (default 2000 ms). */
  timeoutMs?: number;
  /** Extra attempts for GETs after a network error or 5xx (default 2). Timeouts and POSTs are not retried. */
  retries?: number;
  /** Backoff before retry n (0-based) is random in [d/2, d], d = min(retryMaxMs, retryBaseMs·2ⁿ) (defaults 100 / 1000 ms). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  breaker?: Omit<BreakerOptions, 'onStateChange'>;
  fetch?: typeof fetch;
  logger?: Pick<Logger, 'warn' | 'info'>;
  metrics?: Pick<Metrics, 'startStatusCall' | 'statusError'>;
  /** Clock for the circuit breaker (tests). */
  now?: () => number;
}

export interface StatusClientHandle extends StatusClient {
  /** Circuit breaker state (for readiness pages and tests). */
  breakerState(): BreakerState;
}

type CallName = 'verify' | 'verify_otp' | 'balance' | 'claims' | 'complaint' | 'create_complaint';

interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON body; undefined when empty or not JSON. */
  body: unknown;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After in seconds or as an HTTP date → whole minutes (at least 1). */
function retryAfterMinutes(headers: Headers, body: unknown, now: number): number | undefined {
  let seconds: number | undefined;
  const h = headers.get('retry-after');
  if (h && /^\d+$/.test(h.trim())) seconds = Number(h.trim());
  else if (h && !Number.isNaN(Date.parse(h))) seconds = (Date.parse(h) - now) / 1000;
  else seconds = errorBodySchema.safeParse(body).data?.error.retryAfterSeconds;
  return seconds === undefined || !Number.isFinite(seconds) ? undefined : Math.max(1, Math.ceil(seconds / 60));
}

/** The `error.code` of an error body, if any. */
const errorCode = (body: unknown): string | undefined => errorBodySchema.safeParse(body).data?.error.code;

export function createStatusClient(opts: StatusClientOptions): StatusClientHandle {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 2000;
  const retries = Math.max(0, opts.retries ?? 2);
  const retryBaseMs = opts.retryBaseMs ?? 100;
  const retryMaxMs = opts.retryMaxMs ?? 1000;
  const doFetch = opts.fetch ?? globalThis.fetch;
  const now = opts.now ?? Date.now;
  const { logger, metrics } = opts;
  // One breaker per endpoint: a flood against one call (complaints) cannot take the others (balances) down.
  // Only infrastructure failures count (timeouts, network errors, 5xx, broken answers); a business answer
  // (401, 404, 409, 410, 423) is the API working.
  const breakers = new Map<CallName, CircuitBreaker>();
  const breakerOf = (call: CallName): CircuitBreaker => {
    let b = breakers.get(call);
    if (!b) {
      b = new CircuitBreaker(
        {
          ...opts.breaker,
          onStateChange: (state) => (state === 'open' ? logger?.warn({ call, breaker: state }, 'status api circuit open') : logger?.info({ call, breaker: state }, `status api circuit ${state}`)),
        },
        now,
      );
      breakers.set(call, b);
    }
    return b;
  };

  const unavailable = (call: CallName, reason: UnavailableReason, status?: number, cause?: unknown) =>
    new StatusApiError('unavailable', `status api ${call}: unavailable (${reason}${status ? ` ${status}` : ''})`, { reason, status, cause });

  /** One HTTP exchange, within the timeout (body included). Throws 'unavailable' for timeouts, network errors, 5xx. */
  async function attempt(call: CallName, method: 'GET' | 'POST', path: string, body: unknown, participantToken?: string, extraHeaders: Record<string, string> = {}): Promise<Answer> {
    const breaker = breakerOf(call);
    if (!breaker.tryAcquire()) throw unavailable(call, 'breaker_open');
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    try {
      const headers: Record<string, string> = { ...extraHeaders, authorization: `Bearer ${opts.token}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (participantToken !== undefined) headers['x-participant-token'] = participantToken;
      const res = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ac.signal,
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (res.status >= 500) {
        breaker.failure();
        throw unavailable(call, 'http_5xx', res.status);
      }
      if (res.ok && parsed === undefined) {
        breaker.failure();
        throw unavailable(call, 'invalid_response', res.status);
      }
      breaker.success();
      return { status: res.status, headers: res.headers, body: parsed };
    } catch (e) {
      if (e instanceof StatusApiError) throw e;
      breaker.failure();
      if (ac.signal.aborted) throw unavailable(call, 'timeout', undefined, e);
      throw unavailable(call, 'network', undefined, e);
    } finally {
      clearTimeout(timer);
    }
  }

  /** attempt() with retries (GET only, network errors and 5xx only), metrics and a log line per failure. */
  async function send(call: CallName, method: 'GET' | 'POST', path: string, body?: unknown, participantToken?: string, extraHeaders?: Record<string, string>): Promise<Answer> {
    const done = metrics?.startStatusCall(call);
    const maxAttempts = method === 'GET' ? 1 + retries : 1;
    for (let n = 0; ; n++) {
      try {
        const answer = await attempt(call, method, path, body, participantToken, extraHeaders);
        done?.(answer.status < 400 ? 'ok' : `http_${answer.status}`);
        return answer;
      } catch (e) {
        const err = e as StatusApiError;
        const retryable = err.reason === 'network' || err.reason === 'http_5xx';
        if (retryable && n + 1 < maxAttempts && breakerOf(call).state() !== 'open') {
          logger?.warn({ call, reason: err.reason, status: err.status, attempt: n + 1 }, 'status api call failed, retrying');
          const d = Math.min(retryMaxMs, retryBaseMs * 2 ** n);
          await sleep(d / 2 + Math.random() * (d / 2));
          continue;
        }
        logger?.warn({ call, reason: err.reason, status: err.status, attempts: n + 1 }, 'status api call failed');
        metrics?.statusError(call, err.reason ?? 'unknown');
        done?.(err.reason === 'timeout' ? 'timeout' : 'error');
        throw err;
      }
    }
  }

  /** Validate a 2xx answer; an answer that breaks the contract is 'unavailable' (invalid_response). */
  function parse<S extends z.ZodType>(call: CallName, schema: S, answer: Answer): z.output<S> {
    const r = schema.safeParse(answer.body);
    if (r.success) return r.data;
    logger?.warn({ call, issues: r.error.issues.map((i) => i.path.join('.')) }, 'status api answer broke the contract');
    metrics?.statusError(call, 'invalid_response');
    throw unavailable(call, 'invalid_response', answer.status);
  }

  /** Map a non-2xx answer that attempt() let through (4xx) to a typed error. */
  function failure(call: CallName, answer: Answer, onUnauthorized: 'mismatch' | 'expired' | 'auth' | 'wrong_code'): StatusApiError {
    const { status, body } = answer;
    if (call === 'verify_otp') {
      const code = errorCode(body);
      if (status === 410) return new StatusApiError('code_expired', 'one-time code expired', { status });
      if ((status === 401 && code === 'challenge_ended') || status === 404) return new StatusApiError('challenge_ended', 'challenge ended', { status });
    }
    if (status === 401) {
      // The sandbox (and, by convention, the agency) says `unauthorized` when the service token is rejected:
      // that is a configuration problem, not the participant's fault.
      if (onUnauthorized === 'auth' || errorCode(body) === 'unauthorized') {
        logger?.warn({ call, status }, 'status api rejected the service token (check STATUS_API_TOKEN)');
        return unavailable(call, 'auth', status);
      }
      if (onUnauthorized === 'wrong_code') return new StatusApiError('wrong_code', 'wrong one-time code', { status });
      return onUnauthorized === 'mismatch'
        ? new StatusApiError('mismatch', 'identifier and birth date do not match', { status })
        : new StatusApiError('expired', 'participant token expired', { status });
    }
    if (status === 423) return new StatusApiError('locked', 'verification locked after repeated failures', { status, retryAfterMinutes: retryAfterMinutes(answer.headers, body, now()) });
    if (status === 404) return new StatusApiError('not_found', `status api ${call}: not found`, { status });
    if (status === 400 || status === 422) return new StatusApiError('bad_request', `status api ${call}: request rejected`, { status });
    logger?.warn({ call, status }, 'status api answered an unexpected status');
    return unavailable(call, 'http_4xx', status);
  }

  async function me<S extends z.ZodType>(call: 'balance' | 'claims', schema: S, participantToken: string): Promise<z.output<S>> {
    if (!participantToken) throw new StatusApiError('expired', 'no participant token');
    const answer = await send(call, 'GET', `/v1/me/${call}`, undefined, participantToken);
    if (answer.status !== 200) throw failure(call, answer, 'expired');
    return parse(call, schema, answer);
  }

  return {
    breakerState: () => {
      const states = [...breakers.values()].map((b) => b.state());
      return states.includes('open') ? 'open' : states.includes('half_open') ? 'half_open' : 'closed';
    },

    async verify(identifier, birthDate) {
      if (!/^(\d{11}|\d{16})$/.test(identifier) || !birthDateSchema.safeParse(birthDate).success)
        throw new StatusApiError('bad_request', 'identifier must be 11 or 16 digits and birthDate YYYY-MM-DD');
      const answer = await send('verify', 'POST', '/v1/verify', { identifier, birthDate });
      if (answer.status !== 200) throw failure('verify', answer, 'mismatch');
      return parse('verify', challengeSchema, answer);
    },

    async verifyOtp(challengeId, code) {
      const req = otpRequestSchema.safeParse({ challengeId, code });
      if (!req.success) throw new StatusApiError('bad_request', 'challengeId and a 6-digit code are required');
      const answer = await send('verify_otp', 'POST', '/v1/verify/otp', req.data);
      if (answer.status !== 200) throw failure('verify_otp', answer, 'wrong_code');
      return parse('verify_otp', verifyResultSchema, answer);
    },

    balance: (participantToken) => me('balance', balanceSchema, participantToken),

    async claims(participantToken) {
      return (await me('claims', claimsSchema, participantToken)).claims;
    },

    async complaint(ticket) {
      const t = ticket.trim().toUpperCase();
      if (!/^ADU-\d{8}-\d{4}$/.test(t)) return null;
      const answer = await send('complaint', 'GET', `/v1/complaints/${encodeURIComponent(t)}`);
      if (answer.status === 404) return null;
      if (answer.status !== 200) throw failure('complaint', answer, 'auth');
      return parse('complaint', complaintSchema, answer);
    },

    async createComplaint(req, idempotencyKey) {
      const body = complaintRequestSchema.safeParse(req);
      if (!body.success) throw new StatusApiError('bad_request', 'category, description and contact are required');
      const answer = await send('create_complaint', 'POST', '/v1/complaints', body.data, undefined, idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined);
      if (answer.status !== 201 && answer.status !== 200) throw failure('create_complaint', answer, 'auth');
      return { ticket: parse('create_complaint', createdComplaintSchema, answer).ticket };
    },
  };
}
