// What the ask route remembers between turns in a conversation: kept small, overwritten by each answer.
import type { TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { ArticleIdSchema } from '../core/knowledge/article';

/** Questions longer than this are searched on their first part only. */
export const MAX_QUESTION_CHARS = 1000;

const AskStateSchema = z.object({
  lastArticleId: ArticleIdSchema.optional(),
  /**
   * The question behind the last answer: "Not helpful" is recorded against it, and "Ask an
   * adviser" on that answer starts with it filled in.
   */
  lastQuestion: z.string().max(MAX_QUESTION_CHARS).optional(),
  /** Feedback on the last answer has been recorded against its question (once is enough). */
  feedbackRecorded: z.boolean().optional(),
});
export type AskState = z.infer<typeof AskStateSchema>;
const KEYS = Object.keys(AskStateSchema.shape) as (keyof AskState)[];

export function readAskState(state: TurnState): AskState {
  const conversation = state.conversation as unknown as Record<string, unknown>;
  const parsed = AskStateSchema.safeParse(
    Object.fromEntries(KEYS.map((key) => [key, conversation[key]])),
  );
  return parsed.success ? parsed.data : {};
}

/** Replaces what the ask route remembers: keys missing from `next` are forgotten. */
export function writeAskState(state: TurnState, next: AskState): void {
  const conversation = state.conversation as unknown as Record<string, unknown>;
  for (const key of KEYS) {
    if (next[key] === undefined) delete conversation[key];
    else conversation[key] = next[key];
  }
}

/** The question an answer card about `articleId` answered, when it is the last one shown here. */
export function questionBehind(state: TurnState, articleId: string): string | undefined {
  const remembered = readAskState(state);
  return remembered.lastArticleId === articleId ? remembered.lastQuestion : undefined;
}
