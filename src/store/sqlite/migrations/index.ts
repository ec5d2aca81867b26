import { coreMigration } from './001-core';
import { outboxMigration } from './004-outbox';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Applied in order at start; a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [
  coreMigration,
  // 002 knowledge (learning loop), 003 declarations, 005 escalations: added by those features.
  outboxMigration,
];
