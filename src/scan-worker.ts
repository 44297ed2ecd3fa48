// Worker-thread side of the scan pool: receives batches of files, returns plain collector output.

import { parentPort, workerData } from 'node:worker_threads';
import { selectCollectors } from './collectors/index.js';
import { runBatch, type BatchFile } from './collectors/dispatch.js';
import type { ReadLimits } from './collectors/file-input.js';

const { collectorIds, limits, content } = workerData as { collectorIds: string[]; limits: ReadLimits; content: boolean };
const collectors = selectCollectors(collectorIds);

parentPort!.on('message', async (batch: BatchFile[]) => {
  const result = await runBatch(batch, collectors, limits, content);
  parentPort!.postMessage({ result });
});
parentPort!.postMessage({ ready: true });
