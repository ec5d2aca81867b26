import { createAdapter } from './bot/adapter';
import { createApp, type BotApp } from './bot/app';
import type { BotDeps } from './bot/deps';
import { startKnowledgeReload, startLearningPurge } from './bot/knowledge-reload';
import { createMessagesHandler } from './bot/messages-handler';
import { createAdapterEscalationOutbound } from './bot/proactive-escalations';
import { buildDeps } from './build-deps';
import type { AppConfig } from './config/load-config';
import { createEscalationScheduler } from './core/escalations/scheduler';
import { combineAlertSinks, createLogAlertSink } from './core/forwarding/alerts';
import type { DeliveryWorker } from './core/forwarding/worker';
import type { TopicTraining } from './core/knowledge/topic-classifier-thread';
import { createForwarding } from './forwarding/create-forwarding';
import type { Logger } from './log';
import { createServer, type HttpServer } from './server';

export interface RunningBot {
  readonly url: string;
  readonly http: HttpServer;
  readonly app: BotApp;
  readonly deps: BotDeps;
  /** The forwarding delivery worker, when this process runs one (RUN_WORKER). */
  readonly worker?: DeliveryWorker;
  /** Graceful: stop accepting, finish in-flight turns and deliveries, close the store. */
  stop(): Promise<void>;
}

export interface BootOptions {
  config: AppConfig;
  log: Logger;
  clock?: () => Date;
  /** Overrides the configured port (0 picks a free one). */
  port?: number;
  /** The knowledge base's topic classifier, when its training started before the SDKs loaded. */
  topics?: TopicTraining;
}

/** Builds every part from the parsed config and starts listening. */
export async function startBot(options: BootOptions): Promise<RunningBot> {
  const deps = buildDeps(options);
  const { config, log, store } = deps;
  const adapter = createAdapter({ env: config.env, ...deps });
  // One rate-limited proactive messenger for the routes, the escalation timers and alerts.
  const escalationOutbound = createAdapterEscalationOutbound(adapter, deps);
  const app = createApp(adapter, { ...deps, escalationOutbound });
  const http = createServer({
    handleMessages: createMessagesHandler(adapter, app, log),
    readiness: async () => ({
      store: await store.isReady(),
      knowledge: deps.knowledge.current().articles.length > 0 && deps.knowledge.complete(),
    }),
    log,
  });
  const address = await http.listen(options.port ?? config.env.port, config.env.host);
  const { watch } = config.agency.knowledge;
  const stopKnowledgeReload = startKnowledgeReload({
    knowledge: deps.knowledge,
    dir: config.agency.knowledge.dir,
    log,
    watchFiles: watch === 'always' || (watch === 'auto' && config.env.mode === 'local'),
    onSighup: config.env.mode === 'production',
  });
  const stopLearningPurge = startLearningPurge(deps.learning, log);
  const forwarding = config.env.runWorker
    ? createForwarding({
        config,
        store,
        log,
        alerts: combineAlertSinks([createLogAlertSink(log), escalationOutbound.alertSink], log),
        ...(options.clock ? { clock: options.clock } : {}),
      })
    : undefined;
  forwarding?.worker.start();
  // Unassigned-ticket reminders and auto-close run with the other background work.
  const escalationTimers = config.env.runWorker
    ? createEscalationScheduler({
        service: deps.escalations,
        notices: escalationOutbound,
        log: log.child({ component: 'escalations' }),
      })
    : undefined;
  escalationTimers?.start();
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  // The knowledge base's topic classifier trained on a worker thread meanwhile; /readyz says
  // "not ready" until it is in place, and so does this promise.
  await deps.knowledge.whenComplete();
  return {
    url: `http://${host}:${address.port}`,
    http,
    app,
    deps: { ...deps, escalationOutbound },
    ...(forwarding ? { worker: forwarding.worker } : {}),
    async stop() {
      stopKnowledgeReload();
      stopLearningPurge();
      await http.close();
      await escalationTimers?.stop();
      await forwarding?.stop();
      await escalationOutbound.idle();
      await store.close();
    },
  };
}
