// Integrity advisers act on ticket cards (claim, assign, answer, close...); anyone opens a ticket they may see.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AdaptiveCardJson } from '../../cards/render';
import {
  AUTHORISATION_ERRORS,
  type EscalationActor,
  type TicketOutcome,
} from '../../core/escalations/service';
import { STATE_LABELS, type Ticket } from '../../core/escalations/ticket';
import type { BotDeps } from '../deps';
import {
  BLANK_INPUT,
  failureNotice,
  SUCCESS_NOTICES,
  TicketActionSchema,
  type TicketAction,
} from '../escalation-cards';
import { SEND_BUDGET_MS, type EscalationEdge } from '../escalation-edge';
import {
  settleWithin,
  STATE_COLORS,
  ticketCard,
  ticketCardData,
  ticketStatusCard,
} from '../proactive-escalations';
import { Verbs } from '../verbs';

type Run = (actor: EscalationActor, data: TicketAction) => Promise<TicketOutcome>;

export function registerTicketActions(
  app: Application<TurnState>,
  deps: BotDeps,
  edge: EscalationEdge,
): void {
  const { escalations, cards } = deps;
  const { outbound, format } = edge;

  const renderTicket = async (
    ticket: Ticket,
    notice?: { text: string; style?: 'attention' | 'good' | 'warning' | 'accent' },
  ) => cards.render(ticketCard, ticketCardData(ticket, format, await outbound.advisers(), notice));

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
    return renderTicket(outcome.ticket, {
      text: failureNotice(outcome.ticket, outcome.error),
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
}
