import type { TurnContext } from 'botbuilder';

/** The person behind a turn, from Teams only: never from card data. */
export interface Actor {
  /** Entra object id; Teams always sends it for signed-in users. */
  readonly id: string;
  readonly name: string;
}

export function actorOf(context: TurnContext): Actor | undefined {
  const from = context.activity.from;
  const id = from?.aadObjectId;
  if (typeof id !== 'string' || id === '') return undefined;
  return { id, name: typeof from.name === 'string' && from.name !== '' ? from.name : 'Unknown' };
}

export function conversationType(context: TurnContext): 'personal' | 'groupChat' | 'channel' {
  const type = context.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/** Message text with the bot's @mention already removed by the app, trimmed and case-folded. */
export function normalisedText(context: TurnContext): string {
  return (context.activity.text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}
