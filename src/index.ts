import { loadConfig } from './config/load-config';
import { startTopicTraining } from './core/knowledge/topic-classifier-thread';
import { createLogger } from './log';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(
    `Configuration problems, not starting:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
const config = loaded.value;
const log = createLogger({ level: config.env.logLevel });
// The knowledge base's topic classifier trains on a worker thread while the Bot Framework and Teams
// AI libraries load (about a second), so it adds nothing to the start.
const topics = startTopicTraining(config.agency.knowledge.dir);

async function main(): Promise<void> {
  const { startBot } = await import('./boot.js');
  const bot = await startBot({ config, log, topics });
  if (config.env.mode === 'local') {
    process.stdout.write(
      `\n  LOCAL TESTING MODE: anonymous Bot Framework auth, loopback only.\n  Not for real users or real declarations.\n  Bot endpoint: ${bot.url}/api/messages\n\n`,
    );
  }
  log.info({ mode: config.env.mode, url: bot.url }, 'integrity assistant listening');

  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      bot.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  const err = error instanceof Error ? error : new Error('non-error thrown');
  // Start-up failures are configuration or infrastructure, never user content: the message helps.
  log.fatal(
    { errName: err.name, errCode: (err as { code?: unknown }).code, errMessage: err.message },
    'failed to start',
  );
  process.exitCode = 1;
});
