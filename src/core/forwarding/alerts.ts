import { logSecurityEvent, type Logger } from '../../log';

/** Something the integrity team and the destination's owner must hear about. */
export interface ForwardingAlert {
  readonly kind: 'dead_letter' | 'destination_disabled';
  readonly destinationId: string;
  readonly eventId: string;
  readonly eventType: string;
  /** The declaration's reference number. */
  readonly subject: string;
  /** A reason code (http_404, schedule_exhausted...), never content. */
  readonly reason: string;
  readonly httpStatus?: number;
  readonly attempts: number;
  readonly at: Date;
}

/** Where alerts go: the security/ops log by default; escalations adds the advisers' channel. */
export interface AlertSink {
  raise(alert: ForwardingAlert): Promise<void>;
}

export function createLogAlertSink(log: Logger): AlertSink {
  return {
    raise(alert) {
      logSecurityEvent(
        log,
        alert.kind === 'dead_letter' ? 'dispatch_dead_letter' : 'destination_disabled',
        {
          destinationId: alert.destinationId,
          eventId: alert.eventId,
          eventType: alert.eventType,
          reference: alert.subject,
          reason: alert.reason,
          httpStatus: alert.httpStatus,
          attempts: alert.attempts,
        },
      );
      return Promise.resolve();
    },
  };
}

/** Every sink hears every alert; one failing sink does not silence the others. */
export function combineAlertSinks(sinks: readonly AlertSink[], log: Logger): AlertSink {
  return {
    async raise(alert) {
      const results = await Promise.allSettled(sinks.map((sink) => sink.raise(alert)));
      for (const result of results) {
        if (result.status === 'rejected') {
          const err = result.reason instanceof Error ? result.reason : new Error('non-error');
          log.error({ errName: err.name, alert: alert.kind }, 'forwarding alert sink failed');
        }
      }
    },
  };
}
