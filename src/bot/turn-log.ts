import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../log';

const TURN_LOG = Symbol('turnLog');

/** A child logger carrying this turn's correlation id; set by the turn middleware. */
export function turnLog(context: TurnContext, fallback: Logger): Logger {
  return context.turnState.get<Logger | undefined>(TURN_LOG) ?? fallback;
}

export function startTurnLog(context: TurnContext, log: Logger): Logger {
  const child = log.child({ corr: randomUUID() });
  context.turnState.set(TURN_LOG, child);
  return child;
}
