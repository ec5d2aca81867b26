import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger, Pseudonymiser } from '../../log';
import { startTurnLog } from '../turn-log';

/** One info line per turn: kind, conversation type, pseudonymous user and duration; never content. */
export function createTurnLogging(log: Logger, pseudonymise: Pseudonymiser): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const turn = startTurnLog(context, log);
      const started = performance.now();
      const { activity } = context;
      const value = activity.value as { action?: { verb?: unknown } } | undefined;
      await next();
      turn.info(
        {
          activityType: activity.type,
          invoke: activity.name,
          verb:
            typeof value?.action?.verb === 'string' ? value.action.verb.slice(0, 64) : undefined,
          conversationType: activity.conversation?.conversationType,
          userRef: pseudonymise(activity.from?.aadObjectId ?? activity.from?.id),
          ms: Math.round(performance.now() - started),
        },
        'turn',
      );
    },
  };
}
