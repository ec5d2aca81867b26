import type { Migration } from './index';

export const escalationsMigration: Migration = {
  version: 5,
  name: 'escalations',
  sql: `
    CREATE TABLE tickets (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      ref TEXT NOT NULL UNIQUE,
      request_id TEXT NOT NULL,
      asker_id TEXT NOT NULL,
      asker_name TEXT,
      anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
      question TEXT NOT NULL,
      context TEXT,
      topic TEXT NOT NULL,
      urgency TEXT NOT NULL,
      article_id TEXT,
      state TEXT NOT NULL
        CHECK (state IN ('new', 'assigned', 'awaiting_info', 'answered', 'closed')),
      assignee_id TEXT,
      assignee_name TEXT,
      info_request TEXT,
      info_reply TEXT,
      answer TEXT,
      answered_by_name TEXT,
      follow_up TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      unassigned_since TEXT,
      first_response_at TEXT,
      answered_at TEXT,
      closed_at TEXT,
      closed_by TEXT CHECK (closed_by IS NULL OR closed_by IN ('asker', 'adviser', 'system')),
      reminder_period INTEGER NOT NULL DEFAULT 0,
      channel_message_id TEXT,
      faq_draft_id TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      -- An anonymous ticket keeps no name at all.
      CHECK (anonymous = 0 OR asker_name IS NULL),
      UNIQUE (asker_id, request_id)
    );
    CREATE INDEX tickets_state ON tickets (state, seq);
    CREATE INDEX tickets_assignee ON tickets (assignee_id, seq);
    CREATE INDEX tickets_asker ON tickets (asker_id, seq);

    CREATE TABLE ticket_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_ref TEXT NOT NULL REFERENCES tickets (ref),
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('adviser', 'asker', 'system')),
      actor_id TEXT,
      actor_name TEXT,
      text TEXT,
      details TEXT
    );
    CREATE INDEX ticket_events_ref ON ticket_events (ticket_ref, seq);
    CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
      BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;

    -- The one advisers' channel (a single row), with the reference taken from a real activity.
    CREATE TABLE ticket_channel (
      id TEXT PRIMARY KEY CHECK (id = 'advisers'),
      reference TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      team_id TEXT,
      registered_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      stale INTEGER NOT NULL DEFAULT 0
    );

    -- 1:1 chats for proactive replies to askers and notes to advisers.
    CREATE TABLE ticket_conversations (
      user_id TEXT PRIMARY KEY,
      reference TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      stale INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE ticket_advisers (
      user_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      last_seen_at TEXT NOT NULL
    );
  `,
};
