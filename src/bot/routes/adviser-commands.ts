// Integrity advisers type commands: register this channel, queue, my tickets, stats; and hear of waiting tickets.
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AdaptiveCardJson } from '../../cards/render';
import type { BotDeps } from '../deps';
import { LIST_LIMIT, listCard, listItems, statsCard, statsData } from '../escalation-cards';
import { SEND_BUDGET_MS, storableReference, type EscalationEdge } from '../escalation-edge';
import { settleWithin } from '../proactive-escalations';
import { actorOf, conversationType, normalisedText } from '../turn';
import { Commands } from '../verbs';

const QUEUED_NOTICE_MS = 4 * 60 * 60_000;

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

export function registerAdviserCommands(
  app: Application<TurnState>,
  deps: BotDeps,
  edge: EscalationEdge,
): void {
  const { escalations, store, cards, clock } = deps;
  const { outbound, format } = edge;

  const reply = async (context: TurnContext, card: AdaptiveCardJson) => {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };

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
}

/** Advisers hear about tickets queued while no channel could take them, when they next talk to the bot. */
export function registerQueuedNotice(
  app: Application<TurnState>,
  deps: BotDeps,
  edge: EscalationEdge,
): void {
  const { escalations, store, clock } = deps;
  app.turn('afterTurn', async (context) => {
    if (context.activity.type !== 'message' || !addressedToBot(context)) return true;
    const who = actorOf(context);
    if (who === undefined) return true;
    const channel = await store.ticketContacts.advisersChannel();
    if (channel !== undefined && !channel.stale) return true;
    // Most people are not advisers: ask that before listing tickets, so their turns skip the query.
    if (!(await edge.isAdviser(context))) return true;
    const waiting = await escalations.unposted();
    if (waiting.length === 0) return true;
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
