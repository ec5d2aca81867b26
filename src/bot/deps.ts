import type { AppConfig } from '../config/load-config';
import type { CardRenderer } from '../cards/render';
import type { DeclarationService } from '../core/declarations/service';
import type { EscalationService } from '../core/escalations/service';
import type { LearningLoop } from '../core/knowledge/learning';
import type { KnowledgeService } from '../core/knowledge/service';
import type { Logger, Pseudonymiser } from '../log';
import type { Store } from '../store/port';
import type { EscalationOutbound } from './proactive-escalations';

/** Everything the Teams edge needs, built once in the composition root (tests build their own). */
export interface BotDeps {
  readonly config: AppConfig;
  readonly store: Store;
  readonly log: Logger;
  readonly pseudonymise: Pseudonymiser;
  readonly cards: CardRenderer;
  readonly clock: () => Date;
  /** Declaration forms, drafts, submissions, updates and withdrawals. */
  readonly declarations: DeclarationService;
  /** The curated knowledge base (hot-reloadable) and the curators' learning loop. */
  readonly knowledge: KnowledgeService;
  readonly learning: LearningLoop;
  /** Adviser tickets: the lifecycle and who may do what. */
  readonly escalations: EscalationService;
  /**
   * Proactive escalation messages through the real adapter, set by boot so the timers and the routes
   * share one rate-limited messenger; without it, createApp builds one from its adapter.
   */
  readonly escalationOutbound?: EscalationOutbound;
}
