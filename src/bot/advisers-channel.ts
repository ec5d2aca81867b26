// Ticket cards in the advisers' channel: posted once, updated in place, with replies in each ticket's thread.
import type { Activity, ConversationReference } from 'botbuilder';
import { defineCard, type CardRenderer } from '../cards/render';
import type { AppConfig } from '../config/load-config';
import type { Ticket } from '../core/escalations/ticket';
import type { Logger } from '../log';
import type { Store } from '../store/port';
import { alertCard } from './escalation-alerts';
import type { DeliveryResult, ProactiveMessenger } from './proactive';
import { cardActivity } from './proactive-card';
import { ticketCard, ticketCardData, type EscalationFormat } from './ticket-card';

type Reference = Partial<ConversationReference>;

const threadCard = defineCard<{
  ref: string;
  heading: string;
  color: string;
  hasText: boolean;
  text: string;
}>('ticket-thread');

export interface AdvisersChannelDeps {
  readonly messenger: ProactiveMessenger;
  readonly store: Store;
  readonly cards: CardRenderer;
  readonly config: AppConfig;
  readonly clock: () => Date;
  readonly log: Logger;
  readonly format: EscalationFormat;
  /** Keeps background sends awaitable by `idle()`. */
  readonly track: <T>(promise: Promise<T>) => Promise<T>;
}

export interface AdvisersChannel {
  /** Advisers who may be assigned: configured ids and advisers the bot has seen. */
  readonly advisers: () => Promise<{ id: string; name: string }[]>;
  /** The registered channel, unless there is none or it went stale. */
  readonly usableChannel: () => ReturnType<Store['ticketContacts']['advisersChannel']>;
  readonly postToChannel: (activity: Partial<Activity>) => Promise<DeliveryResult | undefined>;
  /** Posts or updates a ticket's card, one sync per ticket at a time. */
  readonly syncCard: (ref: string) => Promise<void>;
  /** A reply in the ticket's thread in the advisers' channel. */
  readonly postInThread: (
    ticket: Ticket,
    heading: string,
    text?: string,
    color?: string,
  ) => Promise<void>;
}

/**
 * A stale channel (403/404) is marked and advisers are told in their 1:1 chats; nothing is retried
 * against it until it is registered again.
 */
export function createAdvisersChannel(deps: AdvisersChannelDeps): AdvisersChannel {
  const { messenger, store, cards, config, clock, log, format, track } = deps;
  const chains = new Map<string, Promise<void>>();

  async function advisers(): Promise<{ id: string; name: string }[]> {
    const known = await store.ticketContacts.knownAdvisers();
    const names = new Map(known.map((a) => [a.id, a.name]));
    const ids = new Set([...config.agency.advisers.ids, ...known.map((a) => a.id)]);
    return [...ids]
      .map((id) => ({ id, name: names.get(id) ?? `Adviser …${id.slice(-4)}` }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async function usableChannel() {
    const channel = await store.ticketContacts.advisersChannel();
    return channel === undefined || channel.stale ? undefined : channel;
  }

  async function channelGone(): Promise<void> {
    if (!(await store.ticketContacts.markAdvisersChannelStale(clock()))) return;
    log.warn({}, 'advisers channel unreachable: marked stale');
    await tellAdvisersPersonally(
      "I can't post to the advisers' channel any more",
      'Teams refused the post (the app may have been removed from the team or channel). New tickets are queued. Type "register this channel" in the advisers\' channel to start again.',
    );
  }

  async function tellAdvisersPersonally(title: string, message: string): Promise<void> {
    for (const adviser of await advisers()) {
      const chat = await store.ticketContacts.conversationOf(adviser.id);
      if (chat === undefined || chat.stale) continue;
      const result = await messenger.send(
        chat.reference as Reference,
        cardActivity(cards.render(alertCard, { title, message, facts: [] })),
      );
      if (!result.ok && result.reason === 'gone') {
        await store.ticketContacts.markConversationStale(adviser.id, clock());
      }
    }
  }

  async function postToChannel(activity: Partial<Activity>): Promise<DeliveryResult | undefined> {
    const channel = await usableChannel();
    if (channel === undefined) return undefined;
    const result = await messenger.send(channel.reference as Reference, activity);
    if (!result.ok && result.reason === 'gone') await channelGone();
    return result;
  }

  async function doSyncCard(ref: string): Promise<void> {
    const ticket = await store.tickets.get(ref);
    const channel = await usableChannel();
    if (ticket === undefined || channel === undefined) return;
    const activity = cardActivity(
      cards.render(ticketCard, ticketCardData(ticket, format, await advisers())),
    );
    const reference = channel.reference as Reference;
    // '' means posted, but the connector gave no id to update it by: post the new state instead.
    if (ticket.channelMessageId !== null && ticket.channelMessageId !== '') {
      const updated = await messenger.update(reference, ticket.channelMessageId, activity);
      if (updated.ok) return;
      if (updated.status === 403) {
        await channelGone();
        return;
      }
      // 404: the card was deleted (or never existed); post a fresh one below.
      if (updated.status !== 404) return;
    }
    const posted = await messenger.send(reference, activity);
    if (posted.ok) {
      await store.tickets.setChannelMessage(ref, posted.id ?? '');
      log.info({ ticket: ref, state: ticket.state }, 'ticket card posted');
    } else if (posted.reason === 'gone') {
      await channelGone();
    }
  }

  function syncCard(ref: string): Promise<void> {
    // One sync per ticket at a time, in order; each reads the latest ticket when it runs.
    const previous = chains.get(ref) ?? Promise.resolve();
    const next = previous
      .then(() => doSyncCard(ref))
      .catch((error: unknown) => {
        const err = error instanceof Error ? error : new Error('non-error thrown');
        log.error({ errName: err.name, ticket: ref }, 'ticket card sync failed');
      });
    chains.set(ref, next);
    void next.finally(() => {
      if (chains.get(ref) === next) chains.delete(ref);
    });
    return track(next);
  }

  async function postInThread(ticket: Ticket, heading: string, text?: string, color = 'Default') {
    const channel = await usableChannel();
    const current = await store.tickets.get(ticket.ref);
    if (channel === undefined || !current?.channelMessageId) return;
    const reference = channel.reference as Reference;
    const conversationId = reference.conversation?.id ?? '';
    const thread = {
      ...reference,
      conversation: {
        ...reference.conversation,
        id: `${conversationId.split(';')[0] ?? conversationId};messageid=${current.channelMessageId}`,
      },
    } as Reference;
    const card = cards.render(threadCard, {
      ref: ticket.ref,
      heading,
      color,
      hasText: text !== undefined,
      text: text ?? '',
    });
    const result = await messenger.send(thread, cardActivity(card));
    if (!result.ok && result.reason === 'gone' && result.status === 403) await channelGone();
  }

  return { advisers, usableChannel, postToChannel, syncCard, postInThread };
}
