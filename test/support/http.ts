import type { Activity } from 'botbuilder';
import { startBot, type RunningBot } from '../../src/boot';
import type { AppConfig } from '../../src/config/load-config';
import { testConfig } from './config';
import { captureLogs, type CapturedLogs } from './logs';

export interface TestBot extends RunningBot {
  readonly logs: CapturedLogs;
}

/** The real server on an ephemeral loopback port with a fresh SQLite file. */
export async function startTestBot(
  options: { config?: AppConfig; clock?: () => Date } = {},
): Promise<TestBot> {
  const logs = captureLogs();
  const bot = await startBot({
    config: options.config ?? testConfig(),
    log: logs.log,
    port: 0,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return Object.assign(bot, { logs });
}

export interface PostResult {
  readonly status: number;
  readonly body: unknown;
  /** With deliveryMode expectReplies, the bot's replies come back in the response body. */
  readonly activities: Partial<Activity>[];
}

export async function postActivity(
  url: string,
  activity: Partial<Activity>,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ deliveryMode: 'expectReplies', ...activity }),
  });
  const text = await response.text();
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  const activities = (body as { activities?: Partial<Activity>[] } | undefined)?.activities ?? [];
  return { status: response.status, body, activities };
}
