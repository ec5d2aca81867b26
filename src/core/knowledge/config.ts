import { z } from 'zod/v4';

export const KnowledgeConfigSchema = z
  .strictObject({
    /** Folder of curated articles and synonyms, relative to the working directory. */
    dir: z.string().min(1).default('knowledge'),
    thresholds: z
      .strictObject({
        /** Confidence at or above which the top hit is answered outright. */
        answer: z.number().min(0).max(1).default(0.875),
        /** Confidence at or above which hits are offered as "Did you mean". */
        suggest: z.number().min(0).max(1).default(0.35),
        /**
         * The same for a long message (`SCENARIO_TERMS` or more distinct terms, usually a scenario
         * told in detail). Most of its words are details no article uses, so its confidence reads
         * low even when the right article comes first: "Did you mean" beats "I don't have guidance".
         */
        suggestScenario: z.number().min(0).max(1).default(0.15),
        /**
         * Also answer when the topic classifier names the same article as search with at least
         * this probability and search would offer it as "Did you mean" (two independent methods
         * agree). 1 turns it off.
         */
        agree: z.number().min(0).max(1).default(0.85),
        /**
         * When no hit reaches the "Did you mean" floor, still offer the topic classifier's article
         * if it names one with at least this probability, rather than "I don't have guidance". A
         * scenario can share almost no words with the article that answers it. 1 turns it off.
         */
        suggestTopic: z.number().min(0).max(1).default(0.95),
        /** The top hit must lead the runner-up by this much to be answered outright. */
        margin: z.number().min(0).max(1).default(0.02),
      })
      .prefault({}),
    /** How many "Did you mean" buttons at most (Teams shows up to 6 actions on a card). */
    maxSuggestions: z.number().int().min(1).max(3).default(3),
    /** Days to keep unanswered questions and "not helpful" feedback for curators. */
    learningRetentionDays: z.number().int().min(1).max(3650).default(180),
    /**
     * Reload the knowledge base when its files change: `auto` watches the folder in local mode
     * only; production reloads on SIGHUP either way.
     */
    watch: z.enum(['auto', 'always', 'never']).default('auto'),
  })
  .refine((c) => c.thresholds.suggest <= c.thresholds.answer, {
    message: 'thresholds.suggest must not be above thresholds.answer',
    path: ['thresholds', 'suggest'],
  })
  .refine((c) => c.thresholds.suggestScenario <= c.thresholds.suggest, {
    message: 'thresholds.suggestScenario must not be above thresholds.suggest',
    path: ['thresholds', 'suggestScenario'],
  });

export type KnowledgeConfig = z.infer<typeof KnowledgeConfigSchema>;
export type KnowledgeThresholds = KnowledgeConfig['thresholds'];
