import { z } from 'zod/v4';

export const FOCUS_AREAS = [
  'standards',
  'conflicts',
  'complaints',
  'corruption-fraud',
  'general',
] as const;

/** Declaration forms an article can offer; `none` means no "Start a declaration" button. */
export const ARTICLE_FORMS = [
  'conflict-of-interest',
  'gift-hospitality',
  'secondary-employment',
  'none',
] as const;

export const ArticleIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')
  .max(80);

export const MAX_SUMMARY_CHARS = 300;
export const MIN_QUESTIONS = 6;

const text = z.string().trim().min(1);
/** A bare YAML number in a list (a year such as 2026) is read as the text it looks like. */
const listText = (max: number) =>
  z.preprocess((value) => (typeof value === 'number' ? String(value) : value), text.max(max));

/** YAML may give a bare date as a string or a Date; either way it must be a real calendar day. */
const isoDate = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.iso.date(),
);

export const SourceSchema = z.strictObject({
  title: text.max(200),
  url: z.url({ protocol: /^https?$/, hostname: z.regexes.domain }),
});

export const ArticleFrontMatterSchema = z.strictObject({
  id: ArticleIdSchema,
  title: text.max(160),
  summary: text.max(MAX_SUMMARY_CHARS),
  focusArea: z.enum(FOCUS_AREAS),
  questions: z.array(listText(300)).min(MIN_QUESTIONS),
  keywords: z.array(listText(60)).min(1),
  /**
   * Topics this article is the general answer to within its cluster ("whistleblowing"): a short
   * question that names one goes to this article rather than a sibling. Optional.
   */
  headOf: z.array(listText(80)).max(10).optional(),
  related: z.array(ArticleIdSchema).default([]),
  form: z.enum(ARTICLE_FORMS),
  sources: z.array(SourceSchema).min(1),
  owner: text.max(120),
  lastReviewed: isoDate,
  reviewStatus: z.enum(['verified', 'needs-review']),
});

export type ArticleFrontMatter = z.infer<typeof ArticleFrontMatterSchema>;
export type ArticleForm = ArticleFrontMatter['form'];

/** A curated article: its front matter plus the Markdown body. */
export type Article = ArticleFrontMatter & {
  readonly body: string;
  /** File name relative to the articles folder, for curators' messages. */
  readonly file: string;
};
