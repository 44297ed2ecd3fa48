// A realistic scan result built the way a scan builds it (collector drafts → buildGraph): every asset
// kind, the edges collectors emit, names with quotes, brackets, pipes, backslashes and newlines, and
// credentials that must never reach an output.

import type { AssetDraft, CollectorOutput, EdgeDraft, KeyRef } from '../../collectors/types.js';
import { buildGraph } from '../../graph/builder.js';
import { appRef } from '../../collectors/types.js';
import { assetId, type AssetKind, type Evidence, type Report } from '../../model/index.js';

/** A full-looking key planted in free text: renderers must mask it. */
export const PLANTED_SECRET = 'sk-proj-Zx81Qw7TnB2vLm4KpR9sYd3Fh6Jc0AeU';
/** What collectors store for a `.env` value: already masked, but still not for outputs. */
export const MASKED_VALUE = 'sk-p…(51)';
export const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
export const FINISHED_AT = '2026-03-04T05:06:07.000Z';

const ev = (file: string, line?: number, snippet?: string): Evidence => ({ file, line, snippet, collector: 'sample' });
const ref = (kind: AssetKind, key: string): KeyRef => ({ kind, key });

/** Natural keys of the sample's assets, so tests can name them without repeating strings. */
export const KEYS = {
  root: ['application', '.'],
  api: ['application', 'services/api'],
  openai: ['ai-service', 'openai'],
  gpt4o: ['model', 'openai/gpt-4o'],
  embed: ['model', 'openai/text-embedding-3-small'],
  llama: ['model', 'huggingface/meta-llama/Llama-3.1-8B'],
  baseModel: ['model', 'huggingface/meta-llama/Llama-3.1-8B-base'],
  gguf: ['model-file', 'models/llama-q4.gguf'],
  openaiLib: ['library', 'npm:openai@4.52.0'],
  langchainLib: ['library', 'pypi:langchain@*'],
  endpoint: ['endpoint', 'https://chat.example.com/v1/chat'],
  tickets: ['dataset', 'data/tickets.csv'],
  s3Data: ['dataset', 's3://acme-ml/train/2024/'],
  squad: ['dataset', 'hf:rajpurkar/squad'],
  vectors: ['vector-store', 'chroma:support-docs'],
  kb: ['knowledge-base', 'confluence:Support | FAQ <b>'],
  prompt: ['prompt', 'prompts/system.md'],
  agent: ['agent', 'app/chat.py#support_agent'],
  tool: ['tool', 'app/tools.py#run_shell'],
  mcpLocal: ['mcp-server', 'github|npx -y @modelcontextprotocol/server-github'],
  mcpRemote: ['mcp-server', 'search|https://mcp.example.com/sse'],
  notebook: ['notebook', 'notebooks/explore.ipynb'],
  pipeline: ['pipeline', '.github/workflows/train.yml#train'],
  openaiKey: ['secret', 'env:OPENAI_API_KEY'],
  githubToken: ['secret', 'env:GITHUB_TOKEN'],
  role: ['identity', 'arn:aws:iam::123456789012:role/ml-trainer'],
  bucket: ['storage', 's3://acme-ml'],
  workload: ['workload', 'k8s:deploy/prod/chat-api'],
  internet: ['network', 'internet'],
} as const satisfies Record<string, readonly [AssetKind, string]>;

export type SampleKey = keyof typeof KEYS;
export function idOf(name: SampleKey): string {
  const [kind, key] = KEYS[name];
  return assetId(kind, key);
}
const r = (name: SampleKey): KeyRef => ref(KEYS[name][0], KEYS[name][1]);

/** Tricky display names, exported so graph tests can assert their exact escaping. */
export const TRICKY = {
  agent: 'support "helper" [beta]',
  tool: 'run|shell {cmd} C:\\tools\\x',
  prompt: 'system prompt\nline two (v2); #1 & <b>',
};

function drafts(): CollectorOutput {
  const assets: AssetDraft[] = [
    { kind: 'application', key: 'services/api', name: 'api', attrs: { manifests: ['services/api/package.json'] }, evidence: [ev('services/api/package.json')] },
    { kind: 'library', key: 'npm:openai@4.52.0', name: 'openai', attrs: { ecosystem: 'npm', package: 'openai', version: '4.52.0', category: 'llm-sdk', provider: 'openai', purl: 'pkg:npm/openai@4.52.0' }, evidence: [ev('services/api/package.json', 12)] },
    { kind: 'library', key: 'pypi:langchain@*', name: 'langchain', attrs: { ecosystem: 'pypi', package: 'langchain', version: '*', category: 'framework', purl: 'pkg:pypi/langchain' }, evidence: [ev('requirements.txt', 3)] },
    { kind: 'ai-service', key: 'openai', name: 'OpenAI', provider: 'openai', evidence: [ev('app/chat.py', 3, 'client = OpenAI()'), ev('services/api/src/llm.ts', 8)] },
    { kind: 'model', key: 'openai/gpt-4o', name: 'gpt-4o', provider: 'openai', attrs: { modelId: 'gpt-4o', task: 'chat' }, evidence: [ev('app/chat.py', 5), ev('app/chat.py', 5), ev('services/api/src/llm.ts', 9)] },
    { kind: 'model', key: 'openai/text-embedding-3-small', name: 'text-embedding-3-small', provider: 'openai', attrs: { modelId: 'text-embedding-3-small' }, evidence: [ev('app/ingest.py', 7)] },
    {
      kind: 'model',
      key: 'huggingface/meta-llama/Llama-3.1-8B',
      name: 'meta-llama/Llama-3.1-8B',
      provider: 'huggingface',
      attrs: { modelId: 'meta-llama/Llama-3.1-8B', task: 'text-generation', approach: 'self-supervised', revision: 'A1B2C3D4', trustRemoteCode: true },
      evidence: [ev('train/finetune.py', 12)],
    },
    { kind: 'model', key: 'huggingface/meta-llama/Llama-3.1-8B-base', name: 'meta-llama/Llama-3.1-8B-base', provider: 'huggingface', attrs: { modelId: 'meta-llama/Llama-3.1-8B-base' }, evidence: [ev('train/finetune.py', 10)] },
    {
      kind: 'model-file',
      key: 'models/llama-q4.gguf',
      name: 'llama-q4.gguf',
      attrs: { format: 'gguf', sizeBytes: 4920734720, sha256: SHA256, architecture: 'llama', parameters: '8B', quantization: 'Q4_K_M' },
      evidence: [ev('models/llama-q4.gguf')],
    },
    { kind: 'endpoint', key: 'https://chat.example.com/v1/chat', name: 'chat endpoint', attrs: { framework: 'fastapi' }, evidence: [ev('deploy/prod/ingress.yaml', 4)] },
    { kind: 'dataset', key: 'data/tickets.csv', name: 'tickets.csv', sensitivity: 'confidential', attrs: { format: 'csv', columns: ['id', 'email', 'body'], rows: 1200 }, evidence: [ev('data/tickets.csv')] },
    { kind: 'dataset', key: 's3://acme-ml/train/2024/', name: 's3://acme-ml/train/2024/', attrs: { uri: 's3://acme-ml/train/2024/', format: 'parquet' }, evidence: [ev('train/finetune.py', 20)] },
    { kind: 'dataset', key: 'hf:rajpurkar/squad', name: 'rajpurkar/squad', attrs: { revision: 'main' }, evidence: [ev('train/finetune.py', 22)] },
    { kind: 'vector-store', key: 'chroma:support-docs', name: 'support-docs', attrs: { product: 'chroma', collection: 'support-docs', persistPath: './chroma' }, evidence: [ev('app/ingest.py', 15)] },
    { kind: 'knowledge-base', key: 'confluence:Support | FAQ <b>', name: 'Support | FAQ <b>', attrs: { product: 'confluence' }, evidence: [ev('app/ingest.py', 2)] },
    { kind: 'prompt', key: 'prompts/system.md', name: TRICKY.prompt, attrs: { role: 'system', preview: 'You are a support bot. Never reveal…', length: 420, format: 'markdown' }, evidence: [ev('prompts/system.md', 1)] },
    { kind: 'agent', key: 'app/chat.py#support_agent', name: TRICKY.agent, attrs: { framework: 'langchain', instructions: 'Answer politely.' }, evidence: [ev('app/chat.py', 30)] },
    {
      kind: 'tool',
      key: 'app/tools.py#run_shell',
      name: TRICKY.tool,
      attrs: { capabilities: ['shell', 'file-write'], framework: 'langchain', description: `Runs a command; api_key="${PLANTED_SECRET}"`, requiresApproval: false },
      evidence: [ev('app/tools.py', 14)],
    },
    {
      kind: 'mcp-server',
      key: 'github|npx -y @modelcontextprotocol/server-github',
      name: 'github',
      attrs: { name: 'github', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], transport: 'stdio', env: { GITHUB_TOKEN: 'ghp_…(40)' }, clients: ['cursor'], version: '2025.4.8' },
      evidence: [ev('.cursor/mcp.json', 3)],
    },
    { kind: 'mcp-server', key: 'search|https://mcp.example.com/sse', name: 'search', attrs: { name: 'search', url: 'https://mcp.example.com/sse', transport: 'sse' }, evidence: [ev('.cursor/mcp.json', 12)] },
    { kind: 'notebook', key: 'notebooks/explore.ipynb', name: 'explore.ipynb', attrs: { kernel: 'python3', language: 'python', cells: 12, codeCells: 8 }, evidence: [ev('notebooks/explore.ipynb')] },
    { kind: 'pipeline', key: '.github/workflows/train.yml#train', name: 'train', attrs: { system: 'github-actions' }, evidence: [ev('.github/workflows/train.yml', 9)] },
    {
      kind: 'secret',
      key: 'env:OPENAI_API_KEY',
      name: 'OPENAI_API_KEY',
      provider: 'openai',
      attrs: { envVar: 'OPENAI_API_KEY', provider: 'openai', hasValue: true, valueMasked: MASKED_VALUE },
      evidence: [ev('.env', 1, `OPENAI_API_KEY=${MASKED_VALUE}`)],
    },
    { kind: 'secret', key: 'env:GITHUB_TOKEN', name: 'GITHUB_TOKEN', attrs: { envVar: 'GITHUB_TOKEN', hasValue: false }, evidence: [ev('.cursor/mcp.json', 6)] },
    { kind: 'identity', key: 'arn:aws:iam::123456789012:role/ml-trainer', name: 'ml-trainer', attrs: { type: 'iam-role' }, evidence: [{ uri: 'arn:aws:iam::123456789012:role/ml-trainer', collector: 'sample' }] },
    { kind: 'storage', key: 's3://acme-ml', name: 'acme-ml', attrs: { product: 's3' }, evidence: [ev('train/finetune.py', 20)] },
    { kind: 'workload', key: 'k8s:deploy/prod/chat-api', name: 'chat-api', attrs: { image: 'images.example.com/acme/chat-api:1.4' }, evidence: [ev('deploy/prod/chat-api.yaml', 1)] },
    { kind: 'network', key: 'internet', name: 'internet' },
  ];
  const e = (from: EdgeDraft['from'], kind: EdgeDraft['kind'], to: EdgeDraft['to']): EdgeDraft => ({ from, kind, to });
  const edges: EdgeDraft[] = [
    e(r('openai'), 'serves', r('gpt4o')),
    e(r('openai'), 'serves', r('embed')),
    e(r('openai'), 'authenticates-with', r('openaiKey')),
    e(r('agent'), 'uses-model', r('gpt4o')),
    e(r('agent'), 'has-tool', r('tool')),
    e(r('agent'), 'uses-prompt', r('prompt')),
    e(r('agent'), 'retrieves-from', r('vectors')),
    e(r('agent'), 'retrieves-from', r('kb')),
    e(r('vectors'), 'embeds-with', r('embed')),
    e(r('llama'), 'trains-on', r('s3Data')),
    e(r('llama'), 'trains-on', r('squad')),
    e(r('llama'), 'fine-tunes-from', r('baseModel')),
    e(r('s3Data'), 'stores-in', r('bucket')),
    e(appRef('app/chat.py'), 'loads', r('gguf')),
    e(r('mcpLocal'), 'authenticates-with', r('githubToken')),
    e(r('internet'), 'exposes', r('endpoint')),
    e(r('endpoint'), 'serves', r('gpt4o')),
    e(r('workload'), 'assumes', r('role')),
    e(r('pipeline'), 'can-access', r('bucket')),
    e(r('api'), 'depends-on', r('openaiLib')),
    e(r('root'), 'depends-on', r('langchainLib')),
  ];
  return { assets, edges, appFacts: [], warnings: [] };
}

export function sampleReport(finishedAt = FINISHED_AT): Report {
  const graph = buildGraph([drafts()], { rootName: 'support-bot', codeowners: '* @acme/platform\n/app/ @acme/support\n' });
  return {
    schemaVersion: '1.0',
    tool: { name: 'aispm', version: '0.1.0' },
    scan: {
      root: 'support-bot',
      source: 'dir',
      startedAt: '2026-03-04T05:06:00.000Z',
      finishedAt,
      stats: { files: 40, bytes: 123456, skipped: 0, durationMs: 7000, byCollector: {} },
    },
    assets: graph.assets,
    edges: graph.edges,
    warnings: [],
  };
}
