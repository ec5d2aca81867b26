// Greets a person once when they install the app in their personal scope.
import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { defineCard } from '../../cards/render';
import type { BotDeps } from '../deps';
import { conversationType } from '../turn';

export const welcomeCard = defineCard<{ agencyName: string }>('welcome');
const TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000;

export function registerWelcome(app: Application<TurnState>, deps: BotDeps): void {
  const welcome = async (context: TurnContext) => {
    if (conversationType(context) !== 'personal') return;
    // Install events can repeat (and arrive as two kinds): an atomic claim sends the card once.
    const key = `welcome:${context.activity.conversation.id}`;
    if (!(await deps.store.dedupe.claim(key, TEN_YEARS_MS, deps.clock()))) return;
    const card = deps.cards.render(welcomeCard, { agencyName: deps.config.agency.agency.name });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient.id;
    if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await welcome(context);
  });
  app.activity('installationUpdate', async (context) => {
    const action = (context.activity as { action?: string }).action ?? '';
    if (action.startsWith('add')) await welcome(context);
  });
}
