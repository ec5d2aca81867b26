import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ArticleFrontMatterSchema, type Article } from './article';
import { parseEvalFile, type EvalCase } from './eval';
import { SynonymsFileSchema, type SynonymGroups } from './synonyms';
import type { ExampleQuestion } from './topic-classifier';

/** Everything curated: the articles and the synonym groups, as read from disk. */
export interface KnowledgeContent {
  readonly articles: readonly Article[];
  readonly synonyms: SynonymGroups;
  /**
   * Everyday out-of-scope questions (HR, IT, payroll, events...): they fit the confidence model and
   * tell search which words are everyday workplace words rather than integrity ones.
   */
  readonly everyday?: readonly string[];
  /** More ways staff ask each article's question; only the topic classifier learns from them. */
  readonly examples?: readonly ExampleQuestion[];
}

/** The everyday out-of-scope questions, relative to the knowledge folder (optional). */
export const EVERYDAY_FILE = join('tests', 'calibration-out-of-scope.jsonl');

/** Example questions per article, relative to the knowledge folder (optional). */
export const EXAMPLES_FILE = 'example-questions.jsonl';

export type LoadResult = { ok: true; value: KnowledgeContent } | { ok: false; problems: string[] };

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Parses one article file: YAML front matter between `---` lines, then a Markdown body. */
export function parseArticle(
  source: string,
  file: string,
): { ok: true; value: Article } | { ok: false; problems: string[] } {
  const match = FRONT_MATTER.exec(source);
  if (!match) return { ok: false, problems: [`${file}: no YAML front matter between --- lines`] };
  const doc = parseDocument(match[1] ?? '', { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => `${file}: YAML: ${e.message}`) };
  }
  const parsed = ArticleFrontMatterSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${file}: ${formatIssuePath(issue.path) || '(front matter)'}: ${issue.message}`,
      ),
    };
  }
  return { ok: true, value: { ...parsed.data, body: (match[2] ?? '').trim(), file } };
}

export function parseSynonyms(
  source: string,
  file: string,
): { ok: true; value: SynonymGroups } | { ok: false; problems: string[] } {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => `${file}: YAML: ${e.message}`) };
  }
  const parsed = SynonymsFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${file}: ${formatIssuePath(issue.path) || '(root)'}: ${issue.message}`,
      ),
    };
  }
  return { ok: true, value: parsed.data.groups };
}

/** Reads `<dir>/articles/*.md` and `<dir>/synonyms.yaml` (optional), reporting every problem found. */
export function loadKnowledge(dir: string): LoadResult {
  const articlesDir = join(dir, 'articles');
  if (!existsSync(articlesDir)) {
    return { ok: false, problems: [`${articlesDir}: the articles folder does not exist`] };
  }
  const problems: string[] = [];
  const articles: Article[] = [];
  const files = readdirSync(articlesDir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  for (const file of files) {
    const result = parseArticle(readFileSync(join(articlesDir, file), 'utf8'), file);
    if (result.ok) articles.push(result.value);
    else problems.push(...result.problems);
  }
  if (files.length === 0) problems.push(`${articlesDir}: no articles (*.md) found`);
  let synonyms: SynonymGroups = [];
  const synonymsFile = join(dir, 'synonyms.yaml');
  if (existsSync(synonymsFile)) {
    const result = parseSynonyms(readFileSync(synonymsFile, 'utf8'), 'synonyms.yaml');
    if (result.ok) synonyms = result.value;
    else problems.push(...result.problems);
  }
  const everyday = readQuestions(dir, EVERYDAY_FILE, problems, {
    fits: (c) => c.expect.length === 0,
    rule: 'every question must be out of scope ("expect": [])',
  }).map((c) => c.question);
  const examples: ExampleQuestion[] = readQuestions(dir, EXAMPLES_FILE, problems, {
    fits: (c) => c.expect.length > 0,
    rule: `every question needs the article that answers it (everyday questions go in ${EVERYDAY_FILE})`,
  }).flatMap((c) => c.expect.map((articleId) => ({ question: c.question, articleId })));
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, value: { articles, synonyms, everyday, examples } };
}

/**
 * Reads an optional question file (`{"question", "expect"}` per line) in the knowledge folder.
 * Missing: no questions. Malformed, or a line failing `fits`: the problems, and no questions.
 */
function readQuestions(
  dir: string,
  file: string,
  problems: string[],
  { fits, rule }: { fits: (c: EvalCase) => boolean; rule: string },
): EvalCase[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  const result = parseEvalFile(readFileSync(path, 'utf8'));
  if (!result.ok) {
    problems.push(...result.problems.map((p) => `${file}: ${p}`));
    return [];
  }
  if (!result.value.every(fits)) {
    problems.push(`${file}: ${rule}`);
    return [];
  }
  return result.value;
}
