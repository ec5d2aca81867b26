/** Lifecycle of one event for one destination in the outbox. */
export const OUTBOX_STATUSES = ['pending', 'delivering', 'delivered', 'retrying', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What the submitter sees per destination (confirmation card, My declarations). */
export type DeliveryLabelKind = 'sending' | 'delivered' | 'retrying' | 'failed';

export const DELIVERY_LABELS: Readonly<Record<DeliveryLabelKind, string>> = {
  sending: 'sending',
  delivered: 'delivered',
  retrying: 'delayed, retrying',
  failed: 'failed, integrity team notified',
};

export interface DeliveryFacts {
  readonly status: OutboxStatus;
  /** Attempts made so far; 0 means the event has not been tried yet. */
  readonly attempts: number;
  /** The destination answered 410 and was switched off until an operator re-enables it. */
  readonly destinationDisabled: boolean;
}

export interface DeliveryLabel {
  readonly kind: DeliveryLabelKind;
  readonly label: string;
}

function label(kind: DeliveryLabelKind): DeliveryLabel {
  return { kind, label: DELIVERY_LABELS[kind] };
}

/**
 * One event at one destination. A dead letter or a disabled destination has raised an alert to
 * the integrity team; an event not yet tried (just submitted) is "sending", not "delayed".
 */
export function deliveryLabel(facts: DeliveryFacts): DeliveryLabel {
  if (facts.status === 'delivered') return label('delivered');
  if (facts.status === 'dead' || facts.destinationDisabled) return label('failed');
  if (facts.status === 'retrying') return label('retrying');
  // Pending, or its first attempt in flight; a later attempt means an earlier one failed.
  return label(facts.attempts <= 1 ? 'sending' : 'retrying');
}

export interface DestinationDeliveryFacts extends DeliveryFacts {
  readonly destinationId: string;
}

const SEVERITY: Readonly<Record<DeliveryLabelKind, number>> = {
  delivered: 0,
  sending: 1,
  retrying: 2,
  failed: 3,
};

/**
 * A declaration's events (submitted, updated, withdrawn) summarised per destination: the worst
 * state wins, so "delivered" means every change reached that destination.
 */
export function summariseDeliveries(
  rows: readonly DestinationDeliveryFacts[],
): Array<{ destinationId: string } & DeliveryLabel> {
  const worst = new Map<string, DeliveryLabel>();
  for (const row of rows) {
    const current = worst.get(row.destinationId);
    const next = deliveryLabel(row);
    if (current === undefined || SEVERITY[next.kind] > SEVERITY[current.kind])
      worst.set(row.destinationId, next);
  }
  return [...worst.entries()].map(([destinationId, l]) => ({ destinationId, ...l }));
}
