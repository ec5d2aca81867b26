// The ticket card advisers see, the asker's read-only status card, and the wording they share.
import { defineCard } from '../cards/render';
import type { AppConfig } from '../config/load-config';
import { formatDuration } from '../core/escalations/stats';
import { STATE_LABELS, type Ticket, type TicketState } from '../core/escalations/ticket';

export interface TicketCardData {
  ref: string;
  hasNotice: boolean;
  notice: string;
  noticeStyle: 'attention' | 'good' | 'warning' | 'accent';
  topicLabel: string;
  stateLabel: string;
  stateColor: string;
  askedBy: string;
  askedAt: string;
  urgencyLabel: string;
  assignee: string;
  hasArticle: boolean;
  articleId: string;
  question: string;
  hasContext: boolean;
  context: string;
  hasInfoRequest: boolean;
  infoRequest: string;
  hasInfoReply: boolean;
  infoReply: string;
  hasAnswer: boolean;
  answeredBy: string;
  answer: string;
  hasFollowUp: boolean;
  followUp: string;
  hasFaqDraft: boolean;
  faqDraft: string;
  footer: string;
  canClaim: boolean;
  canAnswer: boolean;
  canAskInfo: boolean;
  canTakeOver: boolean;
  canAssign: boolean;
  canPublish: boolean;
  canReopen: boolean;
  canClose: boolean;
  advisers: { id: string; name: string }[];
}

export const ticketCard = defineCard<TicketCardData>('ticket');
export const ticketStatusCard = defineCard<{
  title: string;
  color: string;
  message: string;
  hasDetail: boolean;
  detail: string;
}>('ticket-status');
export const STATE_COLORS: Readonly<Record<TicketState, string>> = {
  new: 'Attention',
  assigned: 'Accent',
  awaiting_info: 'Warning',
  answered: 'Good',
  closed: 'Default',
};

/** Labels, times and wording shared by every escalation card. */
export function createEscalationFormat(config: AppConfig, clock: () => Date) {
  const { escalations } = config.agency;
  const time = new Intl.DateTimeFormat('en-NZ', {
    timeZone: escalations.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
  const topicLabel = (id: string) => escalations.topics.find((t) => t.id === id)?.label ?? id;
  const urgencyLabel = (id: string) => escalations.urgencies.find((u) => u.id === id)?.label ?? id;
  const when = (at: Date) => time.format(at);
  const ago = (at: Date) => `${when(at)} (${formatDuration(clock().getTime() - at.getTime())} ago)`;
  return { topicLabel, urgencyLabel, when, ago };
}

export type EscalationFormat = ReturnType<typeof createEscalationFormat>;

/** Long texts are shortened on the ticket card so it stays well under Teams' 80 KB message limit. */
const CARD_TEXT_LIMITS = {
  question: 2000,
  context: 2000,
  infoRequest: 1000,
  infoReply: 2000,
  answer: 3000,
  followUp: 1000,
} as const;

function clipped(text: string | null, max: number): string {
  if (text === null) return '';
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (shortened here; the full text is on the record)`;
}

/** What the advisers see. An anonymous ticket carries neither the asker's name nor any id. */
export function ticketCardData(
  ticket: Ticket,
  format: EscalationFormat,
  advisers: readonly { id: string; name: string }[],
  notice?: { text: string; style?: TicketCardData['noticeStyle'] },
): TicketCardData {
  const open =
    ticket.state === 'new' || ticket.state === 'assigned' || ticket.state === 'awaiting_info';
  const answered = ticket.state === 'answered';
  return {
    ref: ticket.ref,
    hasNotice: notice !== undefined,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'attention',
    topicLabel: format.topicLabel(ticket.topic),
    stateLabel: STATE_LABELS[ticket.state],
    stateColor: STATE_COLORS[ticket.state],
    askedBy: ticket.anonymous
      ? 'Anonymous (the asker chose not to share their name)'
      : (ticket.askerName ?? 'Unknown'),
    askedAt: format.ago(ticket.createdAt),
    urgencyLabel: format.urgencyLabel(ticket.urgency),
    assignee: ticket.assigneeName ?? 'Nobody yet',
    hasArticle: ticket.articleId !== null,
    articleId: ticket.articleId ?? '',
    question: clipped(ticket.question, CARD_TEXT_LIMITS.question),
    hasContext: ticket.context !== null,
    context: clipped(ticket.context, CARD_TEXT_LIMITS.context),
    hasInfoRequest: ticket.infoRequest !== null,
    infoRequest: clipped(ticket.infoRequest, CARD_TEXT_LIMITS.infoRequest),
    hasInfoReply: ticket.infoReply !== null,
    infoReply: clipped(ticket.infoReply, CARD_TEXT_LIMITS.infoReply),
    hasAnswer: ticket.answer !== null,
    answeredBy: ticket.answeredByName ?? 'an adviser',
    answer: clipped(ticket.answer, CARD_TEXT_LIMITS.answer),
    hasFollowUp: ticket.followUp !== null,
    followUp: clipped(ticket.followUp, CARD_TEXT_LIMITS.followUp),
    hasFaqDraft: ticket.faqDraftId !== null,
    faqDraft: ticket.faqDraftId === null ? '' : `${ticket.faqDraftId}.md (needs review)`,
    footer: `Updated ${format.when(ticket.updatedAt)}${
      ticket.state === 'closed' && ticket.closedBy === 'system' ? ' · closed automatically' : ''
    }`,
    canClaim: ticket.state === 'new',
    canAnswer: open,
    canAskInfo: open,
    canTakeOver: ticket.state === 'assigned' || ticket.state === 'awaiting_info',
    canAssign: open && advisers.length > 0,
    canPublish:
      (answered || ticket.state === 'closed') &&
      ticket.answer !== null &&
      ticket.faqDraftId === null,
    canReopen: answered || ticket.state === 'closed',
    canClose: ticket.state !== 'closed',
    advisers: [...advisers],
  };
}
