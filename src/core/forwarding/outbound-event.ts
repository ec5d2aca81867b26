/** What the forwarding outbox delivers: one event per declaration change, the same id on every retry. */
export const OutboundEventTypes = {
  submitted: 'nz.govt.integrity.declaration.submitted',
  updated: 'nz.govt.integrity.declaration.updated',
  withdrawn: 'nz.govt.integrity.declaration.withdrawn',
} as const;

export type OutboundEventType = (typeof OutboundEventTypes)[keyof typeof OutboundEventTypes];

export interface OutboundEvent {
  /** UUID; becomes the CloudEvents id and the webhook-id header. */
  readonly id: string;
  readonly type: OutboundEventType;
  /** The declaration's reference number, e.g. GIF-2026-000042. */
  readonly subject: string;
  /** Form id, e.g. gift-hospitality. */
  readonly form: string;
  /** Versioned schema id, e.g. gift-hospitality@1 (the published JSON Schema). */
  readonly schemaId: string;
  readonly occurredAt: Date;
  /** Events with the same key are delivered in order (the declaration id). */
  readonly orderingKey: string;
  /** The forwarded payload, built from the form's zod schema. */
  readonly data: Readonly<Record<string, unknown>>;
}
