// Small hand-written reports whose every asset, attribute and edge the tests know by name.
import { assetId } from '../../src/model/ids.js';
import type { Asset, Edge } from '../../src/model/asset.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../../src/model/report.js';

export const T1 = '2025-01-01T10:00:00.000Z';
export const T2 = '2025-01-02T10:00:00.000Z';
export const T3 = '2025-01-03T10:00:00.000Z';
export const T4 = '2025-01-04T10:00:00.000Z';
export const T5 = '2025-01-05T10:00:00.000Z';

export const APP_ID = assetId('application', 'shop');
export const MODEL_ID = assetId('model', 'openai/gpt-4o');
export const SERVICE_ID = assetId('ai-service', 'openai');
export const SECRET_ID = assetId('secret', 'OPENAI_API_KEY');

export function app(): Asset {
  return { id: APP_ID, kind: 'application', key: 'shop', name: 'shop', attrs: {}, evidence: [], tags: [] };
}

export function model(over: Partial<Asset> = {}): Asset {
  return {
    id: MODEL_ID,
    kind: 'model',
    key: 'openai/gpt-4o',
    name: 'gpt-4o',
    provider: 'openai',
    attrs: { version: '2024-05-13', params: { temperature: 0.2, maxTokens: 512 } },
    evidence: [
      { file: 'app/chat.py', line: 12, snippet: 'model="gpt-4o"', collector: 'python' },
      { file: 'app/batch.py', line: 40, snippet: 'model="gpt-4o"', collector: 'python' },
    ],
    owner: 'team-ai',
    tags: ['llm'],
    ...over,
  };
}

export function service(): Asset {
  return {
    id: SERVICE_ID, kind: 'ai-service', key: 'openai', name: 'OpenAI', provider: 'openai', attrs: {},
    evidence: [{ file: 'requirements.txt', line: 3, collector: 'python' }], tags: [],
  };
}

export function secret(): Asset {
  return {
    id: SECRET_ID, kind: 'secret', key: 'OPENAI_API_KEY', name: 'OPENAI_API_KEY', attrs: { source: 'env' },
    evidence: [{ file: '.env', line: 1, snippet: 'OPENAI_API_KEY=sk-****', collector: 'env' }], tags: ['credential'],
    sensitivity: 'restricted',
  };
}

export const USES_MODEL: Edge = { from: APP_ID, to: MODEL_ID, kind: 'uses-model' };
export const CALLS_SERVICE: Edge = { from: APP_ID, to: SERVICE_ID, kind: 'calls-service' };
export const AUTH_WITH: Edge = { from: APP_ID, to: SECRET_ID, kind: 'authenticates-with' };

export function report(source: string, startedAt: string, assets: Asset[], edges: Edge[], scanId?: string): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'aispm', version: '0.0.0-test' },
    scan: {
      id: scanId,
      root: `./${source}`,
      source,
      startedAt,
      finishedAt: startedAt,
      stats: { files: 4, bytes: 100, skipped: 0, durationMs: 5, byCollector: {} },
    },
    assets,
    edges,
    warnings: [{ file: 'app/broken.yaml', line: 2, message: 'could not parse', collector: 'yaml' }],
  };
}

/** The baseline every test starts from: app, model, service and secret with three edges. */
export function baseline(source: string, startedAt = T1, scanId?: string): Report {
  return report(source, startedAt, [app(), model(), service(), secret()], [USES_MODEL, CALLS_SERVICE, AUTH_WITH], scanId);
}
