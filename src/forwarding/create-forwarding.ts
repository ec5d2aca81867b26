import type { AppConfig } from '../config/load-config';
import { createLogAlertSink, type AlertSink } from '../core/forwarding/alerts';
import { NO_FORWARDING_SECRETS } from '../core/forwarding/secrets';
import type { Senders } from '../core/forwarding/sender';
import { createDeliveryWorker, type DeliveryWorker } from '../core/forwarding/worker';
import type { Logger } from '../log';
import type { Store } from '../store/port';
import { createEmailSender } from './email-sender';
import { createFileSender } from './file-sender';
import { createWebhookSender, type HostResolver } from './webhook-sender';

export interface ForwardingOptions {
  readonly config: AppConfig;
  readonly store: Store;
  readonly log: Logger;
  readonly clock?: () => Date;
  readonly random?: () => number;
  /** Defaults to security log events; escalations adds the advisers' channel. */
  readonly alerts?: AlertSink;
  /** Tests point webhooks at a stub resolver; production uses DNS. */
  readonly resolve?: HostResolver;
  readonly owner?: string;
}

export interface Forwarding {
  readonly worker: DeliveryWorker;
  /** Stops the worker after its batch in flight and closes SMTP connections. */
  stop(): Promise<void>;
}

/** The node-side senders and the delivery worker, built from the parsed config. */
export function createForwarding(options: ForwardingOptions): Forwarding {
  const { config, store, log } = options;
  const forwarding = config.agency.forwarding;
  const secrets = config.secrets?.forwarding ?? NO_FORWARDING_SECRETS;
  const envelope = { source: forwarding.source, schemaUri: forwarding.schemaUri };
  const email = forwarding.smtp
    ? createEmailSender({
        smtp: forwarding.smtp,
        ...(secrets.smtp ? { credentials: secrets.smtp } : {}),
        ...envelope,
      })
    : { send: () => Promise.resolve({ outcome: 'dead', reason: 'smtp_not_configured' } as const) };
  const senders: Senders = {
    webhook: createWebhookSender({
      mode: config.env.mode,
      allowedHosts: forwarding.allowedHosts,
      secrets: secrets.webhooks,
      ...envelope,
      ...(options.resolve ? { resolve: options.resolve } : {}),
    }),
    email,
    file: createFileSender(envelope),
  };
  const worker = createDeliveryWorker({
    outbox: store.outbox,
    config: forwarding,
    senders,
    alerts: options.alerts ?? createLogAlertSink(log),
    log: log.child({ component: 'forwarding' }),
    clock: options.clock ?? (() => new Date()),
    ...(options.random ? { random: options.random } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
  });
  return {
    worker,
    async stop() {
      await worker.stop();
      for (const sender of Object.values(senders)) await sender.close?.();
    },
  };
}
