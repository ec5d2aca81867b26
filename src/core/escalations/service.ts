import type { AuditEntry, AuditLog, TicketRepository } from '../../store/port';
import type { EscalationsConfig } from './config';
import { buildFaqDraft, type FaqDraftSink } from './faq-draft';
import { computeStats, type TicketStats } from './stats';
import {
  OPEN_STATES,
  TICKET_REF_PATTERN,
  type Ticket,
  type TicketEvent,
  type TicketEventKind,
  type TicketPatch,
} from './ticket';
import type { WorkingCalendar } from './working-hours';

/** Who is acting, from Teams identity only; `isAdviser` is decided by the edge on every action. */
export interface EscalationActor {
  readonly id: string;
  readonly name: string;
  readonly isAdviser: boolean;
}

/** Refusals an actor sees. The first five are authorisation failures (logged as security events). */
export type TicketError =
  | 'not_found'
  | 'not_adviser'
  | 'not_owner'
  | 'not_assignee'
  | 'unknown_adviser'
  | 'assigned_to_other'
  | 'invalid_state'
  | 'invalid_input'
  | 'already_published'
  | 'conflict';

export const AUTHORISATION_ERRORS: ReadonlySet<TicketError> = new Set([
  'not_found',
  'not_adviser',
  'not_owner',
  'not_assignee',
  'unknown_adviser',
]);

/** What the edge must tell whom after a change (the domain decides; the edge delivers). */
export type TicketEffect =
  | { readonly kind: 'card' }
  | { readonly kind: 'to_asker'; readonly message: 'answer' | 'info_request' }
  | {
      readonly kind: 'thread';
      readonly message: 'note' | 'info_reply' | 'follow_up' | 'taken_over' | 'reopened';
      readonly authorName: string | null;
      readonly text?: string;
    }
  | {
      readonly kind: 'to_adviser';
      readonly adviserId: string;
      readonly message: 'assigned' | 'follow_up' | 'info_reply';
    };

export type TicketOutcome =
  | { ok: true; ticket: Ticket; effects: TicketEffect[] }
  | { ok: false; error: TicketError; ticket?: Ticket };

export interface AskInput {
  readonly requestId: string;
  readonly question: string;
  readonly context: string | null;
  readonly topic: string;
  readonly urgency: string;
  readonly anonymous: boolean;
  readonly articleId: string | null;
}

export interface ReminderDue {
  readonly ticket: Ticket;
  readonly period: number;
  readonly workingHours: number;
}

export interface EscalationServiceDeps {
  readonly tickets: TicketRepository;
  readonly audit: AuditLog;
  readonly config: EscalationsConfig;
  readonly calendar: WorkingCalendar;
  readonly drafts: FaqDraftSink;
  readonly clock: () => Date;
  /** Owner written into FAQ drafts. */
  readonly draftOwner: string;
}

export type EscalationService = ReturnType<typeof createEscalationService>;

interface Decision {
  readonly patch: TicketPatch;
  readonly events: readonly Omit<TicketEvent, 'at'>[];
  readonly effects: readonly TicketEffect[];
}

type Decide = (ticket: Ticket, now: Date) => Decision | TicketError | 'unchanged';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Tells the assigned adviser, when there is one. */
function toAssignee(ticket: Ticket, message: 'follow_up' | 'info_reply'): TicketEffect[] {
  return ticket.assigneeId === null
    ? []
    : [{ kind: 'to_adviser', adviserId: ticket.assigneeId, message }];
}

/** The ticket lifecycle and who may do what, checked on every action. */
export function createEscalationService(deps: EscalationServiceDeps) {
  const { tickets, config, calendar, clock } = deps;
  const topicIds = new Set(config.topics.map((t) => t.id));
  const urgencyIds = new Set(config.urgencies.map((u) => u.id));

  const adviserEvent = (actor: EscalationActor, kind: TicketEventKind, extra = {}) => ({
    kind,
    role: 'adviser' as const,
    actorId: actor.id,
    actorName: actor.name,
    ...extra,
  });
  const askerEvent = (ticket: Ticket, kind: TicketEventKind, extra = {}) => ({
    kind,
    role: 'asker' as const,
    actorId: ticket.anonymous ? null : ticket.askerId,
    actorName: ticket.anonymous ? null : ticket.askerName,
    ...extra,
  });
  /** Audit actor: the person's id, except the asker of an anonymous ticket. */
  const auditActor = (event: Omit<TicketEvent, 'at'>) =>
    event.role === 'system' ? 'system' : (event.actorId ?? 'anonymous-asker');

  /** Loads, decides and writes with optimistic concurrency; one retry after a concurrent change. */
  async function act(ref: string, decide: Decide): Promise<TicketOutcome> {
    if (!TICKET_REF_PATTERN.test(ref)) return { ok: false, error: 'not_found' };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const ticket = await tickets.get(ref);
      if (ticket === undefined) return { ok: false, error: 'not_found' };
      const now = clock();
      const decision = decide(ticket, now);
      if (decision === 'unchanged') return { ok: true, ticket, effects: [] };
      if (typeof decision === 'string') return { ok: false, error: decision, ticket };
      const events = decision.events.map((e) => ({ ...e, at: now }));
      const audit: AuditEntry[] = events.map((e) => ({
        at: now,
        actor: auditActor(e),
        action: `ticket.${e.kind}`,
        subjectType: 'ticket',
        subjectId: ref,
        details: { ...(e.details ?? {}), state: decision.patch.state ?? ticket.state },
      }));
      const written = await tickets.change({
        ref,
        expectedVersion: ticket.version,
        patch: decision.patch,
        events,
        audit,
        at: now,
      });
      if (written.ok) return { ok: true, ticket: written.ticket, effects: [...decision.effects] };
      if (written.error === 'not_found') return { ok: false, error: 'not_found' };
    }
    const latest = await tickets.get(ref);
    return { ok: false, error: 'conflict', ...(latest ? { ticket: latest } : {}) };
  }

  const asAdviser = (actor: EscalationActor, ref: string, decide: Decide) =>
    actor.isAdviser
      ? act(ref, decide)
      : Promise.resolve<TicketOutcome>({ ok: false, error: 'not_adviser' });

  const asAsker = (actor: EscalationActor, ref: string, decide: Decide) =>
    act(ref, (ticket, now) => (ticket.askerId === actor.id ? decide(ticket, now) : 'not_owner'));

  /** New tickets are claimed implicitly by an adviser who answers or asks for info first. */
  const claimIfNew = (ticket: Ticket, actor: EscalationActor) =>
    ticket.state === 'new'
      ? {
          patch: { assigneeId: actor.id, assigneeName: actor.name, unassignedSince: null },
          events: [adviserEvent(actor, 'claimed', { details: { implicit: true } })],
        }
      : { patch: {}, events: [] };

  const isAssignee = (ticket: Ticket, actor: EscalationActor) => ticket.assigneeId === actor.id;
  const isOpen = (ticket: Ticket) => OPEN_STATES.includes(ticket.state);

  return {
    async ask(actor: EscalationActor, input: AskInput): Promise<TicketOutcome> {
      if (!topicIds.has(input.topic) || !urgencyIds.has(input.urgency)) {
        return { ok: false, error: 'invalid_input' };
      }
      const at = clock();
      const { ticket, created } = await tickets.create(
        {
          requestId: input.requestId,
          askerId: actor.id,
          askerName: input.anonymous ? null : actor.name,
          anonymous: input.anonymous,
          question: input.question,
          context: input.context,
          topic: input.topic,
          urgency: input.urgency,
          articleId: input.articleId,
          at,
        },
        {
          at,
          actor: input.anonymous ? 'anonymous-asker' : actor.id,
          action: 'ticket.created',
          subjectType: 'ticket',
          subjectId: '',
          details: { topic: input.topic, urgency: input.urgency, anonymous: input.anonymous },
        },
      );
      return { ok: true, ticket, effects: created ? [{ kind: 'card' }] : [] };
    },

    get: (ref: string) =>
      TICKET_REF_PATTERN.test(ref) ? tickets.get(ref) : Promise.resolve(undefined),

    /** A ticket as an adviser may see it, or as its own asker may. */
    async view(actor: EscalationActor, ref: string): Promise<TicketOutcome> {
      const ticket = TICKET_REF_PATTERN.test(ref) ? await tickets.get(ref) : undefined;
      if (ticket === undefined) return { ok: false, error: 'not_found' };
      if (!actor.isAdviser && ticket.askerId !== actor.id) return { ok: false, error: 'not_owner' };
      return { ok: true, ticket, effects: [] };
    },

    claim: (actor: EscalationActor, ref: string) =>
      asAdviser(actor, ref, (ticket) => {
        if (!isOpen(ticket)) return 'invalid_state';
        if (ticket.state !== 'new')
          return isAssignee(ticket, actor) ? 'unchanged' : 'assigned_to_other';
        return {
          patch: {
            state: 'assigned',
            assigneeId: actor.id,
            assigneeName: actor.name,
            unassignedSince: null,
          },
          events: [adviserEvent(actor, 'claimed')],
          effects: [{ kind: 'card' }],
        };
      }),

    /** Taking over someone else's ticket is explicit and recorded, with whom it was taken from. */
    takeOver: (actor: EscalationActor, ref: string) =>
      asAdviser(actor, ref, (ticket) => {
        if (!isOpen(ticket)) return 'invalid_state';
        if (isAssignee(ticket, actor)) return 'unchanged';
        const from = ticket.assigneeId;
        return {
          patch: {
            state: ticket.state === 'new' ? 'assigned' : ticket.state,
            assigneeId: actor.id,
            assigneeName: actor.name,
            unassignedSince: null,
          },
          events: [
            from === null
              ? adviserEvent(actor, 'claimed')
              : adviserEvent(actor, 'taken_over', { details: { from } }),
          ],
          effects: [
            { kind: 'card' },
            ...(from === null
              ? []
              : [
                  {
                    kind: 'thread' as const,
                    message: 'taken_over' as const,
                    authorName: actor.name,
                  },
                ]),
          ],
        };
      }),

    /** `target` is an adviser the edge resolved (undefined: not a known adviser). */
    assign: (
      actor: EscalationActor,
      ref: string,
      target: { id: string; name: string } | undefined,
    ) =>
      asAdviser(actor, ref, (ticket) => {
        if (target === undefined) return 'unknown_adviser';
        if (!isOpen(ticket)) return 'invalid_state';
        if (ticket.state !== 'new' && !isAssignee(ticket, actor)) return 'not_assignee';
        if (ticket.assigneeId === target.id) return 'unchanged';
        return {
          patch: {
            state: ticket.state === 'new' ? 'assigned' : ticket.state,
            assigneeId: target.id,
            assigneeName: target.name,
            unassignedSince: null,
          },
          events: [
            adviserEvent(actor, 'assigned', {
              details: { to: target.id, from: ticket.assigneeId },
            }),
          ],
          effects: [
            { kind: 'card' },
            ...(target.id === actor.id
              ? []
              : [
                  {
                    kind: 'to_adviser' as const,
                    adviserId: target.id,
                    message: 'assigned' as const,
                  },
                ]),
          ],
        };
      }),

    requestInfo: (actor: EscalationActor, ref: string, text: string) =>
      asAdviser(actor, ref, (ticket, now) => {
        if (!isOpen(ticket)) return 'invalid_state';
        if (ticket.state !== 'new' && !isAssignee(ticket, actor)) return 'not_assignee';
        const claim = claimIfNew(ticket, actor);
        return {
          patch: {
            ...claim.patch,
            state: 'awaiting_info',
            infoRequest: text,
            infoReply: null,
            firstResponseAt: ticket.firstResponseAt ?? now,
          },
          events: [...claim.events, adviserEvent(actor, 'info_requested', { text })],
          effects: [{ kind: 'card' }, { kind: 'to_asker', message: 'info_request' }],
        };
      }),

    provideInfo: (actor: EscalationActor, ref: string, text: string) =>
      asAsker(actor, ref, (ticket) => {
        if (ticket.state !== 'awaiting_info') return 'invalid_state';
        return {
          patch: { state: 'assigned', infoReply: text },
          events: [askerEvent(ticket, 'info_provided', { text })],
          effects: [
            { kind: 'card' },
            { kind: 'thread', message: 'info_reply', authorName: null, text },
            ...toAssignee(ticket, 'info_reply'),
          ],
        };
      }),

    /** Internal notes stay in the advisers' channel. */
    note: (actor: EscalationActor, ref: string, text: string) =>
      asAdviser(actor, ref, () => ({
        patch: {},
        events: [adviserEvent(actor, 'note', { text })],
        effects: [{ kind: 'thread', message: 'note', authorName: actor.name, text }],
      })),

    /** Only the assignee answers (an adviser answering a new ticket claims it first). */
    answer: (actor: EscalationActor, ref: string, text: string) =>
      asAdviser(actor, ref, (ticket, now) => {
        if (!isOpen(ticket)) return 'invalid_state';
        if (ticket.state !== 'new' && !isAssignee(ticket, actor)) return 'not_assignee';
        const claim = claimIfNew(ticket, actor);
        return {
          patch: {
            ...claim.patch,
            state: 'answered',
            answer: text,
            answeredByName: actor.name,
            answeredAt: now,
            firstResponseAt: ticket.firstResponseAt ?? now,
          },
          events: [...claim.events, adviserEvent(actor, 'answered', { text })],
          effects: [{ kind: 'card' }, { kind: 'to_asker', message: 'answer' }],
        };
      }),

    /** "That answers it". */
    resolve: (actor: EscalationActor, ref: string) =>
      asAsker(actor, ref, (ticket, now) => {
        if (ticket.state === 'closed') return 'unchanged';
        if (ticket.state !== 'answered') return 'invalid_state';
        return {
          patch: { state: 'closed', closedAt: now, closedBy: 'asker' },
          events: [askerEvent(ticket, 'resolved')],
          effects: [{ kind: 'card' }],
        };
      }),

    /** "I have a follow-up": back to the same ticket, with the same adviser where there is one. */
    followUp: (actor: EscalationActor, ref: string, text: string) =>
      asAsker(actor, ref, (ticket, now) => {
        const reopening = ticket.state === 'answered' || ticket.state === 'closed';
        const toNew = reopening && ticket.assigneeId === null;
        return {
          patch: {
            followUp: text,
            ...(reopening
              ? {
                  state: toNew ? ('new' as const) : ('assigned' as const),
                  closedAt: null,
                  closedBy: null,
                  ...(toNew ? { unassignedSince: now, reminderPeriod: 0 } : {}),
                }
              : {}),
          },
          events: [askerEvent(ticket, 'follow_up', { text })],
          effects: [
            { kind: 'card' },
            { kind: 'thread', message: 'follow_up', authorName: null, text },
            ...toAssignee(ticket, 'follow_up'),
          ],
        };
      }),

    close: (actor: EscalationActor, ref: string) =>
      asAdviser(actor, ref, (ticket, now) => {
        if (ticket.state === 'closed') return 'unchanged';
        if (ticket.assigneeId !== null && !isAssignee(ticket, actor)) return 'not_assignee';
        return {
          patch: { state: 'closed', closedAt: now, closedBy: 'adviser' },
          events: [adviserEvent(actor, 'closed')],
          effects: [{ kind: 'card' }],
        };
      }),

    reopen: (actor: EscalationActor, ref: string) =>
      asAdviser(actor, ref, (ticket, now) => {
        if (ticket.state !== 'closed' && ticket.state !== 'answered') return 'invalid_state';
        const toNew = ticket.assigneeId === null;
        return {
          patch: {
            state: toNew ? 'new' : 'assigned',
            closedAt: null,
            closedBy: null,
            ...(toNew ? { unassignedSince: now, reminderPeriod: 0 } : {}),
          },
          events: [adviserEvent(actor, 'reopened')],
          effects: [
            { kind: 'card' },
            { kind: 'thread', message: 'reopened', authorName: actor.name },
          ],
        };
      }),

    /** Writes a curator's draft article from an answered ticket (never overwriting one). */
    async publishFaq(actor: EscalationActor, ref: string): Promise<TicketOutcome> {
      if (!actor.isAdviser) return { ok: false, error: 'not_adviser' };
      const ticket = TICKET_REF_PATTERN.test(ref) ? await tickets.get(ref) : undefined;
      if (ticket === undefined) return { ok: false, error: 'not_found' };
      if (ticket.answer === null || (ticket.state !== 'answered' && ticket.state !== 'closed')) {
        return { ok: false, error: 'invalid_state', ticket };
      }
      if (ticket.faqDraftId !== null) return { ok: false, error: 'already_published', ticket };
      const topic = config.topics.find((t) => t.id === ticket.topic);
      const draft = buildFaqDraft(ticket, {
        focusArea: topic?.focusArea ?? 'general',
        topic: ticket.topic,
        today: calendar.localDate(clock()),
        owner: deps.draftOwner,
      });
      const written = await deps.drafts.write(draft);
      const outcome = await act(ref, (current) =>
        current.faqDraftId !== null
          ? 'already_published'
          : {
              patch: { faqDraftId: draft.id },
              events: [
                adviserEvent(actor, 'faq_published', {
                  details: { draftId: draft.id, existed: written === 'exists' },
                }),
              ],
              effects: [{ kind: 'card' }],
            },
      );
      return outcome;
    },

    /** Refused actions go to the audit log too (ids and reason codes only). */
    async recordRefusal(
      actor: EscalationActor,
      verb: string,
      ref: string | undefined,
      reason: TicketError | 'invalid_payload',
    ): Promise<void> {
      await deps.audit.append({
        at: clock(),
        actor: actor.id,
        action: 'ticket.refused',
        subjectType: 'ticket',
        subjectId: ref !== undefined && TICKET_REF_PATTERN.test(ref) ? ref : 'unknown',
        details: { verb: verb.slice(0, 64), reason, adviser: actor.isAdviser },
      });
    },

    /** Open tickets, oldest first (advisers only). */
    async queue(actor: EscalationActor): Promise<Ticket[] | 'not_adviser'> {
      if (!actor.isAdviser) return 'not_adviser';
      return tickets.list({ states: OPEN_STATES });
    },

    /** An adviser's assigned work; for anyone else, the questions they asked (newest first). */
    async myTickets(actor: EscalationActor): Promise<Ticket[]> {
      if (actor.isAdviser) {
        return tickets.list({
          states: ['assigned', 'awaiting_info', 'answered'],
          assigneeId: actor.id,
        });
      }
      return (await tickets.list({ askerId: actor.id })).reverse().slice(0, 20);
    },

    async stats(actor: EscalationActor): Promise<TicketStats | 'not_adviser'> {
      if (!actor.isAdviser) return 'not_adviser';
      return computeStats(await tickets.list(), config, clock());
    },

    /** Open tickets that have no card in the channel yet (queued while no channel was usable). */
    async unposted(): Promise<Ticket[]> {
      return (await tickets.list({ states: OPEN_STATES })).filter(
        (t) => t.channelMessageId === null,
      );
    },

    /**
     * Tickets unassigned for another full period of working hours since the last reminder. A
     * ticket that waited several periods while nobody could be told gets one reminder, not many.
     */
    async remindersDue(): Promise<ReminderDue[]> {
      const now = clock();
      const periodMs = config.unassignedReminderHours * HOUR_MS;
      const due: ReminderDue[] = [];
      for (const ticket of await tickets.list({ states: ['new'] })) {
        const since = ticket.unassignedSince ?? ticket.createdAt;
        const workingMs = calendar.workingMsBetween(since, now);
        const period = Math.floor(workingMs / periodMs);
        if (period > ticket.reminderPeriod) {
          due.push({ ticket, period, workingHours: Math.floor(workingMs / HOUR_MS) });
        }
      }
      return due;
    },

    markReminded: (due: readonly ReminderDue[]) =>
      tickets.setReminderPeriods(due.map((d) => ({ ref: d.ticket.ref, period: d.period }))),

    /** Closes answered tickets with no follow-up for `autoCloseDays`. */
    async autoClose(): Promise<Ticket[]> {
      const cutoff = clock().getTime() - config.autoCloseDays * DAY_MS;
      const closed: Ticket[] = [];
      for (const candidate of await tickets.list({ states: ['answered'] })) {
        if ((candidate.answeredAt ?? candidate.updatedAt).getTime() > cutoff) continue;
        const outcome = await act(candidate.ref, (ticket, now) =>
          ticket.state !== 'answered' || (ticket.answeredAt ?? ticket.updatedAt).getTime() > cutoff
            ? 'unchanged'
            : {
                patch: { state: 'closed', closedAt: now, closedBy: 'system' },
                events: [
                  {
                    kind: 'auto_closed',
                    role: 'system',
                    actorId: null,
                    actorName: null,
                    details: { afterDays: config.autoCloseDays },
                  },
                ],
                effects: [{ kind: 'card' }],
              },
        );
        if (outcome.ok && outcome.ticket.state === 'closed') closed.push(outcome.ticket);
      }
      return closed;
    },
  };
}
