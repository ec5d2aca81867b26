import { join, resolve } from 'node:path';
import type { BotDeps } from './bot/deps';
import { createCardRenderer } from './cards/render';
import type { AppConfig } from './config/load-config';
import { createDeclarationService } from './core/declarations/service';
import { createFileFaqDraftSink } from './core/escalations/faq-draft';
import { createEscalationService } from './core/escalations/service';
import { createWorkingCalendar } from './core/escalations/working-hours';
import { createRouter } from './core/forwarding/routing';
import { createLearningLoop } from './core/knowledge/learning';
import { createKnowledgeService } from './core/knowledge/service';
import { startTopicTraining, type TopicTraining } from './core/knowledge/topic-classifier-thread';
import { createPseudonymiser, type Logger } from './log';
import { openSqliteStore } from './store/sqlite/open-sqlite-store';

export interface BuildDepsOptions {
  config: AppConfig;
  log: Logger;
  clock?: () => Date;
  /** The knowledge base's topic classifier, when its training started earlier (see index.ts). */
  topics?: TopicTraining;
}

/** Opens the store and loads content: everything the app needs, built once per process (or test). */
export function buildDeps(options: BuildDepsOptions): BotDeps {
  const { config, log } = options;
  const clock = options.clock ?? (() => new Date());
  // The knowledge base loads first: one that fails lint stops the start before anything opens.
  // Its topic classifier trains on a worker thread while the SDKs, store and server load.
  const knowledge = createKnowledgeService({
    config: config.agency.knowledge,
    clock,
    topics: options.topics ?? startTopicTraining(config.agency.knowledge.dir),
  });
  if (!knowledge.ok) {
    throw new Error(
      `knowledge base in "${config.agency.knowledge.dir}" failed to load or lint (run "npm run kb -- lint"): ${knowledge.problems.join('; ')}`,
    );
  }
  const store = openSqliteStore({ dataDir: config.env.dataDir });
  return {
    config,
    store,
    log,
    clock,
    pseudonymise: createPseudonymiser(config.env.pseudonymKey),
    cards: createCardRenderer(resolve('adaptive-cards')),
    knowledge: knowledge.value,
    learning: createLearningLoop(store.learning, {
      retentionDays: config.agency.knowledge.learningRetentionDays,
      clock,
    }),
    declarations: createDeclarationService({
      repo: store.declarations,
      config: config.agency.declarations,
      clock,
      routeFor: createRouter(config.agency.forwarding),
    }),
    escalations: createEscalationService({
      tickets: store.tickets,
      audit: store.audit,
      config: config.agency.escalations,
      calendar: createWorkingCalendar(config.agency.escalations),
      drafts: createFileFaqDraftSink(
        resolve(config.agency.escalations.draftsDir ?? join(config.agency.knowledge.dir, 'drafts')),
      ),
      clock,
      draftOwner: config.agency.agency.integrityContact.name,
    }),
  };
}
