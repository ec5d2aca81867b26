import type {
  KnowledgeLearningRepository,
  LearningKind,
  LearningReportRow,
} from '../../store/port';
import type { Decision } from './decide';
import { foldText } from './normalise';

/** Long pastes are cut: curators need the gist of a question, not a document. */
export const MAX_STORED_QUESTION_CHARS = 500;
export const MAX_COMMENT_CHARS = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LearningLoop {
  /** Records a *suggest* or *none* outcome (small talk is not recorded). */
  recordOutcome(question: string, decision: Decision): Promise<void>;
  /** Records Helpful / Not helpful for an article, with the question that led to it when known. */
  recordFeedback(feedback: { articleId: string; helpful: boolean; question?: string }): Promise<void>;
  /** Records the optional comment a person adds after "Not helpful". */
  recordComment(feedback: { articleId: string; comment: string }): Promise<void>;
  /** Unanswered, suggested and not-helpful questions, most frequent first. */
  report(limit?: number): Promise<LearningReportRow[]>;
  /** Deletes entries older than the retention period; returns how many went. */
  purge(): Promise<number>;
}

const clip = (text: string | undefined, max: number): string | undefined => {
  const trimmed = text?.replace(/\s+/g, ' ').trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed.slice(0, max);
};

export function createLearningLoop(
  repository: KnowledgeLearningRepository,
  options: { retentionDays: number; clock: () => Date },
): LearningLoop {
  const { clock } = options;
  return {
    async recordOutcome(question, decision) {
      if (decision.status === 'answer') return;
      if (decision.status === 'none' && decision.chitChat !== undefined) return;
      const text = clip(question, MAX_STORED_QUESTION_CHARS);
      if (text === undefined) return;
      await repository.record({
        at: clock(),
        kind: decision.status,
        question: text,
        questionKey: foldText(text),
        ...(decision.status === 'suggest'
          ? { suggested: decision.suggestions.map((s) => s.article.id) }
          : {}),
      });
    },
    async recordFeedback(feedback) {
      const question = clip(feedback.question, MAX_STORED_QUESTION_CHARS);
      const kind: LearningKind = feedback.helpful ? 'helpful' : 'not_helpful';
      await repository.record({
        at: clock(),
        kind,
        articleId: feedback.articleId,
        ...(question === undefined ? {} : { question, questionKey: foldText(question) }),
      });
    },
    async recordComment(feedback) {
      const comment = clip(feedback.comment, MAX_COMMENT_CHARS);
      if (comment === undefined) return;
      await repository.record({ at: clock(), kind: 'comment', articleId: feedback.articleId, comment });
    },
    report: (limit = 50) =>
      repository.report({ kinds: ['none', 'suggest', 'not_helpful', 'comment'], limit }),
    purge: () =>
      repository.purgeBefore(new Date(clock().getTime() - options.retentionDays * DAY_MS)),
  };
}
