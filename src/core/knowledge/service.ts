import type { Article } from './article';
import type { KnowledgeConfig } from './config';
import { decide, type Decision } from './decide';
import { lintKnowledge } from './lint';
import { loadKnowledge, type KnowledgeContent } from './loader';
import { createSearchIndex, everydayBackground, type SearchIndex } from './search-index';
import {
  topicClassifierFrom,
  topicFingerprintOf,
  trainTopicModelOf,
  type TopicClassifier,
} from './topic-classifier';
import type { TopicTraining } from './topic-classifier-thread';

/** One loaded, linted knowledge base with its index. Never changed after it is built. */
export interface KnowledgeSnapshot {
  readonly index: SearchIndex;
  readonly articles: readonly Article[];
  readonly loadedAt: Date;
  /** Counts reloads, so logs can show which version answered. */
  readonly version: number;
}

export type KnowledgeLoadResult =
  { ok: true; value: KnowledgeSnapshot } | { ok: false; problems: string[] };

export interface KnowledgeService {
  /** The decision for a question, from the live snapshot (the same path as `kb ask`). */
  ask(question: string): Decision;
  article(id: string): Article | undefined;
  /** The live snapshot; a reload swaps it whole, so a turn that holds one is never affected. */
  current(): KnowledgeSnapshot;
  /**
   * Loads and lints the folder again. On any problem the old knowledge base stays live and the
   * problems are returned.
   */
  reload(): KnowledgeLoadResult;
  /** Whether the first topic classifier is in place (see `KnowledgeServiceOptions.topics`). */
  complete(): boolean;
  /** Resolves when it is. */
  whenComplete(): Promise<void>;
}

/** Loads, lints and indexes a knowledge base; any problem refuses it. */
export function buildSnapshot(
  content: KnowledgeContent,
  version: number,
  now: Date,
  topics?: () => TopicClassifier | undefined,
): KnowledgeLoadResult {
  const problems = lintKnowledge(content);
  if (problems.length > 0) return { ok: false, problems };
  const index = createSearchIndexFor(content, topics);
  return { ok: true, value: { index, articles: content.articles, loadedAt: now, version } };
}

/**
 * The search index over a knowledge base, with its everyday questions as background and as the
 * "none of them" class of the topic classifier. The classifier is trained here unless `topics`
 * supplies it.
 */
export function createSearchIndexFor(
  content: KnowledgeContent,
  topics?: () => TopicClassifier | undefined,
): SearchIndex {
  const everyday = content.everyday ?? [];
  const background =
    everyday.length > 0 ? everydayBackground(everyday, content.synonyms) : undefined;
  const source = topics ?? constant(trainTopicsNow(content));
  return createSearchIndex(content.articles, content.synonyms, undefined, background, source);
}

function trainTopicsNow(content: KnowledgeContent): TopicClassifier | undefined {
  const model = trainTopicModelOf(content);
  return model === undefined ? undefined : topicClassifierFrom(model);
}

const constant =
  <T>(value: T) =>
  () =>
    value;

export function loadSnapshot(dir: string, version: number, now: Date): KnowledgeLoadResult {
  const loaded = loadKnowledge(dir);
  return loaded.ok ? buildSnapshot(loaded.value, version, now) : loaded;
}

export interface KnowledgeServiceOptions {
  readonly config: KnowledgeConfig;
  readonly clock?: () => Date;
  /**
   * The first topic classifier, training on a worker thread (`startTopicTraining`), instead of
   * training it here before returning. Until `whenComplete()` resolves, questions are decided by
   * search alone. When the worker failed, or trained on other content than this service loaded (the
   * files changed in between), the classifier is trained here instead. Reloads always train before
   * they swap.
   */
  readonly topics?: TopicTraining;
}

/** Builds the service from the configured folder; fails when the knowledge base does not lint. */
export function createKnowledgeService(
  options: KnowledgeServiceOptions,
): { ok: true; value: KnowledgeService } | { ok: false; problems: string[] } {
  const { config, topics } = options;
  const clock = options.clock ?? (() => new Date());
  const loaded = loadKnowledge(config.dir);
  if (!loaded.ok) return loaded;
  const content = loaded.value;
  let classifier: TopicClassifier | undefined;
  // Without `topics` the snapshot trains its classifier itself; with it, it asks for it each time.
  const first = buildSnapshot(content, 1, clock(), topics && (() => classifier));
  if (!first.ok) return first;
  let complete = true;
  let pending = Promise.resolve();
  if (topics !== undefined) {
    complete = false;
    pending = topics
      .then((trained) => {
        if (trained?.fingerprint !== topicFingerprintOf(content)) {
          return trainTopicsNow(content);
        }
        return trained.model === null ? undefined : topicClassifierFrom(trained.model);
      })
      .then((trained) => {
        classifier = trained;
        complete = true;
      });
  }
  let live = first.value;
  const decideOptions = { thresholds: config.thresholds, maxSuggestions: config.maxSuggestions };
  return {
    ok: true,
    value: {
      ask: (question) => decide(live.index, question, decideOptions),
      article: (id) => live.index.byId(id),
      current: () => live,
      reload() {
        const next = loadSnapshot(config.dir, live.version + 1, clock());
        if (next.ok) live = next.value;
        return next;
      },
      complete: () => complete,
      whenComplete: () => pending,
    },
  };
}
