import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ArticleFrontMatter } from '../knowledge/article';
import type { Ticket } from './ticket';

export interface FaqDraft {
  /** Article id and file stem: `faq-int-000123`. */
  readonly id: string;
  readonly frontMatter: Omit<ArticleFrontMatter, 'sources'> & { sources: [] };
  /** The whole file: front matter and body. */
  readonly markdown: string;
}

/** Where drafts go; `exists` when a draft for the ticket is already there (never overwritten). */
export interface FaqDraftSink {
  write(draft: FaqDraft): Promise<'written' | 'exists'>;
}

const TITLE_MAX = 160;
const SUMMARY_MAX = 300;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The first sentence or two of the answer, within the summary limit. */
function summaryOf(answer: string): string {
  const flat = oneLine(answer.split(/\n\s*\n/)[0] ?? answer);
  const sentences = flat.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [flat];
  let summary = '';
  for (const sentence of sentences) {
    if ((summary + sentence).trim().length > SUMMARY_MAX) break;
    summary += sentence;
  }
  return clip(summary.trim() || flat, SUMMARY_MAX);
}

function titleOf(question: string): string {
  const first = oneLine(question);
  const capitalised = first.charAt(0).toUpperCase() + first.slice(1);
  return clip(capitalised, TITLE_MAX);
}

/**
 * A draft article for curators from an answered ticket, in the articles' front-matter format:
 * the question is an alternate question, the answer the body, `reviewStatus: needs-review`.
 * Sources, more questions and keywords are for the curator to add (the comment says so).
 */
export function buildFaqDraft(
  ticket: Ticket,
  options: {
    focusArea: ArticleFrontMatter['focusArea'];
    topic: string;
    today: string;
    owner: string;
  },
): FaqDraft {
  if (ticket.answer === null) throw new Error('a FAQ draft needs an answer');
  const id = `faq-${ticket.ref.toLowerCase()}`;
  const frontMatter = {
    id,
    title: titleOf(ticket.question),
    summary: summaryOf(ticket.answer),
    focusArea: options.focusArea,
    questions: [clip(oneLine(ticket.question), 300)],
    keywords: [options.topic],
    related: ticket.articleId === null ? [] : [ticket.articleId],
    form: 'none' as const,
    sources: [] as [],
    owner: options.owner,
    lastReviewed: options.today,
    reviewStatus: 'needs-review' as const,
  };
  const yaml = stringify(frontMatter, { lineWidth: 0 }).trimEnd();
  const markdown = [
    '---',
    `# Draft from adviser ticket ${ticket.ref}. Before publishing: add alternate questions (at least 6),`,
    '# keywords, related articles and sources, check the wording, then move it to knowledge/articles.',
    yaml,
    '---',
    ticket.answer.trim(),
    '',
  ].join('\n');
  return { id, frontMatter, markdown };
}

/** Writes drafts as `<dir>/<id>.md`, refusing to overwrite a curator's work in progress. */
export function createFileFaqDraftSink(dir: string): FaqDraftSink {
  return {
    async write(draft) {
      await mkdir(dir, { recursive: true });
      try {
        await writeFile(join(dir, `${draft.id}.md`), draft.markdown, { flag: 'wx' });
        return 'written';
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
        throw error;
      }
    },
  };
}
