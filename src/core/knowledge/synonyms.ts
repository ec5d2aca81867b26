import { z } from 'zod/v4';
import { stem, words } from './normalise';

/** `groups` is a list of lists: each inner list holds words or phrases that mean the same thing. */
export const SynonymsFileSchema = z.strictObject({
  groups: z.array(z.array(z.string().trim().min(1)).min(2)).default([]),
});

export type SynonymGroups = readonly (readonly string[])[];

/** A phrase as the stemmed word sequence that both the index and the query see. */
function phraseKey(phrase: string): string[] {
  return words(phrase).map(stem);
}

/** Concept tokens look nothing like words, so they never collide with a real term. */
export const conceptToken = (group: number): string => `~${group}`;

export interface SynonymMatcher {
  /**
   * The concepts found in a text (greedy, longest phrase first), with the word positions each
   * covers, so a query can count those words as one concept rather than several terms.
   */
  match(stemmedWords: readonly string[]): { token: string; start: number; end: number }[];
}

/** Builds a phrase trie over every member of every group. */
export function createSynonymMatcher(groups: SynonymGroups): SynonymMatcher {
  interface Node {
    next: Map<string, Node>;
    group?: number;
  }
  const root: Node = { next: new Map() };
  groups.forEach((group, index) => {
    for (const member of group) {
      const key = phraseKey(member);
      if (key.length === 0) continue;
      let node = root;
      for (const word of key) {
        let child = node.next.get(word);
        if (child === undefined) {
          child = { next: new Map() };
          node.next.set(word, child);
        }
        node = child;
      }
      // First group wins when a phrase is listed twice (lint reports it).
      node.group ??= index;
    }
  });
  return {
    match(stemmed) {
      const found: { token: string; start: number; end: number }[] = [];
      let i = 0;
      while (i < stemmed.length) {
        let node: Node | undefined = root;
        let best: { group: number; end: number } | undefined;
        for (let j = i; j < stemmed.length && node !== undefined; j += 1) {
          node = node.next.get(stemmed[j] ?? '');
          if (node?.group !== undefined) best = { group: node.group, end: j + 1 };
        }
        if (best === undefined) {
          i += 1;
        } else {
          found.push({ token: conceptToken(best.group), start: i, end: best.end });
          i = best.end;
        }
      }
      return found;
    },
  };
}
