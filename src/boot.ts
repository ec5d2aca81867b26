import { createAdapter } from './bot/adapter';
import { createApp, type BotApp } from './bot/app';
import type { BotDeps } from './bot/deps';
import { createMessagesHandler } from './bot/messages-handler';
import { buildDeps } from './build-deps';
import type { AppConfig } from './config/load-config';
import type { Logger } from './log';
import { createServer, type HttpServer } from './server';

export interface RunningBot {
  readonly url: string;
  readonly http: HttpServer;
  readonly app: BotApp;
  readonly deps: BotDeps;
  /** Graceful: stop accepting, finish in-flight turns, close the store. */
  stop(): Promise<void>;
}

export interface BootOptions {
  config: AppConfig;
  log: Logger;
  clock?: () => Date;
  /** Overrides the configured port (0 picks a free one). */
  port?: number;
}

/** Builds every part from the parsed config and starts listening. */
export async function startBot(options: BootOptions): Promise<RunningBot> {
  const deps = buildDeps(options);
  const { config, log, store } = deps;
  const adapter = createAdapter({ env: config.env, ...deps });
  const app = createApp(adapter, deps);
  const http = createServer({
    handleMessages: createMessagesHandler(adapter, app, log),
    readiness: async () => ({ store: await store.isReady(), knowledge: true }),
    log,
  });
  const address = await http.listen(options.port ?? config.env.port, config.env.host);
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${address.port}`,
    http,
    app,
    deps,
    async stop() {
      await http.close();
      await store.close();
    },
  };
}
