import { randomBytes, randomUUID } from 'node:crypto';
import type { AppConfig } from '../../src/config/load-config';
import { ForwardingConfigSchema, type ForwardingConfig } from '../../src/core/forwarding/config';
import {
  OutboundEventTypes,
  type OutboundEvent,
  type OutboundEventType,
} from '../../src/core/forwarding/outbound-event';
import type { ForwardingSecrets } from '../../src/core/forwarding/secrets';
import { testConfig } from './config';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A string that must never appear where declaration content is forbidden (emails, logs). */
export const CANARY = 'CANARY-PII-7f3a';

let reference = 0;

/** A declaration event, as the declarations feature builds one. */
export function makeEvent(
  overrides: Partial<Omit<OutboundEvent, 'type'>> & { type?: OutboundEventType } = {},
): OutboundEvent {
  reference += 1;
  const subject = overrides.subject ?? `GIF-2026-${String(reference).padStart(6, '0')}`;
  return {
    id: randomUUID(),
    type: OutboundEventTypes.submitted,
    subject,
    form: 'gift-hospitality',
    schemaId: 'gift-hospitality@1',
    occurredAt: new Date(),
    orderingKey: `decl-${subject}`,
    data: {
      giver: `${CANARY} Acme Ltd`,
      description: `${CANARY} dinner for two`,
      estimatedValue: 180,
    },
    ...overrides,
  };
}

/** A clock tests move by hand: retries are scheduled, never waited for. */
export class FakeClock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.current.getTime());
  readonly seconds = (): number => Math.floor(this.current.getTime() / 1000);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The forwarding section alone, parsed through the real schema. */
export function forwardingSection(input: Record<string, unknown>): ForwardingConfig {
  return ForwardingConfigSchema.parse(input);
}

/** The committed config with a forwarding section replaced and its secrets resolved. */
export function configWithForwarding(
  forwarding: Record<string, unknown>,
  secrets: ForwardingSecrets = { webhooks: {} },
  env: Record<string, string> = {},
): AppConfig {
  const base = testConfig({ env });
  return {
    ...base,
    agency: { ...base.agency, forwarding: forwardingSection(forwarding) },
    secrets: { forwarding: secrets },
  };
}
