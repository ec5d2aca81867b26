/**
 * The storage port: everything that persists goes through these interfaces. The SQLite adapter is the
 * embedded default; a PostgreSQL adapter can implement the same interfaces for multi-instance
 * deployments. Each method is one atomic unit of work, so no caller ever holds a transaction open
 * across an await.
 */

import type { DeclarationRepository } from '../core/declarations/repository';
import type { OutboxStatus } from '../core/forwarding/delivery-status';
import type { OutboundEvent } from '../core/forwarding/outbound-event';
import type {
  NewTicket,
  Ticket,
  TicketEvent,
  TicketPatch,
  TicketState,
} from '../core/escalations/ticket';

export interface StateRecord {
  readonly value: unknown;
  readonly eTag: string;
}

export interface StateChange {
  readonly key: string;
  readonly value: unknown;
  /** Optimistic concurrency: omit or '*' to overwrite; otherwise the write fails unless it matches. */
  readonly eTag?: string;
}

export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';
  constructor(readonly key: string) {
    super(`eTag conflict on a state item`);
  }
}

/** Conversation and user state for the bot framework, with eTag optimistic concurrency. */
export interface StateStore {
  read(keys: readonly string[]): Promise<Map<string, StateRecord>>;
  /** All changes are applied atomically; throws ETagConflictError and applies none on a conflict. */
  write(changes: readonly StateChange[]): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

export interface AuditEntry {
  readonly at: Date;
  /** Entra object id of the person, or 'system'. */
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** Ids, states and reasons only: never message text or card values. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly seq: number;
}

/** Append-only: the adapter refuses updates and deletes. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(filter: {
    subjectType?: string;
    subjectId?: string;
    limit?: number;
  }): Promise<StoredAuditEntry[]>;
}

/** Remembers keys (e.g. activity ids) for a while, so a redelivered activity is handled once. */
export interface DedupeStore {
  /** True the first time a key is claimed within its lifetime; false for a repeat. */
  claim(key: string, ttlMs: number, now: Date): Promise<boolean>;
  release(key: string): Promise<void>;
}

/** One event for one destination in the forwarding outbox (ids, states and reason codes only). */
export interface OutboxEntry {
  /** Row id, as the operations CLI shows it. */
  readonly id: number;
  /** The event id: the CloudEvents id and webhook-id, the same on every attempt and replay. */
  readonly eventId: string;
  readonly destinationId: string;
  readonly eventType: string;
  /** The declaration's reference number. */
  readonly subject: string;
  readonly orderingKey: string;
  readonly form: string;
  readonly status: OutboxStatus;
  /** Attempts since it was queued (or last retried or replayed by an operator). */
  readonly attempts: number;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date;
  readonly lastAttemptAt?: Date;
  readonly deliveredAt?: Date;
  /** A reason code such as http_503, timeout or network_ECONNREFUSED; never content. */
  readonly lastError?: string;
  readonly lastHttpStatus?: number;
  readonly replays: number;
}

/** A row leased to one worker: it alone records the outcome unless the lease runs out. */
export interface ClaimedOutboxEntry extends OutboxEntry {
  readonly event: OutboundEvent;
  readonly leaseOwner: string;
}

export interface DisabledDestination {
  readonly destinationId: string;
  readonly disabledAt: Date;
  readonly reason: string;
}

/** Per destination facts for the submitter's view of one declaration. */
export interface DestinationDelivery {
  readonly destinationId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly deliveredAt?: Date;
  readonly nextAttemptAt?: Date;
  readonly destinationDisabled: boolean;
}

export interface AttemptOutcome {
  readonly at: Date;
  readonly httpStatus?: number;
}

/**
 * The transactional outbox. Declarations write rows in their own transaction (insertOutboxRows in
 * the SQLite adapter); workers in any number of processes claim due rows under a lease.
 */
export interface OutboxRepository {
  /** Queues an event for each destination, atomically; a repeated (event, destination) is ignored. */
  enqueue(event: OutboundEvent, destinationIds: readonly string[]): Promise<number>;
  /**
   * Leases up to `limit` due rows to `owner`: rows whose time has come, or whose previous lease ran
   * out, that are first in line for their declaration at their destination and whose destination
   * is not disabled. Each claim counts as an attempt.
   */
  claimDue(options: {
    now: Date;
    limit: number;
    leaseMs: number;
    owner: string;
  }): Promise<ClaimedOutboxEntry[]>;
  /** Each outcome is recorded only while `owner` still holds the lease; false otherwise. */
  markDelivered(id: number, owner: string, outcome: AttemptOutcome): Promise<boolean>;
  scheduleRetry(
    id: number,
    owner: string,
    outcome: AttemptOutcome & { nextAttemptAt: Date; reason: string },
  ): Promise<boolean>;
  deadLetter(
    id: number,
    owner: string,
    outcome: AttemptOutcome & { reason: string },
  ): Promise<boolean>;
  /** Switches a destination off (its rows wait); true if it was enabled until now. */
  disableDestination(destinationId: string, at: Date, reason: string): Promise<boolean>;
  enableDestination(destinationId: string): Promise<boolean>;
  disabledDestinations(): Promise<DisabledDestination[]>;
  list(filter?: {
    status?: OutboxStatus;
    destinationId?: string;
    limit?: number;
  }): Promise<OutboxEntry[]>;
  get(id: number): Promise<(OutboxEntry & { event: OutboundEvent }) | undefined>;
  /** A dead or retrying row goes back to the queue now with a fresh schedule. */
  retry(id: number, now: Date): Promise<boolean>;
  /** Re-sends (same event ids) every row for a destination queued since a date; returns the count. */
  replay(options: { since: Date; destinationId: string; now: Date }): Promise<number>;
  /** Deletes events delivered to every destination before a date; returns the number of events. */
  purgeDelivered(options: { olderThan: Date }): Promise<number>;
  /** Rows for a declaration, by reference number (subject) or ordering key, oldest first. */
  statusFor(subjectOrOrderingKey: string): Promise<DestinationDelivery[]>;
  counts(): Promise<Record<OutboxStatus, number>>;
}

export interface Store {
  readonly state: StateStore;
  readonly audit: AuditLog;
  readonly dedupe: DedupeStore;
  readonly outbox: OutboxRepository;
  readonly declarations: DeclarationRepository;
  readonly tickets: TicketRepository;
  readonly ticketContacts: TicketContactRepository;
  readonly learning: KnowledgeLearningRepository;
  /** True while the store can serve requests (for /readyz). */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** What the learning loop keeps: how a question went, never who asked it. */
export type LearningKind = 'suggest' | 'none' | 'helpful' | 'not_helpful' | 'comment';

export interface LearningEntry {
  readonly at: Date;
  readonly kind: LearningKind;
  /** The question as typed (no user id, name or conversation is stored with it). */
  readonly question?: string;
  /** The question folded for grouping (case, punctuation, macrons). */
  readonly questionKey?: string;
  readonly articleId?: string;
  /** Optional free text from "Not helpful". */
  readonly comment?: string;
  /** Articles offered as "Did you mean", best first. */
  readonly suggested?: readonly string[];
}

export interface LearningReportRow {
  readonly kind: LearningKind;
  readonly question: string | null;
  readonly articleId: string | null;
  readonly count: number;
  readonly lastAt: Date;
  readonly comments: readonly string[];
}

/** Curators' learning loop: unanswered questions and feedback, kept for a retention period. */
export interface KnowledgeLearningRepository {
  record(entry: LearningEntry): Promise<void>;
  /** Unanswered, suggested and not-helpful questions grouped, most frequent first. */
  report(options: { kinds: readonly LearningKind[]; limit: number }): Promise<LearningReportRow[]>;
  feedbackCounts(): Promise<{ articleId: string; helpful: number; notHelpful: number }[]>;
  /** Deletes everything recorded before `cutoff`; returns how many entries went. */
  purgeBefore(cutoff: Date): Promise<number>;
}

/** One change to a ticket: the patch, its events and audit entries, written atomically. */
export interface TicketChange {
  readonly ref: string;
  /** The version the decision was based on: the write fails with `conflict` if it moved on. */
  readonly expectedVersion: number;
  readonly patch: TicketPatch;
  readonly events: readonly TicketEvent[];
  readonly audit: readonly AuditEntry[];
  readonly at: Date;
}

export type TicketWriteResult =
  { ok: true; ticket: Ticket } | { ok: false; error: 'not_found' | 'conflict' };

export interface TicketFilter {
  readonly states?: readonly TicketState[];
  readonly assigneeId?: string;
  readonly askerId?: string;
  readonly limit?: number;
}

/** Escalation tickets and their history (texts kept for the record, never in the audit log). */
export interface TicketRepository {
  /** Idempotent per (asker, requestId): a repeated request returns the first ticket. */
  create(ticket: NewTicket, audit: AuditEntry): Promise<{ ticket: Ticket; created: boolean }>;
  get(ref: string): Promise<Ticket | undefined>;
  change(change: TicketChange): Promise<TicketWriteResult>;
  /** Oldest first. */
  list(filter?: TicketFilter): Promise<Ticket[]>;
  events(ref: string): Promise<TicketEvent[]>;
  /** Delivery bookkeeping: where the ticket card sits in the advisers' channel. */
  setChannelMessage(ref: string, messageId: string | null): Promise<void>;
  /** Reminder bookkeeping: the periods announced so far in each ticket's unassigned spell. */
  setReminderPeriods(updates: readonly { ref: string; period: number }[]): Promise<void>;
}

/** A conversation the bot can message proactively; `reference` is opaque to everything but the edge. */
export interface StoredConversation {
  readonly reference: unknown;
  /** Teams said 403/404: do not post until the conversation is seen again. */
  readonly stale: boolean;
  readonly updatedAt: Date;
}

export interface AdvisersChannel extends StoredConversation {
  readonly channelId: string;
  readonly teamId: string | null;
  readonly registeredBy: string;
}

/** Where escalation messages go: the advisers' channel, and each person's 1:1 chat. */
export interface TicketContactRepository {
  advisersChannel(): Promise<AdvisersChannel | undefined>;
  registerAdvisersChannel(
    channel: { reference: unknown; channelId: string; teamId: string | null; registeredBy: string },
    audit: AuditEntry,
  ): Promise<void>;
  /** True when this call changed it (so advisers are told once). */
  markAdvisersChannelStale(at: Date): Promise<boolean>;
  conversationOf(userId: string): Promise<StoredConversation | undefined>;
  saveConversation(userId: string, reference: unknown, at: Date): Promise<void>;
  /** Refreshes a stored conversation only if there is one (a person seen again). */
  refreshConversation(userId: string, reference: unknown, at: Date): Promise<void>;
  markConversationStale(userId: string, at: Date): Promise<void>;
  /** Advisers seen by the bot, for "Assign to": ids and display names. */
  rememberAdviser(id: string, name: string, at: Date): Promise<void>;
  knownAdvisers(): Promise<{ id: string; name: string }[]>;
}
