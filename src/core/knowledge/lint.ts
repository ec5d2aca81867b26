import { MAX_SUMMARY_CHARS, type Article } from './article';
import { SPEAKING_UP_ARTICLE_ID } from './decide';
import { EXAMPLES_FILE, type KnowledgeContent } from './loader';
import { foldText } from './normalise';

export const BODY_MIN_WORDS = 150;
export const BODY_MAX_WORDS = 500;

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function bodyProblems(article: Article): string[] {
  const where = article.file;
  const problems: string[] = [];
  const wordCount = article.body.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (wordCount < BODY_MIN_WORDS || wordCount > BODY_MAX_WORDS) {
    problems.push(
      `${where}: body has ${wordCount} words; keep it between ${BODY_MIN_WORDS} and ${BODY_MAX_WORDS}`,
    );
  }
  const lines = article.body.split('\n');
  lines.forEach((line, i) => {
    const at = `${where}: body line ${i + 1}`;
    if (/^\s*\|.*\|\s*$/.test(line)) problems.push(`${at}: tables do not render in Teams cards`);
    if (/^#{3,}\s/.test(line)) problems.push(`${at}: use headings no deeper than ##`);
    if (/^#\s/.test(line)) problems.push(`${at}: the title is shown already; start headings at ##`);
    if (/<\/?[a-z][^>]*>/i.test(line)) problems.push(`${at}: HTML is not allowed`);
    if (/!\[[^\]]*\]\(/.test(line)) problems.push(`${at}: images are not allowed`);
    for (const m of line.matchAll(/\[([^\]]*)\]\(([^)\s]*)\)/g)) {
      if (!isWebUrl(m[2] ?? '')) problems.push(`${at}: link "${m[1] ?? ''}" has a malformed URL`);
    }
  });
  if (!/^##\s+what to do next\s*$/im.test(article.body)) {
    problems.push(`${where}: body needs a "## What to do next" section`);
  }
  return problems;
}

/**
 * Everything a curator must fix before a knowledge base goes live: unique ids, resolvable related
 * ids, no alternate question in two articles, well-formed links, summary and body length.
 */
export function lintKnowledge(content: KnowledgeContent): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const article of content.articles) {
    const seen = ids.get(article.id);
    if (seen !== undefined) problems.push(`${article.file}: id "${article.id}" is also used by ${seen}`);
    else ids.set(article.id, article.file);
    if (article.file !== `${article.id}.md`) {
      problems.push(`${article.file}: the file name must be the id (${article.id}.md)`);
    }
  }
  const questionOwner = new Map<string, string>();
  const headOwner = new Map<string, string>();
  for (const article of content.articles) {
    const where = article.file;
    if (article.summary.length > MAX_SUMMARY_CHARS) {
      problems.push(`${where}: summary is ${article.summary.length} characters (max ${MAX_SUMMARY_CHARS})`);
    }
    for (const related of article.related) {
      if (related === article.id) problems.push(`${where}: related lists the article itself`);
      else if (!ids.has(related)) problems.push(`${where}: related id "${related}" does not exist`);
    }
    if (new Set(article.related).size !== article.related.length) {
      problems.push(`${where}: related lists an id twice`);
    }
    for (const question of article.questions) {
      const key = foldText(question);
      const owner = questionOwner.get(key);
      if (owner === article.id) problems.push(`${where}: question "${question}" is listed twice`);
      else if (owner !== undefined)
        problems.push(`${where}: question "${question}" is also in ${owner}; keep it in one article`);
      else questionOwner.set(key, article.id);
    }
    for (const topic of article.headOf ?? []) {
      const key = foldText(topic);
      const owner = headOwner.get(key);
      if (owner !== undefined && owner !== article.id)
        problems.push(`${where}: headOf "${topic}" is also claimed by ${owner}; one article heads a topic`);
      else headOwner.set(key, article.id);
    }
    for (const source of article.sources) {
      if (!isWebUrl(source.url)) problems.push(`${where}: source "${source.title}" has a malformed URL`);
    }
    problems.push(...bodyProblems(article));
  }
  const phraseOwner = new Map<string, number>();
  content.synonyms.forEach((group, index) => {
    for (const phrase of group) {
      const key = foldText(phrase);
      const owner = phraseOwner.get(key);
      if (owner !== undefined && owner !== index) {
        problems.push(`synonyms.yaml: "${phrase}" is in group ${owner + 1} and group ${index + 1}`);
      }
      phraseOwner.set(key, index);
    }
  });
  for (const example of content.examples ?? []) {
    if (!ids.has(example.articleId)) {
      problems.push(
        `${EXAMPLES_FILE}: "${example.question}" names article "${example.articleId}", which does not exist`,
      );
    }
  }
  if (!ids.has(SPEAKING_UP_ARTICLE_ID)) {
    problems.push(`articles: "${SPEAKING_UP_ARTICLE_ID}" is required (reports of wrongdoing go there)`);
  }
  return problems;
}
