import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log';
import type { ClaimedOutboxEntry, OutboxRepository } from '../../store/port';
import type { AlertSink, ForwardingAlert } from './alerts';
import type { AttemptResult } from './attempt-result';
import type { DestinationConfig, ForwardingConfig } from './config';
import { nextRetryDelay } from './retry';
import type { Senders } from './sender';

export interface DeliveryWorkerDeps {
  readonly outbox: OutboxRepository;
  readonly config: ForwardingConfig;
  readonly senders: Senders;
  readonly alerts: AlertSink;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly random?: () => number;
  /** Names this worker's leases; unique per process. */
  readonly owner?: string;
}

export interface DeliveryWorker {
  readonly owner: string;
  /** Claims and delivers one batch of due events; returns how many were attempted. */
  runOnce(): Promise<number>;
  /** Delivers in a loop until stopped. */
  start(): void;
  /** Looks for due events now instead of at the next poll. */
  wake(): void;
  /** Finishes the batch in flight, then stops. */
  stop(): Promise<void>;
}

function alertFor(
  entry: ClaimedOutboxEntry,
  kind: ForwardingAlert['kind'],
  reason: string,
  at: Date,
  httpStatus: number | undefined,
): ForwardingAlert {
  return {
    kind,
    destinationId: entry.destinationId,
    eventId: entry.eventId,
    eventType: entry.eventType,
    subject: entry.subject,
    reason,
    attempts: entry.attempts,
    at,
    ...(httpStatus === undefined ? {} : { httpStatus }),
  };
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { outbox, config, senders, alerts, log, clock } = deps;
  const random = deps.random ?? Math.random;
  const owner = deps.owner ?? randomUUID();
  const destinations = new Map(config.destinations.map((d) => [d.id, d]));

  function send(entry: ClaimedOutboxEntry, destination: DestinationConfig, now: Date) {
    const attempt = { event: entry.event, attempt: entry.attempts, now };
    // The union of senders is narrowed by the destination's type.
    switch (destination.type) {
      case 'webhook':
        return senders.webhook.send({ ...attempt, destination });
      case 'email':
        return senders.email.send({ ...attempt, destination });
      case 'file':
        return senders.file.send({ ...attempt, destination });
    }
  }

  async function attempt(entry: ClaimedOutboxEntry): Promise<void> {
    const destination = destinations.get(entry.destinationId);
    let result: AttemptResult;
    if (destination === undefined) {
      result = { outcome: 'dead', reason: 'destination_not_configured' };
    } else {
      try {
        result = await send(entry, destination, clock());
      } catch (error) {
        // A sender bug or broken infrastructure: keep the event and try again on the schedule.
        const err = error instanceof Error ? error : new Error('non-error thrown');
        log.error({ errName: err.name, outboxId: entry.id }, 'forwarding sender failed');
        result = { outcome: 'retry', reason: 'internal_error' };
      }
    }
    await record(entry, result);
  }

  async function record(entry: ClaimedOutboxEntry, result: AttemptResult): Promise<void> {
    const at = clock();
    const httpStatus = result.httpStatus;
    const fields = {
      outboxId: entry.id,
      eventId: entry.eventId,
      destinationId: entry.destinationId,
      attempt: entry.attempts,
      httpStatus,
    };
    if (result.outcome === 'delivered') {
      const recorded = await outbox.markDelivered(entry.id, owner, { at, httpStatus });
      log.info({ ...fields, recorded }, 'forwarded');
      return;
    }
    if (result.outcome === 'disable') {
      // The event stays queued, first in line, for when an operator re-enables the destination.
      await outbox.scheduleRetry(entry.id, owner, {
        at,
        nextAttemptAt: at,
        reason: result.reason,
        httpStatus,
      });
      const newly = await outbox.disableDestination(entry.destinationId, at, result.reason);
      log.warn({ ...fields, reason: result.reason }, 'destination disabled');
      if (newly)
        await alerts.raise(alertFor(entry, 'destination_disabled', result.reason, at, httpStatus));
      return;
    }
    if (result.outcome === 'retry') {
      const delay = nextRetryDelay({
        attempts: entry.attempts,
        retry: config.retry,
        random,
        ...(result.retryAfterMs === undefined ? {} : { retryAfterMs: result.retryAfterMs }),
      });
      if (delay !== undefined) {
        const nextAttemptAt = new Date(at.getTime() + delay);
        await outbox.scheduleRetry(entry.id, owner, {
          at,
          nextAttemptAt,
          reason: result.reason,
          httpStatus,
        });
        log.warn(
          { ...fields, reason: result.reason, nextAttemptAt: nextAttemptAt.toISOString() },
          'forwarding failed, will retry',
        );
        return;
      }
    }
    const reason =
      result.outcome === 'retry' ? `schedule_exhausted_${result.reason}` : result.reason;
    const recorded = await outbox.deadLetter(entry.id, owner, { at, reason, httpStatus });
    log.warn({ ...fields, reason, recorded }, 'forwarding gave up: dead letter');
    if (recorded) await alerts.raise(alertFor(entry, 'dead_letter', reason, at, httpStatus));
  }

  async function runOnce(): Promise<number> {
    const claimed = await outbox.claimDue({
      now: clock(),
      limit: config.worker.batchSize,
      leaseMs: config.worker.lease,
      owner,
    });
    await Promise.all(claimed.map(attempt));
    return claimed.length;
  }

  let running: Promise<void> | undefined;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  // A wake-up during a round means "look again before sleeping".
  let wokenEarly = false;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (wokenEarly) {
        wokenEarly = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function loop(): Promise<void> {
    while (!stopping) {
      let attempted = 0;
      try {
        attempted = await runOnce();
      } catch (error) {
        const err = error instanceof Error ? error : new Error('non-error thrown');
        log.error(
          { errName: err.name, errCode: (err as { code?: unknown }).code },
          'delivery round failed',
        );
      }
      // A full batch suggests more is due: go again at once; otherwise wait for the next poll.
      if (!stopping && attempted < config.worker.batchSize) await pause(config.worker.pollInterval);
    }
  }

  return {
    owner,
    runOnce,
    start() {
      if (running) return;
      stopping = false;
      running = loop();
      log.info({ owner }, 'delivery worker started');
    },
    wake() {
      if (wakeUp) wakeUp();
      else wokenEarly = true;
    },
    async stop() {
      if (!running) return;
      stopping = true;
      wakeUp?.();
      await running;
      running = undefined;
      log.info({ owner }, 'delivery worker stopped');
    },
  };
}
