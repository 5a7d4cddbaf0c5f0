/**
 * Typed failures of the status API client. Callers switch on `kind`; none of the messages contain
 * identifiers, names or amounts.
 */
export type StatusErrorKind =
  /** 401 on verify: identifier and birth date do not match a participant. */
  | 'mismatch'
  /** 423 on verify: too many failures for that identifier; `retryAfterMinutes` when the API said. */
  | 'locked'
  /** 401 on verify/otp: the one-time code is wrong (the challenge goes on). */
  | 'wrong_code'
  /** 401/404 on verify/otp after 3 wrong codes, or an unknown challenge: ask for a new code. */
  | 'challenge_ended'
  /** 410 on verify/otp: the code expired. */
  | 'code_expired'
  /** Timeout, network error, 5xx, invalid answer, rejected service token, circuit breaker open. */
  | 'unavailable'
  /** 401 on /v1/me/*: the participant token expired (verify again). */
  | 'expired'
  /** 404 (complaint() answers null instead). */
  | 'not_found'
  /** The request itself is invalid (checked before sending, or a 400 answer). */
  | 'bad_request';

/** Why a call was 'unavailable' (also the metrics label). */
export type UnavailableReason = 'timeout' | 'network' | 'http_5xx' | 'http_4xx' | 'invalid_response' | 'auth' | 'breaker_open';

export class StatusApiError extends Error {
  readonly kind: StatusErrorKind;
  /** HTTP status when there was an answer. */
  readonly status?: number;
  /** For 'locked': minutes until the lock lifts, when the API said (Retry-After). */
  readonly retryAfterMinutes?: number;
  /** For 'unavailable': what failed. */
  readonly reason?: UnavailableReason;

  constructor(
    kind: StatusErrorKind,
    message: string,
    opts: { status?: number; retryAfterMinutes?: number; reason?: UnavailableReason; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'StatusApiError';
    this.kind = kind;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterMinutes !== undefined) this.retryAfterMinutes = opts.retryAfterMinutes;
    if (opts.reason !== undefined) this.reason = opts.reason;
  }
}

export const isStatusApiError = (e: unknown): e is StatusApiError => e instanceof StatusApiError;
