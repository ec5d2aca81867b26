import { createHmac, randomBytes } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Security events are logged with ids and outcomes only, never content. */
export type SecurityEvent =
  | 'auth_failed'
  | 'tenant_rejected'
  | 'payload_rejected'
  | 'authorisation_refused'
  | 'identity_mismatch'
  | 'dispatch_dead_letter'
  | 'destination_disabled';

/**
 * Keys whose values must never reach a log sink. pino removes them wherever they appear at these
 * depths; code should not log them at all, this is the second line of defence.
 */
const REDACT_KEYS = [
  'text',
  'value',
  'values',
  'data',
  'name',
  'email',
  'token',
  'authorization',
  'password',
  'body',
  'question',
  'answer',
  'comment',
];
const REDACT_PATHS = REDACT_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export interface LoggerOptions {
  level: string;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'integrity-assistant' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

export function logSecurityEvent(
  log: Logger,
  event: SecurityEvent,
  fields: Readonly<Record<string, string | number | boolean | undefined>> = {},
): void {
  log.warn({ category: 'security', event, ...fields }, `security: ${event}`);
}

export type Pseudonymiser = (id: string | undefined) => string | undefined;

/** A stable, non-reversible reference to a user id, so logs can be correlated without naming anyone. */
export function createPseudonymiser(key: string | undefined): Pseudonymiser {
  const secret = key ?? randomBytes(32).toString('hex');
  return (id) =>
    id === undefined || id === ''
      ? undefined
      : createHmac('sha256', secret).update(id).digest('hex').slice(0, 16);
}
