import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

/**
 * Shows "typing" when a message turn has not replied within the delay. The timer belongs to this
 * turn alone (teams-ai's own timer lives on the shared app and mixes up concurrent conversations).
 */
export function createTypingIndicator(delayMs = 1000): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      if (activity.type !== ActivityTypes.Message || activity.deliveryMode === 'expectReplies') {
        return next();
      }
      let replied = false;
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        if (activities.some((a) => a.type === ActivityTypes.Message)) replied = true;
        return nextSend();
      });
      const timer = setTimeout(() => {
        if (!replied) context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
      }, delayMs);
      try {
        await next();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
