/**
 * Sandbox of the agency's status API: the whole contract of docs/api.md over the demo data.
 * All mutable state (verify failures, participant tokens, ticket counters, new complaints) lives in the
 * Store, so several instances sharing Redis behave as one API.
 *
 * Store keys (the Redis store adds its `jessi:` prefix):
 *   sandbox:verify-fail:<hmac>     failure times (ms) of one PERSON (their KPJ and NIK share it; an unknown
 *                                  identifier counts on its own) in the lock window: wrong birth dates and codes
 *   sandbox:challenges:<hmac>      times one person was sent a code in the window (at most 5 per 15 minutes)
 *   sandbox:challenge:<sha256>     a pending one-time-code challenge { participant, code, expiresAt, wrong }
 *   sandbox:token:<sha256>         participant token record { participant, expiresAt } (TTL = token lifetime)
 *   sandbox:complaint:<ticket>     complaints filed through the sandbox
 *   sandbox:idem:<sha256>          Idempotency-Key → ticket, so a repeated submission files nothing new
 *
 * The lock-out after 3 failures locks the BIRTH-DATE step for that person: a wrong birth date then gets 423.
 * The owner's own path stays open: the right birth date still sends a code to the phone registered with the
 * agency (which an attacker who knows the NIK does not hold), limited to 5 codes per person per 15 minutes,
 * so someone else's guesses cannot lock the owner out, and the code is the real check.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Store } from '../../store/types.ts';
import { StoreUnavailableError } from '../../store/types.ts';
import { complaintRequestSchema, otpRequestSchema, verifyRequestSchema, type Complaint } from '../schemas.ts';
import { DEMO_PARTICIPANTS, findDemoComplaint, findParticipant, maskName, maskPhone, SANDBOX_OTP } from './data.ts';

/** Failure injection for tests. Read on every request, so a test can change it while the server runs. */
export interface SandboxFaults {
  /** Answer every /v1 request this many ms late. */
  delayMs?: number;
  /** true: every /v1 request answers 503; a number: the next N requests answer 503 (counted down). */
  failWith5xx?: boolean | number;
}

export interface SandboxOptions {
  store: Store;
  /** The service bearer token callers must send (STATUS_API_TOKEN). */
  token: string;
  /** Clock (ms epoch) for lock windows, token expiry, ticket dates and timestamps (tests). */
  now?: () => number;
  /** Participant token lifetime (default 900 s = 15 minutes). */
  tokenTtlSeconds?: number;
  /** Failed verifications that lock an identifier (default 3)… */
  maxFailures?: number;
  /** …within this window, which is also the lock duration (default 900 s). */
  lockWindowSeconds?: number;
  /** Only for tests: never wired to configuration or HTTP. */
  faults?: SandboxFaults;
  logger?: Pick<Logger, 'warn' | 'error'>;
}

interface ChallengeRecord {
  participant: string;
  code: string;
  expiresAt: number;
  wrong: number;
}

/** Codes expire after 5 minutes; 3 wrong codes end a challenge; at most 5 codes per person per window. */
const CHALLENGE_TTL_SECONDS = 300;
const MAX_WRONG_CODES = 3;
const MAX_CHALLENGES = 5;

interface TokenRecord {
  participant: string;
  expiresAt: number;
}

interface StoredComplaint extends Complaint {
  description: string;
  contact: string;
}

const COMPLAINT_TTL_SECONDS = 180 * 86_400;
const WIB_OFFSET_MS = 7 * 3_600_000; // Asia/Jakarta, no daylight saving

/** ISO timestamp in Jakarta time: 2026-11-24T10:00:00+07:00. */
export const wibIso = (ms: number): string => new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 19) + '+07:00';
/** Jakarta calendar day: 20261124. */
const wibDay = (ms: number): string => new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error: { code, message, ...extra } });
}

export function createSandboxRouter(opts: SandboxOptions): express.Router {
  const { store, logger } = opts;
  if (!opts.token) throw new Error('sandbox: a bearer token is required');
  const now = opts.now ?? Date.now;
  const tokenTtl = opts.tokenTtlSeconds ?? 900;
  const maxFailures = opts.maxFailures ?? 3;
  const windowSeconds = opts.lockWindowSeconds ?? 900;
  const expectedAuth = sha256(`Bearer ${opts.token}`);

  // Store keys never contain identifiers or tokens in clear.
  const failKey = (subject: string) => `sandbox:verify-fail:${createHmac('sha256', opts.token).update(subject).digest('hex').slice(0, 32)}`;
  const tokenKey = (token: string) => `sandbox:token:${sha256(token).toString('hex')}`;
  const complaintKey = (ticket: string) => `sandbox:complaint:${ticket}`;
  const challengeKey = (id: string) => `sandbox:challenge:${sha256(id).toString('hex')}`;
  const challengesKey = (subject: string) => `sandbox:challenges:${createHmac('sha256', opts.token).update(subject).digest('hex').slice(0, 32)}`;
  const idemKey = (key: string) => `sandbox:idem:${sha256(key).toString('hex')}`;
  const recent = (times: number[] | undefined, t: number) => (times ?? []).filter((x) => x > t - windowSeconds * 1000 && x <= t);

  const router = express.Router();

  // Failure injection first, so it also covers requests that would fail auth or validation.
  router.use('/v1', async (_req, res, next) => {
    const f = opts.faults;
    if (!f) return next();
    if (f.delayMs) await sleep(f.delayMs);
    if (f.failWith5xx === true || (typeof f.failWith5xx === 'number' && f.failWith5xx > 0)) {
      if (typeof f.failWith5xx === 'number') f.failWith5xx--;
      return sendError(res, 503, 'unavailable', 'injected failure');
    }
    next();
  });

  router.use('/v1', (req, res, next) => {
    const got = sha256(req.get('authorization')?.trim() ?? '');
    if (!timingSafeEqual(got, expectedAuth)) {
      res.set('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, 'unauthorized', 'missing or invalid bearer token');
    }
    next();
  });

  router.use('/v1', express.json({ limit: '16kb' }));

  /** Count one failure for a person (wrong codes). */
  async function countFailure(subject: string, t: number): Promise<void> {
    await store.update<number[]>(failKey(subject), (cur) => [...recent(cur, t), t], windowSeconds);
  }
  /** Reserve a birth-date attempt atomically (parallel guesses cannot slip past the limit). */
  async function reserveAttempt(subject: string, t: number): Promise<{ locked: boolean; retryAfterSeconds: number }> {
    const seen = { locked: false };
    const fails = (await store.update<number[]>(failKey(subject), (cur) => {
      const r = recent(cur, t);
      seen.locked = r.length >= maxFailures;
      return seen.locked ? r : [...r, t];
    }, windowSeconds)) ?? [];
    if (!seen.locked) return { locked: false, retryAfterSeconds: 0 };
    const unlockAt = fails[fails.length - maxFailures]! + windowSeconds * 1000;
    return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil((unlockAt - t) / 1000)) };
  }
  function locked(res: Response, retryAfterSeconds: number): void {
    res.set('Retry-After', String(retryAfterSeconds));
    sendError(res, 423, 'locked', 'too many failed verifications; try again later', { retryAfterSeconds });
  }

  router.post('/v1/verify', async (req, res) => {
    const body = verifyRequestSchema.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid_request', 'identifier (11 or 16 digits) and birthDate (YYYY-MM-DD) are required');
    const { identifier, birthDate } = body.data;
    const t = now();
    const participant = findParticipant(identifier);
    // Counted per person: a participant's KPJ and NIK share one count.
    const subject = participant ? `person:${participant.id}` : `id:${identifier}`;
    const match = !!participant && participant.birthDate === birthDate;
    if (!match) {
      const lock = await reserveAttempt(subject, t);
      if (lock.locked) return locked(res, lock.retryAfterSeconds);
      return sendError(res, 401, 'mismatch', 'identifier and birth date do not match');
    }
    // The right birth date: a code goes to the registered phone (also while the birth-date step is locked).
    const cap = { full: false };
    const sent = (await store.update<number[]>(challengesKey(subject), (cur) => {
      const r = recent(cur, t);
      cap.full = r.length >= MAX_CHALLENGES;
      return cap.full ? r : [...r, t];
    }, windowSeconds)) ?? [];
    if (cap.full) return locked(res, Math.max(1, Math.ceil((sent[sent.length - MAX_CHALLENGES]! + windowSeconds * 1000 - t) / 1000)));
    const challengeId = randomBytes(24).toString('base64url');
    const expiresAt = t + CHALLENGE_TTL_SECONDS * 1000;
    await store.set<ChallengeRecord>(challengeKey(challengeId), { participant: participant!.id, code: SANDBOX_OTP, expiresAt, wrong: 0 }, CHALLENGE_TTL_SECONDS + 60);
    res.json({ challengeId, maskedPhone: maskPhone(participant!.phone), expiresAt: new Date(expiresAt).toISOString() });
  });

  router.post('/v1/verify/otp', async (req, res) => {
    const body = otpRequestSchema.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid_request', 'challengeId and a 6-digit code are required');
    const t = now();
    const key = challengeKey(body.data.challengeId);
    const ch = await store.get<ChallengeRecord>(key);
    if (!ch) return sendError(res, 404, 'not_found', 'no such challenge; request a new code');
    if (ch.expiresAt <= t) {
      await store.delete(key);
      return sendError(res, 410, 'expired', 'the one-time code expired; request a new one');
    }
    const participant = DEMO_PARTICIPANTS.find((p) => p.id === ch.participant)!;
    if (body.data.code !== ch.code) {
      await countFailure(`person:${participant.id}`, t);
      const wrong = ch.wrong + 1;
      if (wrong >= MAX_WRONG_CODES) {
        await store.delete(key);
        return sendError(res, 401, 'challenge_ended', 'too many wrong codes; request a new one');
      }
      await store.set<ChallengeRecord>(key, { ...ch, wrong }, Math.ceil((ch.expiresAt - t) / 1000) + 60);
      return sendError(res, 401, 'wrong_code', 'wrong one-time code', { attemptsLeft: MAX_WRONG_CODES - wrong });
    }
    await store.delete(key);
    await store.delete(failKey(`person:${participant.id}`));
    const participantToken = randomBytes(32).toString('base64url');
    const expiresAt = t + tokenTtl * 1000;
    await store.set<TokenRecord>(tokenKey(participantToken), { participant: participant.id, expiresAt }, tokenTtl);
    res.json({ participantToken, expiresAt: new Date(expiresAt).toISOString(), displayName: maskName(participant.name) });
  });

  /** The participant of a valid X-Participant-Token, or a 401 answer. */
  async function participantOf(req: Request, res: Response) {
    const token = req.get('x-participant-token')?.trim();
    const rec = token && token.length <= 512 ? await store.get<TokenRecord>(tokenKey(token)) : undefined;
    const p = rec && rec.expiresAt > now() ? DEMO_PARTICIPANTS.find((x) => x.id === rec.participant) : undefined;
    if (!p) sendError(res, 401, 'token_expired', 'participant token missing, unknown or expired; verify again');
    return p;
  }

  router.get('/v1/me/balance', async (req, res) => {
    const p = await participantOf(req, res);
    if (p) res.json(p.balance);
  });

  router.get('/v1/me/claims', async (req, res) => {
    const p = await participantOf(req, res);
    if (p) res.json({ claims: p.claims });
  });

  router.get('/v1/complaints/:ticket', async (req, res) => {
    const ticket = String(req.params.ticket);
    const found = /^ADU-\d{8}-\d{4}$/.test(ticket) ? (findDemoComplaint(ticket) ?? (await store.get<StoredComplaint>(complaintKey(ticket)))) : undefined;
    if (!found) return sendError(res, 404, 'not_found', 'no complaint with this ticket');
    const { ticket: tk, status, category, createdAt, updatedAt, lastUpdate } = found;
    res.json({ ticket: tk, status, category, createdAt, updatedAt, lastUpdate });
  });

  router.post('/v1/complaints', async (req, res) => {
    const body = complaintRequestSchema.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid_request', 'category, description and contact are required');
    const idem = req.get('idempotency-key')?.trim();
    if (idem && (idem.length > 200 || !/^[\x21-\x7e]+$/.test(idem))) return sendError(res, 400, 'invalid_request', 'Idempotency-Key: 1-200 visible characters');
    if (idem) {
      const earlier = await store.get<string>(idemKey(idem));
      if (earlier) return res.status(201).json({ ticket: earlier });
    }
    const t = now();
    const day = wibDay(t);
    // Random numbers among the unused ones of the day: a ticket says nothing about how many came before it.
    // Claiming a number is atomic (update on its own key), so concurrent instances never share one.
    let ticket: string | undefined;
    for (let tries = 0; tries < 30 && !ticket; tries++) {
      const candidate = `ADU-${day}-${String(randomBytes(2).readUInt16BE() % 10_000).padStart(4, '0')}`;
      if (findDemoComplaint(candidate)) continue;
      let mine = false;
      await store.update<{ claimed: true }>(`sandbox:ticket:${candidate}`, (cur) => {
        mine = !cur;
        return cur ?? { claimed: true };
      }, 2 * 86_400);
      if (mine) ticket = candidate;
    }
    if (!ticket) return sendError(res, 503, 'unavailable', 'no free ticket number; try again');
    const at = wibIso(t);
    const complaint: StoredComplaint = {
      ticket,
      status: 'open',
      category: body.data.category,
      createdAt: at,
      updatedAt: at,
      lastUpdate: 'Pengaduan diterima dan menunggu ditindaklanjuti petugas.',
      description: body.data.description,
      contact: body.data.contact,
    };
    await store.set(complaintKey(ticket), complaint, COMPLAINT_TTL_SECONDS);
    if (idem) await store.set(idemKey(idem), ticket, 86_400);
    res.status(201).json({ ticket });
  });

  router.use('/v1', (_req, res) => sendError(res, 404, 'not_found', 'no such endpoint'));

  // Errors of this router only (bad JSON, body too large, store down); never a stack or request data.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendError(res, status, status === 413 ? 'too_large' : 'invalid_request', status === 413 ? 'body too large' : 'invalid JSON body');
    if (err instanceof StoreUnavailableError) {
      logger?.warn({ err: err.name }, 'sandbox: store unavailable');
      return sendError(res, 503, 'unavailable', 'state store unavailable');
    }
    logger?.error({ err: (err as Error)?.name }, 'sandbox: unexpected error');
    sendError(res, 500, 'internal', 'internal error');
  });

  return router;
}
