import type { Database } from 'better-sqlite3';
import {
  formatTicketRef,
  type ClosedBy,
  type Ticket,
  type TicketEvent,
  type TicketPatch,
  type TicketState,
} from '../../core/escalations/ticket';
import type { AuditEntry, TicketRepository } from '../port';
import { asPromise } from './as-promise';

interface TicketRow {
  seq: number;
  ref: string;
  asker_id: string;
  asker_name: string | null;
  anonymous: number;
  question: string;
  context: string | null;
  topic: string;
  urgency: string;
  article_id: string | null;
  state: TicketState;
  assignee_id: string | null;
  assignee_name: string | null;
  info_request: string | null;
  info_reply: string | null;
  answer: string | null;
  answered_by_name: string | null;
  follow_up: string | null;
  created_at: string;
  updated_at: string;
  unassigned_since: string | null;
  first_response_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
  closed_by: ClosedBy | null;
  reminder_period: number;
  channel_message_id: string | null;
  faq_draft_id: string | null;
  version: number;
}

interface EventRow {
  at: string;
  kind: TicketEvent['kind'];
  role: TicketEvent['role'];
  actor_id: string | null;
  actor_name: string | null;
  text: string | null;
  details: string | null;
}

/** Patch fields and their columns; only these can be written by a change. */
const PATCH_COLUMNS: Readonly<Record<keyof TicketPatch, string>> = {
  state: 'state',
  assigneeId: 'assignee_id',
  assigneeName: 'assignee_name',
  infoRequest: 'info_request',
  infoReply: 'info_reply',
  answer: 'answer',
  answeredByName: 'answered_by_name',
  followUp: 'follow_up',
  unassignedSince: 'unassigned_since',
  firstResponseAt: 'first_response_at',
  answeredAt: 'answered_at',
  closedAt: 'closed_at',
  closedBy: 'closed_by',
  reminderPeriod: 'reminder_period',
  faqDraftId: 'faq_draft_id',
};

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

function toTicket(row: TicketRow): Ticket {
  return {
    ref: row.ref,
    askerId: row.asker_id,
    askerName: row.asker_name,
    anonymous: row.anonymous === 1,
    question: row.question,
    context: row.context,
    topic: row.topic,
    urgency: row.urgency,
    articleId: row.article_id,
    state: row.state,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    infoRequest: row.info_request,
    infoReply: row.info_reply,
    answer: row.answer,
    answeredByName: row.answered_by_name,
    followUp: row.follow_up,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    unassignedSince: date(row.unassigned_since),
    firstResponseAt: date(row.first_response_at),
    answeredAt: date(row.answered_at),
    closedAt: date(row.closed_at),
    closedBy: row.closed_by,
    reminderPeriod: row.reminder_period,
    channelMessageId: row.channel_message_id,
    faqDraftId: row.faq_draft_id,
    version: row.version,
  };
}

function toColumnValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new TypeError('unsupported ticket column value');
}

export function createSqliteTickets(db: Database): TicketRepository {
  const byRef = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE ref = ?');
  const byRequest = db.prepare<[string, string], TicketRow>(
    'SELECT * FROM tickets WHERE asker_id = ? AND request_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO tickets (seq, ref, request_id, asker_id, asker_name, anonymous, question, context, topic,
       urgency, article_id, state, created_at, updated_at, unassigned_since)
     VALUES (@seq, @ref, @requestId, @askerId, @askerName, @anonymous, @question, @context, @topic,
       @urgency, @articleId, 'new', @at, @at, @at)`,
  );
  const nextSeq = db.prepare<[], { seq: number }>(
    "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0) + 1 AS seq",
  );
  const insertEvent = db.prepare(
    `INSERT INTO ticket_events (ticket_ref, at, kind, role, actor_id, actor_name, text, details)
     VALUES (@ref, @at, @kind, @role, @actorId, @actorName, @text, @details)`,
  );
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (at, actor, action, subject_type, subject_id, details)
     VALUES (@at, @actor, @action, @subjectType, @subjectId, @details)`,
  );
  const eventsOf = db.prepare<[string], EventRow>(
    'SELECT * FROM ticket_events WHERE ticket_ref = ? ORDER BY seq',
  );
  const setMessage = db.prepare('UPDATE tickets SET channel_message_id = ? WHERE ref = ?');
  const setReminder = db.prepare('UPDATE tickets SET reminder_period = ? WHERE ref = ?');

  const appendEvent = (ref: string, event: TicketEvent) =>
    insertEvent.run({
      ref,
      at: event.at.toISOString(),
      kind: event.kind,
      role: event.role,
      actorId: event.actorId,
      actorName: event.actorName,
      text: event.text ?? null,
      details: event.details === undefined ? null : JSON.stringify(event.details),
    });
  const appendAudit = (entry: AuditEntry) =>
    insertAudit.run({
      at: entry.at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    });

  const create = db.transaction(
    (ticket: Parameters<TicketRepository['create']>[0], audit: AuditEntry) => {
      const existing = byRequest.get(ticket.askerId, ticket.requestId);
      if (existing !== undefined) return { ticket: toTicket(existing), created: false };
      const seq = nextSeq.get()?.seq ?? 1;
      const ref = formatTicketRef(seq);
      insert.run({
        seq,
        ref,
        requestId: ticket.requestId,
        askerId: ticket.askerId,
        askerName: ticket.anonymous ? null : ticket.askerName,
        anonymous: ticket.anonymous ? 1 : 0,
        question: ticket.question,
        context: ticket.context,
        topic: ticket.topic,
        urgency: ticket.urgency,
        articleId: ticket.articleId,
        at: ticket.at.toISOString(),
      });
      appendEvent(ref, {
        at: ticket.at,
        kind: 'created',
        role: 'asker',
        actorId: ticket.anonymous ? null : ticket.askerId,
        actorName: ticket.anonymous ? null : ticket.askerName,
        details: { topic: ticket.topic, urgency: ticket.urgency, anonymous: ticket.anonymous },
      });
      appendAudit({ ...audit, subjectId: ref });
      const row = byRef.get(ref);
      if (row === undefined) throw new Error('ticket vanished inside its own transaction');
      return { ticket: toTicket(row), created: true };
    },
  );

  const change = db.transaction((c: Parameters<TicketRepository['change']>[0]) => {
    const current = byRef.get(c.ref);
    if (current === undefined) return { ok: false as const, error: 'not_found' as const };
    if (current.version !== c.expectedVersion)
      return { ok: false as const, error: 'conflict' as const };
    const sets: string[] = ['version = version + 1', 'updated_at = @updatedAt'];
    const params: Record<string, string | number | null> = {
      ref: c.ref,
      updatedAt: c.at.toISOString(),
    };
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof TicketPatch, string][]) {
      if (!(key in c.patch)) continue;
      sets.push(`${column} = @${key}`);
      params[key] = toColumnValue(c.patch[key]);
    }
    db.prepare(`UPDATE tickets SET ${sets.join(', ')} WHERE ref = @ref`).run(params);
    for (const event of c.events) appendEvent(c.ref, event);
    for (const entry of c.audit) appendAudit(entry);
    const row = byRef.get(c.ref);
    if (row === undefined) throw new Error('ticket vanished inside its own transaction');
    return { ok: true as const, ticket: toTicket(row) };
  });

  const setReminders = db.transaction((updates: readonly { ref: string; period: number }[]) => {
    for (const u of updates) setReminder.run(u.period, u.ref);
  });

  return {
    create: (ticket, audit) => asPromise(() => create.immediate(ticket, audit)),
    get: (ref) =>
      asPromise(() => {
        const row = byRef.get(ref);
        return row === undefined ? undefined : toTicket(row);
      }),
    change: (c) => asPromise(() => change.immediate(c)),
    list: (filter = {}) =>
      asPromise(() => {
        const where: string[] = [];
        const params: (string | number)[] = [];
        if (filter.states !== undefined) {
          if (filter.states.length === 0) return [];
          where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
          params.push(...filter.states);
        }
        if (filter.assigneeId !== undefined) {
          where.push('assignee_id = ?');
          params.push(filter.assigneeId);
        }
        if (filter.askerId !== undefined) {
          where.push('asker_id = ?');
          params.push(filter.askerId);
        }
        params.push(filter.limit ?? -1);
        return db
          .prepare<unknown[], TicketRow>(
            `SELECT * FROM tickets ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
             ORDER BY seq LIMIT ?`,
          )
          .all(...params)
          .map(toTicket);
      }),
    events: (ref) =>
      asPromise(() =>
        eventsOf.all(ref).map((row): TicketEvent => ({
          at: new Date(row.at),
          kind: row.kind,
          role: row.role,
          actorId: row.actor_id,
          actorName: row.actor_name,
          ...(row.text === null ? {} : { text: row.text }),
          ...(row.details === null
            ? {}
            : { details: JSON.parse(row.details) as TicketEvent['details'] }),
        })),
      ),
    setChannelMessage: (ref, messageId) =>
      asPromise(() => {
        setMessage.run(messageId, ref);
      }),
    setReminderPeriods: (updates) =>
      asPromise(() => {
        setReminders.immediate(updates);
      }),
  };
}
