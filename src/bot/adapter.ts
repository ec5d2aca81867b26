import {
  ActivityTypes,
  type Activity,
  type BotAdapter,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotAuth, EnvConfig } from '../config/env';
import type { Logger, Pseudonymiser } from '../log';
import type { Store } from '../store/port';
import { createDedupe, releaseDedupeClaim } from './middleware/dedupe';
import { createTenantGate } from './middleware/tenant-gate';
import { createTurnLogging } from './middleware/turn-logging';
import { createTypingIndicator } from './middleware/typing';
import { createUserRateLimit } from './middleware/user-rate-limit';
import { turnLog } from './turn-log';

export interface AdapterDeps {
  env: EnvConfig;
  store: Store;
  log: Logger;
  pseudonymise: Pseudonymiser;
  clock: () => Date;
}

/** botbuilder's settings for each auth kind; an empty app id would silently disable JWT checks. */
export function botFrameworkAuthSettings(auth: BotAuth): Record<string, string> {
  switch (auth.kind) {
    case 'anonymous':
      return {};
    case 'SingleTenant':
      return {
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.password,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: auth.tenantId,
      };
    case 'UserAssignedMsi':
      return {
        MicrosoftAppId: auth.appId,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: auth.tenantId,
      };
  }
}

/** TeamsAdapter with a public entry for an already-parsed activity, so the HTTP edge owns status codes. */
export class IntegrityAdapter extends TeamsAdapter {
  /** Authenticates the request (JWT unless local mode) and runs the turn; returns the invoke response. */
  processHttpActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(deps: AdapterDeps): IntegrityAdapter {
  const { env } = deps;
  if (env.mode === 'production' && env.auth.kind === 'anonymous') {
    throw new Error('refusing to start: production mode without bot credentials');
  }
  const adapter = new IntegrityAdapter(botFrameworkAuthSettings(env.auth));
  applyMiddleware(adapter, deps);
  adapter.onTurnError = createOnTurnError(deps);
  return adapter;
}

/** The middleware every turn passes through, in order (tests apply the same list to TestAdapter). */
export function applyMiddleware(adapter: BotAdapter, deps: AdapterDeps): void {
  const { env, log } = deps;
  adapter.use(
    createTenantGate({
      allowedTenantIds: env.allowedTenantIds,
      allowedChannelIds: env.mode === 'production' ? ['msteams'] : 'any',
      log,
    }),
  );
  adapter.use(createTurnLogging(log, deps.pseudonymise));
  adapter.use(createDedupe(deps.store.dedupe, deps.clock, log));
  adapter.use(
    createUserRateLimit({
      perMinute: env.messagesPerMinute,
      clock: deps.clock,
      log,
      pseudonymise: deps.pseudonymise,
    }),
  );
  adapter.use(createTypingIndicator());
}

/** The one catch-all: logs ids and error kind, apologises on message turns, never echoes the error. */
export function createOnTurnError(deps: AdapterDeps) {
  const { log } = deps;
  return async (context: TurnContext, error: unknown): Promise<void> => {
    const err = error instanceof Error ? error : new Error('non-error thrown');
    // Name and code only: messages can carry user content.
    turnLog(context, log).error(
      {
        errName: err.name,
        errCode: (err as { code?: unknown }).code,
        frames: err.stack?.split('\n').slice(1, 6).join('\n'),
        activityType: context.activity.type,
      },
      'turn failed',
    );
    await releaseDedupeClaim(context, deps.store.dedupe);
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(
        "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment.",
      );
    }
  };
}
