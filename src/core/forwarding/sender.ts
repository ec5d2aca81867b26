import type { AttemptResult } from './attempt-result';
import type { DestinationConfig } from './config';
import type { OutboundEvent } from './outbound-event';

export interface DeliveryAttempt<D extends DestinationConfig = DestinationConfig> {
  readonly event: OutboundEvent;
  readonly destination: D;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly now: Date;
}

/** Sends one event to one destination and says what happened; throws only for bugs. */
export interface Sender<D extends DestinationConfig = DestinationConfig> {
  send(attempt: DeliveryAttempt<D>): Promise<AttemptResult>;
  close?(): Promise<void>;
}

/** One sender per destination type, chosen by the composition root. */
export type Senders = {
  readonly [K in DestinationConfig['type']]: Sender<Extract<DestinationConfig, { type: K }>>;
};
