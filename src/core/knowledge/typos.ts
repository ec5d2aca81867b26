import Fuse from 'fuse.js';
import { STOP_WORDS } from './normalise';

/**
 * Typo correction: a word no article uses is replaced by the known word it is a slip of.
 * fuse.js finds candidates cheaply; an edit distance (with swapped neighbours counting as one
 * edit, as in "decalre") decides, so only near misses are corrected and the result is
 * predictable. Known words are never touched.
 */

/** Shortest word we try to correct: shorter ones are too easily another real word. */
const MIN_LENGTH = 4;
/** fuse.js is only the candidate finder, so it is loose; the edit distance is the real test. */
const CANDIDATE_THRESHOLD = 0.45;
const CANDIDATES = 20;
/** Cache bound, so a stream of odd words cannot grow memory without limit. */
const CACHE_LIMIT = 10_000;

/** Edits allowed for a word of this length: one for short words, two for long ones. */
export function allowedEdits(length: number): number {
  return length >= LONG_WORD ? 2 : 1;
}

/** From this length a word may be two edits off, and a single changed letter is a typo. */
const LONG_WORD = 7;

/**
 * In a short word one changed letter usually makes another real word (park → part, info → into),
 * so short words are only corrected for a missing, extra or swapped letter.
 */
function isShortSubstitution(word: string, candidate: string): boolean {
  if (word.length >= LONG_WORD || word.length !== candidate.length) return false;
  const diff = [...word].flatMap((c, i) => (c === candidate[i] ? [] : [i]));
  const [first, second] = diff;
  const swapped =
    diff.length === 2 &&
    first !== undefined &&
    second === first + 1 &&
    word[first] === candidate[second] &&
    word[second] === candidate[first];
  return !swapped;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition), stopping early
 * once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * A corrector over the words the knowledge base uses, with how often each is used: among equally
 * close candidates the more frequent word wins, as it is the likelier intended one. `isKnown`
 * says whether a word already matches a search term (another form of a known word: holidays).
 */
export function createTypoCorrector(
  frequencies: ReadonlyMap<string, number>,
  isKnown: (word: string) => boolean,
): (word: string) => string {
  // Stop words are never search terms, so "correcting" to one (weather → whether) only loses a word.
  const vocabulary = [...frequencies.keys()].filter(
    (w) => w.length >= MIN_LENGTH && !/\d/.test(w) && !STOP_WORDS.has(w),
  );
  const fuzzy = new Fuse(vocabulary, {
    includeScore: true,
    threshold: CANDIDATE_THRESHOLD,
    ignoreLocation: true,
  });
  const cache = new Map<string, string>();
  const closest = (word: string): string => {
    const max = allowedEdits(word.length);
    let best = word;
    let bestDistance = max + 1;
    let bestFrequency = 0;
    for (const { item } of fuzzy.search(word, { limit: CANDIDATES })) {
      // People rarely mistype the first letter; allowing it turns real words into others (book → look).
      if (item[0] !== word[0]) continue;
      const distance = editDistance(word, item, max);
      if (distance > max || isShortSubstitution(word, item)) continue;
      const frequency = frequencies.get(item) ?? 0;
      if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
        best = item;
        bestDistance = distance;
        bestFrequency = frequency;
      }
    }
    return best;
  };
  return (word) => {
    if (
      word.length < MIN_LENGTH ||
      frequencies.has(word) ||
      STOP_WORDS.has(word) ||
      /\d/.test(word) ||
      isKnown(word)
    ) {
      return word;
    }
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const corrected = closest(word);
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(word, corrected);
    return corrected;
  };
}
