import type { Database } from 'better-sqlite3';
import type { DedupeStore } from '../port';
import { asPromise } from './as-promise';

export function createSqliteDedupeStore(db: Database): DedupeStore {
  const purge = db.prepare('DELETE FROM dedupe_keys WHERE expires_at <= ?');
  const insert = db.prepare('INSERT OR IGNORE INTO dedupe_keys (key, expires_at) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM dedupe_keys WHERE key = ?');
  const claim = db.transaction((key: string, nowMs: number, ttlMs: number) => {
    purge.run(nowMs);
    return insert.run(key, nowMs + ttlMs).changes === 1;
  });
  return {
    claim: (key, ttlMs, now) => asPromise(() => claim.immediate(key, now.getTime(), ttlMs)),
    release: (key) => asPromise(() => void remove.run(key)),
  };
}
