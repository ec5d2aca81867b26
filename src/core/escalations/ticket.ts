/** Where a ticket is in its life: New → Assigned ⇄ Awaiting info → Answered → Closed (and Reopen). */
export const TICKET_STATES = ['new', 'assigned', 'awaiting_info', 'answered', 'closed'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const OPEN_STATES: readonly TicketState[] = ['new', 'assigned', 'awaiting_info'];

export const STATE_LABELS: Readonly<Record<TicketState, string>> = {
  new: 'New',
  assigned: 'Assigned',
  awaiting_info: 'Awaiting info',
  answered: 'Answered',
  closed: 'Closed',
};

/** Public ticket references look like INT-000123: a sequence number, never a personal identifier. */
export const TICKET_REF_PATTERN = /^INT-\d{6,9}$/;

export function formatTicketRef(sequence: number): string {
  return `INT-${String(sequence).padStart(6, '0')}`;
}

export type ClosedBy = 'asker' | 'adviser' | 'system';

/** A question put to the integrity advisers. Texts are the latest of each kind; history is in events. */
export interface Ticket {
  readonly ref: string;
  /** Entra object id of the person who asked. Never shown to advisers when `anonymous`. */
  readonly askerId: string;
  /** Null when anonymous: the name is not even stored. */
  readonly askerName: string | null;
  readonly anonymous: boolean;
  readonly question: string;
  readonly context: string | null;
  readonly topic: string;
  readonly urgency: string;
  /** The knowledge article the person was reading, when they asked from an answer card. */
  readonly articleId: string | null;
  readonly state: TicketState;
  readonly assigneeId: string | null;
  readonly assigneeName: string | null;
  /** The adviser's latest clarifying question, and the asker's reply to it. */
  readonly infoRequest: string | null;
  readonly infoReply: string | null;
  readonly answer: string | null;
  readonly answeredByName: string | null;
  /** The asker's latest follow-up after an answer. */
  readonly followUp: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** When the ticket (last) became unassigned: the clock for the unassigned reminder. */
  readonly unassignedSince: Date | null;
  /** When the asker first heard from a person (a clarifying question or an answer). */
  readonly firstResponseAt: Date | null;
  readonly answeredAt: Date | null;
  readonly closedAt: Date | null;
  readonly closedBy: ClosedBy | null;
  /** Reminder periods already announced for the current unassigned spell. */
  readonly reminderPeriod: number;
  /** The ticket card in the advisers' channel, once posted. */
  readonly channelMessageId: string | null;
  readonly faqDraftId: string | null;
  /** Optimistic concurrency: every change bumps it. */
  readonly version: number;
}

export type TicketEventKind =
  | 'created'
  | 'claimed'
  | 'assigned'
  | 'taken_over'
  | 'info_requested'
  | 'info_provided'
  | 'note'
  | 'answered'
  | 'follow_up'
  | 'resolved'
  | 'closed'
  | 'auto_closed'
  | 'reopened'
  | 'faq_published';

export type ActorRole = 'adviser' | 'asker' | 'system';

/** One thing that happened to a ticket, with its text where it has one (kept for the record). */
export interface TicketEvent {
  readonly at: Date;
  readonly kind: TicketEventKind;
  readonly role: ActorRole;
  /** Null for the system, and for the asker of an anonymous ticket. */
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly text?: string;
  /** Ids and states only. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Fields a change may set; anything omitted is left as it is. */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'state'
    | 'assigneeId'
    | 'assigneeName'
    | 'infoRequest'
    | 'infoReply'
    | 'answer'
    | 'answeredByName'
    | 'followUp'
    | 'unassignedSince'
    | 'firstResponseAt'
    | 'answeredAt'
    | 'closedAt'
    | 'closedBy'
    | 'reminderPeriod'
    | 'faqDraftId'
  >
>;

export interface NewTicket {
  /** The card instance the request came from: a double click creates one ticket. */
  readonly requestId: string;
  readonly askerId: string;
  readonly askerName: string | null;
  readonly anonymous: boolean;
  readonly question: string;
  readonly context: string | null;
  readonly topic: string;
  readonly urgency: string;
  readonly articleId: string | null;
  readonly at: Date;
}
