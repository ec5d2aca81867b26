import type { Article } from './article';
import { detectChitChat, stripGreeting, type ChitChat } from './chit-chat';
import type { KnowledgeThresholds } from './config';
import type { SearchHit, SearchIndex } from './search-index';
import { looksLikeWrongdoingReport } from './wrongdoing';

/** The article that comes first when a message reads like a report of serious wrongdoing. */
export const SPEAKING_UP_ARTICLE_ID = 'speaking-up';

/**
 * A message with this many distinct terms or more is treated as a scenario for "Did you mean"
 * (`thresholds.suggestScenario`). Chosen on the development lines of the blind sets: "can I keep
 * the wine a supplier gave me" has 4, a first-person scenario usually 8 to 15.
 */
export const SCENARIO_TERMS = 7;

/** Articles that already are speaking-up guidance, so a confident hit among them is kept. */
const REPORTING_FOCUS_AREAS = new Set(['complaints', 'corruption-fraud']);

export interface Suggestion {
  readonly article: Article;
  readonly confidence: number;
}

/** What the bot does with a question: answer it, offer "Did you mean", or say it doesn't know. */
export type Decision =
  | {
      readonly status: 'answer';
      readonly article: Article;
      readonly confidence: number;
      /** The message reads like a report of wrongdoing: speaking-up guidance goes first. */
      readonly wrongdoing: boolean;
      /**
       * Answered because search and the topic classifier agree, although search alone was not
       * confident enough (`thresholds.agree`).
       */
      readonly agreed: boolean;
      /** The next best hits, for "in the top 3" measures (not shown as buttons). */
      readonly ranked: readonly Suggestion[];
    }
  | {
      readonly status: 'suggest';
      readonly confidence: number;
      readonly suggestions: readonly Suggestion[];
      readonly ranked: readonly Suggestion[];
    }
  | {
      readonly status: 'none';
      readonly confidence: number;
      /** Set when the message was small talk, which is answered without searching. */
      readonly chitChat?: ChitChat;
      readonly ranked: readonly Suggestion[];
    };

export interface DecideOptions {
  readonly thresholds: KnowledgeThresholds;
  readonly maxSuggestions: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The three-band decision on a question, the same for the chat and the curators' CLI. */
export function decide(index: SearchIndex, question: string, options: DecideOptions): Decision {
  const chitChat = detectChitChat(question);
  if (chitChat !== undefined) return { status: 'none', confidence: 0, chitChat, ranked: [] };
  const text = stripGreeting(question);
  const hits: SearchHit[] = index.search(text, Math.max(3, options.maxSuggestions));
  const ranked = hits.slice(0, 3).map((h) => ({ article: h.article, confidence: round(h.confidence) }));
  const { answer, suggest, suggestScenario, agree, suggestTopic, margin } = options.thresholds;
  const top = ranked[0];
  // The closest other hit by confidence (not always the second by rank) must be clearly behind.
  const runnerUp = Math.max(0, ...ranked.slice(1).map((h) => h.confidence));
  const confidence = top?.confidence ?? 0;

  if (looksLikeWrongdoingReport(text)) {
    // Guidance on reporting (fraud, bribery, protected disclosures...) that fits is kept.
    const keep =
      top !== undefined && confidence >= suggest && REPORTING_FOCUS_AREAS.has(top.article.focusArea);
    const article = keep ? top.article : index.byId(SPEAKING_UP_ARTICLE_ID);
    if (article !== undefined) {
      return { status: 'answer', article, confidence, wrongdoing: true, agreed: false, ranked };
    }
  }
  if (top !== undefined && confidence >= answer && confidence - runnerUp >= margin) {
    return { status: 'answer', article: top.article, confidence, wrongdoing: false, agreed: false, ranked };
  }
  const scenario = (hits[0]?.signals.terms ?? 0) >= SCENARIO_TERMS;
  const floor = scenario ? suggestScenario : suggest;
  if (top !== undefined && agree < 1 && confidence >= floor) {
    const opinion = index.topicOf(text);
    if (opinion?.articleId === top.article.id && opinion.probability >= agree) {
      return { status: 'answer', article: top.article, confidence, wrongdoing: false, agreed: true, ranked };
    }
  }
  const suggestions = ranked
    .filter((h) => h.confidence >= floor)
    .slice(0, options.maxSuggestions);
  if (suggestions.length > 0) return { status: 'suggest', confidence, suggestions, ranked };
  // Nothing reaches the floor (so the agreement rule above did not ask): the classifier may still
  // know the topic of a scenario that shares few words with its article.
  if (suggestTopic < 1) {
    const opinion = index.topicOf(text);
    const article = opinion?.articleId ? index.byId(opinion.articleId) : undefined;
    if (article !== undefined && (opinion?.probability ?? 0) >= suggestTopic) {
      const hit = hits.find((h) => h.article.id === article.id);
      const suggestion = { article, confidence: round(hit?.confidence ?? 0) };
      return { status: 'suggest', confidence, suggestions: [suggestion], ranked };
    }
  }
  return { status: 'none', confidence, ranked };
}
