import type { Activity, ConversationReference } from 'botbuilder';
import { ActivityTypes, TestAdapter } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { applyMiddleware, createOnTurnError } from '../../src/bot/adapter';
import { createApp, type BotApp } from '../../src/bot/app';
import type { BotDeps } from '../../src/bot/deps';
import { buildDeps } from '../../src/build-deps';
import type { AppConfig } from '../../src/config/load-config';
import { captureLogs, type CapturedLogs } from './logs';
import { testConfig } from './config';
import { ADVISERS_CHANNEL_ID, TEAM_ID, TENANT_ID, type TestUser } from './users';

export const BOT = { id: '28:integrity-bot', name: 'Integrity assistant' };

export interface InvokeResult {
  /** The invoke response body ({ statusCode, type, value }) the client would receive. */
  readonly response: { statusCode: number; type: string; value: unknown } | undefined;
  /** Any other activities sent during the turn (messages, updates). */
  readonly replies: Partial<Activity>[];
}

export interface Where {
  /** Defaults to the user's 1:1 chat with the bot. */
  readonly conversation?: 'personal' | 'channel';
  readonly tenantId?: string;
  readonly activityId?: string;
  /** The card message an Action.Execute came from. */
  readonly replyToId?: string;
}

export interface ConversationHarness {
  readonly deps: BotDeps;
  readonly app: BotApp;
  readonly adapter: TestAdapter;
  readonly logs: CapturedLogs;
  say(user: TestUser, text: string, where?: Where): Promise<Partial<Activity>[]>;
  /** An Action.Execute from a card: the verb and data as Teams would send them. */
  execute(
    user: TestUser,
    verb: string,
    data: Record<string, unknown>,
    where?: Where,
  ): Promise<InvokeResult>;
  /** Any activity, filled in with the user, conversation and tenant. */
  send(user: TestUser, activity: Partial<Activity>, where?: Where): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

export function conversationOf(user: TestUser, where: Where = {}): Activity['conversation'] {
  const tenantId = where.tenantId ?? TENANT_ID;
  return where.conversation === 'channel'
    ? {
        id: `${ADVISERS_CHANNEL_ID};messageid=1`,
        conversationType: 'channel',
        tenantId,
        isGroup: true,
        name: 'Integrity advisers',
      }
    : {
        id: `a:personal-${user.key}`,
        conversationType: 'personal',
        tenantId,
        isGroup: false,
        name: '',
      };
}

export function activityFor(
  user: TestUser,
  activity: Partial<Activity>,
  where: Where = {},
): Partial<Activity> {
  const tenantId = where.tenantId ?? TENANT_ID;
  const channel = where.conversation === 'channel';
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/',
    from: { id: `29:${user.key}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation: conversationOf(user, where),
    channelData: {
      tenant: { id: tenantId },
      ...(channel
        ? {
            team: { id: TEAM_ID, name: 'Integrity' },
            channel: { id: ADVISERS_CHANNEL_ID, name: 'Integrity advisers' },
          }
        : {}),
    },
    ...(where.activityId === undefined ? {} : { id: where.activityId }),
    ...(where.replyToId === undefined ? {} : { replyToId: where.replyToId }),
    ...activity,
  };
}

/** The real app and middleware behind botbuilder's TestAdapter, with a fresh store per harness. */
export function createConversationHarness(
  options: { config?: AppConfig; clock?: () => Date } = {},
): ConversationHarness {
  const config = options.config ?? testConfig();
  const logs = captureLogs();
  const deps = buildDeps({
    config,
    log: logs.log,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const reference: Partial<ConversationReference> = {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/',
    bot: BOT,
  };
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  }, reference);
  applyMiddleware(adapter, { env: config.env, ...deps });
  adapter.onTurnError = createOnTurnError({ env: config.env, ...deps });
  // Proactive sends go through the TestAdapter too; the app only needs its adapter shape.
  const app = createApp(adapter as unknown as TeamsAdapter, deps);

  const run = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    adapter.activeQueue.splice(0);
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0);
  };

  return {
    deps,
    app,
    adapter,
    logs,
    say: (user, text, where) =>
      run(activityFor(user, { type: ActivityTypes.Message, text }, where)),
    send: (user, activity, where) => run(activityFor(user, activity, where)),
    async execute(user, verb, data, where) {
      const sent = await run(
        activityFor(
          user,
          {
            type: ActivityTypes.Invoke,
            name: 'adaptiveCard/action',
            value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
          },
          where,
        ),
      );
      const invoke = sent.find((a) => a.type === ActivityTypes.InvokeResponse);
      const body = (invoke?.value as { body?: InvokeResult['response'] } | undefined)?.body;
      return {
        response: body,
        replies: sent.filter((a) => a.type !== ActivityTypes.InvokeResponse),
      };
    },
    close: () => deps.store.close(),
  };
}

/** The first Adaptive Card attachment of a set of replies. */
export function firstCard(
  replies: readonly Partial<Activity>[],
): Record<string, unknown> | undefined {
  for (const reply of replies) {
    const attachment = reply.attachments?.find(
      (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
    );
    if (attachment) return attachment.content as Record<string, unknown>;
  }
  return undefined;
}

/** All visible text in a card (TextBlocks, facts, action titles), for assertions a reader would make. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage']) {
      if (typeof obj[key] === 'string') parts.push(obj[key]);
    }
    Object.values(obj).forEach(walk);
  };
  walk(card);
  return parts.join('\n');
}

/** One action found in a card. */
export interface CardActionNode {
  type: string;
  verb?: string;
  title?: string;
  data?: Record<string, unknown>;
}

/** Every action in a card, wherever it sits (card actions, ActionSets, containers). */
export function cardActions(card: unknown): CardActionNode[] {
  const found: CardActionNode[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.type === 'string' && obj.type.startsWith('Action.'))
      found.push(obj as unknown as CardActionNode);
    Object.values(obj).forEach(walk);
  };
  walk(card);
  return found;
}
