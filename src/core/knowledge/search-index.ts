import { analyse } from './analyse';
import { stem, words } from './normalise';
import type { Article } from './article';
import { createSynonymMatcher, type SynonymGroups, type SynonymMatcher } from './synonyms';
import type { TopicClassifier, TopicOpinion } from './topic-classifier';
import { createTypoCorrector } from './typos';

/**
 * Ranking: BM25F over an article's title, alternate questions, keywords, summary and body, each
 * with its own weight and length normalisation. Confidence: a logistic model over a few signals of
 * how well the top article explains the question (see `CONFIDENCE_MODEL`).
 */
export const FIELDS = ['title', 'questions', 'keywords', 'summary', 'body'] as const;
export type Field = (typeof FIELDS)[number];

export interface SearchTuning {
  /** BM25F field weights. */
  readonly weights: Readonly<Record<Field, number>>;
  /** BM25F length normalisation per field (0 = none, 1 = full). */
  readonly lengthNorm: Readonly<Record<Field, number>>;
  /** BM25 term-frequency saturation. */
  readonly k1: number;
  /** How much a close alternate question lifts an article in the ranking. */
  readonly phrasingBoost: number;
  /**
   * How much a question that (nearly) is the article's title lifts it. Sibling articles share
   * vocabulary; the title names the article that is the general answer ("COI" → "What is a
   * conflict of interest?"), so curators choose the head of a cluster by its title.
   */
  readonly titleBoost: number;
  /**
   * The same for a question that only names a topic the article heads (`headOf`; the question and
   * the topic have the same terms): a little more, so the head of a cluster wins a short, generic
   * question even when a sibling's title also (nearly) matches it.
   */
  readonly headBoost: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  weights: { title: 3, questions: 1, keywords: 2, summary: 1, body: 0.5 },
  lengthNorm: { title: 0.3, questions: 0.75, keywords: 0.5, summary: 0.5, body: 0.75 },
  k1: 1.5,
  phrasingBoost: 0.1,
  titleBoost: 0.15,
  headBoost: 0.25,
};

/** Signals about the top hit that the confidence model combines. */
export interface HitSignals {
  /**
   * BM25F score of the hit, normalised by the question's total term weight (0..1), plus the
   * ranking's phrasing and title bonuses (so it may slightly exceed 1).
   */
  readonly relevance: number;
  /** The same for the runner-up, 0 when there is none. */
  readonly runnerUp: number;
  /** Share of the question's term weight found in the title, questions or keywords (0..1). */
  readonly curatedCoverage: number;
  /** Share of the question's term weight found anywhere in the article (0..1). */
  readonly coverage: number;
  /** Cosine similarity with the closest alternate question or title (0..1). */
  readonly phrasing: number;
  /** Share of the question's term weight that no article uses at all (0..1). */
  readonly unknown: number;
  /** Number of distinct terms in the question. */
  readonly terms: number;
  /**
   * How distinctive of integrity questions, rather than everyday workplace ones, the most
   * distinctive term the question shares with the hit is (0..1; see `termSpecificity`): "declare a
   * gift" has one, "when is the staff party" or "reset my password" do not. 0.5 (neutral) when
   * there is no everyday background to compare with.
   */
  readonly specificity: number;
}

/**
 * Logistic weights for P(the top article is a right answer). Fitted with `npm run kb:calibrate`
 * (its inputs are listed in package.json): leave-one-out searches of every article's own alternate
 * questions (weight 0.3), the out-of-scope calibration questions, every line of `golden.jsonl` and
 * the odd lines of the blind sets (their even lines stay unseen for testing). Refit after large
 * content changes.
 */
export const CONFIDENCE_MODEL = {
  bias: -6.46,
  relevance: 2.43,
  lead: 1.72,
  closeness: -1.53,
  curatedCoverage: 1.52,
  coverage: 1.54,
  phrasing: 0.61,
  unknown: -1.8,
  singleTerm: 0.39,
  specificity: 4.34,
  length: 1.43,
} as const;

/**
 * How long a question is: 0 for one term, rising to 1 at 16 terms. A scenario spreads its weight
 * over many words, so its coverage and relevance read lower than a short question's for the same fit.
 */
export function lengthFeature(terms: number): number {
  return Math.min(1, Math.log2(Math.max(1, terms)) / 4);
}

/** The signal each model weight multiplies: the one list both the search and the fit use. */
export const CONFIDENCE_FEATURES: Readonly<
  Record<keyof typeof CONFIDENCE_MODEL, (s: HitSignals) => number>
> = {
  bias: () => 1,
  relevance: (s) => s.relevance,
  lead: (s) => Math.max(0, s.relevance - s.runnerUp),
  closeness: (s) => (s.relevance > 0 ? Math.min(1, s.runnerUp / s.relevance) : 0),
  curatedCoverage: (s) => s.curatedCoverage,
  coverage: (s) => s.coverage,
  phrasing: (s) => s.phrasing,
  unknown: (s) => s.unknown,
  singleTerm: (s) => (s.terms <= 1 ? 1 : 0),
  specificity: (s) => s.specificity,
  length: (s) => lengthFeature(s.terms),
};

/** The model's weights in a fixed order, for fitting. */
export const CONFIDENCE_KEYS = Object.keys(CONFIDENCE_MODEL) as (keyof typeof CONFIDENCE_MODEL)[];

export function confidenceOf(
  s: HitSignals,
  model: Readonly<Record<keyof typeof CONFIDENCE_MODEL, number>> = CONFIDENCE_MODEL,
): number {
  let z = 0;
  for (const key of CONFIDENCE_KEYS) z += model[key] * CONFIDENCE_FEATURES[key](s);
  return 1 / (1 + Math.exp(-z));
}

export interface SearchHit {
  readonly article: Article;
  /** Confidence in [0, 1] that this article answers the question. */
  readonly confidence: number;
  readonly signals: HitSignals;
}

export interface SearchIndex {
  readonly articles: readonly Article[];
  readonly synonyms: SynonymMatcher;
  /** Ranked hits, best first, with confidence in [0, 1]; empty when nothing matches at all. */
  search(question: string, limit?: number): SearchHit[];
  byId(id: string): Article | undefined;
  /**
   * The topic classifier's opinion of the question (see `topic-classifier.ts`), with the same
   * typo correction as search; undefined when the index was built without one.
   */
  topicOf(question: string): TopicOpinion | undefined;
  /** Distinct terms the index knows, for diagnostics and benchmarks. */
  readonly vocabularySize: number;
}

/** Cosine from which a question counts as (nearly) the title itself. */
const NEAR_VERBATIM = 0.9;

/** How many articles beyond the requested hits get the (costlier) phrasing comparison. */
const CANDIDATES = 12;

/**
 * Everyday questions (HR, payroll, IT, facilities, events...): how many there are and in how many
 * of them each search term appears. The background against which integrity words stand out.
 */
export interface EverydayBackground {
  readonly documents: number;
  readonly frequency: ReadonlyMap<string, number>;
}

/** Counts the search terms of everyday questions, analysed like any question. */
export function everydayBackground(
  questions: readonly string[],
  synonymGroups: SynonymGroups,
): EverydayBackground {
  const synonyms = createSynonymMatcher(synonymGroups);
  const frequency = new Map<string, number>();
  for (const q of questions) {
    for (const term of new Set(analyse(q, synonyms).queryTerms)) {
      frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
  }
  return { documents: questions.length, frequency };
}

/**
 * How distinctive of integrity questions a term is (0..1): its rate among the articles' titles,
 * alternate questions and keywords against its rate among everyday questions, smoothed so a term
 * seen in neither is neutral (0.5). "gift" or "coi" score near 1; "party", "claim" or "password"
 * low.
 */
export function termSpecificity(
  domainFrequency: number,
  domainDocuments: number,
  background: EverydayBackground,
  term: string,
): number {
  const domain = (domainFrequency + 0.5) / (domainDocuments + 1);
  const everyday = ((background.frequency.get(term) ?? 0) + 0.5) / (background.documents + 1);
  return domain / (domain + everyday);
}

/** The specificity of a term when there is no everyday background to compare with. */
const NEUTRAL_SPECIFICITY = 0.5;

/** idf as in BM25: rare terms weigh more; a term no article uses weighs the most. */
function idf(documents: number, frequency: number): number {
  return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
}

interface Posting {
  readonly article: number;
  /** Field-weighted, length-normalised term frequency (BM25F). */
  readonly tf: number;
  /** Whether the term is in the title, an alternate question or a keyword. */
  readonly curated: boolean;
}

/**
 * Builds the search index for a set of articles: an inverted index of terms with BM25F term
 * frequencies, an index of phrasings (title and alternate questions), and a typo corrector over the
 * vocabulary so a mistyped word still finds its term.
 */
export function createSearchIndex(
  articles: readonly Article[],
  synonymGroups: SynonymGroups,
  tuning: SearchTuning = DEFAULT_TUNING,
  background?: EverydayBackground,
  /** The topic classifier, looked up on each use: a starting bot gets its first one a little later. */
  topics: () => TopicClassifier | undefined = () => undefined,
): SearchIndex {
  const synonyms = createSynonymMatcher(synonymGroups);
  const byId = new Map(articles.map((a) => [a.id, a]));

  // Pass 1: per article and field, term counts and lengths.
  const counts: Map<string, number>[][] = [];
  const lengths: number[][] = [];
  const phrasingTerms: string[][] = [];
  const phrasingArticle: number[] = [];
  /** Per article, the phrasing that is its title (-1 when the title has no terms). */
  const titlePhrasing: number[] = articles.map(() => -1);
  /** Per article, the phrasings of the topics it heads (`headOf`). */
  const headPhrasings: number[][] = articles.map(() => []);
  /** In how many titles, alternate questions and keywords each term appears (for specificity). */
  const curatedFrequency = new Map<string, number>();
  let curatedDocuments = 0;
  // How often each word is used, for typo correction (synonym words count as known too).
  const wordFrequency = new Map<string, number>();
  const countWord = (w: string) => wordFrequency.set(w, (wordFrequency.get(w) ?? 0) + 1);
  for (const group of synonymGroups) for (const phrase of group) words(phrase).forEach(countWord);
  articles.forEach((article, index) => {
    const fieldCounts = FIELDS.map(() => new Map<string, number>());
    const fieldLengths = FIELDS.map(() => 0);
    const addHead = (text: string, title: boolean) => {
      const unique = [...new Set(analyse(text, synonyms).queryTerms)];
      if (unique.length === 0) return;
      if (title) titlePhrasing[index] = phrasingTerms.length;
      else headPhrasings[index]?.push(phrasingTerms.length);
      phrasingTerms.push(unique);
      phrasingArticle.push(index);
    };
    const add = (field: Field, text: string, phrasing: boolean) => {
      const f = FIELDS.indexOf(field);
      words(text).forEach(countWord);
      const analysed = analyse(text, synonyms);
      const map = fieldCounts[f];
      if (map === undefined) return;
      for (const term of analysed.terms) map.set(term, (map.get(term) ?? 0) + 1);
      fieldLengths[f] = (fieldLengths[f] ?? 0) + analysed.terms.length;
      if (field === 'title' || field === 'questions' || field === 'keywords') {
        curatedDocuments += 1;
        for (const term of new Set(analysed.queryTerms))
          curatedFrequency.set(term, (curatedFrequency.get(term) ?? 0) + 1);
      }
      if (phrasing) {
        // Compared with a question the way the question itself is analysed.
        const unique = [...new Set(analysed.queryTerms)];
        if (unique.length > 0) {
          phrasingTerms.push(unique);
          phrasingArticle.push(index);
        }
      }
    };
    addHead(article.title, true);
    add('title', article.title, false);
    for (const topic of article.headOf ?? []) addHead(topic, false);
    for (const q of article.questions) add('questions', q, true);
    for (const k of article.keywords) add('keywords', k, false);
    add('summary', article.summary, false);
    add('body', article.body, false);
    counts.push(fieldCounts);
    lengths.push(fieldLengths);
  });

  // Pass 2: BM25F postings.
  const documents = articles.length;
  const averages = FIELDS.map(
    (_, f) => lengths.reduce((sum, l) => sum + (l[f] ?? 0), 0) / Math.max(1, documents) || 1,
  );
  const postings = new Map<string, Posting[]>();
  counts.forEach((fieldCounts, article) => {
    const tfs = new Map<string, { tf: number; curated: boolean }>();
    fieldCounts.forEach((map, f) => {
      const field = FIELDS[f] ?? 'body';
      const b = tuning.lengthNorm[field];
      const norm = 1 - b + (b * (lengths[article]?.[f] ?? 0)) / (averages[f] ?? 1);
      for (const [term, count] of map) {
        const entry = tfs.get(term) ?? { tf: 0, curated: false };
        entry.tf += (tuning.weights[field] * count) / norm;
        if (field === 'title' || field === 'questions' || field === 'keywords') entry.curated = true;
        tfs.set(term, entry);
      }
    });
    for (const [term, { tf, curated }] of tfs) {
      const list = postings.get(term) ?? [];
      list.push({ article, tf, curated });
      postings.set(term, list);
    }
  });
  const idfs = new Map<string, number>();
  for (const [term, list] of postings) idfs.set(term, idf(documents, list.length));
  const idfOf = (term: string) => idfs.get(term) ?? idf(documents, 0);
  const specificities = new Map<string, number>();
  if (background !== undefined) {
    for (const term of postings.keys()) {
      const domain = curatedFrequency.get(term) ?? 0;
      specificities.set(term, termSpecificity(domain, curatedDocuments, background, term));
    }
  }
  // Without an everyday background every term is neutral, as a term seen in neither corpus is. A
  // number (a year, an amount) is never what makes a question an integrity one: "public holidays
  // in 2026" shares "2026" with the Code's start date, not its topic.
  const specificityOf = (term: string) =>
    /^\d+$/.test(term) ? 0 : (specificities.get(term) ?? NEUTRAL_SPECIFICITY);
  // A word no article uses counts, but less than the rarest real term: often it is a detail.
  const unknownIdf = 0.6 * idf(documents, 0);

  // Phrasings: idf-weighted term sets for cosine similarity, listed per article. Terms become
  // integer ids in one flat array, so comparing a question with a phrasing is array reads rather
  // than string lookups (it runs for every phrasing of the best few candidates on every question).
  const phrasingNorms = phrasingTerms.map((terms) =>
    Math.sqrt(terms.reduce((sum, term) => sum + idfOf(term) ** 2, 0)),
  );
  const termIds = new Map<string, number>();
  for (const term of postings.keys()) termIds.set(term, termIds.size);
  const phrasingStart = new Int32Array(phrasingTerms.length + 1);
  const phrasingIds: number[] = [];
  phrasingTerms.forEach((terms, p) => {
    // A term no article field holds is never among a question's weighted terms: it adds nothing.
    for (const term of terms) {
      const id = termIds.get(term);
      if (id !== undefined) phrasingIds.push(id);
    }
    phrasingStart[p + 1] = phrasingIds.length;
  });
  const phrasingTermIds = Int32Array.from(phrasingIds);
  /**
   * The current question's term weights by term id. Each (synchronous) search first clears the
   * entries the previous one set, so a search that threw part-way cannot leak into the next.
   */
  const queryWeightById = new Float64Array(termIds.size);
  const queryTermIds: number[] = [];
  const articlePhrasings: number[][] = articles.map(() => []);
  phrasingArticle.forEach((article, p) => articlePhrasings[article]?.push(p));

  // Typo tolerance: a word no article uses is matched to the closest word one does.
  const correctWord = createTypoCorrector(wordFrequency, (w) => postings.has(stem(w)));

  const k1 = tuning.k1;
  return {
    articles,
    synonyms,
    vocabularySize: postings.size,
    byId: (id) => byId.get(id),
    topicOf(question) {
      const classifier = topics();
      return classifier?.classify(analyse(question, synonyms, correctWord).terms);
    },
    search(question, limit = 5) {
      const unique = [...new Set(analyse(question, synonyms, correctWord).queryTerms)];
      if (unique.length === 0) return [];
      const relevance = new Float64Array(documents);
      const curated = new Float64Array(documents);
      const covered = new Float64Array(documents);
      const specific = new Float64Array(documents);
      const touched: number[] = [];
      for (const id of queryTermIds) queryWeightById[id] = 0;
      queryTermIds.length = 0;
      let totalWeight = 0;
      let unknownWeight = 0;
      let queryNormSq = 0;
      for (const term of unique) {
        const list = postings.get(term);
        const weight = list === undefined ? unknownIdf : idfOf(term);
        totalWeight += weight;
        queryNormSq += weight * weight;
        if (list === undefined) {
          unknownWeight += weight;
          continue;
        }
        const id = termIds.get(term);
        if (id !== undefined) {
          queryWeightById[id] = weight;
          queryTermIds.push(id);
        }
        const distinct = specificityOf(term);
        for (const p of list) {
          if (covered[p.article] === 0) touched.push(p.article);
          const score = (weight * p.tf * (k1 + 1)) / (p.tf + k1);
          relevance[p.article] = (relevance[p.article] ?? 0) + score;
          specific[p.article] = Math.max(specific[p.article] ?? 0, distinct);
          if (p.curated) curated[p.article] = (curated[p.article] ?? 0) + weight;
          covered[p.article] = (covered[p.article] ?? 0) + weight;
        }
      }
      if (touched.length === 0) return [];
      const scale = totalWeight * (k1 + 1);
      const queryNorm = Math.sqrt(queryNormSq);
      const cosineWith = (p: number): number => {
        if (p < 0) return 0;
        let dot = 0;
        const end = phrasingStart[p + 1] ?? 0;
        for (let i = phrasingStart[p] ?? 0; i < end; i += 1) {
          const w = queryWeightById[phrasingTermIds[i] ?? 0] ?? 0;
          dot += w * w;
        }
        return Math.min(1, dot / (queryNorm * (phrasingNorms[p] || 1)));
      };
      // Closest phrasing, for the best few candidates only: it refines ranking, it does not find.
      const phrasingOf = (article: number): number => {
        let best = 0;
        for (const p of articlePhrasings[article] ?? []) best = Math.max(best, cosineWith(p));
        return best;
      };
      const titleBonus = (article: number): number => {
        const title = cosineWith(titlePhrasing[article] ?? -1);
        const head = (headPhrasings[article] ?? []).some((p) => {
          const topic = phrasingTerms[p] ?? [];
          return topic.length === unique.length && unique.every((term) => topic.includes(term));
        });
        return Math.max(title >= NEAR_VERBATIM ? tuning.titleBoost * title : 0, head ? tuning.headBoost : 0);
      };
      const beta = tuning.phrasingBoost;
      const ranked = touched
        .sort((a, b) => (relevance[b] ?? 0) - (relevance[a] ?? 0) || a - b)
        .slice(0, Math.max(1, limit) + CANDIDATES)
        .map((index) => {
          const phrasing = phrasingOf(index);
          const score = (relevance[index] ?? 0) / scale + beta * phrasing + titleBonus(index);
          return { index, score, phrasing };
        })
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .slice(0, Math.max(1, limit));
      return ranked.flatMap(({ index, score, phrasing }, rank) => {
        const article = articles[index];
        if (article === undefined) return [];
        const other = rank === 0 ? ranked[1] : ranked[0];
        const signals: HitSignals = {
          relevance: score,
          runnerUp: other?.score ?? 0,
          curatedCoverage: (curated[index] ?? 0) / totalWeight,
          coverage: (covered[index] ?? 0) / totalWeight,
          phrasing,
          unknown: unknownWeight / totalWeight,
          terms: unique.length,
          specificity: specific[index] ?? 0,
        };
        return [{ article, confidence: confidenceOf(signals), signals }];
      });
    },
  };
}
