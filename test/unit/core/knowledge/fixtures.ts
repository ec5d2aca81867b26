import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tempDir } from '../../../support/config';

export interface FixtureArticle {
  id: string;
  title: string;
  questions: string[];
  keywords?: string[];
  headOf?: string[];
  related?: string[];
  form?: string;
  focusArea?: string;
  reviewStatus?: string;
  summary?: string;
  body?: string;
  url?: string;
}

const FILLER =
  'This guidance explains what to think about, who to talk to and what records to keep, in plain language for staff. ';

export function articleSource(a: FixtureArticle): string {
  const front = {
    id: a.id,
    title: a.title,
    summary: a.summary ?? `${a.title}: a short answer.`,
    focusArea: a.focusArea ?? 'conflicts',
    questions: a.questions,
    keywords: a.keywords ?? [a.id],
    ...(a.headOf === undefined ? {} : { headOf: a.headOf }),
    related: a.related ?? [],
    form: a.form ?? 'none',
    sources: [{ title: 'Public guidance', url: a.url ?? 'https://www.publicservice.govt.nz/guidance' }],
    owner: 'Integrity team',
    lastReviewed: '2026-11-20',
    reviewStatus: a.reviewStatus ?? 'verified',
  };
  const body = a.body ?? `${FILLER.repeat(9)}\n\n## What to do next\n\n1. Talk to your manager.\n`;
  return `---\n${stringify(front)}---\n${body}`;
}

export const GIFTS: FixtureArticle = {
  id: 'gifts',
  title: 'Accepting gifts and hospitality',
  questions: [
    'can i keep a bottle of wine from a supplier',
    'a vendor sent me a christmas hamper',
    'do i have to declare a gift',
    'can i accept tickets to the rugby',
    'how do i record hospitality',
    'a client gave me chocolates',
  ],
  keywords: ['gift', 'hospitality', 'wine', 'hamper'],
  related: ['secondary'],
  form: 'gift-hospitality',
  reviewStatus: 'needs-review',
};

export const SECONDARY: FixtureArticle = {
  id: 'secondary',
  title: 'Second jobs and outside work',
  questions: [
    'can i have a second job',
    'i want to drive uber at the weekend',
    'do i need approval to tutor in the evenings',
    'i have been offered a seat on a board',
    'can i run a small business on the side',
    'moonlighting rules',
  ],
  keywords: ['second job', 'outside work', 'business'],
  form: 'secondary-employment',
};

export const SPEAKING_UP: FixtureArticle = {
  id: 'speaking-up',
  title: 'Speaking up about wrongdoing',
  focusArea: 'complaints',
  questions: [
    'how do i raise a concern about wrongdoing',
    'i saw something that does not seem right at work',
    'who do i tell about misconduct',
    'is there an anonymous hotline',
    'speak up policy',
    'i am nervous about speaking up',
  ],
  keywords: ['speak up', 'concern', 'wrongdoing'],
};

export const SHARES: FixtureArticle = {
  id: 'shares',
  title: 'Owning shares in companies we deal with',
  questions: [
    'do i have to sell my shares',
    'my partner owns shares in a supplier',
    'is owning shares a conflict',
    'shareholding rules for staff',
    'can i buy shares in a company we regulate',
    'do shares in a kiwisaver fund count',
  ],
  keywords: ['shares', 'shareholding', 'investments'],
};

/** Writes a knowledge folder (articles + synonyms) and returns its path. */
export function writeKnowledge(
  articles: FixtureArticle[],
  synonyms: string[][] = [['second job', 'side hustle', 'moonlighting']],
  dir = tempDir('kb-'),
): string {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  for (const a of articles) writeFileSync(join(dir, 'articles', `${a.id}.md`), articleSource(a));
  writeFileSync(join(dir, 'synonyms.yaml'), stringify({ groups: synonyms }));
  return dir;
}
