// Anything no other route handled gets friendly guidance, never silence.
import { ActivityTypes } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { defineCard } from '../../cards/render';
import type { BotDeps } from '../deps';
import { replyWithCard } from '../invoke-response';

const errorCard = defineCard<{ title: string; message: string }>('error');

export function registerFallback(app: Application<TurnState>, deps: BotDeps): void {
  app.message(
    () => Promise.resolve(true),
    async (context) => {
      await context.sendActivity(
        'I can answer questions about integrity and conduct, take declarations, and put you in touch with an integrity adviser. Type "help" to see how.',
      );
    },
  );
  // A card action nobody handles (an old card, or a forged verb) gets a visible answer, not a 501.
  app.addRoute(
    (context) =>
      Promise.resolve(
        context.activity.type === ActivityTypes.Invoke &&
          context.activity.name === 'adaptiveCard/action',
      ),
    async (context) => {
      const card = deps.cards.render(errorCard, {
        title: "That button doesn't work any more",
        message: 'This card is out of date or was not recognised. Type "help" to start again.',
      });
      await replyWithCard(context, card);
    },
    true,
  );
}
