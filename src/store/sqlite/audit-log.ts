import type { Database } from 'better-sqlite3';
import type { AuditLog, StoredAuditEntry } from '../port';
import { asPromise } from './as-promise';

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string | null;
}

export function createSqliteAuditLog(db: Database): AuditLog {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor, action, subject_type, subject_id, details)
     VALUES (@at, @actor, @action, @subjectType, @subjectId, @details)`,
  );
  return {
    append: (entry) =>
      asPromise(() => {
        insert.run({
          at: entry.at.toISOString(),
          actor: entry.actor,
          action: entry.action,
          subjectType: entry.subjectType,
          subjectId: entry.subjectId,
          details: entry.details === undefined ? null : JSON.stringify(entry.details),
        });
      }),
    list: (filter) =>
      asPromise(() => {
        const where: string[] = [];
        const params: Record<string, string | number> = { limit: filter.limit ?? 1000 };
        if (filter.subjectType !== undefined) {
          where.push('subject_type = @subjectType');
          params.subjectType = filter.subjectType;
        }
        if (filter.subjectId !== undefined) {
          where.push('subject_id = @subjectId');
          params.subjectId = filter.subjectId;
        }
        const rows = db
          .prepare<Record<string, string | number>, Row>(
            `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY seq LIMIT @limit`,
          )
          .all(params);
        return rows.map(toEntry);
      }),
  };
}

function toEntry(row: Row): StoredAuditEntry {
  return {
    seq: row.seq,
    at: new Date(row.at),
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    ...(row.details === null
      ? {}
      : { details: JSON.parse(row.details) as StoredAuditEntry['details'] }),
  };
}
