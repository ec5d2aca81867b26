import { STOP_WORDS, stem, words } from './normalise';
import type { SynonymMatcher } from './synonyms';

export interface Analysed {
  /** Every search term of the text: stemmed content words plus synonym concepts found in it. */
  readonly terms: string[];
  /**
   * The terms a question asks about: a synonym phrase counts once, as its concept, instead of
   * as its separate words.
   */
  readonly queryTerms: string[];
}

/**
 * Turns text into terms the same way for articles and questions. `correct` maps a word the
 * articles never use to the closest word they do (questions only: typos).
 */
export function analyse(
  text: string,
  synonyms: SynonymMatcher,
  correct?: (word: string) => string,
): Analysed {
  const raw = words(text);
  const folded = correct === undefined ? raw : raw.map(correct);
  const stemmed = folded.map(stem);
  const concepts = synonyms.match(stemmed);
  const covered = new Set<number>();
  for (const c of concepts) for (let i = c.start; i < c.end; i += 1) covered.add(i);
  const terms: string[] = [];
  const queryTerms: string[] = [];
  folded.forEach((word, i) => {
    if (STOP_WORDS.has(word)) return;
    const term = stemmed[i] ?? word;
    terms.push(term);
    if (!covered.has(i)) queryTerms.push(term);
  });
  for (const c of concepts) {
    terms.push(c.token);
    queryTerms.push(c.token);
  }
  return { terms, queryTerms };
}
