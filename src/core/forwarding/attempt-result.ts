import { parseRetryAfter } from './retry';

/** What one delivery attempt came to, decided by the sender from what the destination said. */
export type AttemptResult =
  | { readonly outcome: 'delivered'; readonly httpStatus?: number }
  | {
      readonly outcome: 'retry';
      /** A reason code for operators: http_503, timeout, network_ECONNREFUSED... never content. */
      readonly reason: string;
      readonly httpStatus?: number;
      readonly retryAfterMs?: number;
    }
  | { readonly outcome: 'dead'; readonly reason: string; readonly httpStatus?: number }
  /** The destination is gone (410): it is switched off; its events wait for an operator. */
  | { readonly outcome: 'disable'; readonly reason: string; readonly httpStatus: number };

/**
 * Standard Webhooks rules: only 2xx is success; 408, 429 and 5xx are worth retrying (honouring
 * Retry-After); 410 means stop sending to this endpoint; any other 4xx will fail the same way
 * again, so it is a dead letter. A 3xx is not followed: it is a failure, retried on the schedule
 * (a moved endpoint is a configuration change, and the retries give operators time to make it).
 */
export function classifyHttpResponse(
  status: number,
  retryAfterHeader: string | null | undefined,
  now: Date,
): AttemptResult {
  if (status >= 200 && status < 300) return { outcome: 'delivered', httpStatus: status };
  const reason = `http_${status}`;
  if (status === 410) return { outcome: 'disable', reason, httpStatus: status };
  if (status === 408 || status === 429 || status >= 500 || (status >= 300 && status < 400)) {
    const retryAfterMs = parseRetryAfter(retryAfterHeader, now);
    return {
      outcome: 'retry',
      reason,
      httpStatus: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  return { outcome: 'dead', reason, httpStatus: status };
}
