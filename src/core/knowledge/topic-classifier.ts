import { createHash } from 'node:crypto';
import { analyse } from './analyse';
import type { Article } from './article';
import type { KnowledgeContent } from './loader';
import { createSynonymMatcher, type SynonymGroups, type SynonymMatcher } from './synonyms';

/**
 * A second, independent opinion on which article a question is about: a multinomial logistic
 * regression over the question's terms and pairs of adjacent terms, trained on each article's
 * title, alternate questions, keywords and summary and on the example questions
 * (`example-questions.jsonl`: more ways staff ask, which search does not read), with the everyday
 * questions as one more class ("none of them").
 *
 * Search scores how much of the question an article explains, so a long scenario whose words are
 * mostly details reads low even when the right article comes first. The classifier instead learns
 * which words point to which article and ignores words that point nowhere, so it stays sure of
 * "a supplier just dropped a xmas hamper at reception with my name on it". When both name the same
 * article, the decision can answer a question that search alone would only offer as "Did you mean"
 * (`thresholds.agree`).
 */
export interface TopicOpinion {
  /** The article the classifier finds most likely, or null when "everyday question" wins. */
  readonly articleId: string | null;
  /** Its probability (0..1). */
  readonly probability: number;
}

export interface TopicClassifier {
  classify(terms: readonly string[]): TopicOpinion;
}

/** Above this many articles no classifier is trained (training time grows with articles squared). */
export const TOPIC_CLASSIFIER_MAX_ARTICLES = 200;

const EPOCHS = 20;
const LEARNING_RATE = 0.5;
const DECAY = 0.95;
const L2 = 1e-4;
/** Class biases move slower than term weights, so a class is not liked just for being common. */
const BIAS_RATE = 0.1;
/** A class whose gradient is smaller than this is left alone for that training item. */
const SKIP_GRADIENT = 1e-3;

/** Terms and pairs of adjacent terms, each once. */
function featuresOf(terms: readonly string[]): string[] {
  const features = new Set(terms);
  for (let i = 0; i + 1 < terms.length; i += 1) features.add(`${terms[i]} ${terms[i + 1]}`);
  return [...features];
}

/** One text the classifier learns from: its features, its class and how much it counts. */
interface TrainingItem {
  readonly features: Int32Array;
  readonly label: number;
  readonly weight: number;
}

/** A question staff might ask and the article that answers it (`example-questions.jsonl`). */
export interface ExampleQuestion {
  readonly question: string;
  readonly articleId: string;
}

/** What training produces: plain data, so it can cross from a worker thread. */
export interface TopicModel {
  /** Article id per class; the last class is "none of them". */
  readonly articleIds: readonly string[];
  /** Feature names in id order (a term, or two adjacent terms joined by a space). */
  readonly features: readonly string[];
  /** Weights, feature-major: `weights[feature * classes + class]`. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/**
 * Trains the model; deterministic (fixed visiting order, no randomness), so the same knowledge
 * base always gives the same answers. Undefined when there are too many articles or no everyday
 * questions to learn "none of them" from.
 */
export function trainTopicModel(
  articles: readonly Article[],
  synonyms: SynonymMatcher,
  everyday: readonly string[],
  examples: readonly ExampleQuestion[] = [],
): TopicModel | undefined {
  if (articles.length === 0 || articles.length > TOPIC_CLASSIFIER_MAX_ARTICLES) return undefined;
  if (everyday.length === 0) return undefined;
  const classes = articles.length + 1;
  const none = articles.length;
  const featureIds = new Map<string, number>();
  const idsOf = (terms: readonly string[]): Int32Array => {
    const ids: number[] = [];
    for (const feature of featuresOf(terms)) {
      let id = featureIds.get(feature);
      if (id === undefined) {
        id = featureIds.size;
        featureIds.set(feature, id);
      }
      ids.push(id);
    }
    return Int32Array.from(ids);
  };
  const training: TrainingItem[] = [];
  const add = (text: string, label: number, weight = 1) => {
    const features = idsOf(analyse(text, synonyms).terms);
    if (features.length > 0) training.push({ features, label, weight });
  };
  articles.forEach((article, label) => {
    add(article.title, label);
    for (const q of article.questions) add(q, label);
    for (const k of article.keywords) add(k, label);
    add(article.summary, label);
  });
  const labelOf = new Map(articles.map((a, label) => [a.id, label]));
  for (const example of examples) {
    const label = labelOf.get(example.articleId);
    if (label !== undefined) add(example.question, label);
  }
  // In a small knowledge base the everyday questions could outnumber all the articles' phrasings
  // together; they then count for no more than those, so "none of them" does not win by number.
  const noneWeight = Math.min(1, training.length / everyday.length);
  for (const q of everyday) add(q, none, noneWeight);

  const weights = new Float64Array(featureIds.size * classes);
  const bias = new Float64Array(classes);
  const scores = new Float64Array(classes);
  // Visit the items in a fixed shuffled order (a multiplicative stride coprime with the count).
  const n = training.length;
  const stride = coprimeStride(n);
  let rate = LEARNING_RATE;
  for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
    for (let i = 0; i < n; i += 1) {
      const item = training[(i * stride + epoch) % n];
      if (item === undefined) continue;
      const features = item.features;
      const p = probabilities(weights, bias, classes, features, scores);
      for (let c = 0; c < classes; c += 1) {
        const gradient = ((p[c] as number) - (c === item.label ? 1 : 0)) * item.weight;
        // Most classes are already near 0 for most items: skipping them keeps training fast.
        if (Math.abs(gradient) < SKIP_GRADIENT) continue;
        bias[c] = (bias[c] as number) - rate * BIAS_RATE * gradient;
        for (let f = 0; f < features.length; f += 1) {
          const at = (features[f] as number) * classes + c;
          const w = weights[at] as number;
          weights[at] = w - rate * (gradient + L2 * w);
        }
      }
    }
    rate *= DECAY;
  }
  return { articleIds: articles.map((a) => a.id), features: [...featureIds.keys()], weights, bias };
}

/** The classifier a trained model describes. */
export function topicClassifierFrom(model: TopicModel): TopicClassifier {
  const classes = model.articleIds.length + 1;
  const none = model.articleIds.length;
  const featureIds = new Map(model.features.map((f, i) => [f, i]));
  const scores = new Float64Array(classes);
  return {
    classify(terms) {
      const ids: number[] = [];
      for (const feature of featuresOf(terms)) {
        const id = featureIds.get(feature);
        if (id !== undefined) ids.push(id);
      }
      const p = probabilities(model.weights, model.bias, classes, ids, scores);
      let best = 0;
      for (let c = 1; c < classes; c += 1) if ((p[c] as number) > (p[best] as number)) best = c;
      return {
        articleId: best === none ? null : (model.articleIds[best] ?? null),
        probability: p[best] as number,
      };
    },
  };
}

/** Identifies everything training reads, so a model trained elsewhere can be checked against it. */
export function topicFingerprint(
  articles: readonly Article[],
  synonyms: SynonymGroups,
  everyday: readonly string[],
  examples: readonly ExampleQuestion[] = [],
): string {
  const content = articles.map((a) => [a.id, a.title, a.questions, a.keywords, a.summary]);
  return createHash('sha256')
    .update(JSON.stringify([content, synonyms, everyday, examples]))
    .digest('hex');
}

/** Trains and returns the classifier in this thread (the CLI, tests, reloads). */
export function trainTopicClassifier(
  articles: readonly Article[],
  synonyms: SynonymMatcher,
  everyday: readonly string[],
  examples: readonly ExampleQuestion[] = [],
): TopicClassifier | undefined {
  const model = trainTopicModel(articles, synonyms, everyday, examples);
  return model === undefined ? undefined : topicClassifierFrom(model);
}

/**
 * The model for a loaded knowledge base, trained on everything it holds for the classifier. The
 * bot, its worker thread and the benchmark all train through here, so they train the same model.
 */
export function trainTopicModelOf(content: KnowledgeContent): TopicModel | undefined {
  const { articles, synonyms, everyday = [], examples = [] } = content;
  return trainTopicModel(articles, createSynonymMatcher(synonyms), everyday, examples);
}

/** The fingerprint of what `trainTopicModelOf` trains on. */
export function topicFingerprintOf(content: KnowledgeContent): string {
  const { articles, synonyms, everyday = [], examples = [] } = content;
  return topicFingerprint(articles, synonyms, everyday, examples);
}

/** Class probabilities for a set of feature ids, written into `scores`. */
function probabilities(
  weights: Float64Array,
  bias: Float64Array,
  classes: number,
  features: ArrayLike<number>,
  scores: Float64Array,
): Float64Array {
  scores.set(bias);
  for (let f = 0; f < features.length; f += 1) {
    const row = (features[f] as number) * classes;
    for (let c = 0; c < classes; c += 1) scores[c] = (scores[c] as number) + (weights[row + c] as number);
  }
  return softmaxInPlace(scores);
}

function softmaxInPlace(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < z.length; c += 1) {
    z[c] = Math.exp((z[c] ?? 0) - max);
    sum += z[c] ?? 0;
  }
  for (let c = 0; c < z.length; c += 1) z[c] = (z[c] ?? 0) / sum;
  return z;
}

/** A stride near n / φ that shares no factor with n, so i * stride mod n visits every index once. */
function coprimeStride(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = Math.max(1, Math.round(n * 0.618));
  while (n > 1 && gcd(stride, n) !== 1) stride += 1;
  return stride;
}
