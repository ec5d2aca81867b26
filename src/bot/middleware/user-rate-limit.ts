import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger, Pseudonymiser } from '../../log';
import { turnLog } from '../turn-log';

export interface UserRateLimitOptions {
  /** Messages one person may send in a rolling minute before the bot asks them to slow down. */
  perMinute: number;
  clock: () => Date;
  log: Logger;
  pseudonymise: Pseudonymiser;
}

const WINDOW_MS = 60_000;

/**
 * A per-person quota on typed messages, so one runaway client cannot crowd out everyone else. The
 * count lives in this factory's map (per process); card actions are not limited, because forms
 * are idempotent and Teams waits for their answers.
 */
export function createUserRateLimit(options: UserRateLimitOptions): Middleware {
  const recent = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      const user = activity.from?.aadObjectId ?? activity.from?.id;
      if (activity.type !== ActivityTypes.Message || !user) return next();
      const now = options.clock().getTime();
      if (now - lastSweep > WINDOW_MS) {
        // Forget people who have gone quiet, so the map stays small.
        for (const [key, times] of recent)
          if ((times.at(-1) ?? 0) <= now - WINDOW_MS) recent.delete(key);
        lastSweep = now;
      }
      const times = (recent.get(user) ?? []).filter((t) => t > now - WINDOW_MS);
      times.push(now);
      recent.set(user, times);
      if (times.length > options.perMinute) {
        turnLog(context, options.log).warn(
          { event: 'rate_limited', userRef: options.pseudonymise(user) },
          'rate limited',
        );
        if (times.length === options.perMinute + 1) {
          await context.sendActivity(
            "You're sending messages faster than I can answer them. Please wait a minute and try again.",
          );
        }
        return;
      }
      await next();
    },
  };
}
