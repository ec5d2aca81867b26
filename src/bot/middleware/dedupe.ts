import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../../log';
import type { DedupeStore } from '../../store/port';
import { turnLog } from '../turn-log';

const CLAIMED_KEY = Symbol('dedupeKey');
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Teams redelivers slow activities; a redelivered message is handled once. Invokes are left to the
 * domain's own idempotency (draft ids, versions), because Teams waits for their response.
 */
export function createDedupe(dedupe: DedupeStore, clock: () => Date, log: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      if (activity.type === ActivityTypes.Invoke || !activity.id) return next();
      const key = `activity:${activity.channelId}:${activity.conversation?.id ?? ''}:${activity.id}`;
      if (!(await dedupe.claim(key, ONE_DAY_MS, clock()))) {
        turnLog(context, log).info({ activityType: activity.type }, 'duplicate activity ignored');
        return;
      }
      context.turnState.set(CLAIMED_KEY, key);
      await next();
    },
  };
}

/** Lets a failed turn be retried by a redelivery. */
export async function releaseDedupeClaim(context: TurnContext, dedupe: DedupeStore): Promise<void> {
  const key = context.turnState.get<string | undefined>(CLAIMED_KEY);
  if (key !== undefined) await dedupe.release(key);
}
