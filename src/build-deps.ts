import { resolve } from 'node:path';
import type { BotDeps } from './bot/deps';
import { createCardRenderer } from './cards/render';
import type { AppConfig } from './config/load-config';
import { createPseudonymiser, type Logger } from './log';
import { openSqliteStore } from './store/sqlite/open-sqlite-store';

export interface BuildDepsOptions {
  config: AppConfig;
  log: Logger;
  clock?: () => Date;
}

/** Opens the store and loads content: everything the app needs, built once per process (or test). */
export function buildDeps(options: BuildDepsOptions): BotDeps {
  const { config, log } = options;
  const clock = options.clock ?? (() => new Date());
  const store = openSqliteStore({ dataDir: config.env.dataDir });
  return {
    config,
    store,
    log,
    clock,
    pseudonymise: createPseudonymiser(config.env.pseudonymKey),
    cards: createCardRenderer(resolve('adaptive-cards')),
  };
}
