import { watch, type FSWatcher } from 'node:fs';
import type { LearningLoop } from '../core/knowledge/learning';
import type { KnowledgeService } from '../core/knowledge/service';
import type { Logger } from '../log';

export interface KnowledgeReloadOptions {
  readonly knowledge: KnowledgeService;
  readonly dir: string;
  readonly log: Logger;
  /** Watch the folder for changes (local mode by default). */
  readonly watchFiles: boolean;
  /** Reload on SIGHUP (always on in production). */
  readonly onSighup: boolean;
  readonly debounceMs?: number;
}

/**
 * Reloads the knowledge base when its files change or on SIGHUP. A reload builds a new index and
 * swaps it in one assignment, so turns in flight finish on the old one; a knowledge base that fails
 * lint is refused and the old one stays live. Returns a function that stops watching.
 */
export function startKnowledgeReload(options: KnowledgeReloadOptions): () => void {
  const { knowledge, log } = options;
  const reload = (trigger: 'files' | 'sighup') => {
    const result = knowledge.reload();
    if (result.ok) {
      log.info(
        { trigger, kbVersion: result.value.version, articles: result.value.articles.length },
        'knowledge base reloaded',
      );
    } else {
      // Problems name curated files and fields, never user content.
      log.warn(
        { trigger, problems: result.problems.length, first: result.problems.slice(0, 5) },
        'knowledge base reload refused: it does not pass lint; the previous one stays live',
      );
    }
  };

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watchFiles) {
    try {
      watcher = watch(options.dir, { recursive: true }, (_event, file) => {
        // Drafts are not live content; editors' swap files are noise.
        const name = typeof file === 'string' ? file : '';
        if (name.startsWith('drafts') || /(~|\.swp|\.tmp)$/.test(name)) return;
        clearTimeout(timer);
        timer = setTimeout(() => reload('files'), options.debounceMs ?? 250);
        timer.unref();
      });
      watcher.on('error', () => log.warn('knowledge folder watcher stopped'));
      watcher.unref();
    } catch (error) {
      log.warn(
        { errCode: (error as NodeJS.ErrnoException).code },
        'cannot watch the knowledge folder',
      );
    }
  }
  const onSighup = () => reload('sighup');
  if (options.onSighup) process.on('SIGHUP', onSighup);
  return () => {
    clearTimeout(timer);
    watcher?.close();
    if (options.onSighup) process.off('SIGHUP', onSighup);
  };
}

/**
 * Purges learning-loop entries older than the retention period: once at start, then every
 * `intervalMs`. Returns a function that stops the timer.
 */
export function startLearningPurge(
  learning: LearningLoop,
  log: Logger,
  intervalMs = 6 * 60 * 60 * 1000,
): () => void {
  const purge = () => {
    learning.purge().then(
      (purged) => {
        if (purged > 0) log.info({ purged }, 'learning loop entries past retention purged');
      },
      (error: unknown) =>
        log.warn(
          { errName: error instanceof Error ? error.name : 'unknown' },
          'learning purge failed',
        ),
    );
  };
  purge();
  const timer = setInterval(purge, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
