/**
 * The storage port: everything that persists goes through these interfaces. The SQLite adapter is the
 * embedded default; a PostgreSQL adapter can implement the same interfaces for multi-instance
 * deployments. Each method is one atomic unit of work, so no caller ever holds a transaction open
 * across an await.
 */

export interface StateRecord {
  readonly value: unknown;
  readonly eTag: string;
}

export interface StateChange {
  readonly key: string;
  readonly value: unknown;
  /** Optimistic concurrency: omit or '*' to overwrite; otherwise the write fails unless it matches. */
  readonly eTag?: string;
}

export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';
  constructor(readonly key: string) {
    super(`eTag conflict on a state item`);
  }
}

/** Conversation and user state for the bot framework, with eTag optimistic concurrency. */
export interface StateStore {
  read(keys: readonly string[]): Promise<Map<string, StateRecord>>;
  /** All changes are applied atomically; throws ETagConflictError and applies none on a conflict. */
  write(changes: readonly StateChange[]): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

export interface AuditEntry {
  readonly at: Date;
  /** Entra object id of the person, or 'system'. */
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** Ids, states and reasons only: never message text or card values. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly seq: number;
}

/** Append-only: the adapter refuses updates and deletes. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(filter: {
    subjectType?: string;
    subjectId?: string;
    limit?: number;
  }): Promise<StoredAuditEntry[]>;
}

/** Remembers keys (e.g. activity ids) for a while, so a redelivered activity is handled once. */
export interface DedupeStore {
  /** True the first time a key is claimed within its lifetime; false for a repeat. */
  claim(key: string, ttlMs: number, now: Date): Promise<boolean>;
  release(key: string): Promise<void>;
}

export interface Store {
  readonly state: StateStore;
  readonly audit: AuditLog;
  readonly dedupe: DedupeStore;
  /** True while the store can serve requests (for /readyz). */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}
