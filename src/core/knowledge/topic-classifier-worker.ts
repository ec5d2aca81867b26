// Runs on a worker thread: loads the knowledge base in the folder it is given, trains its topic
// model and posts it back with the fingerprint of what it trained on (see `startTopicTraining`).
import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledge } from './loader';
import { topicFingerprintOf, trainTopicModelOf } from './topic-classifier';

const loaded = loadKnowledge((workerData as { dir: string }).dir);
if (!loaded.ok) {
  parentPort?.postMessage(null);
} else {
  const model = trainTopicModelOf(loaded.value);
  const fingerprint = topicFingerprintOf(loaded.value);
  // The weights move to the main thread rather than being copied.
  const buffers = model
    ? [model.weights.buffer as ArrayBuffer, model.bias.buffer as ArrayBuffer]
    : [];
  parentPort?.postMessage({ fingerprint, model: model ?? null }, buffers);
}
