import type { Migration } from './index';

export const outboxMigration: Migration = {
  version: 4,
  name: 'outbox',
  sql: `
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL,
      destination_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      subject TEXT NOT NULL,
      ordering_key TEXT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      next_attempt_at TEXT NOT NULL,
      UNIQUE (event_id, destination_id)
    );
  `,
};
