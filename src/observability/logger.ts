import { hostname } from 'node:os';
import { pino, type DestinationStream, type Level, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import { redactJsonLine, redactObject } from './redact.ts';

export type LogLevel = Level | 'silent';

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default stdout). Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
  /** Extra fields on every line (e.g. { instance }). */
  base?: Record<string, unknown>;
}

/** Well-known secret locations, censored before the generic scrub runs. */
export const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-participant-token"]',
  'headers["x-participant-token"]',
  'participantToken',
  '*.participantToken',
  'token',
  '*.token',
  'password',
  '*.password',
];

/**
 * JSON logger (pino) that never writes personal data in clear text:
 * 1. secret-looking keys (tokens, authorization, nik, kpj, phone, email, birthDate) are censored and money
 *    under balance/saldo/amount keys is replaced, anywhere in the logged object;
 * 2. every string literal of the final line (message, bindings, error messages and stacks) is scrubbed of
 *    NIK, KPJ, phone numbers, e-mails, dates of birth and rupiah amounts.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? ((process.env.LOG_LEVEL as LogLevel | undefined) || 'info');
  const options: PinoOptions = {
    level,
    base: { pid: process.pid, hostname: hostname(), ...opts.base },
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    formatters: {
      log: (obj: Record<string, unknown>) => redactObject(obj) as Record<string, unknown>,
      bindings: (b: Record<string, unknown>) => redactObject(b) as Record<string, unknown>,
    },
    hooks: { streamWrite: redactJsonLine },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

export type { Logger };
