import type { AppConfig } from '../config/load-config';
import type { CardRenderer } from '../cards/render';
import type { Logger, Pseudonymiser } from '../log';
import type { Store } from '../store/port';

/** Everything the Teams edge needs, built once in the composition root (tests build their own). */
export interface BotDeps {
  readonly config: AppConfig;
  readonly store: Store;
  readonly log: Logger;
  readonly pseudonymise: Pseudonymiser;
  readonly cards: CardRenderer;
  readonly clock: () => Date;
}
