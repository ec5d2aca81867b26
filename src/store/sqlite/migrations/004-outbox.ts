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
      form TEXT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivering', 'delivered', 'retrying', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      next_attempt_at TEXT NOT NULL,
      lease_owner TEXT,
      lease_until TEXT,
      last_attempt_at TEXT,
      last_error TEXT,
      last_http_status INTEGER,
      delivered_at TEXT,
      dead_at TEXT,
      replays INTEGER NOT NULL DEFAULT 0,
      UNIQUE (event_id, destination_id)
    );
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    CREATE INDEX outbox_line ON outbox (destination_id, ordering_key, seq);
    CREATE INDEX outbox_subject ON outbox (subject);
    CREATE INDEX outbox_ordering_key ON outbox (ordering_key);

    -- Destinations switched off after answering 410 Gone, until an operator re-enables them.
    CREATE TABLE outbox_disabled_destinations (
      destination_id TEXT PRIMARY KEY,
      disabled_at TEXT NOT NULL,
      reason TEXT NOT NULL
    );
  `,
};
