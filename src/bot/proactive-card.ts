// A card as a proactive message activity.
import { CardFactory, type Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';

export const cardActivity = (card: AdaptiveCardJson): Partial<Activity> => ({
  type: 'message',
  attachments: [CardFactory.adaptiveCard(card)],
});
