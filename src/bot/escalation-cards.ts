// Card handles, payload schema, list and stats data shaping, and the texts of refusals and notices.
import { z } from 'zod/v4';
import { defineCard } from '../cards/render';
import type { TicketError } from '../core/escalations/service';
import { formatDuration, type TicketStats } from '../core/escalations/stats';
import { STATE_LABELS, TICKET_STATES, type Ticket } from '../core/escalations/ticket';
import { STATE_COLORS, type EscalationFormat } from './ticket-card';
import { Verbs } from './verbs';

export const errorCard = defineCard<{ title: string; message: string }>('error');
export const listCard = defineCard<{
  title: string;
  summary: string;
  items: {
    ref: string;
    topicLabel: string;
    stateLabel: string;
    stateColor: string;
    excerpt: string;
    meta: string;
  }[];
  hasMore: boolean;
  more: string;
}>('ticket-list');
export const statsCard = defineCard<{
  total: string;
  generatedAt: string;
  medianFirstResponse: string;
  oldestOpen: string;
  anonymousShare: string;
  byState: { label: string; count: string }[];
  byTopic: { label: string; count: string }[];
}>('ticket-stats');

export const LIST_LIMIT = 25;

/** Every ticket card action carries the ticket id and, at most, the inputs of the ticket cards. */
export const TicketActionSchema = z.strictObject({
  ticketId: z.string().min(1).max(32),
  answer: z.string().max(8000).optional(),
  infoRequest: z.string().max(2000).optional(),
  note: z.string().max(2000).optional(),
  assignee: z.string().max(64).optional(),
  followUp: z.string().max(2000).optional(),
  info: z.string().max(4000).optional(),
});
export type TicketAction = z.infer<typeof TicketActionSchema>;

export const REFUSALS: Readonly<Record<string, { title: string; message: string }>> = {
  not_adviser: {
    title: 'Only integrity advisers can do that',
    message:
      'This is for integrity advisers. If you should have access, ask the integrity team to add you.',
  },
  not_found: {
    title: 'Ticket not found',
    message: "I couldn't find that ticket, or it isn't one you can act on.",
  },
  not_owner: {
    title: 'Ticket not found',
    message: "I couldn't find that ticket, or it isn't one you can act on.",
  },
  not_assignee: {
    title: 'Only the assigned adviser can do that',
    message:
      'This ticket is assigned to another adviser. Use "Take over" first if you need to (it is recorded).',
  },
  unknown_adviser: {
    title: "That person isn't an integrity adviser",
    message: 'Tickets can only be assigned to integrity advisers.',
  },
  invalid_payload: {
    title: "That didn't look right",
    message: 'The card sent something I could not accept. Nothing was changed.',
  },
  no_identity: {
    title: "I couldn't tell who you are",
    message: 'Teams did not say who sent this, so nothing was changed.',
  },
};

export const INVALID = { title: "That didn't look right", message: 'Nothing was changed.' };

export function listItems(
  tickets: readonly Ticket[],
  format: EscalationFormat,
  forAdvisers: boolean,
) {
  return tickets.slice(0, LIST_LIMIT).map((t) => ({
    ref: t.ref,
    topicLabel: format.topicLabel(t.topic),
    stateLabel: STATE_LABELS[t.state],
    stateColor: STATE_COLORS[t.state],
    excerpt: t.question.length > 140 ? `${t.question.slice(0, 139)}…` : t.question,
    meta: forAdvisers
      ? `Asked ${format.ago(t.createdAt)} · ${t.assigneeName ?? 'Nobody yet'} · ${format.urgencyLabel(t.urgency).split(':')[0] ?? ''}`
      : `Asked ${format.when(t.createdAt)}`,
  }));
}

export function statsData(stats: TicketStats, format: EscalationFormat, now: Date) {
  return {
    total: String(stats.total),
    generatedAt: `As at ${format.when(now)}.`,
    medianFirstResponse:
      stats.medianFirstResponseMs === null
        ? 'No responses yet'
        : `${formatDuration(stats.medianFirstResponseMs)} (${stats.respondedCount} tickets)`,
    oldestOpen: stats.oldestOpenMs === null ? 'None open' : formatDuration(stats.oldestOpenMs),
    anonymousShare: `${Math.round(stats.anonymousShare * 100)}%`,
    byState: TICKET_STATES.map((s) => ({
      label: STATE_LABELS[s],
      count: String(stats.byState[s]),
    })),
    byTopic: stats.byTopic.map((t) => ({ label: t.label, count: String(t.count) })),
  };
}

export const SUCCESS_NOTICES: Readonly<Record<string, string>> = {
  [Verbs.ticketClaim]: 'You claimed this ticket.',
  [Verbs.ticketTakeOver]: 'You took over this ticket (recorded).',
  [Verbs.ticketAssign]: 'Assigned.',
  [Verbs.ticketRequestInfo]: "Your question was sent to the asker's chat.",
  [Verbs.ticketNote]: 'Note added in the channel thread (advisers only).',
  [Verbs.ticketAnswer]: "Your answer was sent to the asker's chat.",
  [Verbs.ticketClose]: 'Closed.',
  [Verbs.ticketReopen]: 'Reopened.',
  [Verbs.ticketPublishFaq]: 'Draft written for curators (needs review).',
};

export const BLANK_INPUT: Readonly<Record<string, { field: keyof TicketAction; notice: string }>> =
  {
    [Verbs.ticketAnswer]: { field: 'answer', notice: 'Please write the answer before sending.' },
    [Verbs.ticketRequestInfo]: {
      field: 'infoRequest',
      notice: 'Please write your question first.',
    },
    [Verbs.ticketNote]: { field: 'note', notice: 'Please write the note first.' },
    [Verbs.ticketAssign]: { field: 'assignee', notice: 'Please choose an adviser.' },
  };

/** The notice shown on the ticket card when an action no longer applies to it. */
export function failureNotice(ticket: Ticket, error: TicketError): string {
  const notices: Partial<Record<TicketError, string>> = {
    assigned_to_other: `Already assigned to ${ticket.assigneeName ?? 'another adviser'}. Use "Take over" if you need to take it (this is recorded).`,
    invalid_state: `This ticket is ${STATE_LABELS[ticket.state].toLowerCase()}, so that no longer applies.`,
    conflict:
      'Someone changed this ticket at the same moment. This is the latest; please try again.',
    already_published: `A FAQ draft already exists for this ticket (${ticket.faqDraftId ?? ''}.md).`,
    invalid_input: 'That input was not valid.',
  };
  return notices[error] ?? 'That did not work.';
}
