// The registry of collectors, in the order they run on a file. Adding a collector: a folder under
// src/collectors/ with index.ts, tests and testdata/, and one line here.

import { ciCollector } from './ci/index.js';
import { cloudformationCollector } from './cloudformation/index.js';
import { composeCollector } from './compose/index.js';
import { datasetsCollector } from './datasets/index.js';
import { dockerfileCollector } from './dockerfile/index.js';
import { documentsCollector } from './documents/index.js';
import { dotenvCollector } from './dotenv/index.js';
import { egressLogsCollector } from './egress-logs/index.js';
import { importsCollector } from './imports/index.js';
import { javascriptCollector } from './javascript/index.js';
import { kubernetesCollector } from './kubernetes/index.js';
import { manifestsCollector } from './manifests/index.js';
import { mcpCollector } from './mcp/index.js';
import { notebookCollector } from './notebook/index.js';
import { pythonCollector } from './python/index.js';
import { modelFilesCollector } from './model-files/index.js';
import { promptsCollector } from './prompts/index.js';
import { terraformCollector } from './terraform/index.js';
import type { Collector } from './types.js';

export const COLLECTORS: Collector[] = [
  // code and notebooks
  pythonCollector,
  notebookCollector,
  javascriptCollector,
  importsCollector,
  // manifests and configuration
  manifestsCollector,
  dotenvCollector,
  mcpCollector,
  promptsCollector,
  // models and data
  modelFilesCollector,
  datasetsCollector,
  documentsCollector,
  // infrastructure, CI and egress evidence
  terraformCollector,
  cloudformationCollector,
  kubernetesCollector,
  composeCollector,
  dockerfileCollector,
  ciCollector,
  egressLogsCollector,
];

export function selectCollectors(ids?: string[]): Collector[] {
  if (!ids?.length) return COLLECTORS;
  const unknown = ids.filter((id) => !COLLECTORS.some((c) => c.id === id));
  if (unknown.length) throw new Error(`unknown collector(s): ${unknown.join(', ')}; known: ${COLLECTORS.map((c) => c.id).join(', ')}`);
  return COLLECTORS.filter((c) => ids.includes(c.id));
}
