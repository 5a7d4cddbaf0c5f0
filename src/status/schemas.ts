/**
 * The status API contract (docs/api.md) as zod schemas: the client validates answers with them,
 * the sandbox validates request bodies with them. One place, so both sides agree.
 */
import { z } from 'zod';

export const KPJ = /^\d{11}$/;
export const NIK = /^\d{16}$/;
export const TICKET = /^ADU-\d{8}-\d{4}$/;

const isoDateTime = z.iso.datetime({ offset: true });
const isoDateOrTime = z.union([z.iso.date(), isoDateTime]);

/** A real calendar date written YYYY-MM-DD (rejects 1990-02-30). */
export const birthDateSchema = z.iso.date().refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'not a calendar date');

// ---- requests ----

export const verifyRequestSchema = z.object({
  identifier: z.string().regex(/^(\d{11}|\d{16})$/, 'KPJ (11 digits) or NIK (16 digits)'),
  birthDate: birthDateSchema,
});
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

export const otpRequestSchema = z.object({
  challengeId: z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/),
  code: z.string().regex(/^\d{6}$/, 'code: 6 digits'),
});
export type OtpRequest = z.infer<typeof otpRequestSchema>;

export const complaintRequestSchema = z.object({
  category: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1).max(2000),
  contact: z.string().trim().min(3).max(200),
});
export type ComplaintRequest = z.infer<typeof complaintRequestSchema>;

// ---- answers ----

/** POST /v1/verify: identifier and birth date matched; a one-time code went to the registered phone. */
export const challengeSchema = z.object({
  challengeId: z.string().min(8).max(128),
  maskedPhone: z.string().min(4).max(32),
  expiresAt: isoDateTime,
});
export type Challenge = z.infer<typeof challengeSchema>;

/** POST /v1/verify/otp: the code was right. */
export const verifyResultSchema = z.object({
  participantToken: z.string().min(1).max(2048),
  expiresAt: isoDateTime,
  displayName: z.string().min(1).max(200),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const balanceSchema = z.object({
  asOf: isoDateOrTime,
  jht: z.object({
    scheme: z.enum(['conventional', 'sharia']),
    balance: z.number().int().nonnegative(),
  }),
});
export type Balance = z.infer<typeof balanceSchema>;

export const CLAIM_STATUSES = ['received', 'verifying', 'approved', 'paid', 'rejected'] as const;
export const claimSchema = z.object({
  claimId: z.string().min(1),
  program: z.string().min(1),
  submittedAt: isoDateOrTime,
  status: z.enum(CLAIM_STATUSES),
  statusAt: isoDateOrTime,
  /** Absent or null in the answer becomes ''. */
  note: z.string().nullish().transform((v) => v ?? ''),
});
export type Claim = z.infer<typeof claimSchema>;
export const claimsSchema = z.object({ claims: z.array(claimSchema) });

export const COMPLAINT_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export const complaintSchema = z.object({
  ticket: z.string().regex(TICKET),
  status: z.enum(COMPLAINT_STATUSES),
  category: z.string().min(1),
  createdAt: isoDateOrTime,
  updatedAt: isoDateOrTime,
  /** Absent or null in the answer becomes ''. */
  lastUpdate: z.string().nullish().transform((v) => v ?? ''),
});
export type Complaint = z.infer<typeof complaintSchema>;

export const createdComplaintSchema = z.object({ ticket: z.string().regex(TICKET) });

/** Error body of both the sandbox and (by convention) the agency API: `{ error: { code, message } }`. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional(), retryAfterSeconds: z.number().optional() }),
});
