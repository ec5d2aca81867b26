import type { Database } from 'better-sqlite3';
import type { KnowledgeLearningRepository, LearningKind } from '../port';

interface ReportRow {
  kind: LearningKind;
  question: string | null;
  article_id: string | null;
  count: number;
  last_at: string;
  comments: string | null;
}

export function createSqliteKnowledgeLearning(db: Database): KnowledgeLearningRepository {
  const insert = db.prepare(
    `INSERT INTO knowledge_learning (at, kind, question, question_key, article_id, comment, suggested)
     VALUES (@at, @kind, @question, @questionKey, @articleId, @comment, @suggested)`,
  );
  const purge = db.prepare('DELETE FROM knowledge_learning WHERE at < ?');
  const counts = db.prepare<[], { article_id: string; helpful: number; not_helpful: number }>(
    `SELECT article_id,
            SUM(kind = 'helpful') AS helpful,
            SUM(kind = 'not_helpful') AS not_helpful
     FROM knowledge_learning
     WHERE article_id IS NOT NULL AND kind IN ('helpful', 'not_helpful')
     GROUP BY article_id ORDER BY not_helpful DESC, article_id`,
  );
  return {
    record(entry) {
      insert.run({
        at: entry.at.toISOString(),
        kind: entry.kind,
        question: entry.question ?? null,
        questionKey: entry.questionKey ?? null,
        articleId: entry.articleId ?? null,
        comment: entry.comment ?? null,
        suggested: entry.suggested === undefined ? null : JSON.stringify(entry.suggested),
      });
      return Promise.resolve();
    },
    report({ kinds, limit }) {
      if (kinds.length === 0) return Promise.resolve([]);
      const placeholders = kinds.map(() => '?').join(', ');
      // Grouped by the folded question so "COI?" and "coi" count together; the latest wording is shown.
      const rows = db
        .prepare<unknown[], ReportRow>(
          `SELECT kind,
                  (SELECT l2.question FROM knowledge_learning l2
                    WHERE l2.kind = l.kind AND l2.question_key IS l.question_key
                      AND l2.article_id IS l.article_id
                    ORDER BY l2.at DESC LIMIT 1) AS question,
                  article_id, COUNT(*) AS count, MAX(at) AS last_at,
                  json_group_array(comment) FILTER (WHERE comment IS NOT NULL) AS comments
           FROM knowledge_learning l
           WHERE kind IN (${placeholders})
           GROUP BY kind, question_key, article_id
           ORDER BY count DESC, last_at DESC
           LIMIT ?`,
        )
        .all(...kinds, limit);
      return Promise.resolve(
        rows.map((row) => ({
          kind: row.kind,
          question: row.question,
          articleId: row.article_id,
          count: row.count,
          lastAt: new Date(row.last_at),
          comments: row.comments === null ? [] : (JSON.parse(row.comments) as string[]),
        })),
      );
    },
    feedbackCounts() {
      return Promise.resolve(
        counts.all().map((row) => ({
          articleId: row.article_id,
          helpful: row.helpful,
          notHelpful: row.not_helpful,
        })),
      );
    },
    purgeBefore(cutoff) {
      return Promise.resolve(purge.run(cutoff.toISOString()).changes);
    },
  };
}
