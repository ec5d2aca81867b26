import { z } from 'zod/v4';
import type { Decision } from './decide';

export const EvalCaseSchema = z.strictObject({
  question: z.string().min(1),
  /** Ids that would be a right answer; empty means the bot should decline. */
  expect: z.array(z.string().min(1)),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

export interface DecisionJson {
  status: 'answer' | 'suggest' | 'none';
  articleId: string | null;
  confidence: number;
  suggestions: { articleId: string; title: string; confidence: number }[];
}

/** The decision as `kb ask --json` prints it (and as the chat acts on it). */
export function decisionJson(decision: Decision): DecisionJson {
  return {
    status: decision.status,
    articleId: decision.status === 'answer' ? decision.article.id : null,
    confidence: decision.confidence,
    suggestions:
      decision.status === 'suggest'
        ? decision.suggestions.map((s) => ({
            articleId: s.article.id,
            title: s.article.title,
            confidence: s.confidence,
          }))
        : [],
  };
}

export interface EvalResult extends DecisionJson {
  question: string;
  expect: string[];
  /** answered right, in scope but not answered right, declined right, or answered when it should decline */
  outcome: 'correct' | 'wrong' | 'suggested-right' | 'missed' | 'declined' | 'answered-out-of-scope';
}

export interface EvalSummary {
  total: number;
  inScope: number;
  outOfScope: number;
  /** In-scope questions answered (status answer) with an expected article. */
  top1Accuracy: number;
  /** In-scope questions with an expected article among the top 3 ranked hits. */
  top3Rate: number;
  /** Out-of-scope questions not answered (suggest or none). */
  declineRate: number;
  /** Answers that were wrong (wrong article, or any answer to an out-of-scope question), over all questions. */
  wrongConfidentRate: number;
  /** In-scope questions that got "Did you mean" (a softer miss). */
  suggestRate: number;
  /** In-scope questions told "I don't have guidance" although an article covers them (the hardest miss). */
  noGuidanceRate: number;
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000);

export function parseEvalFile(
  source: string,
): { ok: true; value: EvalCase[] } | { ok: false; problems: string[] } {
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  source.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      return;
    }
    const parsed = EvalCaseSchema.safeParse(json);
    if (parsed.success) cases.push(parsed.data);
    else problems.push(`line ${i + 1}: expected {"question": string, "expect": string[]}`);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: cases };
}

/** Runs every case through the same decision the bot uses and scores it. */
export function evaluate(
  cases: readonly EvalCase[],
  ask: (question: string) => Decision,
): { summary: EvalSummary; results: EvalResult[] } {
  let inScope = 0;
  let right = 0;
  let top3 = 0;
  let declined = 0;
  let wrong = 0;
  let suggested = 0;
  let noGuidance = 0;
  const results = cases.map((c): EvalResult => {
    const decision = ask(c.question);
    const json = decisionJson(decision);
    const base = { question: c.question, expect: c.expect, ...json };
    if (c.expect.length === 0) {
      if (decision.status === 'answer') {
        wrong += 1;
        return { ...base, outcome: 'answered-out-of-scope' };
      }
      declined += 1;
      return { ...base, outcome: 'declined' };
    }
    inScope += 1;
    if (decision.ranked.some((h) => c.expect.includes(h.article.id))) top3 += 1;
    if (decision.status === 'answer') {
      if (c.expect.includes(decision.article.id)) {
        right += 1;
        return { ...base, outcome: 'correct' };
      }
      wrong += 1;
      return { ...base, outcome: 'wrong' };
    }
    if (decision.status === 'suggest') {
      suggested += 1;
      if (decision.suggestions.some((s) => c.expect.includes(s.article.id)))
        return { ...base, outcome: 'suggested-right' };
    } else {
      noGuidance += 1;
    }
    return { ...base, outcome: 'missed' };
  });
  const outOfScope = cases.length - inScope;
  return {
    summary: {
      total: cases.length,
      inScope,
      outOfScope,
      top1Accuracy: ratio(right, inScope),
      top3Rate: ratio(top3, inScope),
      declineRate: ratio(declined, outOfScope),
      wrongConfidentRate: ratio(wrong, cases.length),
      suggestRate: ratio(suggested, inScope),
      noGuidanceRate: ratio(noGuidance, inScope),
    },
    results,
  };
}
