import { summariseDeliveries, type DeliveryLabelKind } from '../forwarding/delivery-status';
import type { DeliveryRow } from './repository';

export type OverallStatus = 'submitted' | 'forwarded' | 'delayed' | 'withdrawn';

export const OVERALL_LABELS: Readonly<Record<OverallStatus, string>> = {
  submitted: 'Submitted',
  forwarded: 'Forwarded',
  delayed: 'Delivery delayed',
  withdrawn: 'Withdrawn',
};

export interface DestinationStatus {
  readonly destinationId: string;
  readonly kind: DeliveryLabelKind;
  /** e.g. "delivered", "delayed, retrying", "failed, integrity team notified". */
  readonly label: string;
}

export interface DeliverySummary {
  readonly overall: OverallStatus;
  readonly label: string;
  readonly destinations: readonly DestinationStatus[];
}

/** What the declarant sees, derived from the outbox rows of one declaration (worst state wins). */
export function summariseDelivery(
  rows: readonly DeliveryRow[],
  withdrawn: boolean,
): DeliverySummary {
  const destinations = summariseDeliveries(rows).map((d) => ({
    destinationId: d.destinationId,
    kind: d.kind,
    label: d.label,
  }));
  const kinds = destinations.map((d) => d.kind);
  const overall: OverallStatus = withdrawn
    ? 'withdrawn'
    : kinds.some((k) => k === 'retrying' || k === 'failed')
      ? 'delayed'
      : kinds.length > 0 && kinds.every((k) => k === 'delivered')
        ? 'forwarded'
        : 'submitted';
  return { overall, label: OVERALL_LABELS[overall], destinations };
}
