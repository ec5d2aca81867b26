import { createTransport } from 'nodemailer';
import { toCloudEvent } from '../core/forwarding/cloudevent';
import type { EmailDestination, SmtpConfig } from '../core/forwarding/config';
import type { OutboundEvent } from '../core/forwarding/outbound-event';
import type { Sender } from '../core/forwarding/sender';
import type { AttemptResult } from '../core/forwarding/attempt-result';

export interface EmailMessage {
  readonly subject: string;
  readonly text: string;
}

const NZ_TIME = new Intl.DateTimeFormat('en-NZ', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Pacific/Auckland',
});

/**
 * A notice, not a copy: the reference, the form, the date and where the record lives. The
 * declaration's content never goes in an email (it could be forwarded or read by a delegate).
 */
export function composeEmail(event: OutboundEvent, destination: EmailDestination): EmailMessage {
  const verb = event.type.split('.').pop() ?? 'changed';
  const where =
    destination.recordLocation ??
    'the integrity assistant; open it in Teams, or ask the integrity team, quoting the reference';
  return {
    subject: `Declaration ${event.subject} (${event.form}) ${verb}`,
    text: [
      `A declaration was ${verb}.`,
      '',
      `Reference: ${event.subject}`,
      `Form: ${event.form}`,
      `Date: ${NZ_TIME.format(event.occurredAt)} (NZ time)`,
      `Where the record lives: ${where}`,
      '',
      'This notice holds no details of the declaration by design.',
      `Event id (for de-duplication): ${event.id}`,
    ].join('\n'),
  };
}

/** SMTP replies 4xx and lost connections are worth retrying; 5xx replies are permanent. */
export function classifySmtpError(error: unknown): AttemptResult {
  const err = error as { code?: string; responseCode?: number };
  const code = err.code ?? 'ESMTP';
  if (typeof err.responseCode === 'number') {
    const reason = `smtp_${err.responseCode}`;
    // A rejected login is a configuration problem an operator can fix: keep retrying.
    if (err.responseCode >= 500 && code !== 'EAUTH') return { outcome: 'dead', reason };
    return { outcome: 'retry', reason };
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE')
    return { outcome: 'dead', reason: `smtp_${code}` };
  return { outcome: 'retry', reason: `smtp_${code}` };
}

export function createEmailSender(options: {
  smtp: SmtpConfig;
  credentials?: { user: string; pass: string };
  source: string;
  schemaUri: string;
}): Sender<EmailDestination> {
  const { smtp } = options;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: !smtp.secure && smtp.requireTls,
    ignoreTLS: !smtp.secure && !smtp.requireTls,
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
    ...(options.credentials ? { auth: options.credentials } : {}),
  });
  return {
    async send({ event, destination }) {
      const message = composeEmail(event, destination);
      const attachments = destination.allowAttachJson
        ? [
            {
              filename: `${event.subject}.json`,
              contentType: 'application/json',
              content: JSON.stringify(toCloudEvent(event, options), null, 2),
            },
          ]
        : [];
      try {
        await transport.sendMail({
          from: smtp.from,
          to: [...destination.to],
          subject: message.subject,
          text: message.text,
          attachments,
          // The same message id on every attempt lets mail systems drop a repeated delivery.
          messageId: `<${event.id}.${destination.id}@integrity-assistant>`,
          headers: { 'X-Integrity-Event-Id': event.id, 'X-Integrity-Event-Type': event.type },
        });
        return { outcome: 'delivered' };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}
