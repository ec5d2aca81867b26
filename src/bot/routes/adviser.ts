// Integrity advisers: register the advisers' channel, see the queue, their tickets and stats, and act on ticket cards.
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from '../deps';
import type { EscalationEdge } from '../escalation-edge';
import { registerAdviserCommands, registerQueuedNotice } from './adviser-commands';
import { registerTicketActions } from './ticket-actions';

// Kept here so existing importers (the escalate route, contract tests) need not move.
export { errorCard, TicketActionSchema, type TicketAction } from '../escalation-cards';
export {
  createAdviserCheck,
  createEscalationEdge,
  SEND_BUDGET_MS,
  storableReference,
  type EscalationEdge,
} from '../escalation-edge';

export function registerAdviser(
  app: Application<TurnState>,
  deps: BotDeps,
  edge: EscalationEdge,
): void {
  registerAdviserCommands(app, deps, edge);
  registerTicketActions(app, deps, edge);
  registerQueuedNotice(app, deps, edge); // after the routes, as before: an afterTurn hook
}
