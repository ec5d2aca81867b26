import type { Article } from './article';
import type { CONFIDENCE_MODEL, EverydayBackground } from './search-index';
import {
  CONFIDENCE_FEATURES,
  CONFIDENCE_KEYS,
  createSearchIndex,
  everydayBackground,
  type HitSignals,
  type SearchIndex,
} from './search-index';
import type { SynonymGroups } from './synonyms';

export type ModelWeights = Record<keyof typeof CONFIDENCE_MODEL, number>;

export interface CalibrationSample {
  readonly signals: HitSignals;
  /** 1 when the top article was a right answer, 0 when wrong or out of scope. */
  readonly label: 0 | 1;
  /** How much this sample counts in the fit (default 1). */
  readonly weight?: number;
}

function features(s: HitSignals): number[] {
  return CONFIDENCE_KEYS.map((key) => CONFIDENCE_FEATURES[key](s));
}

/** The background without one question's own terms, so that question is new to it. */
function without(background: EverydayBackground, terms: ReadonlySet<string>): EverydayBackground {
  const frequency = new Map(background.frequency);
  for (const term of terms) frequency.set(term, Math.max(0, (frequency.get(term) ?? 0) - 1));
  return { documents: background.documents - 1, frequency };
}

/**
 * Samples for calibration: each alternate question searched against the knowledge base without it
 * (so it is new wording), and each out-of-scope question searched with itself left out of the
 * everyday background (the out-of-scope questions are that background at run time).
 */
export function calibrationSamples(
  articles: readonly Article[],
  synonyms: SynonymGroups,
  outOfScope: readonly string[],
  every = 1,
  leaveOneOutWeight = 0.3,
): CalibrationSample[] {
  const samples: CalibrationSample[] = [];
  const background =
    outOfScope.length > 0 ? everydayBackground(outOfScope, synonyms) : undefined;
  const top = (index: SearchIndex, q: string) => index.search(q, 2)[0];
  let n = 0;
  articles.forEach((article, ai) => {
    article.questions.forEach((question, qi) => {
      n += 1;
      if (n % every !== 0) return;
      const reduced = articles.map((a, i) =>
        i === ai ? { ...a, questions: a.questions.filter((_, k) => k !== qi) } : a,
      );
      const hit = top(createSearchIndex(reduced, synonyms, undefined, background), question);
      if (hit) {
        samples.push({
          signals: hit.signals,
          label: hit.article.id === article.id ? 1 : 0,
          weight: leaveOneOutWeight,
        });
      }
    });
  });
  for (const question of outOfScope) {
    const own = new Set(everydayBackground([question], synonyms).frequency.keys());
    const reduced = background && without(background, own);
    const hit = top(createSearchIndex(articles, synonyms, undefined, reduced), question);
    if (hit) samples.push({ signals: hit.signals, label: 0 });
  }
  return samples;
}

/** Plain L2-regularised logistic regression by gradient descent; deterministic. */
export function fitConfidenceModel(samples: readonly CalibrationSample[]): ModelWeights {
  const xs = samples.map((s) => features(s.signals));
  const ys = samples.map((s) => s.label);
  const ws = samples.map((s) => s.weight ?? 1);
  const total = ws.reduce((a, b) => a + b, 0);
  const w = CONFIDENCE_KEYS.map(() => 0);
  const rate = 0.5;
  const lambda = 0.001;
  for (let epoch = 0; epoch < 4000; epoch += 1) {
    const grad = w.map(() => 0);
    xs.forEach((x, i) => {
      const z = x.reduce((sum, v, j) => sum + v * (w[j] ?? 0), 0);
      const err = (1 / (1 + Math.exp(-z)) - (ys[i] ?? 0)) * (ws[i] ?? 1);
      x.forEach((v, j) => (grad[j] = (grad[j] ?? 0) + err * v));
    });
    w.forEach((value, j) => {
      const reg = j === 0 ? 0 : lambda * value;
      w[j] = value - rate * ((grad[j] ?? 0) / total + reg);
    });
  }
  return Object.fromEntries(CONFIDENCE_KEYS.map((k, j) => [k, Math.round((w[j] ?? 0) * 100) / 100])) as ModelWeights;
}

/** Samples from labelled questions (`expect` empty = out of scope) against the full knowledge base. */
export function labelledSamples(
  index: SearchIndex,
  cases: readonly { question: string; expect: readonly string[] }[],
): CalibrationSample[] {
  return cases.flatMap((c) => {
    const hit = index.search(c.question, 2)[0];
    return hit ? [{ signals: hit.signals, label: c.expect.includes(hit.article.id) ? 1 : 0 }] : [];
  });
}
