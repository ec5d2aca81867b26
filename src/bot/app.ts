import { Application, type TurnState } from '@microsoft/teams-ai';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotDeps } from './deps';
import { createAdapterEscalationOutbound } from './proactive-escalations';
import { createEscalationEdge, registerAdviser } from './routes/adviser';
import { registerAsk } from './routes/ask';
import { registerDeclare } from './routes/declare';
import { registerEscalate } from './routes/escalate';
import { registerFallback } from './routes/fallback';
import { registerHelp } from './routes/help';
import { registerMentionOnly } from './routes/mention-only';
import { registerMyDeclarations } from './routes/my-declarations';
import { registerWelcome } from './routes/welcome';
import { createBotStorage } from './state-storage';

export type BotApp = Application<TurnState>;

/** The routing table: routes are tried in this order and the first match wins. */
export function createApp(adapter: TeamsAdapter, deps: BotDeps): BotApp {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.config.env.auth.kind === 'anonymous' ? '' : deps.config.env.auth.appId,
    storage: createBotStorage(deps.store.state),
    removeRecipientMention: true,
    startTypingTimer: false, // the adapter's per-turn typing middleware replaces the shared timer
    longRunningMessages: false,
  });
  registerMentionOnly(app);
  registerWelcome(app, deps);
  registerHelp(app, deps);
  const escalation = createEscalationEdge(
    deps,
    deps.escalationOutbound ?? createAdapterEscalationOutbound(adapter, deps),
  );
  registerAdviser(app, deps, escalation); // exact adviser commands and ticket card actions
  registerEscalate(app, deps, escalation); // narrow "talk to an adviser" requests and the ask card
  registerDeclare(app, deps); // narrow typed start points (personal chat), then the wizard's verbs
  registerMyDeclarations(app, deps);
  registerAsk(app, deps); // every remaining text message is a question for the knowledge base
  registerFallback(app, deps); // last: catches everything the routes above did not
  return app;
}
