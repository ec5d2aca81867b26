import type { Migration } from './index';

export const declarationsMigration: Migration = {
  version: 3,
  name: 'declarations',
  sql: `
    CREATE TABLE declaration_drafts (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      form TEXT NOT NULL,
      step_id TEXT NOT NULL,
      rev INTEGER NOT NULL,
      answers TEXT NOT NULL,
      privacy_notice_version TEXT NOT NULL,
      base_declaration_id TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'submitted')),
      declaration_id TEXT,
      reference TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    -- One active draft per user per form.
    CREATE UNIQUE INDEX declaration_drafts_active ON declaration_drafts (user_id, form)
      WHERE status = 'active';
    CREATE INDEX declaration_drafts_expiry ON declaration_drafts (expires_at);

    CREATE TABLE declarations (
      id TEXT PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      form TEXT NOT NULL,
      user_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('submitted', 'withdrawn')),
      current_version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      withdrawn_at TEXT,
      withdraw_reason TEXT
    );
    CREATE INDEX declarations_user ON declarations (user_id, updated_at);

    CREATE TABLE declaration_versions (
      id TEXT PRIMARY KEY,
      declaration_id TEXT NOT NULL REFERENCES declarations (id),
      version INTEGER NOT NULL,
      answers TEXT NOT NULL,
      payload TEXT NOT NULL,
      privacy_notice_version TEXT NOT NULL,
      submitted_at TEXT NOT NULL,
      -- draft id and rev: a double click or a redelivered submit stores one version.
      idempotency_key TEXT NOT NULL UNIQUE,
      UNIQUE (declaration_id, version)
    );

    CREATE TABLE declaration_sequences (
      prefix TEXT NOT NULL,
      year INTEGER NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (prefix, year)
    );
  `,
};
