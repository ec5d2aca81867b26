// What escalations post to get advisers' attention: reminders of unassigned tickets and forwarding alerts.
import type { Activity } from 'botbuilder';
import { defineCard, type CardRenderer } from '../cards/render';
import type { AppConfig } from '../config/load-config';
import type { AlertSink, ForwardingAlert } from '../core/forwarding/alerts';
import type { ReminderDue } from '../core/escalations/service';
import type { Logger } from '../log';
import type { DeliveryResult } from './proactive';
import { cardActivity } from './proactive-card';
import type { EscalationFormat } from './ticket-card';

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

const ALERT_TEXT: Readonly<Record<ForwardingAlert['kind'], { title: string; message: string }>> = {
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

/** Posts to the advisers' channel; undefined when no usable channel is registered. */
export type PostToChannel = (activity: Partial<Activity>) => Promise<DeliveryResult | undefined>;

/** The reminder of tickets nobody has taken; true when the channel accepted it. */
export function createReminder(
  cards: CardRenderer,
  config: AppConfig,
  format: EscalationFormat,
  postToChannel: PostToChannel,
): (due: readonly ReminderDue[]) => Promise<boolean> {
  return async (due) => {
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
  };
}

/** Forwarding alerts (dead letters, disabled destinations), posted to the advisers' channel. */
export function createAlertSink(
  cards: CardRenderer,
  log: Logger,
  postToChannel: PostToChannel,
): AlertSink {
  return {
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
  };
}
