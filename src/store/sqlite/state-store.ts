import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { asPromise } from './as-promise';
import { ETagConflictError, type StateChange, type StateRecord, type StateStore } from '../port';

interface Row {
  key: string;
  value: string;
  etag: string;
}

export function createSqliteStateStore(db: Database): StateStore {
  const select = db.prepare<[string], Row>(
    'SELECT key, value, etag FROM state_items WHERE key = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO state_items (key, value, etag, updated_at) VALUES (@key, @value, @etag, @at)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM state_items WHERE key = ?');

  const writeAll = db.transaction((changes: readonly StateChange[]) => {
    const at = new Date().toISOString();
    for (const change of changes) {
      if (change.eTag !== undefined && change.eTag !== '*') {
        const current = select.get(change.key);
        // A stale eTag, or an eTag for an item that no longer exists, is a conflict.
        if (current === undefined || current.etag !== change.eTag)
          throw new ETagConflictError(change.key);
      }
      upsert.run({ key: change.key, value: JSON.stringify(change.value), etag: randomUUID(), at });
    }
  });

  return {
    read: (keys) =>
      asPromise(() => {
        const found = new Map<string, StateRecord>();
        for (const key of keys) {
          const row = select.get(key);
          if (row !== undefined)
            found.set(key, { value: JSON.parse(row.value) as unknown, eTag: row.etag });
        }
        return found;
      }),
    write: (changes) => asPromise(() => writeAll.immediate(changes)),
    delete: (keys) =>
      asPromise(() => db.transaction(() => keys.forEach((key) => remove.run(key)))()),
  };
}
