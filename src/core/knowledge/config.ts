import { z } from 'zod/v4';

export const KnowledgeConfigSchema = z.strictObject({
  /** Folder of curated articles and synonyms, relative to the working directory. */
  dir: z.string().min(1).default('knowledge'),
  thresholds: z
    .strictObject({
      /** Confidence at or above which the top hit is answered outright. */
      answer: z.number().min(0).max(1).default(0.6),
      /** Confidence at or above which hits are offered as "Did you mean". */
      suggest: z.number().min(0).max(1).default(0.35),
      /** The top hit must lead the runner-up by this much to be answered outright. */
      margin: z.number().min(0).max(1).default(0.08),
    })
    .prefault({}),
  /** Days to keep unanswered questions and "not helpful" feedback for curators. */
  learningRetentionDays: z.number().int().min(1).max(3650).default(180),
});

export type KnowledgeConfig = z.infer<typeof KnowledgeConfigSchema>;
