import { hostname } from 'node:os';
import { loadConfig } from './config/load-config';
import { createForwarding } from './forwarding/create-forwarding';
import { createLogger } from './log';
import { openSqliteStore } from './store/sqlite/open-sqlite-store';

// The forwarding delivery worker on its own (npm run worker). Any number may run beside the bot:
// each claims due events under a lease, so an event is sent by one worker at a time.
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(
    `Configuration problems, not starting:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
const config = loaded.value;
const log = createLogger({ level: config.env.logLevel });
const store = openSqliteStore({ dataDir: config.env.dataDir });
const forwarding = createForwarding({
  config,
  store,
  log,
  owner: `${hostname()}:${process.pid}`,
});
forwarding.worker.start();

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker shutting down');
    forwarding
      .stop()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
