import type { RetryConfig } from './config';

/**
 * The wait before the next attempt, or undefined when the schedule is used up (dead letter).
 * `attempts` counts the attempts made so far, the failed one included. A receiver's Retry-After is
 * honoured (up to maxRetryAfter): the wait is never shorter than it asked, nor than the schedule.
 */
export function nextRetryDelay(options: {
  attempts: number;
  retry: RetryConfig;
  random: () => number;
  retryAfterMs?: number;
}): number | undefined {
  const { attempts, retry } = options;
  const base = retry.schedule[attempts - 1];
  if (base === undefined) return undefined;
  const spread = 1 + retry.jitter * (2 * options.random() - 1);
  const scheduled = Math.round(base * spread);
  const asked =
    options.retryAfterMs === undefined ? 0 : Math.min(options.retryAfterMs, retry.maxRetryAfter);
  return Math.max(scheduled, asked);
}

/** Retry-After as delay-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** The whole schedule, for documentation and the operations CLI. */
export function describeSchedule(retry: RetryConfig): string {
  const format = (ms: number): string =>
    ms % 3_600_000 === 0
      ? `${ms / 3_600_000}h`
      : ms % 60_000 === 0
        ? `${ms / 60_000}m`
        : ms % 1000 === 0
          ? `${ms / 1000}s`
          : `${ms}ms`;
  return ['immediately', ...retry.schedule.map(format)].join(', ');
}
