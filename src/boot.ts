import { resolve } from 'node:path';
import { createAdapter } from './bot/adapter';
import { createApp, type BotApp } from './bot/app';
import type { BotDeps } from './bot/deps';
import { createMessagesHandler } from './bot/messages-handler';
import { createCardRenderer } from './cards/render';
import type { AppConfig } from './config/load-config';
import { createPseudonymiser, type Logger } from './log';
import { createServer, type HttpServer } from './server';
import { openSqliteStore } from './store/sqlite/open-sqlite-store';

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
  const { config, log } = options;
  const clock = options.clock ?? (() => new Date());
  const store = openSqliteStore({ dataDir: config.env.dataDir });
  const pseudonymise = createPseudonymiser(config.env.pseudonymKey);
  const cards = createCardRenderer(resolve('adaptive-cards'));
  const deps: BotDeps = { config, store, log, pseudonymise, cards, clock };
  const adapter = createAdapter({ env: config.env, store, log, pseudonymise, clock });
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
