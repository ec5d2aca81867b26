import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../port';
import { createSqliteAuditLog } from './audit-log';
import { createSqliteDeclarationRepository } from './declarations-repository';
import { createSqliteDedupeStore } from './dedupe-store';
import { createSqliteKnowledgeLearning } from './knowledge-learning';
import { migrate } from './migrate';
import { migrations } from './migrations/index';
import { createSqliteOutbox } from './outbox';
import { createSqliteStateStore } from './state-store';
import { createSqliteTickets } from './tickets';
import { createSqliteTicketContacts } from './tickets-contacts';

export interface SqliteStoreOptions {
  /** Folder for the database file; created if missing. */
  dataDir: string;
  fileName?: string;
}

/** Opens (and migrates) the embedded store: one SQLite file in WAL mode. */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new BetterSqlite3(join(options.dataDir, options.fileName ?? 'integrity.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  let open = true;
  return {
    state: createSqliteStateStore(db),
    audit: createSqliteAuditLog(db),
    dedupe: createSqliteDedupeStore(db),
    outbox: createSqliteOutbox(db),
    declarations: createSqliteDeclarationRepository(db),
    learning: createSqliteKnowledgeLearning(db),
    tickets: createSqliteTickets(db),
    ticketContacts: createSqliteTicketContacts(db),
    isReady() {
      if (!open) return Promise.resolve(false);
      try {
        db.prepare('SELECT 1').get();
        return Promise.resolve(true);
      } catch {
        return Promise.resolve(false);
      }
    },
    close() {
      if (open) {
        open = false;
        db.close();
      }
      return Promise.resolve();
    },
  };
}
