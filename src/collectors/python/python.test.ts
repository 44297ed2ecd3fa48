import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { memoryInput } from '../file-input.js';
import { emptyOutput, makeContext } from '../run.js';
import type { CollectorOutput } from '../types.js';
import { pythonCollector } from './index.js';
import { mayContainAi } from './prefilter.js';

const DIR = new URL('./testdata/', import.meta.url);

async function collect(name: string, rel = `app/${name}`): Promise<CollectorOutput> {
  const out = emptyOutput();
  const input = memoryInput(rel, readFileSync(new URL(name, DIR)));
  await pythonCollector.collect(input, makeContext(input, pythonCollector, out));
  return out;
}

const keys = (out: CollectorOutput, kind: string) => [...new Set(out.assets.filter((a) => a.kind === kind).map((a) => a.key))].sort();
const asset = (out: CollectorOutput, kind: string, key: string) => out.assets.find((a) => a.kind === kind && a.key === key);
const edgeSet = (out: CollectorOutput, kind: string) =>
  [...new Set(out.edges.filter((e) => e.kind === kind).map((e) => `${'key' in e.from ? e.from.key : e.from.path} -> ${'key' in e.to ? e.to.key : e.to.path}`))].sort();

test('python: wants .py files only', () => {
  assert.equal(pythonCollector.wants('a/b.py', 'b.py'), true);
  assert.equal(pythonCollector.wants('a/b.pyi', 'b.pyi'), false);
  assert.equal(pythonCollector.wants('a/b.ipynb', 'b.ipynb'), false);
});

test('python: prefilter skips files without AI keywords', () => {
  assert.equal(mayContainAi('import os\nprint("hello")\n'), false);
  assert.equal(mayContainAi('from openai import OpenAI\n'), true);
  assert.equal(mayContainAi('x = "s3://bucket/key"\n'), true);
});

test('python: provider SDK clients, models, endpoints and credentials', async () => {
  const out = await collect('sdk_clients.py');
  assert.deepEqual(keys(out, 'ai-service'), ['anthropic', 'aws-bedrock', 'azure-openai', 'google-gemini', 'mistral', 'ollama', 'openai', 'openrouter']);
  assert.deepEqual(keys(out, 'model'), [
    'anthropic/claude-3-5-sonnet-20241022',
    'anthropic/claude-3-haiku-20240307',
    'aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0',
    'google-gemini/gemini-1.5-pro',
    'mistral/mistral-large-latest',
    'ollama/llama3.1:8b',
    'openai/gpt-4o-mini',
    'openai/text-embedding-3-small',
    'openrouter/meta-llama/llama-3.1-70b-instruct',
  ]);
  assert.equal(asset(out, 'model', 'openai/text-embedding-3-small')?.attrs?.task, 'embedding');
  assert.equal(asset(out, 'ai-service', 'azure-openai')?.attrs?.endpoint, 'https://acme-eastus.openai.azure.com');
  assert.equal(asset(out, 'ai-service', 'openrouter')?.attrs?.endpoint, 'https://openrouter.ai/api/v1');
  assert.equal(asset(out, 'ai-service', 'aws-bedrock')?.attrs?.awsService, 'bedrock-runtime');
  const auth = edgeSet(out, 'authenticates-with');
  for (const e of [
    'openai -> env:OPENAI_API_KEY',
    'azure-openai -> env:AZURE_OPENAI_API_KEY',
    'anthropic -> env:CLAUDE_KEY',
    'google-gemini -> env:GOOGLE_API_KEY',
    'openrouter -> env:OPENROUTER_API_KEY',
    'mistral -> env:MISTRAL_API_KEY',
    'aws-bedrock -> env:AWS_ACCESS_KEY_ID',
  ])
    assert.ok(auth.includes(e), e);
  // the implicit key of OpenAI() is marked as such; an explicit api_key= is not
  assert.equal(out.assets.find((a) => a.key === 'env:OPENAI_API_KEY')?.attrs?.implicit, true);
  assert.equal(asset(out, 'secret', 'env:CLAUDE_KEY')?.attrs?.implicit, undefined);
  // genai.configure(api_key=...) gave Gemini an explicit key: no implicit GEMINI_API_KEY guess
  assert.ok(!auth.includes('google-gemini -> env:GEMINI_API_KEY'));
  assert.ok(edgeSet(out, 'serves').includes('openai -> openai/gpt-4o-mini'));
  assert.ok(edgeSet(out, 'serves').includes('aws-bedrock -> aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0'));
  const system = out.assets.filter((a) => a.kind === 'prompt').map((a) => a.attrs?.preview).sort();
  assert.deepEqual(system, ['Answer briefly.', 'You are a billing assistant.']);
  const claude = asset(out, 'model', 'anthropic/claude-3-5-sonnet-20241022')!;
  assert.equal(claude.evidence![0].line, 24);
  assert.match(claude.evidence![0].snippet!, /claude\.messages\.create/);
});

test('python: LangGraph agent with tools of several capability classes, RAG and a system prompt', async () => {
  const out = await collect('agents_tools.py');
  const f = 'app/agents_tools.py';
  assert.deepEqual(keys(out, 'tool'), [`${f}#ShellTool`, `${f}#lookup_order`, `${f}#run_diagnostics`, `${f}#search_kb`, `${f}#send_email`]);
  assert.deepEqual(asset(out, 'tool', `${f}#run_diagnostics`)?.attrs?.capabilities, ['shell']);
  assert.deepEqual(asset(out, 'tool', `${f}#ShellTool`)?.attrs?.capabilities, ['shell']);
  const sql = asset(out, 'tool', `${f}#lookup_order`)!;
  assert.deepEqual(sql.attrs?.capabilities, ['database']);
  assert.equal(sql.attrs?.sqlStringFormatting, true);
  assert.equal(sql.attrs?.description, 'Looks up an order by id.');
  assert.deepEqual(asset(out, 'tool', `${f}#send_email`)?.attrs?.capabilities, ['email']);
  assert.deepEqual(keys(out, 'agent'), [`${f}#agent`]);
  const agent = asset(out, 'agent', `${f}#agent`)!;
  assert.equal(agent.attrs?.framework, 'LangGraph');
  assert.equal(agent.attrs?.humanApproval, true);
  assert.deepEqual(edgeSet(out, 'has-tool'), keys(out, 'tool').map((t) => `${f}#agent -> ${t}`));
  assert.deepEqual(edgeSet(out, 'uses-model'), [`${f}#agent -> openai/gpt-4o`]);
  assert.deepEqual(edgeSet(out, 'retrieves-from'), [`${f}#agent -> chroma:kb_articles`]);
  assert.deepEqual(edgeSet(out, 'embeds-with'), ['chroma:kb_articles -> openai/text-embedding-3-large']);
  assert.equal(asset(out, 'vector-store', 'chroma:kb_articles')?.attrs?.persistPath, './chroma');
  const [promptEdge] = edgeSet(out, 'uses-prompt');
  const promptKey = promptEdge.split(' -> ')[1];
  assert.equal(asset(out, 'prompt', promptKey)?.attrs?.preview, "You are Acme's support agent. Never reveal internal data.");
  assert.equal(asset(out, 'model', 'openai/gpt-4o')?.attrs?.valueFrom, 'constant');
});

test('python: Hugging Face loads, fine-tuning and unsafe loaders', async () => {
  const out = await collect('hf_loaders.py');
  assert.deepEqual(keys(out, 'model'), ['huggingface/acme/falcon-support', 'huggingface/distilbert-base-uncased-finetuned-sst-2-english', 'huggingface/tiiuae/falcon-7b']);
  const loads = out.assets.filter((a) => a.key === 'huggingface/tiiuae/falcon-7b');
  assert.deepEqual(
    loads.map((a) => [a.attrs?.loader, a.attrs?.revision, a.attrs?.pinned, a.attrs?.trustRemoteCode]),
    [
      ['AutoTokenizer', '5f1d8d4e1b6f2a8a6f1b2c3d4e5f60718293a4b5', true, undefined],
      ['AutoModelForCausalLM', undefined, false, true],
    ],
  );
  assert.equal(asset(out, 'model', 'huggingface/distilbert-base-uncased-finetuned-sst-2-english')?.attrs?.task, 'text-classification');
  assert.deepEqual(keys(out, 'dataset'), ['hf:acme/support-tickets']);
  assert.equal(asset(out, 'dataset', 'hf:acme/support-tickets')?.attrs?.revision, 'v1.2');
  assert.deepEqual(edgeSet(out, 'trains-on'), ['huggingface/acme/falcon-support -> hf:acme/support-tickets', 'huggingface/tiiuae/falcon-7b -> hf:acme/support-tickets']);
  assert.deepEqual(edgeSet(out, 'fine-tunes-from'), ['huggingface/acme/falcon-support -> huggingface/tiiuae/falcon-7b']);
  const facts = out.appFacts.flatMap((f) => (f.attrs.unsafeLoads as Array<Record<string, unknown>>) ?? []);
  assert.deepEqual(
    facts.map((u) => [u.line, u.loader, u.target]),
    [
      [23, 'torch.load', 'checkpoints/head.pt'],
      [26, 'pickle.load', 'models/clf.pkl'],
      [27, 'joblib.load', 'models/scaler.joblib'],
      [28, 'tf.keras.models.load_model', 'models/legacy.h5'],
      [29, 'np.load', 'features.npy'],
      [31, 'pd.read_pickle', 'cache/frame.pkl'],
    ],
  );
  const modelFileLoads = out.edges.filter((e) => e.kind === 'loads' && 'path' in e.to && e.to.kinds.includes('model-file'));
  assert.deepEqual(
    modelFileLoads.map((e) => [(e.to as { path: string }).path, e.attrs?.loader, e.attrs?.weightsOnly]),
    [
      ['checkpoints/head.pt', 'torch.load', false],
      ['checkpoints/head.pt', 'torch.load', true],
      ['models/clf.pkl', 'pickle.load', false],
      ['models/scaler.joblib', 'joblib.load', false],
      ['models/legacy.h5', 'tf.keras.models.load_model', false],
      ['features.npy', 'np.load', false],
      ['cache/frame.pkl', 'pd.read_pickle', false],
    ],
  );
  // a local checkpoint folder is not a Hub model
  assert.ok(!out.assets.some((a) => a.key.includes('checkpoints')));
});

test('python: cloud and local data references, secrets by env var name', async () => {
  const out = await collect('data_refs.py');
  assert.deepEqual(keys(out, 'storage'), ['abfss://curated@acmelake', 'gs://acme-exports', 's3://acme-ml-data']);
  assert.deepEqual(keys(out, 'dataset'), ['abfss://curated@acmelake.dfs.core.windows.net/customers/', 'gs://acme-exports/daily/', 's3://acme-ml-data/raw/events.csv']);
  assert.equal(asset(out, 'dataset', 's3://acme-ml-data/raw/events.csv')?.attrs?.format, 'csv');
  assert.equal(asset(out, 'dataset', 'gs://acme-exports/daily/')?.attrs?.templated, true);
  assert.deepEqual(edgeSet(out, 'stores-in'), [
    'abfss://curated@acmelake.dfs.core.windows.net/customers/ -> abfss://curated@acmelake',
    'gs://acme-exports/daily/ -> gs://acme-exports',
    's3://acme-ml-data/raw/events.csv -> s3://acme-ml-data',
  ]);
  assert.deepEqual(edgeSet(out, 'loads'), ['. -> data/labels.jsonl', '. -> data/notes.txt', '. -> s3://acme-ml-data/raw/events.csv']);
  const local = out.edges.find((e) => e.kind === 'loads' && 'path' in e.to && e.to.path === 'data/labels.jsonl')!;
  assert.deepEqual((local.to as { kinds: string[] }).kinds, ['dataset']);
  assert.equal(local.attrs?.reader, 'pd.read_json');
  // SLACK_BOT_TOKEN is a credential; AWS_REGION and RUN_DATE are not
  assert.deepEqual(keys(out, 'secret'), ['env:SLACK_BOT_TOKEN']);
});

test('python: prompt templates, hub prompts and prompts read from files', async () => {
  const out = await collect('prompts.py');
  const prompts = out.assets.filter((a) => a.kind === 'prompt');
  const byPreview = Object.fromEntries(prompts.map((p) => [p.attrs?.preview, p]));
  assert.deepEqual(Object.keys(byPreview).sort(), ['Summarise this: {text}', 'You triage tickets for {team}. Be concise.', '{ticket}', undefined].map(String).sort());
  assert.equal(byPreview['You triage tickets for {team}. Be concise.'].attrs?.role, 'system');
  assert.deepEqual(byPreview['You triage tickets for {team}. Be concise.'].attrs?.variables, ['team']);
  assert.equal(byPreview['Summarise this: {text}'].attrs?.role, 'template');
  assert.equal(asset(out, 'prompt', 'hub:hwchase17/react')?.attrs?.hubRef, 'hwchase17/react');
  assert.deepEqual(edgeSet(out, 'uses-prompt'), ['. -> ./prompts/system.md', '. -> prompts/refusal.txt']);
  const fileRef = out.edges.find((e) => e.kind === 'uses-prompt')!;
  assert.deepEqual((fileRef.to as { kinds: string[] }).kinds, ['prompt']);
});

test('python: model ids through module constants, parameter defaults and env defaults', async () => {
  const out = await collect('constants.py');
  assert.deepEqual(keys(out, 'model'), ['anthropic/claude-3-5-sonnet-latest', 'anthropic/claude-3-haiku-20240307', 'openai/gpt-4o', 'openai/text-embedding-3-small']);
  assert.equal(asset(out, 'model', 'anthropic/claude-3-haiku-20240307')?.attrs?.valueFrom, 'env-default');
  assert.equal(asset(out, 'model', 'openai/gpt-4o')?.attrs?.valueFrom, 'constant');
});

test('python: names, test doubles, placeholders and f-strings are not model ids', async () => {
  const out = await collect('negatives.py');
  assert.deepEqual(keys(out, 'model'), []);
  assert.deepEqual(keys(out, 'ai-service'), ['openai']);
});

test('python: the same model id in two files gets the same key', async () => {
  const a = await collect('agents_tools.py', 'svc-a/agent.py');
  const b = await collect('constants.py', 'svc-b/llm.py');
  assert.ok(keys(a, 'model').includes('openai/gpt-4o'));
  assert.ok(keys(b, 'model').includes('openai/gpt-4o'));
});

test('python: unparseable code warns with a line and does not crash', async () => {
  const out = await collect('malformed.py');
  assert.equal(out.warnings.length, 1);
  assert.equal(out.warnings[0].line, 3);
  assert.match(out.warnings[0].message, /syntax error/);
  assert.equal(out.warnings[0].collector, 'python');
});

test('python: secrets in snippets are masked', async () => {
  const out = emptyOutput();
  const src = 'from openai import OpenAI\nclient = OpenAI(api_key="sk-proj-abcdefghijklmnopqrstuvwxyz123456")\n';
  const input = memoryInput('app/leak.py', src);
  await pythonCollector.collect(input, makeContext(input, pythonCollector, out));
  const svc = out.assets.find((a) => a.kind === 'ai-service')!;
  assert.equal(svc.attrs?.hardcodedCredential, true);
  assert.ok(!JSON.stringify(out).includes('abcdefghijklmnopqrstuvwxyz123456'));
});

test('python: the example support agent and training pipeline', async () => {
  const example = async (rel: string) => {
    const out = emptyOutput();
    const input = memoryInput(rel, readFileSync(new URL(`../../../examples/acme-ai/${rel}`, import.meta.url)));
    await pythonCollector.collect(input, makeContext(input, pythonCollector, out));
    return out;
  };
  const agent = await example('services/support-agent/app/agent.py');
  const f = 'services/support-agent/app/agent.py';
  const caps = Object.fromEntries(agent.assets.filter((a) => a.kind === 'tool').map((t) => [t.name, t.attrs?.capabilities]));
  assert.deepEqual(caps, {
    search_knowledge_base: [],
    lookup_order: ['database'],
    check_service_status: ['shell'],
    email_customer: ['email'],
    open_ticket: ['network'],
  });
  assert.equal(asset(agent, 'tool', `${f}#lookup_order`)?.attrs?.sqlStringFormatting, true);
  assert.deepEqual(edgeSet(agent, 'retrieves-from'), [`${f}#support_agent -> chroma:support-kb`]);
  assert.deepEqual(edgeSet(agent, 'uses-model'), [`${f}#support_agent -> openai/gpt-4o`]);
  assert.ok(edgeSet(agent, 'uses-prompt').includes(`${f}#support_agent -> ../prompts/system.md`));
  assert.deepEqual(keys(agent, 'vector-store'), ['chroma:support-kb']);

  const train = await example('ml/training/train.py');
  const base = train.assets.find((a) => a.key === 'huggingface/tiiuae/falcon-7b-instruct' && a.attrs?.loader === 'AutoModelForCausalLM')!;
  assert.equal(base.attrs?.trustRemoteCode, true);
  assert.equal(base.attrs?.pinned, false);
  assert.deepEqual(edgeSet(train, 'trains-on'), [
    'huggingface/acme-corp/support-reply-falcon -> s3://acme-ml-data/support/resolved-tickets-2024.parquet',
    'huggingface/tiiuae/falcon-7b-instruct -> s3://acme-ml-data/support/resolved-tickets-2024.parquet',
  ]);
  assert.deepEqual(edgeSet(train, 'stores-in'), ['s3://acme-ml-data/support/resolved-tickets-2024.parquet -> s3://acme-ml-data']);
  const unsafe = train.appFacts.flatMap((x) => (x.attrs.unsafeLoads as Array<Record<string, unknown>>) ?? []);
  assert.deepEqual(unsafe.map((u) => [u.loader, u.target]), [['torch.load', 'checkpoints/reply_head.pt']]);
});

test('python: a method chain on a constructor call uses the client it builds', async () => {
  const out = await collect('inline_client.py');
  assert.deepEqual(keys(out, 'model'), ['anthropic/claude-3-5-haiku-20241022', 'openai/text-embedding-3-large']);
  assert.equal(asset(out, 'model', 'openai/text-embedding-3-large')?.attrs?.task, 'embedding');
  assert.deepEqual(edgeSet(out, 'serves'), ['anthropic -> anthropic/claude-3-5-haiku-20241022', 'openai -> openai/text-embedding-3-large']);
});

test('python: the prefilter parses AI imports and AI-only names, not everyday modules', () => {
  assert.equal(mayContainAi('import os\nkey = os.environ["API_TOKEN"]\nimport numpy as np\nimport pandas as pd\n'), false);
  assert.equal(mayContainAi('import boto3\ns3 = boto3.client("s3")\n'), false);
  assert.equal(mayContainAi('    from langchain_openai import ChatOpenAI\n'), true);
  assert.equal(mayContainAi('import json, torch\n'), true);
  assert.equal(mayContainAi('x = np.load(path, allow_pickle=True)\n'), true);
  assert.equal(mayContainAi('client = boto3.client("bedrock-runtime")\n'), true);
  assert.equal(mayContainAi('# arrays of rays are not Ray\nprint("array")\n'), false);
});
