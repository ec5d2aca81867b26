// In group chats and channels the bot speaks only when @mentioned.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { conversationType } from '../turn';

function mentionsBot(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

export function registerMentionOnly(app: Application<TurnState>): void {
  app.message(
    (context) =>
      Promise.resolve(
        context.activity.type === ActivityTypes.Message &&
          conversationType(context) !== 'personal' &&
          context.activity.value === undefined &&
          !mentionsBot(context),
      ),
    async () => {
      // Not addressed to the bot: stay quiet.
    },
  );
}
