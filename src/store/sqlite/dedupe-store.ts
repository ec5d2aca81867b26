import type { Database } from 'better-sqlite3';
import type { DedupeStore } from '../port';
import { asPromise } from './as-promise';

const PURGE_EVERY_MS = 60_000;

export function createSqliteDedupeStore(db: Database): DedupeStore {
  const purge = db.prepare('DELETE FROM dedupe_keys WHERE expires_at <= ?');
  // A new key, or one whose earlier claim has expired, is claimed; a live one is not.
  const insert = db.prepare(
    `INSERT INTO dedupe_keys (key, expires_at) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE dedupe_keys.expires_at <= ?`,
  );
  const remove = db.prepare('DELETE FROM dedupe_keys WHERE key = ?');
  let lastPurgeMs = 0;
  const claim = db.transaction((key: string, nowMs: number, ttlMs: number) => {
    // Housekeeping: expired keys are swept at most once a minute, not on every claim (every turn).
    if (nowMs - lastPurgeMs >= PURGE_EVERY_MS || nowMs < lastPurgeMs) {
      purge.run(nowMs);
      lastPurgeMs = nowMs;
    }
    return insert.run(key, nowMs + ttlMs, nowMs).changes === 1;
  });
  return {
    claim: (key, ttlMs, now) => asPromise(() => claim.immediate(key, now.getTime(), ttlMs)),
    release: (key) => asPromise(() => void remove.run(key)),
  };
}
