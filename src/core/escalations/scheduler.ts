import type { Logger } from '../../log';
import type { EscalationService, ReminderDue } from './service';
import type { Ticket } from './ticket';

/** What the timers need the Teams edge to say (implemented where the proactive messenger lives). */
export interface EscalationNotices {
  /** One reminder message for all due tickets; true once it reached the channel. */
  remind(due: readonly ReminderDue[]): Promise<boolean>;
  /** Tickets the system changed (auto-closed): their cards are brought up to date. */
  ticketsChanged(tickets: readonly Ticket[]): Promise<void>;
  /** Tickets still waiting for a card in the channel are posted, if the channel is usable. */
  postQueued(): Promise<void>;
}

export interface EscalationScheduler {
  start(): void;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
  /** One sweep now (tests drive this with a fake clock instead of waiting). */
  tick(): Promise<void>;
}

export interface SchedulerTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: SchedulerTimers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** Reminders for unassigned tickets and auto-close of answered ones, on a timer in the bot process. */
export function createEscalationScheduler(deps: {
  service: EscalationService;
  notices: EscalationNotices;
  log: Logger;
  intervalMs?: number;
  timers?: SchedulerTimers;
}): EscalationScheduler {
  const { service, notices, log } = deps;
  const timers = deps.timers ?? realTimers;
  let handle: unknown;
  let running: Promise<void> | undefined;

  async function sweep(): Promise<void> {
    const closed = await service.autoClose();
    if (closed.length > 0) await notices.ticketsChanged(closed);
    const due = await service.remindersDue();
    if (due.length > 0 && (await notices.remind(due))) await service.markReminded(due);
    await notices.postQueued();
    if (closed.length > 0 || due.length > 0) {
      log.info({ autoClosed: closed.length, reminded: due.length }, 'escalation sweep');
    }
  }

  const tick = (): Promise<void> => {
    // One sweep at a time: a slow sweep is not overlapped by the next tick.
    running ??= sweep()
      .catch((error: unknown) => {
        const err = error instanceof Error ? error : new Error('non-error thrown');
        log.error({ errName: err.name }, 'escalation sweep failed');
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    start() {
      if (handle !== undefined) return;
      handle = timers.setInterval(() => void tick(), deps.intervalMs ?? 60_000);
    },
    async stop() {
      if (handle !== undefined) timers.clearInterval(handle);
      handle = undefined;
      await running;
    },
    tick,
  };
}
