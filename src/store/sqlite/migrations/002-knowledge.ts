import type { Migration } from './index';

/** The knowledge learning loop: question text and feedback, never who asked. */
export const knowledgeMigration: Migration = {
  version: 2,
  name: 'knowledge',
  sql: `
    CREATE TABLE knowledge_learning (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('suggest', 'none', 'helpful', 'not_helpful', 'comment')),
      question TEXT,
      question_key TEXT,
      article_id TEXT,
      comment TEXT,
      suggested TEXT
    );
    CREATE INDEX knowledge_learning_at ON knowledge_learning (at);
    CREATE INDEX knowledge_learning_group ON knowledge_learning (kind, question_key, article_id);
  `,
};
