import { coreMigration } from './001-core';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Applied in order at start; a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [coreMigration];
