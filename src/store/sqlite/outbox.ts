import type { Database } from 'better-sqlite3';
import { z } from 'zod/v4';
import { OUTBOX_STATUSES, type OutboxStatus } from '../../core/forwarding/delivery-status';
import { OutboundEventTypes, type OutboundEvent } from '../../core/forwarding/outbound-event';
import type {
  ClaimedOutboxEntry,
  DestinationDelivery,
  OutboxEntry,
  OutboxRepository,
} from '../port';
import { insertOutboxRows } from './outbox-rows';

interface Row {
  seq: number;
  event_id: string;
  destination_id: string;
  event_type: string;
  subject: string;
  ordering_key: string;
  form: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  last_http_status: number | null;
  delivered_at: string | null;
  replays: number;
}

const StoredEventSchema = z.object({
  id: z.string(),
  type: z.enum(Object.values(OutboundEventTypes)),
  subject: z.string(),
  form: z.string(),
  schemaId: z.string(),
  occurredAt: z.iso.datetime().transform((text) => new Date(text)),
  orderingKey: z.string(),
  data: z.record(z.string(), z.unknown()),
});

function parseEvent(payload: string): OutboundEvent {
  return StoredEventSchema.parse(JSON.parse(payload));
}

const dateOrUndefined = (value: string | null) => (value === null ? undefined : new Date(value));

function toEntry(row: Row): OutboxEntry {
  const lastAttempt = dateOrUndefined(row.last_attempt_at);
  const delivered = dateOrUndefined(row.delivered_at);
  return {
    id: row.seq,
    eventId: row.event_id,
    destinationId: row.destination_id,
    eventType: row.event_type,
    subject: row.subject,
    orderingKey: row.ordering_key,
    form: row.form,
    status: row.status,
    attempts: row.attempts,
    createdAt: new Date(row.created_at),
    nextAttemptAt: new Date(row.next_attempt_at),
    ...(lastAttempt ? { lastAttemptAt: lastAttempt } : {}),
    ...(delivered ? { deliveredAt: delivered } : {}),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.last_http_status === null ? {} : { lastHttpStatus: row.last_http_status }),
    replays: row.replays,
  };
}

const ACTIVE = `('pending', 'delivering', 'retrying')`;

export function createSqliteOutbox(db: Database): OutboxRepository {
  const candidates = db.prepare<{ now: string; limit: number }, { seq: number }>(
    `SELECT o.seq FROM outbox o
     WHERE ((o.status IN ('pending', 'retrying') AND o.next_attempt_at <= @now)
            OR (o.status = 'delivering' AND o.lease_until <= @now))
       AND o.destination_id NOT IN (SELECT destination_id FROM outbox_disabled_destinations)
       AND NOT EXISTS (
         SELECT 1 FROM outbox p
         WHERE p.destination_id = o.destination_id AND p.ordering_key = o.ordering_key
           AND p.seq < o.seq AND p.status IN ${ACTIVE})
     ORDER BY o.next_attempt_at, o.seq
     LIMIT @limit`,
  );
  const lease = db.prepare<{ seq: number; owner: string; until: string; now: string }, Row>(
    `UPDATE outbox
     SET status = 'delivering', lease_owner = @owner, lease_until = @until,
         attempts = attempts + 1, last_attempt_at = @now
     WHERE seq = @seq
       AND ((status IN ('pending', 'retrying') AND next_attempt_at <= @now)
            OR (status = 'delivering' AND lease_until <= @now))
     RETURNING *`,
  );
  const claim = db.transaction(
    (options: { now: Date; limit: number; leaseMs: number; owner: string }) => {
      const now = options.now.toISOString();
      const until = new Date(options.now.getTime() + options.leaseMs).toISOString();
      const claimed: ClaimedOutboxEntry[] = [];
      for (const { seq } of candidates.all({ now, limit: options.limit })) {
        const row = lease.get({ seq, owner: options.owner, until, now });
        if (row === undefined) continue;
        claimed.push({
          ...toEntry(row),
          event: parseEvent(row.payload),
          leaseOwner: options.owner,
        });
      }
      return claimed;
    },
  );
  const leased = `WHERE seq = @id AND status = 'delivering' AND lease_owner = @owner`;
  const delivered = db.prepare(
    `UPDATE outbox SET status = 'delivered', delivered_at = @at, last_http_status = @httpStatus,
       last_error = NULL, lease_owner = NULL, lease_until = NULL ${leased}`,
  );
  const retryLater = db.prepare(
    `UPDATE outbox SET status = 'retrying', next_attempt_at = @next, last_error = @reason,
       last_http_status = @httpStatus, lease_owner = NULL, lease_until = NULL ${leased}`,
  );
  const dead = db.prepare(
    `UPDATE outbox SET status = 'dead', dead_at = @at, last_error = @reason,
       last_http_status = @httpStatus, lease_owner = NULL, lease_until = NULL ${leased}`,
  );
  const disable = db.prepare(
    `INSERT INTO outbox_disabled_destinations (destination_id, disabled_at, reason)
     VALUES (?, ?, ?) ON CONFLICT (destination_id) DO NOTHING`,
  );
  const enable = db.prepare('DELETE FROM outbox_disabled_destinations WHERE destination_id = ?');
  const disabledAll = db.prepare<
    [],
    { destination_id: string; disabled_at: string; reason: string }
  >('SELECT * FROM outbox_disabled_destinations ORDER BY destination_id');
  const byId = db.prepare<[number], Row>('SELECT * FROM outbox WHERE seq = ?');
  const requeue = db.prepare(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now,
       lease_owner = NULL, lease_until = NULL, replays = replays + 1
     WHERE seq = @id AND status IN ('dead', 'retrying')`,
  );
  const replay = db.prepare(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now,
       lease_owner = NULL, lease_until = NULL, replays = replays + 1
     WHERE destination_id = @destinationId AND created_at >= @since AND status <> 'delivering'`,
  );
  const purgeable = `SELECT event_id FROM outbox GROUP BY event_id
     HAVING SUM(status <> 'delivered') = 0 AND MAX(delivered_at) < @olderThan`;
  const countPurgeable = db.prepare<{ olderThan: string }, { n: number }>(
    `SELECT COUNT(*) AS n FROM (${purgeable})`,
  );
  const purge = db.prepare(`DELETE FROM outbox WHERE event_id IN (${purgeable})`);
  const purgeAll = db.transaction((olderThan: string) => {
    const { n } = countPurgeable.get({ olderThan }) ?? { n: 0 };
    purge.run({ olderThan });
    return n;
  });
  const forDeclaration = db.prepare<{ key: string }, Row & { disabled: number }>(
    `SELECT o.*, (d.destination_id IS NOT NULL) AS disabled FROM outbox o
     LEFT JOIN outbox_disabled_destinations d ON d.destination_id = o.destination_id
     WHERE o.subject = @key OR o.ordering_key = @key ORDER BY o.seq`,
  );
  const statusCounts = db.prepare<[], { status: OutboxStatus; n: number }>(
    'SELECT status, COUNT(*) AS n FROM outbox GROUP BY status',
  );

  return {
    enqueue(event, destinationIds) {
      return Promise.resolve(
        db.transaction(() => insertOutboxRows(db, event, destinationIds)).immediate(),
      );
    },
    claimDue(options) {
      return Promise.resolve(claim.immediate(options));
    },
    markDelivered(id, owner, outcome) {
      const changes = delivered.run({
        id,
        owner,
        at: outcome.at.toISOString(),
        httpStatus: outcome.httpStatus ?? null,
      }).changes;
      return Promise.resolve(changes === 1);
    },
    scheduleRetry(id, owner, outcome) {
      const changes = retryLater.run({
        id,
        owner,
        next: outcome.nextAttemptAt.toISOString(),
        reason: outcome.reason,
        httpStatus: outcome.httpStatus ?? null,
      }).changes;
      return Promise.resolve(changes === 1);
    },
    deadLetter(id, owner, outcome) {
      const changes = dead.run({
        id,
        owner,
        at: outcome.at.toISOString(),
        reason: outcome.reason,
        httpStatus: outcome.httpStatus ?? null,
      }).changes;
      return Promise.resolve(changes === 1);
    },
    disableDestination(destinationId, at, reason) {
      return Promise.resolve(disable.run(destinationId, at.toISOString(), reason).changes === 1);
    },
    enableDestination(destinationId) {
      return Promise.resolve(enable.run(destinationId).changes === 1);
    },
    disabledDestinations() {
      return Promise.resolve(
        disabledAll.all().map((row) => ({
          destinationId: row.destination_id,
          disabledAt: new Date(row.disabled_at),
          reason: row.reason,
        })),
      );
    },
    list(filter = {}) {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: filter.limit ?? 100 };
      if (filter.status !== undefined) {
        where.push('status = @status');
        params.status = filter.status;
      }
      if (filter.destinationId !== undefined) {
        where.push('destination_id = @destinationId');
        params.destinationId = filter.destinationId;
      }
      const rows = db
        .prepare<Record<string, string | number>, Row>(
          `SELECT * FROM outbox ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY seq DESC LIMIT @limit`,
        )
        .all(params);
      return Promise.resolve(rows.map(toEntry));
    },
    get(id) {
      const row = byId.get(id);
      return Promise.resolve(
        row === undefined ? undefined : { ...toEntry(row), event: parseEvent(row.payload) },
      );
    },
    retry(id, now) {
      return Promise.resolve(requeue.run({ id, now: now.toISOString() }).changes === 1);
    },
    replay(options) {
      const changes = db
        .transaction(
          () =>
            replay.run({
              destinationId: options.destinationId,
              since: options.since.toISOString(),
              now: options.now.toISOString(),
            }).changes,
        )
        .immediate();
      return Promise.resolve(changes);
    },
    purgeDelivered(options) {
      return Promise.resolve(purgeAll.immediate(options.olderThan.toISOString()));
    },
    statusFor(key) {
      const rows: DestinationDelivery[] = forDeclaration.all({ key }).map((row) => {
        const entry = toEntry(row);
        const active = row.status !== 'delivered' && row.status !== 'dead';
        return {
          destinationId: entry.destinationId,
          eventId: entry.eventId,
          eventType: entry.eventType,
          status: entry.status,
          attempts: entry.attempts,
          createdAt: entry.createdAt,
          ...(entry.deliveredAt ? { deliveredAt: entry.deliveredAt } : {}),
          ...(active ? { nextAttemptAt: entry.nextAttemptAt } : {}),
          destinationDisabled: row.disabled === 1,
        };
      });
      return Promise.resolve(rows);
    },
    counts() {
      const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<
        OutboxStatus,
        number
      >;
      for (const { status, n } of statusCounts.all()) counts[status] = n;
      return Promise.resolve(counts);
    },
  };
}
