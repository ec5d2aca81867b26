import type { Database } from 'better-sqlite3';
import type { OutboundEvent } from '../../core/forwarding/outbound-event';

/**
 * Writes one outbox row per destination for an event. Call it inside the same SQLite transaction
 * that writes the declaration change (transactional outbox). Owned by forwarding.
 */
export function insertOutboxRows(
  db: Database,
  event: OutboundEvent,
  destinationIds: readonly string[],
): void {
  const insert = db.prepare(
    `INSERT INTO outbox (event_id, destination_id, event_type, subject, ordering_key, payload, status, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
  );
  const at = event.occurredAt.toISOString();
  for (const destinationId of destinationIds) {
    insert.run(
      event.id,
      destinationId,
      event.type,
      event.subject,
      event.orderingKey,
      JSON.stringify(event),
      at,
      at,
    );
  }
}
