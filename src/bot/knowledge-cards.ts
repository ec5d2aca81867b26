import { CardFactory, type Activity } from 'botbuilder';
import { defineCard, type AdaptiveCardJson } from '../cards/render';
import type { Article } from '../core/knowledge/article';
import type { Suggestion } from '../core/knowledge/decide';
import { toPlainText, toTeamsBlocks } from '../core/knowledge/markdown';
import type { BotDeps } from './deps';

export interface AnswerCardData {
  articleId: string;
  title: string;
  summary: string;
  hasNotice: boolean;
  noticeTitle: string;
  notice: string;
  underReview: boolean;
  blocks: { heading: boolean; text: string }[];
  sources: { title: string; url: string }[];
  lastReviewed: string;
  owner: string;
  hasRelated: boolean;
  related: { articleId: string; title: string }[];
  hasForm: boolean;
  form: string;
  /** ask: Helpful / Not helpful buttons; comment: optional comment box; done: thanks. */
  feedbackStage: 'ask' | 'comment' | 'done';
  feedbackThanks: string;
  fallbackText: string;
}

export interface SuggestCardData {
  question: string;
  suggestions: { articleId: string; title: string }[];
  fallbackText: string;
}

export interface NoAnswerCardData {
  question: string;
  agencyName: string;
  contactName: string;
  contactEmail: string;
  contactPhoneText: string;
  fallbackText: string;
}

export const answerCard = defineCard<AnswerCardData>('answer');
export const suggestCard = defineCard<SuggestCardData>('suggest');
export const noAnswerCard = defineCard<NoAnswerCardData>('no-answer');

/** Teams stores recommend at most 6 actions on a card: adviser + 2 feedback + form + related. */
const MAX_ACTIONS = 6;
/** Long questions are cut before they ride along in card data to the adviser. */
const MAX_QUESTION_IN_CARD = 500;

const FORM_LABELS: Readonly<Record<string, string>> = {
  'conflict-of-interest': 'conflict of interest',
  'gift-hospitality': 'gift and hospitality',
  'secondary-employment': 'secondary employment',
};

export function formLabel(form: string): string {
  return FORM_LABELS[form] ?? form;
}

// Built once: creating an Intl formatter costs more than the rest of the card.
const LONG_DATE = new Intl.DateTimeFormat('en-NZ', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function longDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : LONG_DATE.format(date);
}

/**
 * What varies between answer cards for one article. The question asked is deliberately not on the
 * card: "Ask an adviser" fills it in from the conversation (see `questionBehind`), so the card for
 * an article is the same for everyone and is rendered once per knowledge-base version.
 */
export interface AnswerOptions {
  /** The question read like a report of wrongdoing: speaking-up guidance comes first. */
  wrongdoing?: boolean;
  feedbackStage?: 'ask' | 'comment' | 'done';
  feedbackThanks?: string;
}

export function answerCardData(
  deps: BotDeps,
  article: Article,
  options: AnswerOptions = {},
): AnswerCardData {
  const hasForm = article.form !== 'none';
  const relatedRoom = MAX_ACTIONS - 3 - (hasForm ? 1 : 0);
  const related = article.related
    .map((id) => deps.knowledge.article(id))
    .filter((a): a is Article => a !== undefined)
    .slice(0, relatedRoom)
    .map((a) => ({ articleId: a.id, title: a.title }));
  const contact = deps.config.agency.agency.integrityContact;
  const notice = options.wrongdoing
    ? `It sounds like you may be reporting wrongdoing. You can raise it with your manager, your agency's integrity contact (${contact.name}, ${contact.email}) or an appropriate authority such as the Ombudsman. The Protected Disclosures Act protects people who reasonably believe there is serious wrongdoing, even if they turn out to be mistaken. Please don't investigate it yourself.`
    : '';
  const sources = article.sources.map((s) => ({ title: s.title, url: s.url }));
  const fallbackText = [
    article.title,
    article.summary,
    toPlainText(article.body),
    `Sources: ${sources.map((s) => `${s.title} (${s.url})`).join('; ')}`,
    `Last reviewed ${longDate(article.lastReviewed)}.`,
  ].join('\n\n');
  return {
    articleId: article.id,
    title: article.title,
    summary: article.summary,
    hasNotice: notice !== '',
    noticeTitle: notice === '' ? '' : 'Speaking up about wrongdoing',
    notice,
    underReview: article.reviewStatus === 'needs-review',
    blocks: toTeamsBlocks(article.body).map((b) => ({ heading: b.heading, text: b.text })),
    sources,
    lastReviewed: longDate(article.lastReviewed),
    owner: article.owner,
    hasRelated: related.length > 0,
    related,
    hasForm,
    form: article.form,
    feedbackStage: options.feedbackStage ?? 'ask',
    feedbackThanks: options.feedbackThanks ?? '',
    fallbackText: fallbackText.slice(0, 4000),
  };
}

/**
 * Rendered answer cards per set of dependencies, per article object, per variant. A reload of the
 * knowledge base makes new article objects, so cards of replaced articles are dropped with them.
 */
const renderedAnswers = new WeakMap<BotDeps, WeakMap<Article, Map<string, AdaptiveCardJson>>>();

/** Freezes a rendered card, so a card shared between replies cannot be changed by one of them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function renderAnswerCard(
  deps: BotDeps,
  article: Article,
  options: AnswerOptions = {},
): AdaptiveCardJson {
  let byArticle = renderedAnswers.get(deps);
  if (byArticle === undefined) {
    byArticle = new WeakMap();
    renderedAnswers.set(deps, byArticle);
  }
  let variants = byArticle.get(article);
  if (variants === undefined) {
    variants = new Map();
    byArticle.set(article, variants);
  }
  const key = JSON.stringify([
    options.wrongdoing ?? false,
    options.feedbackStage ?? 'ask',
    options.feedbackThanks ?? '',
  ]);
  let card = variants.get(key);
  if (card === undefined) {
    card = deepFreeze(deps.cards.render(answerCard, answerCardData(deps, article, options)));
    variants.set(key, card);
  }
  return card;
}

/** A Teams citation for the article's first source; curated content, so no AI-generated label. */
export function citationEntity(article: Article): Record<string, unknown> {
  const clip = (text: string, max: number) =>
    text.length <= max ? text : `${text.slice(0, max - 1)}…`;
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: article.sources.slice(0, 20).map((source, i) => ({
      '@type': 'Claim',
      position: i + 1,
      appearance: {
        '@type': 'DigitalDocument',
        name: clip(source.title, 80),
        url: source.url,
        abstract: clip(article.summary, 160),
        keywords: article.keywords.slice(0, 3).map((k) => clip(k, 28)),
      },
    })),
  };
}

/** The answer as a message: a short cited line, the card, and plain text for clients without cards. */
export function answerActivity(
  deps: BotDeps,
  article: Article,
  options: AnswerOptions = {},
): Partial<Activity> {
  const card = renderAnswerCard(deps, article, options);
  const markers = article.sources
    .slice(0, 20)
    .map((_, i) => `[${i + 1}]`)
    .join(' ');
  const lead = options.wrongdoing
    ? 'It sounds like you may be reporting wrongdoing, so here is how to speak up safely first.'
    : 'Here is our guidance.';
  return {
    type: 'message',
    text: `${lead} **${article.title}** ${markers}`,
    attachments: [CardFactory.adaptiveCard(card)],
    entities: [citationEntity(article) as never],
  };
}

export function suggestActivity(
  deps: BotDeps,
  question: string,
  suggestions: readonly Suggestion[],
): Partial<Activity> {
  const items = suggestions.map((s) => ({ articleId: s.article.id, title: s.article.title }));
  const fallbackText = `Did you mean: ${items.map((i) => i.title).join('; ')}? Or ask an integrity adviser.`;
  const card = deps.cards.render(suggestCard, {
    question: question.slice(0, MAX_QUESTION_IN_CARD),
    suggestions: items,
    fallbackText,
  });
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

export function noAnswerActivity(deps: BotDeps, question: string): Partial<Activity> {
  const { agency } = deps.config.agency;
  const contact = agency.integrityContact;
  const phone = contact.phone === undefined ? '' : ` or ${contact.phone}`;
  const fallbackText = `I don't have guidance on that. If it's an integrity question, ask an adviser or contact ${contact.name} at ${contact.email}${phone}.`;
  const card = deps.cards.render(noAnswerCard, {
    question: question.slice(0, MAX_QUESTION_IN_CARD),
    agencyName: agency.name,
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhoneText: phone,
    fallbackText,
  });
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}
