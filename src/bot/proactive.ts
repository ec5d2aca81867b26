import type { Activity, ConversationReference } from 'botbuilder';
import type { Logger } from '../log';

/** How a proactive message reaches Teams; the adapter-backed one is in proactive-transport.ts. */
export interface ProactiveTransport {
  /** Posts a new activity to the reference's conversation; resolves to the new activity id. */
  send(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<string | undefined>;
  /** Replaces an activity (`activity.id`) in the reference's conversation. */
  update(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void>;
}

export type DeliveryResult =
  | { readonly ok: true; readonly id?: string }
  /** `gone`: Teams said 403 or 404, so the conversation must not be used until seen again. */
  | { readonly ok: false; readonly reason: 'gone' | 'failed'; readonly status?: number };

export interface ProactiveMessenger {
  send(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<DeliveryResult>;
  update(
    reference: Partial<ConversationReference>,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<DeliveryResult>;
  /** Resolves once every queued send has finished (shutdown, tests). */
  idle(): Promise<void>;
}

export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

/** Teams' per-bot, per-conversation limits for sends (the stricter windows matter most). */
export const TEAMS_CONVERSATION_LIMITS: readonly RateLimit[] = [
  { max: 7, windowMs: 1_000 },
  { max: 8, windowMs: 2_000 },
  { max: 60, windowMs: 30_000 },
  { max: 1800, windowMs: 3_600_000 },
];

/** The only statuses Teams says may be retried. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);
/** The conversation is gone or closed to the bot: stop using the reference. */
export const GONE_STATUSES: ReadonlySet<number> = new Set([403, 404]);

export interface MessengerOptions {
  readonly transport: ProactiveTransport;
  readonly log: Logger;
  readonly limits?: readonly RateLimit[];
  /** Attempts per message, the first included. */
  readonly maxAttempts?: number;
  /** A longer Retry-After than this is not waited for: the send fails and is retried later. */
  readonly maxRetryAfterMs?: number;
  readonly baseBackoffMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const candidate of [e?.statusCode, e?.status, e?.response?.status]) {
    if (typeof candidate === 'number') return candidate;
  }
  return undefined;
}

/** Retry-After in ms from a connector error: delta-seconds or an HTTP date. */
export function retryAfterMsOf(error: unknown, nowMs: number): number | undefined {
  const headers = (error as { response?: { headers?: unknown } })?.response?.headers as
    { get?: (name: string) => string | undefined | null } | Record<string, unknown> | undefined;
  let raw: unknown;
  if (headers !== undefined && typeof headers.get === 'function') {
    raw = (headers.get as (name: string) => unknown)('retry-after');
  } else if (headers !== undefined) {
    raw = (headers as Record<string, unknown>)['retry-after'];
  }
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const conversationKey = (reference: Partial<ConversationReference>) =>
  `${reference.serviceUrl ?? ''}|${reference.conversation?.id ?? ''}`;

/**
 * Proactive sends that respect Teams: one queue per conversation, at most 7 sends a second (and
 * the longer windows), retries only on 412/429/502/503/504 honouring Retry-After, and 403/404
 * reported as `gone` without a retry. A factory: each instance keeps its own queues.
 */
export function createProactiveMessenger(options: MessengerOptions): ProactiveMessenger {
  const limits = options.limits ?? TEAMS_CONVERSATION_LIMITS;
  const longestWindow = Math.max(...limits.map((l) => l.windowMs));
  const maxAttempts = options.maxAttempts ?? 4;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const baseBackoffMs = options.baseBackoffMs ?? 1_000;
  const now = options.now ?? (() => Date.now());
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const { log } = options;

  const queues = new Map<string, { tail: Promise<unknown>; sentAt: number[]; pending: number }>();

  /** Waits until one more send fits every window, then records it. */
  async function takeSlot(sentAt: number[]): Promise<void> {
    for (;;) {
      const t = now();
      while (sentAt.length > 0 && (sentAt[0] ?? 0) <= t - longestWindow) sentAt.shift();
      let waitMs = 0;
      for (const limit of limits) {
        const inWindow = sentAt.filter((s) => s > t - limit.windowMs);
        if (inWindow.length >= limit.max) {
          const oldestThatMustExpire = inWindow[inWindow.length - limit.max] ?? t;
          waitMs = Math.max(waitMs, oldestThatMustExpire + limit.windowMs - t);
        }
      }
      if (waitMs <= 0) {
        sentAt.push(t);
        return;
      }
      await sleep(waitMs);
    }
  }

  function backoffMs(attempt: number): number {
    // Exponential with ±20 % jitter: 1 s, 2 s, 4 s...
    return baseBackoffMs * 2 ** (attempt - 1) * (0.8 + random() * 0.4);
  }

  async function attempt<T>(
    op: 'send' | 'update',
    sentAt: number[],
    call: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; reason: 'gone' | 'failed'; status?: number }> {
    for (let n = 1; ; n += 1) {
      await takeSlot(sentAt);
      try {
        return { ok: true, value: await call() };
      } catch (error) {
        const status = statusOf(error);
        if (status !== undefined && GONE_STATUSES.has(status)) {
          log.warn({ op, status, attempt: n }, 'proactive send refused: conversation gone');
          return { ok: false, reason: 'gone', status };
        }
        const retryable = status !== undefined && RETRYABLE_STATUSES.has(status);
        const retryAfter = retryable ? retryAfterMsOf(error, now()) : undefined;
        if (!retryable || n >= maxAttempts || (retryAfter ?? 0) > maxRetryAfterMs) {
          const err = error instanceof Error ? error : new Error('non-error thrown');
          log.warn(
            { op, status, attempt: n, errName: err.name, retryable },
            'proactive send failed',
          );
          return { ok: false, reason: 'failed', ...(status === undefined ? {} : { status }) };
        }
        await sleep(retryAfter ?? backoffMs(n));
      }
    }
  }

  function enqueue<T>(
    reference: Partial<ConversationReference>,
    job: (sentAt: number[]) => Promise<T>,
  ) {
    const key = conversationKey(reference);
    for (const [other, q] of queues) {
      // Forget idle conversations once all their windows have passed.
      const last = q.sentAt[q.sentAt.length - 1] ?? 0;
      if (other !== key && q.pending === 0 && last <= now() - longestWindow) queues.delete(other);
    }
    const queue = queues.get(key) ?? { tail: Promise.resolve(), sentAt: [], pending: 0 };
    queues.set(key, queue);
    queue.pending += 1;
    const result = queue.tail.then(() => job(queue.sentAt));
    queue.tail = result
      .catch(() => undefined)
      .finally(() => {
        queue.pending -= 1;
      });
    return result;
  }

  return {
    send(reference, activity) {
      return enqueue(reference, async (sentAt) => {
        const result = await attempt('send', sentAt, () =>
          options.transport.send(reference, activity),
        );
        return result.ok
          ? { ok: true as const, ...(result.value === undefined ? {} : { id: result.value }) }
          : result;
      });
    },
    update(reference, activityId, activity) {
      return enqueue(reference, async (sentAt) => {
        const result = await attempt('update', sentAt, () =>
          options.transport.update(reference, { ...activity, id: activityId }),
        );
        return result.ok ? { ok: true as const } : result;
      });
    },
    async idle() {
      while ([...queues.values()].some((q) => q.pending > 0)) {
        await Promise.all([...queues.values()].map((q) => q.tail));
      }
    },
  };
}
