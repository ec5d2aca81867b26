import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TopicModel } from './topic-classifier';

/** A topic model trained on another thread, with the fingerprint of the content it learnt from. */
export interface TrainedTopics {
  readonly fingerprint: string;
  /** Null when the knowledge base gets no classifier (too many articles, no everyday questions). */
  readonly model: TopicModel | null;
}

/**
 * Training under way. Never rejects: undefined when the folder did not load (the main thread
 * reports why) or the worker failed (the main thread then trains itself).
 */
export type TopicTraining = Promise<TrainedTopics | undefined>;

/**
 * Starts training the topic classifier for the knowledge base in `dir` on a worker thread, so a
 * starting bot loads its SDKs, store and server meanwhile (training takes under a second for
 * 45 articles). Training is deterministic: the result is the one the main thread would get.
 */
export function startTopicTraining(dir: string): TopicTraining {
  // The worker is this folder's sibling module, run the same way as this one: compiled, or as
  // TypeScript under tsx (development and tests). A worker does not inherit tsx's loader, so it
  // registers tsx's require hook itself first.
  const source = extname(__filename) === '.ts';
  const file = join(__dirname, `topic-classifier-worker${source ? '.ts' : '.js'}`);
  const workerData = { dir };
  return new Promise((resolve) => {
    const worker = source
      ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, {
          eval: true,
          workerData,
        })
      : new Worker(file, { workerData });
    worker.once('message', (message: TrainedTopics | null) => {
      resolve(message ?? undefined);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
