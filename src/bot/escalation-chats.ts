// 1:1 messages about a ticket: the answer or a clarifying question to the asker, notices to an adviser.
import type { ConversationReference } from 'botbuilder';
import { defineCard, type CardRenderer } from '../cards/render';
import { STATE_LABELS, type Ticket } from '../core/escalations/ticket';
import type { Logger } from '../log';
import type { Store } from '../store/port';
import type { AdvisersChannel } from './advisers-channel';
import type { ProactiveMessenger } from './proactive';
import { cardActivity } from './proactive-card';
import type { EscalationFormat } from './ticket-card';

type Reference = Partial<ConversationReference>;

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
const noticeCard = defineCard<{ ref: string; title: string; message: string }>('ticket-notice');

export interface EscalationChatsDeps {
  readonly messenger: ProactiveMessenger;
  readonly store: Store;
  readonly cards: CardRenderer;
  readonly clock: () => Date;
  readonly log: Logger;
  readonly format: EscalationFormat;
  /** Where an undeliverable message to the asker is reported. */
  readonly channel: Pick<AdvisersChannel, 'postInThread'>;
}

export interface EscalationChats {
  readonly toAsker: (ticket: Ticket, message: 'answer' | 'info_request') => Promise<void>;
  readonly toAdviser: (
    ticket: Ticket,
    adviserId: string,
    message: 'assigned' | 'follow_up' | 'info_reply',
  ) => Promise<void>;
}

/** A chat that Teams refuses (403/404) is marked stale and not tried again until seen again. */
export function createEscalationChats(deps: EscalationChatsDeps): EscalationChats {
  const { messenger, store, cards, clock, log, format, channel } = deps;

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
      await channel.postInThread(
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

  return { toAsker, toAdviser };
}
