// Integrity advisers: register the advisers' channel, see the queue, their tickets and stats, and act on ticket cards.
import { CardFactory, TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { defineCard, type AdaptiveCardJson } from '../../cards/render';
import {
  AUTHORISATION_ERRORS,
  type EscalationActor,
  type TicketError,
  type TicketOutcome,
} from '../../core/escalations/service';
import { formatDuration, type TicketStats } from '../../core/escalations/stats';
import { STATE_LABELS, TICKET_STATES, type Ticket } from '../../core/escalations/ticket';
import { logSecurityEvent } from '../../log';
import type { BotDeps } from '../deps';
import {
  createEscalationFormat,
  settleWithin,
  STATE_COLORS,
  ticketCard,
  ticketCardData,
  ticketStatusCard,
  type EscalationFormat,
  type EscalationOutbound,
} from '../proactive-escalations';
import { activityTenant } from '../tenant';
import { actorOf, conversationType, normalisedText } from '../turn';
import { turnLog } from '../turn-log';
import { Commands, Verbs } from '../verbs';

export const errorCard = defineCard<{ title: string; message: string }>('error');
const listCard = defineCard<{
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
const statsCard = defineCard<{
  total: string;
  generatedAt: string;
  medianFirstResponse: string;
  oldestOpen: string;
  anonymousShare: string;
  byState: { label: string; count: string }[];
  byTopic: { label: string; count: string }[];
}>('ticket-stats');

/** How long a turn waits for its proactive sends before answering Teams (they carry on after). */
export const SEND_BUDGET_MS = 5_000;
const MEMBERSHIP_TTL_MS = 5 * 60_000;
const LIST_LIMIT = 25;
const QUEUED_NOTICE_MS = 4 * 60 * 60_000;

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

/** A 1:1 message, or a channel or group message that @mentions the bot. */
function addressedToBot(context: TurnContext): boolean {
  if (conversationType(context) === 'personal') return true;
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

/** Strips a trailing full stop or question mark so "Queue." and "stats?" still work. */
function command(context: TurnContext): string {
  return normalisedText(context).replace(/[.!?]+$/, '');
}

/**
 * Decides on every action whether the person is an integrity adviser: a configured Entra object id,
 * or (when configured) a member of the advisers' team, asked of Teams and cached briefly.
 * Being in the advisers' channel is never enough on its own.
 */
export function createAdviserCheck(deps: BotDeps): (context: TurnContext) => Promise<boolean> {
  const ids = new Set(deps.config.agency.advisers.ids);
  const { teamId } = deps.config.agency.advisers;
  const cache = new Map<string, { member: boolean; until: number }>();
  return async (context) => {
    const actor = actorOf(context);
    if (actor === undefined) return false;
    if (ids.has(actor.id)) return true;
    if (teamId === undefined) return false;
    const now = deps.clock().getTime();
    const cached = cache.get(actor.id);
    if (cached !== undefined && cached.until > now) return cached.member;
    let member = false;
    try {
      const found = await TeamsInfo.getTeamMember(context, teamId, context.activity.from.id);
      member = found?.aadObjectId === actor.id;
    } catch (error) {
      const err = error instanceof Error ? error : new Error('non-error thrown');
      // Fail closed: not found, no access or no connector all mean "not an adviser".
      turnLog(context, deps.log).info(
        { errName: err.name },
        'adviser team membership not confirmed',
      );
    }
    cache.set(actor.id, {
      member,
      until: now + (member ? MEMBERSHIP_TTL_MS : MEMBERSHIP_TTL_MS / 5),
    });
    return member;
  };
}

/** The conversation reference of this turn, ready to store for proactive messages later. */
export function storableReference(context: TurnContext): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(context.activity);
  // Proactive turns replay the reference through the tenant gate, so the tenant must be on it.
  const tenantId = activityTenant(context.activity);
  return {
    ...reference,
    activityId: undefined,
    conversation: {
      ...reference.conversation,
      ...(tenantId === undefined ? {} : { tenantId }),
    } as ConversationReference['conversation'],
  };
}

export interface EscalationEdge {
  readonly outbound: EscalationOutbound;
  readonly isAdviser: (context: TurnContext) => Promise<boolean>;
  readonly format: EscalationFormat;
  /** The acting person with their adviser status decided now; undefined without a Teams identity. */
  actor(context: TurnContext): Promise<EscalationActor | undefined>;
  /** Error card, security event and audit entry for a refused action. */
  refuse(
    context: TurnContext,
    actor: EscalationActor | undefined,
    verb: string,
    ref: string | undefined,
    reason: TicketError | 'invalid_payload' | 'no_identity',
  ): Promise<AdaptiveCardJson>;
}

const REFUSALS: Readonly<Record<string, { title: string; message: string }>> = {
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

const INVALID = { title: "That didn't look right", message: 'Nothing was changed.' };

export function createEscalationEdge(deps: BotDeps, outbound: EscalationOutbound): EscalationEdge {
  const isAdviser = createAdviserCheck(deps);
  return {
    outbound,
    isAdviser,
    format: createEscalationFormat(deps.config, deps.clock),
    async actor(context) {
      const who = actorOf(context);
      if (who === undefined) return undefined;
      const adviser = await isAdviser(context);
      if (adviser) {
        const at = deps.clock();
        await deps.store.ticketContacts.rememberAdviser(who.id, who.name, at);
        if (conversationType(context) === 'personal') {
          await deps.store.ticketContacts.saveConversation(who.id, storableReference(context), at);
        }
      }
      return { id: who.id, name: who.name, isAdviser: adviser };
    },
    async refuse(context, actor, verb, ref, reason) {
      logSecurityEvent(
        turnLog(context, deps.log),
        reason === 'invalid_payload' ? 'payload_rejected' : 'authorisation_refused',
        {
          where: 'escalations',
          verb: verb.slice(0, 64),
          reason,
          userRef: deps.pseudonymise(actor?.id),
        },
      );
      if (actor !== undefined)
        await deps.escalations.recordRefusal(
          actor,
          verb,
          ref,
          reason === 'no_identity' ? 'invalid_payload' : reason,
        );
      return deps.cards.render(errorCard, REFUSALS[reason] ?? INVALID);
    },
  };
}

function listItems(tickets: readonly Ticket[], format: EscalationFormat, forAdvisers: boolean) {
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

function statsData(stats: TicketStats, format: EscalationFormat, now: Date) {
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

const SUCCESS_NOTICES: Readonly<Record<string, string>> = {
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

const BLANK_INPUT: Readonly<Record<string, { field: keyof TicketAction; notice: string }>> = {
  [Verbs.ticketAnswer]: { field: 'answer', notice: 'Please write the answer before sending.' },
  [Verbs.ticketRequestInfo]: { field: 'infoRequest', notice: 'Please write your question first.' },
  [Verbs.ticketNote]: { field: 'note', notice: 'Please write the note first.' },
  [Verbs.ticketAssign]: { field: 'assignee', notice: 'Please choose an adviser.' },
};

export function registerAdviser(
  app: Application<TurnState>,
  deps: BotDeps,
  edge: EscalationEdge,
): void {
  const { escalations, store, cards, clock } = deps;
  const { outbound, format } = edge;

  const reply = async (context: TurnContext, card: AdaptiveCardJson) => {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };

  const renderTicket = async (
    ticket: Ticket,
    notice?: { text: string; style?: 'attention' | 'good' | 'warning' | 'accent' },
  ) => cards.render(ticketCard, ticketCardData(ticket, format, await outbound.advisers(), notice));

  // --- typed commands ------------------------------------------------------------------------

  app.message(
    (context) => Promise.resolve(command(context) === Commands.registerChannel),
    async (context) => {
      const actor = await edge.actor(context);
      if (actor === undefined || !actor.isAdviser) {
        await reply(
          context,
          await edge.refuse(
            context,
            actor,
            'register',
            undefined,
            actor ? 'not_adviser' : 'no_identity',
          ),
        );
        return;
      }
      if (conversationType(context) !== 'channel') {
        await context.sendActivity(
          'Type "register this channel" in the advisers\' channel itself (mention me there), and I\'ll post tickets to it.',
        );
        return;
      }
      const channelData = context.activity.channelData as
        { channel?: { id?: unknown }; team?: { id?: unknown } } | undefined;
      const conversationId = context.activity.conversation.id;
      const channelId =
        typeof channelData?.channel?.id === 'string'
          ? channelData.channel.id
          : (conversationId.split(';')[0] ?? conversationId);
      const reference = storableReference(context);
      // Each ticket starts its own thread: the reference points at the channel, not this thread.
      await store.ticketContacts.registerAdvisersChannel(
        {
          reference: {
            ...reference,
            user: undefined,
            conversation: { ...reference.conversation, id: channelId, isGroup: true },
          },
          channelId,
          teamId: typeof channelData?.team?.id === 'string' ? channelData.team.id : null,
          registeredBy: actor.id,
        },
        {
          at: clock(),
          actor: actor.id,
          action: 'escalations.channel_registered',
          subjectType: 'advisers_channel',
          subjectId: channelId,
        },
      );
      const queued = (await escalations.unposted()).length;
      await context.sendActivity(
        `This channel now receives integrity adviser tickets. Each ticket is posted as its own thread.${
          queued > 0 ? ` Posting ${queued} ticket${queued === 1 ? '' : 's'} that were waiting.` : ''
        }`,
      );
      await settleWithin(outbound.postQueued(), SEND_BUDGET_MS);
    },
  );

  app.message(
    (context) => Promise.resolve(command(context) === Commands.queue),
    async (context) => {
      const actor = await edge.actor(context);
      const tickets = actor === undefined ? 'not_adviser' : await escalations.queue(actor);
      if (tickets === 'not_adviser') {
        await reply(
          context,
          await edge.refuse(
            context,
            actor,
            'queue',
            undefined,
            actor ? 'not_adviser' : 'no_identity',
          ),
        );
        return;
      }
      await reply(
        context,
        cards.render(listCard, {
          title: 'Open tickets',
          summary:
            tickets.length === 0
              ? 'Nothing open. Nice.'
              : `${tickets.length} open, oldest first. Select a ticket to open it.`,
          items: listItems(tickets, format, true),
          hasMore: tickets.length > LIST_LIMIT,
          more: `And ${tickets.length - LIST_LIMIT} more.`,
        }),
      );
    },
  );

  app.message(
    (context) => Promise.resolve(['my tickets', 'my questions'].includes(command(context))),
    async (context) => {
      const actor = await edge.actor(context);
      if (actor === undefined) {
        await reply(
          context,
          await edge.refuse(context, actor, 'my tickets', undefined, 'no_identity'),
        );
        return;
      }
      const tickets = await escalations.myTickets(actor);
      const title = actor.isAdviser ? 'My tickets' : 'Your questions to advisers';
      const summary =
        tickets.length === 0
          ? actor.isAdviser
            ? 'Nothing assigned to you. Type "queue" to see open tickets.'
            : 'You haven\'t asked an adviser anything yet. Type "talk to an adviser" to ask.'
          : actor.isAdviser
            ? `${tickets.length} assigned to you, oldest first.`
            : 'Your most recent questions, newest first.';
      await reply(
        context,
        cards.render(listCard, {
          title,
          summary,
          items: listItems(tickets, format, actor.isAdviser),
          hasMore: tickets.length > LIST_LIMIT,
          more: `And ${tickets.length - LIST_LIMIT} more.`,
        }),
      );
    },
  );

  app.message(
    (context) => Promise.resolve(command(context) === Commands.stats),
    async (context) => {
      const actor = await edge.actor(context);
      const stats = actor === undefined ? 'not_adviser' : await escalations.stats(actor);
      if (stats === 'not_adviser') {
        await reply(
          context,
          await edge.refuse(
            context,
            actor,
            'stats',
            undefined,
            actor ? 'not_adviser' : 'no_identity',
          ),
        );
        return;
      }
      await reply(context, cards.render(statsCard, statsData(stats, format, clock())));
    },
  );

  // --- ticket card actions -------------------------------------------------------------------

  type Run = (actor: EscalationActor, data: TicketAction) => Promise<TicketOutcome>;

  const adviserAction = (verb: string, run: Run) =>
    app.adaptiveCards.actionExecute(verb, async (context, _state, data: unknown) => {
      const actor = await edge.actor(context);
      if (actor === undefined) return edge.refuse(context, actor, verb, undefined, 'no_identity');
      const parsed = TicketActionSchema.safeParse(data);
      if (!parsed.success) return edge.refuse(context, actor, verb, undefined, 'invalid_payload');
      const ref = parsed.data.ticketId;
      if (!actor.isAdviser) return edge.refuse(context, actor, verb, ref, 'not_adviser');
      const blank = BLANK_INPUT[verb];
      if (blank !== undefined && (parsed.data[blank.field] ?? '').trim() === '') {
        const ticket = await escalations.get(ref);
        if (ticket === undefined) return edge.refuse(context, actor, verb, ref, 'not_found');
        return renderTicket(ticket, { text: blank.notice });
      }
      const outcome = await run(actor, parsed.data);
      if (!outcome.ok) return refusalOrNotice(context, actor, verb, ref, outcome);
      await settleWithin(outbound.applyEffects(outcome.ticket, outcome.effects), SEND_BUDGET_MS);
      const notice = SUCCESS_NOTICES[verb];
      return renderTicket(
        (await escalations.get(ref)) ?? outcome.ticket,
        outcome.effects.length > 0 && notice !== undefined
          ? { text: notice, style: 'good' }
          : undefined,
      );
    });

  async function refusalOrNotice(
    context: TurnContext,
    actor: EscalationActor,
    verb: string,
    ref: string,
    outcome: Extract<TicketOutcome, { ok: false }>,
  ): Promise<AdaptiveCardJson> {
    if (AUTHORISATION_ERRORS.has(outcome.error) || outcome.ticket === undefined) {
      return edge.refuse(context, actor, verb, ref, outcome.error);
    }
    const ticket = outcome.ticket;
    const notices: Partial<Record<TicketError, string>> = {
      assigned_to_other: `Already assigned to ${ticket.assigneeName ?? 'another adviser'}. Use "Take over" if you need to take it (this is recorded).`,
      invalid_state: `This ticket is ${STATE_LABELS[ticket.state].toLowerCase()}, so that no longer applies.`,
      conflict:
        'Someone changed this ticket at the same moment. This is the latest; please try again.',
      already_published: `A FAQ draft already exists for this ticket (${ticket.faqDraftId ?? ''}.md).`,
      invalid_input: 'That input was not valid.',
    };
    return renderTicket(ticket, {
      text: notices[outcome.error] ?? 'That did not work.',
      style: 'warning',
    });
  }

  adviserAction(Verbs.ticketClaim, (actor, d) => escalations.claim(actor, d.ticketId));
  adviserAction(Verbs.ticketTakeOver, (actor, d) => escalations.takeOver(actor, d.ticketId));
  adviserAction(Verbs.ticketAssign, async (actor, d) => {
    const target = (await outbound.advisers()).find((a) => a.id === d.assignee);
    return escalations.assign(actor, d.ticketId, target);
  });
  adviserAction(Verbs.ticketRequestInfo, (actor, d) =>
    escalations.requestInfo(actor, d.ticketId, (d.infoRequest ?? '').trim()),
  );
  adviserAction(Verbs.ticketNote, (actor, d) =>
    escalations.note(actor, d.ticketId, (d.note ?? '').trim()),
  );
  adviserAction(Verbs.ticketAnswer, (actor, d) =>
    escalations.answer(actor, d.ticketId, (d.answer ?? '').trim()),
  );
  adviserAction(Verbs.ticketClose, (actor, d) => escalations.close(actor, d.ticketId));
  adviserAction(Verbs.ticketReopen, (actor, d) => escalations.reopen(actor, d.ticketId));
  adviserAction(Verbs.ticketPublishFaq, (actor, d) => escalations.publishFaq(actor, d.ticketId));

  // "Open" from a list or notice: advisers get the ticket card, an asker a read-only view of theirs.
  app.adaptiveCards.actionExecute(Verbs.ticketShow, async (context, _state, data: unknown) => {
    const actor = await edge.actor(context);
    if (actor === undefined)
      return edge.refuse(context, actor, Verbs.ticketShow, undefined, 'no_identity');
    const parsed = TicketActionSchema.safeParse(data);
    if (!parsed.success)
      return edge.refuse(context, actor, Verbs.ticketShow, undefined, 'invalid_payload');
    const outcome = await escalations.view(actor, parsed.data.ticketId);
    if (!outcome.ok)
      return edge.refuse(context, actor, Verbs.ticketShow, parsed.data.ticketId, outcome.error);
    if (actor.isAdviser) return renderTicket(outcome.ticket);
    const t = outcome.ticket;
    return cards.render(ticketStatusCard, {
      title: `${t.ref}: ${STATE_LABELS[t.state]}`,
      color: STATE_COLORS[t.state],
      message: t.question,
      hasDetail: t.answer !== null,
      detail:
        t.answer === null ? '' : `Answer from ${t.answeredByName ?? 'an adviser'}: ${t.answer}`,
    });
  });

  // Advisers hear about tickets queued while no channel could take them, when they next talk to the bot.
  app.turn('afterTurn', async (context) => {
    if (context.activity.type !== 'message' || !addressedToBot(context)) return true;
    const who = actorOf(context);
    if (who === undefined) return true;
    const channel = await store.ticketContacts.advisersChannel();
    if (channel !== undefined && !channel.stale) return true;
    const waiting = await escalations.unposted();
    if (waiting.length === 0 || !(await edge.isAdviser(context))) return true;
    if (
      !(await store.dedupe.claim(`escalations:queued-notice:${who.id}`, QUEUED_NOTICE_MS, clock()))
    ) {
      return true;
    }
    await context.sendActivity(
      `${waiting.length} adviser ticket${waiting.length === 1 ? ' is' : 's are'} waiting because ${
        channel === undefined
          ? "no advisers' channel is registered"
          : "I can't post to the advisers' channel any more"
      }. Type "queue" to see them, and type "register this channel" in the advisers' channel (mention me) to have tickets posted there.`,
    );
    return true;
  });
}
