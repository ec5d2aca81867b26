// Shows what the bot can do, for "help" in any case or the help button.
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { defineCard } from '../../cards/render';
import type { BotDeps } from '../deps';
import { normalisedText } from '../turn';
import { Verbs } from '../verbs';

export const helpCard = defineCard<{
  agencyName: string;
  contactName: string;
  contactEmail: string;
}>('help');

const HELP_WORDS = new Set([
  'help',
  '?',
  'menu',
  'commands',
  'what can you do',
  'what can you do?',
]);

export function registerHelp(app: Application<TurnState>, deps: BotDeps): void {
  const render = () => {
    const { agency } = deps.config.agency;
    return deps.cards.render(helpCard, {
      agencyName: agency.name,
      contactName: agency.integrityContact.name,
      contactEmail: agency.integrityContact.email,
    });
  };
  app.message(
    (context: TurnContext) => Promise.resolve(HELP_WORDS.has(normalisedText(context))),
    async (context) => {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(render())] });
    },
  );
  app.adaptiveCards.actionExecute(Verbs.help, () => Promise.resolve(render()));
}
