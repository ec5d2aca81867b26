import type { Database } from 'better-sqlite3';
import type { OutboundEvent } from '../../core/forwarding/outbound-event';

/**
 * Writes one outbox row per destination for an event. Call it inside the same SQLite transaction
 * that writes the declaration change (transactional outbox): both commit or neither does. A repeated
 * (event id, destination) is ignored. Returns the number of rows written. Owned by forwarding.
 */
export function insertOutboxRows(
  db: Database,
  event: OutboundEvent,
  destinationIds: readonly string[],
): number {
  const insert = db.prepare(
    `INSERT INTO outbox (event_id, destination_id, event_type, subject, ordering_key, form, payload,
                         status, attempts, created_at, next_attempt_at)
     VALUES (@eventId, @destinationId, @type, @subject, @orderingKey, @form, @payload,
             'pending', 0, @at, @at)
     ON CONFLICT (event_id, destination_id) DO NOTHING`,
  );
  const at = event.occurredAt.toISOString();
  const payload = JSON.stringify(event);
  let written = 0;
  for (const destinationId of new Set(destinationIds)) {
    written += insert.run({
      eventId: event.id,
      destinationId,
      type: event.type,
      subject: event.subject,
      orderingKey: event.orderingKey,
      form: event.form,
      payload,
      at,
    }).changes;
  }
  return written;
}
