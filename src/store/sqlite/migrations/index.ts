import { coreMigration } from './001-core';
import { knowledgeMigration } from './002-knowledge';
import { declarationsMigration } from './003-declarations';
import { outboxMigration } from './004-outbox';
import { escalationsMigration } from './005-escalations';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Applied in order at start; a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [
  coreMigration,
  knowledgeMigration,
  declarationsMigration,
  outboxMigration,
  escalationsMigration,
];
