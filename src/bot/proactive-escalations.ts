import {
  CardFactory,
  type Activity,
  type BotAdapter,
  type ConversationReference,
} from 'botbuilder';
import { defineCard, type AdaptiveCardJson, type CardRenderer } from '../cards/render';
import type { AppConfig } from '../config/load-config';
import type { AlertSink, ForwardingAlert } from '../core/forwarding/alerts';
import type { EscalationNotices } from '../core/escalations/scheduler';
import type { ReminderDue, TicketEffect } from '../core/escalations/service';
import { formatDuration } from '../core/escalations/stats';
import { STATE_LABELS, type Ticket, type TicketState } from '../core/escalations/ticket';
import type { Logger } from '../log';
import type { Store } from '../store/port';
import {
  createProactiveMessenger,
  type DeliveryResult,
  type ProactiveMessenger,
} from './proactive';
import { createAdapterTransport } from './proactive-transport';

type Reference = Partial<ConversationReference>;

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
const answerCard = defineCard<{
  ref: string;
  adviserName: string;
  question: string;
  answer: string;
}>('adviser-answer');
const infoRequestCard = defineCard<{
  ref: string;
  adviserName: string;
  question: string;
  infoRequest: string;
}>('adviser-info-request');
const threadCard = defineCard<{
  ref: string;
  heading: string;
  color: string;
  hasText: boolean;
  text: string;
}>('ticket-thread');
const noticeCard = defineCard<{ ref: string; title: string; message: string }>('ticket-notice');
const reminderCard = defineCard<{
  count: string;
  hours: string;
  items: { ref: string; topicLabel: string; urgencyLabel: string; waiting: string }[];
  hasMore: boolean;
  more: string;
}>('ticket-reminder');

/** One reminder lists at most this many tickets (oldest first); "queue" shows the rest. */
const REMINDER_ITEMS = 20;
export const alertCard = defineCard<{
  title: string;
  message: string;
  facts: { title: string; value: string }[];
}>('adviser-alert');

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

export interface EscalationOutbound extends EscalationNotices {
  /** Delivers what a change requires: the channel card, the asker's chat, thread notes. */
  applyEffects(ticket: Ticket, effects: readonly TicketEffect[]): Promise<void>;
  /** Posts or updates a ticket's card in the advisers' channel. */
  syncCard(ref: string): Promise<void>;
  /** Advisers who may be assigned: configured ids and advisers the bot has seen. */
  advisers(): Promise<{ id: string; name: string }[]>;
  /** Posts forwarding alerts (dead letters, disabled destinations) to the advisers' channel. */
  readonly alertSink: AlertSink;
  idle(): Promise<void>;
}

export interface EscalationOutboundDeps {
  readonly messenger: ProactiveMessenger;
  readonly store: Store;
  readonly cards: CardRenderer;
  readonly config: AppConfig;
  readonly clock: () => Date;
  readonly log: Logger;
}

const cardActivity = (card: AdaptiveCardJson): Partial<Activity> => ({
  type: 'message',
  attachments: [CardFactory.adaptiveCard(card)],
});

/**
 * Everything escalations say proactively: ticket cards in the advisers' channel (updated in place),
 * answers and clarifying questions in askers' 1:1 chats, reminders and alerts. A stale channel or
 * chat (403/404) is marked and advisers are told; nothing is retried against it until seen again.
 */
export function createEscalationOutbound(deps: EscalationOutboundDeps): EscalationOutbound {
  const { messenger, store, cards, config, clock } = deps;
  const log = deps.log.child({ component: 'escalations' });
  const format = createEscalationFormat(config, clock);
  const chains = new Map<string, Promise<void>>();
  const background = new Set<Promise<unknown>>();

  const track = <T>(promise: Promise<T>): Promise<T> => {
    background.add(promise);
    void promise.finally(() => background.delete(promise)).catch(() => undefined);
    return promise;
  };

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

  /** A reply in the ticket's thread in the advisers' channel. */
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

  async function toAsker(ticket: Ticket, message: 'answer' | 'info_request'): Promise<void> {
    const chat = await store.ticketContacts.conversationOf(ticket.askerId);
    const card =
      message === 'answer'
        ? cards.render(answerCard, {
            ref: ticket.ref,
            adviserName: ticket.answeredByName ?? 'Integrity adviser',
            question: ticket.question,
            answer: ticket.answer ?? '',
          })
        : cards.render(infoRequestCard, {
            ref: ticket.ref,
            adviserName: ticket.assigneeName ?? 'Integrity adviser',
            question: ticket.question,
            infoRequest: ticket.infoRequest ?? '',
          });
    let delivered = false;
    if (chat !== undefined && !chat.stale) {
      const result = await messenger.send(chat.reference as Reference, cardActivity(card));
      delivered = result.ok;
      if (!result.ok && result.reason === 'gone') {
        await store.ticketContacts.markConversationStale(ticket.askerId, clock());
      }
    }
    log.info({ ticket: ticket.ref, message, delivered }, 'message to asker');
    if (!delivered) {
      await postInThread(
        ticket,
        message === 'answer'
          ? "I couldn't deliver the answer to the asker"
          : "I couldn't deliver the clarifying question to the asker",
        ticket.anonymous
          ? 'Teams refused the message (the asker may have removed the app). The ticket keeps the text on the record; because it was asked anonymously, there is no one to contact directly.'
          : 'Teams refused the message (the asker may have removed the app). Please contact them another way; the ticket keeps the text on the record.',
        'Attention',
      );
    }
  }

  async function toAdviser(
    ticket: Ticket,
    adviserId: string,
    message: 'assigned' | 'follow_up' | 'info_reply',
  ): Promise<void> {
    const chat = await store.ticketContacts.conversationOf(adviserId);
    if (chat === undefined || chat.stale) return;
    const titles = {
      assigned: `${ticket.ref} was assigned to you`,
      follow_up: `${ticket.ref} has a follow-up from the asker`,
      info_reply: `The asker replied on ${ticket.ref}`,
    } as const;
    const card = cards.render(noticeCard, {
      ref: ticket.ref,
      title: titles[message],
      message: `${format.topicLabel(ticket.topic)} · ${STATE_LABELS[ticket.state]}`,
    });
    const result = await messenger.send(chat.reference as Reference, cardActivity(card));
    if (!result.ok && result.reason === 'gone') {
      await store.ticketContacts.markConversationStale(adviserId, clock());
    }
  }

  const THREAD_HEADINGS = {
    note: (author: string | null) => `Internal note from ${author ?? 'an adviser'} (advisers only)`,
    info_reply: () => 'The asker replied to the clarifying question',
    follow_up: () => 'Follow-up from the asker: the ticket is open again',
    taken_over: (author: string | null) => `${author ?? 'An adviser'} took over this ticket`,
    reopened: (author: string | null) => `${author ?? 'An adviser'} reopened this ticket`,
  } as const;

  async function applyEffects(ticket: Ticket, effects: readonly TicketEffect[]): Promise<void> {
    for (const effect of effects) {
      try {
        switch (effect.kind) {
          case 'card':
            await syncCard(ticket.ref);
            break;
          case 'to_asker':
            await toAsker(ticket, effect.message);
            break;
          case 'thread':
            await postInThread(
              ticket,
              THREAD_HEADINGS[effect.message](effect.authorName),
              effect.text,
            );
            break;
          case 'to_adviser':
            await toAdviser(ticket, effect.adviserId, effect.message);
            break;
        }
      } catch (error) {
        const err = error instanceof Error ? error : new Error('non-error thrown');
        log.error(
          { errName: err.name, ticket: ticket.ref, effect: effect.kind },
          'escalation delivery failed',
        );
      }
    }
  }

  const ALERT_TEXT: Readonly<Record<ForwardingAlert['kind'], { title: string; message: string }>> =
    {
      dead_letter: {
        title: 'A declaration could not be forwarded',
        message:
          'Delivery gave up after every retry. The declaration is safe in the bot; an operator can replay it with "npm run outbox" once the destination works again.',
      },
      destination_disabled: {
        title: 'A forwarding destination was disabled',
        message:
          'The destination said it no longer accepts events. Declarations for it are held until an operator enables it again.',
      },
    };

  return {
    applyEffects: (ticket, effects) => track(applyEffects(ticket, effects)),
    syncCard,
    advisers,
    async remind(due: readonly ReminderDue[]) {
      const card = cards.render(reminderCard, {
        count: String(due.length),
        hours: String(config.agency.escalations.unassignedReminderHours),
        hasMore: due.length > REMINDER_ITEMS,
        more: `And ${due.length - REMINDER_ITEMS} more: type "queue" to see them all.`,
        items: due.slice(0, REMINDER_ITEMS).map((d) => ({
          ref: d.ticket.ref,
          topicLabel: format.topicLabel(d.ticket.topic),
          urgencyLabel: format.urgencyLabel(d.ticket.urgency),
          waiting: String(d.workingHours),
        })),
      });
      const result = await postToChannel(cardActivity(card));
      return result?.ok === true;
    },
    async ticketsChanged(tickets) {
      for (const ticket of tickets) await syncCard(ticket.ref);
    },
    async postQueued() {
      if ((await usableChannel()) === undefined) return;
      const queued = await store.tickets.list({ states: ['new', 'assigned', 'awaiting_info'] });
      for (const ticket of queued.filter((t) => t.channelMessageId === null)) {
        await syncCard(ticket.ref);
        if ((await usableChannel()) === undefined) return;
      }
    },
    alertSink: {
      async raise(alert) {
        const text = ALERT_TEXT[alert.kind];
        const card = cards.render(alertCard, {
          ...text,
          facts: [
            { title: 'Declaration', value: alert.subject },
            { title: 'Destination', value: alert.destinationId },
            { title: 'Reason', value: alert.reason },
            { title: 'Attempts', value: String(alert.attempts) },
          ],
        });
        const result = await postToChannel(cardActivity(card));
        if (result === undefined) log.warn({ alert: alert.kind }, 'no advisers channel for alert');
      },
    },
    async idle() {
      while (background.size > 0) await Promise.allSettled([...background]);
      await messenger.idle();
    },
  };
}

/**
 * Waits for proactive sends up to a budget, so a turn answers Teams in time; slower sends (a
 * Retry-After, say) carry on in the background and are awaited by `idle()` at shutdown.
 */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([
      work.then(
        () => undefined,
        () => undefined,
      ),
      budget,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The outbound escalation messages of one bot process, sending through its adapter. */
export function createAdapterEscalationOutbound(
  adapter: BotAdapter,
  deps: Omit<EscalationOutboundDeps, 'messenger'>,
): EscalationOutbound {
  const { env } = deps.config;
  const botAppId = env.auth.kind === 'anonymous' ? '' : env.auth.appId;
  const messenger = createProactiveMessenger({
    transport: createAdapterTransport(adapter, botAppId),
    log: deps.log.child({ component: 'proactive' }),
  });
  return createEscalationOutbound({ ...deps, messenger });
}
