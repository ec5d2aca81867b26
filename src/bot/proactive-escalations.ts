// Everything escalations say proactively, composed: channel cards, 1:1 chats, reminders and alerts.
import type { BotAdapter } from 'botbuilder';
import type { CardRenderer } from '../cards/render';
import type { AppConfig } from '../config/load-config';
import type { AlertSink } from '../core/forwarding/alerts';
import type { EscalationNotices } from '../core/escalations/scheduler';
import type { TicketEffect } from '../core/escalations/service';
import type { Ticket } from '../core/escalations/ticket';
import type { Logger } from '../log';
import type { Store } from '../store/port';
import { createAdvisersChannel } from './advisers-channel';
import { createAlertSink, createReminder } from './escalation-alerts';
import { createEscalationChats } from './escalation-chats';
import { createProactiveMessenger, type ProactiveMessenger } from './proactive';
import { createAdapterTransport } from './proactive-transport';
import { createEscalationFormat } from './ticket-card';

// Kept here so existing importers need not move.
export { alertCard } from './escalation-alerts';
export {
  createEscalationFormat,
  STATE_COLORS,
  ticketCard,
  ticketCardData,
  ticketStatusCard,
  type EscalationFormat,
  type TicketCardData,
} from './ticket-card';

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

const THREAD_HEADINGS = {
  note: (author: string | null) => `Internal note from ${author ?? 'an adviser'} (advisers only)`,
  info_reply: () => 'The asker replied to the clarifying question',
  follow_up: () => 'Follow-up from the asker: the ticket is open again',
  taken_over: (author: string | null) => `${author ?? 'An adviser'} took over this ticket`,
  reopened: (author: string | null) => `${author ?? 'An adviser'} reopened this ticket`,
} as const;

/**
 * Everything escalations say proactively: ticket cards in the advisers' channel (updated in place),
 * answers and clarifying questions in askers' 1:1 chats, reminders and alerts. A stale channel or
 * chat (403/404) is marked and advisers are told; nothing is retried against it until seen again.
 */
export function createEscalationOutbound(deps: EscalationOutboundDeps): EscalationOutbound {
  const { messenger, store, cards, config, clock } = deps;
  const log = deps.log.child({ component: 'escalations' });
  const format = createEscalationFormat(config, clock);
  const background = new Set<Promise<unknown>>();

  const track = <T>(promise: Promise<T>): Promise<T> => {
    background.add(promise);
    void promise.finally(() => background.delete(promise)).catch(() => undefined);
    return promise;
  };

  const channel = createAdvisersChannel({
    messenger,
    store,
    cards,
    config,
    clock,
    log,
    format,
    track,
  });
  const { syncCard, usableChannel } = channel;
  const chats = createEscalationChats({ messenger, store, cards, clock, log, format, channel });

  async function applyEffects(ticket: Ticket, effects: readonly TicketEffect[]): Promise<void> {
    for (const effect of effects) {
      try {
        switch (effect.kind) {
          case 'card':
            await syncCard(ticket.ref);
            break;
          case 'to_asker':
            await chats.toAsker(ticket, effect.message);
            break;
          case 'thread':
            await channel.postInThread(
              ticket,
              THREAD_HEADINGS[effect.message](effect.authorName),
              effect.text,
            );
            break;
          case 'to_adviser':
            await chats.toAdviser(ticket, effect.adviserId, effect.message);
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

  return {
    applyEffects: (ticket, effects) => track(applyEffects(ticket, effects)),
    syncCard,
    advisers: channel.advisers,
    remind: createReminder(cards, config, format, channel.postToChannel),
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
    alertSink: createAlertSink(cards, log, channel.postToChannel),
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
