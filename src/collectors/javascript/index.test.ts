import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { javascriptCollector } from './index.js';
import { assetLines, attrsOf, collectFixture, collectText, edgeLines, linesOf } from './test-helpers.js';

const run = (name: string) => collectFixture(javascriptCollector, import.meta.url, name);
const inline = (text: string) => `inline:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

test('wants JavaScript and TypeScript sources, never declaration files or minified bundles', () => {
  const wants = (rel: string) => javascriptCollector.wants(rel, rel.split('/').pop()!.toLowerCase());
  assert.deepEqual(
    ['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'A.tsx', 'types.d.ts', 'vendor.min.js', 'node_modules/x/a.js', 'a.py'].map(wants),
    [true, true, true, true, true, true, true, true, false, false, false, false],
  );
});

test('OpenAI clients: default, Azure, and OpenAI-compatible base URLs (OpenRouter, LiteLLM, Ollama)', async () => {
  const out = await run('openai-clients.ts');
  const system = 'You summarise support tickets in three bullet points.';
  assert.deepEqual(assetLines(out), [
    'ai-service azure-openai',
    'ai-service litellm',
    'ai-service ollama',
    'ai-service openai',
    'ai-service openrouter',
    'model anthropic/claude-3-5-haiku-20241022',
    'model azure-openai/gpt-4o',
    'model ollama/qwen2.5-coder:7b',
    'model openai/gpt-4o',
    'model openai/text-embedding-3-large',
    'model openrouter/meta-llama/llama-3.1-70b-instruct',
    `prompt ${inline(system)}`,
    'secret env:AZURE_OPENAI_API_KEY',
    'secret env:LITELLM_API_KEY',
    'secret env:OPENAI_API_KEY',
    'secret env:OPENROUTER_API_KEY',
  ]);
  assert.deepEqual(edgeLines(out), [
    'ai-service:azure-openai -authenticates-with-> secret:env:AZURE_OPENAI_API_KEY',
    'ai-service:azure-openai -serves-> model:azure-openai/gpt-4o',
    'ai-service:litellm -authenticates-with-> secret:env:LITELLM_API_KEY',
    'ai-service:litellm -serves-> model:anthropic/claude-3-5-haiku-20241022',
    'ai-service:ollama -serves-> model:ollama/qwen2.5-coder:7b',
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4o',
    'ai-service:openai -serves-> model:openai/text-embedding-3-large',
    'ai-service:openrouter -authenticates-with-> secret:env:OPENROUTER_API_KEY',
    'ai-service:openrouter -serves-> model:openrouter/meta-llama/llama-3.1-70b-instruct',
  ]);
  // the default client reads OPENAI_API_KEY by itself; the others were given theirs
  assert.deepEqual(attrsOf(out, 'secret', 'env:OPENAI_API_KEY'), { envVar: 'OPENAI_API_KEY', provider: 'openai', hasValue: false, implicit: true });
  assert.equal(attrsOf(out, 'secret', 'env:AZURE_OPENAI_API_KEY').implicit, undefined);
  assert.deepEqual(attrsOf(out, 'ai-service', 'azure-openai'), { endpoint: 'https://acme-prod.openai.azure.com', deployment: 'gpt-4o-prod' });
  assert.deepEqual(attrsOf(out, 'ai-service', 'openrouter'), { endpoint: 'https://openrouter.ai/api/v1' });
  // `model: MODEL` resolves to the const, with evidence where the id is written
  assert.deepEqual(attrsOf(out, 'model', 'openai/gpt-4o'), { modelId: 'gpt-4o', task: 'chat' });
  assert.deepEqual(linesOf(out, 'model', 'openai/gpt-4o'), [3]);
  assert.equal(attrsOf(out, 'model', 'openai/text-embedding-3-large').task, 'embedding');
  assert.deepEqual(attrsOf(out, 'prompt', inline(system)), { role: 'system', preview: system, length: system.length, variables: [], format: 'text' });
  // evidence of the SDK import line
  assert.ok(linesOf(out, 'ai-service', 'openai').includes(1));
});

test('@azure/openai v1 deployments and Gemini on Vertex AI (vertexai: true)', async () => {
  const out = await run('azure-legacy.ts');
  assert.deepEqual(edgeLines(out), [
    'ai-service:azure-openai -authenticates-with-> secret:env:AZURE_OPENAI_KEY',
    'ai-service:azure-openai -serves-> model:azure-openai/gpt-35-turbo-eu',
    'ai-service:azure-openai -serves-> model:azure-openai/text-embedding-ada-002',
    'ai-service:google-vertex-ai -authenticates-with-> secret:env:GOOGLE_APPLICATION_CREDENTIALS',
    'ai-service:google-vertex-ai -serves-> model:google-gemini/gemini-2.5-flash',
  ]);
  // the package's default provider (Gemini API) is not claimed when every client goes to Vertex AI
  assert.deepEqual(assetLines(out, ['ai-service']), ['ai-service azure-openai', 'ai-service google-vertex-ai']);
  assert.equal(attrsOf(out, 'model', 'azure-openai/text-embedding-ada-002').task, 'embedding');
  assert.equal(attrsOf(out, 'secret', 'env:GOOGLE_APPLICATION_CREDENTIALS').implicit, true);
});

test('provider SDKs: Anthropic, Gemini (both SDKs), Bedrock commands, Mistral, Cohere, Groq, Hugging Face, Ollama', async () => {
  const out = await run('provider-sdks.mjs');
  assert.deepEqual(assetLines(out, ['ai-service', 'model', 'secret']), [
    'ai-service anthropic',
    'ai-service aws-bedrock',
    'ai-service cohere',
    'ai-service google-gemini',
    'ai-service groq',
    'ai-service huggingface',
    'ai-service mistral',
    'ai-service ollama',
    'model anthropic/claude-sonnet-4-20250514',
    'model aws-bedrock/amazon.titan-embed-text-v2:0',
    'model aws-bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
    'model cohere/embed-english-v3.0',
    'model google-gemini/gemini-1.5-pro',
    'model google-gemini/gemini-2.0-flash',
    'model groq/llama-3.3-70b-versatile',
    'model huggingface/mistralai/Mistral-7B-Instruct-v0.3',
    'model mistral/mistral-large-latest',
    'model ollama/llama3.1',
    'secret env:AWS_ACCESS_KEY_ID',
    'secret env:CO_API_KEY',
    'secret env:GEMINI_API_KEY',
    'secret env:GROQ_API_KEY',
    'secret env:HF_TOKEN',
    'secret env:MISTRAL_API_KEY',
    'secret env:VITE_ANTHROPIC_KEY',
  ]);
  const auth = edgeLines(out).filter((e) => e.includes('authenticates-with'));
  assert.deepEqual(auth, [
    'ai-service:anthropic -authenticates-with-> secret:env:VITE_ANTHROPIC_KEY',
    'ai-service:aws-bedrock -authenticates-with-> secret:env:AWS_ACCESS_KEY_ID',
    'ai-service:cohere -authenticates-with-> secret:env:CO_API_KEY',
    'ai-service:google-gemini -authenticates-with-> secret:env:GEMINI_API_KEY',
    'ai-service:groq -authenticates-with-> secret:env:GROQ_API_KEY',
    'ai-service:huggingface -authenticates-with-> secret:env:HF_TOKEN',
    'ai-service:mistral -authenticates-with-> secret:env:MISTRAL_API_KEY',
  ]);
  assert.ok(edgeLines(out).includes('ai-service:aws-bedrock -serves-> model:aws-bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0'));
  assert.equal(attrsOf(out, 'secret', 'env:AWS_ACCESS_KEY_ID').implicit, true);
  assert.equal(attrsOf(out, 'secret', 'env:VITE_ANTHROPIC_KEY').implicit, undefined);
  assert.equal(attrsOf(out, 'model', 'aws-bedrock/amazon.titan-embed-text-v2:0').task, 'embedding');
  assert.equal(attrsOf(out, 'model', 'cohere/embed-english-v3.0').task, 'embedding');
  // Anthropic's `system:` option is a system prompt
  assert.deepEqual(assetLines(out, ['prompt']), [`prompt ${inline('You are a careful contract reviewer.')}`]);
});

test('Vercel AI SDK: provider functions, createX factories, embedding models, tools and the agent loop', async () => {
  const out = await run('vercel-ai.ts');
  const system = 'You are the Acme travel assistant. Answer briefly.';
  assert.deepEqual(assetLines(out), [
    'agent vercel-ai.ts#answer',
    'ai-service anthropic',
    'ai-service litellm',
    'ai-service openai',
    'model anthropic/claude-3-7-sonnet-latest',
    'model openai/gpt-4.1-mini',
    'model openai/gpt-4o-mini',
    'model openai/text-embedding-3-small',
    `prompt ${inline(system)}`,
    'secret env:ANTHROPIC_API_KEY',
    'secret env:LITELLM_MASTER_KEY',
    'secret env:OPENAI_API_KEY',
    'tool vercel-ai.ts#weather',
  ]);
  assert.deepEqual(edgeLines(out), [
    'agent:vercel-ai.ts#answer -has-tool-> tool:vercel-ai.ts#weather',
    'agent:vercel-ai.ts#answer -uses-model-> model:openai/gpt-4.1-mini',
    `agent:vercel-ai.ts#answer -uses-prompt-> prompt:${inline(system)}`,
    'ai-service:anthropic -authenticates-with-> secret:env:ANTHROPIC_API_KEY',
    'ai-service:anthropic -serves-> model:anthropic/claude-3-7-sonnet-latest',
    'ai-service:litellm -authenticates-with-> secret:env:LITELLM_MASTER_KEY',
    'ai-service:litellm -serves-> model:openai/gpt-4o-mini',
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4.1-mini',
    'ai-service:openai -serves-> model:openai/text-embedding-3-small',
  ]);
  assert.deepEqual(attrsOf(out, 'tool', 'vercel-ai.ts#weather'), {
    name: 'weather',
    framework: 'Vercel AI SDK',
    capabilities: ['network'],
    description: 'Current weather for a city',
  });
  assert.deepEqual(attrsOf(out, 'agent', 'vercel-ai.ts#answer'), { framework: 'Vercel AI SDK', name: 'answer', maxSteps: 5 });
  assert.equal(attrsOf(out, 'model', 'openai/text-embedding-3-small').task, 'embedding');
  assert.equal(attrsOf(out, 'ai-service', 'litellm').endpoint, 'https://litellm.internal.acme.dev/v1');
});

test('LangChain.js: chat models, embeddings, Pinecone store, tools, ReAct agent, templates and system messages', async () => {
  const out = await run('langchain.ts');
  const agentPrompt = 'You are the Acme support agent. Never reveal internal hostnames.';
  const template = 'system: You are the Acme support agent for {product}. Be concise.\nhuman: {input}';
  assert.deepEqual(assetLines(out), [
    'agent langchain.ts#supportAgent',
    'ai-service anthropic',
    'ai-service openai',
    'model anthropic/claude-3-5-sonnet-20241022',
    'model openai/gpt-4o',
    'model openai/text-embedding-3-small',
    ...[`prompt ${inline(agentPrompt)}`, `prompt ${inline('Review the draft answer for tone.')}`, `prompt ${inline(template)}`].sort(),
    'secret env:ANTHROPIC_API_KEY',
    'secret env:OPENAI_API_KEY',
    'tool langchain.ts#TavilySearchResults',
    'tool langchain.ts#run_diagnostics',
    'tool langchain.ts#search_docs',
    'vector-store pinecone:support-articles',
  ]);
  assert.deepEqual(edgeLines(out), [
    'agent:langchain.ts#supportAgent -has-tool-> tool:langchain.ts#TavilySearchResults',
    'agent:langchain.ts#supportAgent -has-tool-> tool:langchain.ts#run_diagnostics',
    'agent:langchain.ts#supportAgent -has-tool-> tool:langchain.ts#search_docs',
    'agent:langchain.ts#supportAgent -retrieves-from-> vector-store:pinecone:support-articles',
    'agent:langchain.ts#supportAgent -uses-model-> model:openai/gpt-4o',
    `agent:langchain.ts#supportAgent -uses-prompt-> prompt:${inline(agentPrompt)}`,
    'ai-service:anthropic -authenticates-with-> secret:env:ANTHROPIC_API_KEY',
    'ai-service:anthropic -serves-> model:anthropic/claude-3-5-sonnet-20241022',
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4o',
    'ai-service:openai -serves-> model:openai/text-embedding-3-small',
    'tool:langchain.ts#search_docs -retrieves-from-> vector-store:pinecone:support-articles',
    'vector-store:pinecone:support-articles -embeds-with-> model:openai/text-embedding-3-small',
  ]);
  assert.deepEqual(attrsOf(out, 'agent', 'langchain.ts#supportAgent'), { framework: 'LangGraph', name: 'supportAgent', humanApproval: true });
  assert.deepEqual(attrsOf(out, 'tool', 'langchain.ts#run_diagnostics').capabilities, ['shell']);
  assert.deepEqual(attrsOf(out, 'tool', 'langchain.ts#TavilySearchResults').capabilities, ['network']);
  assert.deepEqual(attrsOf(out, 'prompt', inline(template)), {
    role: 'template',
    preview: 'system: You are the Acme support agent for {product}. Be concise. human: {input}',
    length: template.length,
    variables: ['product', 'input', 'chat_history'],
    format: 'f-string',
  });
  assert.deepEqual(attrsOf(out, 'vector-store', 'pinecone:support-articles'), { product: 'Pinecone', collection: 'support-articles' });
});

test('OpenAI Agents SDK: tool capabilities from their bodies, SQL formatting, approval, hosted tools', async () => {
  const out = await run('agents-sdk.ts');
  const agent = 'agents-sdk.ts#Billing triage';
  const caps = (name: string) => attrsOf(out, 'tool', `agents-sdk.ts#${name}`);
  assert.deepEqual(caps('lookup_customer').capabilities, ['database']);
  assert.equal(caps('lookup_customer').sqlStringFormatting, true);
  assert.deepEqual(caps('safe_lookup').capabilities, ['database']);
  assert.equal(caps('safe_lookup').sqlStringFormatting, undefined);
  assert.deepEqual(caps('refund').capabilities, ['payments']);
  assert.equal(caps('refund').requiresApproval, true);
  assert.equal(caps('notify').requiresApproval, undefined);
  assert.deepEqual(caps('notify').capabilities, ['email', 'messaging', 'network']);
  assert.deepEqual(caps('save_report').capabilities, ['file-write']); // through the local helper archive()
  assert.deepEqual(caps('calculator').capabilities, ['code-execution']);
  assert.deepEqual(caps('run_script').capabilities, ['shell']);
  assert.deepEqual(caps('webSearchTool'), { name: 'webSearchTool', framework: 'OpenAI Agents SDK', capabilities: ['network'], hosted: true });
  assert.deepEqual(attrsOf(out, 'agent', agent), {
    framework: 'OpenAI Agents SDK',
    name: 'Billing triage',
    instructions: 'You help customers with billing questions. Escalate refunds over $500.',
  });
  const tools = ['calculator', 'lookup_customer', 'notify', 'refund', 'run_script', 'safe_lookup', 'save_report', 'webSearchTool'];
  assert.deepEqual(edgeLines(out), [
    ...tools.map((t) => `agent:${agent} -has-tool-> tool:agents-sdk.ts#${t}`),
    `agent:${agent} -uses-model-> model:openai/gpt-4.1`,
    `agent:${agent} -uses-prompt-> prompt:${inline('You help customers with billing questions. Escalate refunds over $500.')}`,
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4.1',
  ]);
  assert.deepEqual(assetLines(out, ['secret']), ['secret env:OPENAI_API_KEY', 'secret env:SLACK_BOT_TOKEN', 'secret env:STRIPE_SECRET_KEY']);
  assert.equal(attrsOf(out, 'secret', 'env:OPENAI_API_KEY').implicit, true);
});

test('MCP SDK servers: server.tool and registerTool become tools of the server', async () => {
  const out = await run('mcp-server.ts');
  assert.deepEqual(assetLines(out), ['tool mcp-server.ts#read_note', 'tool mcp-server.ts#write_note']);
  assert.deepEqual(attrsOf(out, 'tool', 'mcp-server.ts#read_note'), {
    name: 'read_note',
    framework: 'MCP SDK',
    capabilities: ['file-read'],
    mcpServer: 'acme-files',
    description: 'Read a note from the notes folder',
  });
  assert.deepEqual(attrsOf(out, 'tool', 'mcp-server.ts#write_note').capabilities, ['file-write']);
  assert.equal(attrsOf(out, 'tool', 'mcp-server.ts#write_note').description, 'Write a note');
});

test('LlamaIndex.TS: Settings models, Qdrant store, tool and agent', async () => {
  const out = await run('llamaindex.ts');
  const system = 'You answer questions about insurance policies.';
  assert.deepEqual(edgeLines(out), [
    'agent:llamaindex.ts#policyAgent -has-tool-> tool:llamaindex.ts#lookup_policy',
    'agent:llamaindex.ts#policyAgent -uses-model-> model:openai/gpt-4.1',
    `agent:llamaindex.ts#policyAgent -uses-prompt-> prompt:${inline(system)}`,
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4.1',
    'ai-service:openai -serves-> model:openai/gpt-4o-mini',
    'ai-service:openai -serves-> model:openai/text-embedding-3-large',
    'vector-store:qdrant:policies -embeds-with-> model:openai/text-embedding-3-large',
  ]);
  assert.deepEqual(attrsOf(out, 'vector-store', 'qdrant:policies'), { product: 'Qdrant', collection: 'policies', host: 'http://qdrant.internal:6333' });
  assert.deepEqual(attrsOf(out, 'tool', 'llamaindex.ts#lookup_policy').capabilities, ['network']);
  assert.equal(attrsOf(out, 'agent', 'llamaindex.ts#policyAgent').framework, 'LlamaIndex');
});

test('vector-store clients: Chroma, Qdrant, Weaviate, Milvus, LanceDB, Elasticsearch collections', async () => {
  const out = await run('vector-stores.js');
  assert.deepEqual(assetLines(out), [
    'secret env:QDRANT_API_KEY',
    'vector-store chroma:meeting-notes',
    'vector-store elasticsearch:kb-embeddings',
    'vector-store lancedb:chunks',
    'vector-store milvus:faces',
    'vector-store qdrant:products',
    'vector-store weaviate:article',
  ]);
  assert.deepEqual(attrsOf(out, 'vector-store', 'chroma:meeting-notes'), { product: 'Chroma', collection: 'Meeting-Notes', host: 'http://localhost:8000' });
  assert.deepEqual(attrsOf(out, 'vector-store', 'lancedb:chunks'), { product: 'LanceDB', collection: 'chunks', persistPath: 'data/lancedb' });
  assert.equal(attrsOf(out, 'vector-store', 'milvus:faces').host, 'milvus:19530');
  assert.deepEqual(edgeLines(out), []);
});

test('prompts: a file read with path.join becomes a path reference, const template literals are prompts', async () => {
  const out = await run('prompt-files.ts');
  const style = 'Write in plain English.\nKeep answers under 100 words.';
  assert.deepEqual(assetLines(out), [
    'ai-service anthropic',
    'model anthropic/claude-3-5-haiku-latest',
    `prompt ${inline(style)}`,
    'secret env:ANTHROPIC_API_KEY',
  ]);
  const read = out.edges.find((e) => e.kind === 'uses-prompt');
  assert.deepEqual(read?.from, { path: '.', from: 'prompt-files.ts', kinds: ['application'] });
  assert.deepEqual(read?.to, { path: 'prompts/onboarding.md', from: 'prompt-files.ts', kinds: ['prompt'] });
  assert.equal(read?.evidence?.[0]?.line, 5);
  // config/settings.json is read too, but it is not a prompt
  assert.equal(out.edges.filter((e) => e.kind === 'uses-prompt').length, 1);
  assert.deepEqual(linesOf(out, 'prompt', inline(style)), [6]);
});

test('TSX: a client component with a provider factory and a public env key', async () => {
  const out = await run('Chat.tsx');
  assert.deepEqual(assetLines(out), ['ai-service openai', 'model openai/gpt-4o-mini', 'secret env:NEXT_PUBLIC_OPENAI_KEY']);
  assert.deepEqual(edgeLines(out), [
    'ai-service:openai -authenticates-with-> secret:env:NEXT_PUBLIC_OPENAI_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4o-mini',
  ]);
  assert.deepEqual(out.warnings, []);
});

test('CommonJS: require bindings, Pinecone index, embeddings and an s3 URI inside a command', async () => {
  const out = await run('commonjs.cjs');
  assert.deepEqual(assetLines(out), [
    'ai-service openai',
    'dataset s3://acme-ml/faq/',
    'model openai/gpt-3.5-turbo',
    'model openai/text-embedding-ada-002',
    `prompt ${inline('Answer from the FAQ only.')}`,
    'secret env:OPENAI_API_KEY',
    'secret env:PINECONE_API_KEY',
    'storage s3://acme-ml',
    'vector-store pinecone:faq',
  ]);
  assert.deepEqual(edgeLines(out), [
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-3.5-turbo',
    'ai-service:openai -serves-> model:openai/text-embedding-ada-002',
    'dataset:s3://acme-ml/faq/ -stores-in-> storage:s3://acme-ml',
    'vector-store:pinecone:faq -embeds-with-> model:openai/text-embedding-ada-002',
  ]);
});

test('negatives: identifiers, mocks, placeholders, reassigned variables and template literals are not models', async () => {
  const out = await run('negatives.ts');
  assert.deepEqual(assetLines(out), ['ai-service openai', 'secret env:OPENAI_API_KEY']);
  assert.deepEqual(edgeLines(out), ['ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY']);
});

test('malformed source warns with the line and still reports what could be read', async () => {
  const out = await run('broken.ts');
  assert.equal(out.warnings.length, 1);
  assert.equal(out.warnings[0]!.line, 5);
  assert.match(out.warnings[0]!.message, /syntax error/);
  assert.deepEqual(assetLines(out), ['ai-service openai', 'secret env:OPENAI_API_KEY']);
});

test('minified bundles are skipped with a warning; files without AI packages are not parsed', async () => {
  const min = await run('minified.js');
  assert.deepEqual(assetLines(min), []);
  assert.equal(min.warnings.length, 1);
  assert.match(min.warnings[0]!.message, /minified/);
  const plain = await collectText(javascriptCollector, 'util.ts', "import fs from 'node:fs';\nexport const model = 'gpt-4o';\n");
  assert.deepEqual(plain, { assets: [], edges: [], appFacts: [], warnings: [] });
});

test('secrets are masked in snippets and attributes', async () => {
  const key = 'sk-proj-' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4';
  const out = await collectText(
    javascriptCollector,
    'leak.ts',
    `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '${key}', baseURL: 'https://user:hunter22@llm.acme.dev/v1' });\n`,
  );
  const text = JSON.stringify(out);
  assert.ok(!text.includes(key), 'key must not appear');
  assert.ok(!text.includes('hunter22'), 'URL password must not appear');
  assert.equal(attrsOf(out, 'ai-service', 'openai').endpoint, 'https://user:****@llm.acme.dev/v1');
  // a literal key is a credential, but not an env var: no implicit OPENAI_API_KEY is assumed
  assert.deepEqual(assetLines(out, ['secret']), []);
});

test('tools imported from sibling modules are linked by candidate file keys', async () => {
  const out = await collectText(
    javascriptCollector,
    'web/app/api/chat/route.ts',
    [
      "import { streamText } from 'ai';",
      "import { openai } from '@ai-sdk/openai';",
      "import { runShell } from '../../../lib/tools.js';",
      "import { searchDocs } from '@/lib/retrieval';",
      'export async function POST() {',
      "  return streamText({ model: openai('gpt-4o'), tools: { runShell, searchDocs } });",
      '}',
    ].join('\n'),
  );
  const agent = 'agent:web/app/api/chat/route.ts#POST -has-tool-> tool:';
  assert.deepEqual(
    edgeLines(out).filter((e) => e.includes('-has-tool->')),
    [
      'web/lib/retrieval.ts#searchDocs',
      'web/lib/retrieval.tsx#searchDocs',
      'web/lib/retrieval/index.ts#searchDocs',
      'web/lib/retrieval/index.tsx#searchDocs',
      'web/lib/tools.ts#runShell',
      'web/lib/tools.tsx#runShell',
      'web/lib/tools/index.ts#runShell',
      'web/lib/tools/index.tsx#runShell',
      'web/src/lib/retrieval.ts#searchDocs',
      'web/src/lib/retrieval.tsx#searchDocs',
      'web/src/lib/retrieval/index.ts#searchDocs',
      'web/src/lib/retrieval/index.tsx#searchDocs',
    ].map((k) => agent + k),
  );
});

test('a client declared below the function that uses it still resolves', async () => {
  const out = await collectText(
    javascriptCollector,
    'hoisted.ts',
    [
      "import Anthropic from '@anthropic-ai/sdk';",
      'export async function ask(q: string) {',
      "  return client.messages.create({ model: 'claude-opus-4-1', max_tokens: 64, messages: [{ role: 'user', content: q }] });",
      '}',
      "const client = new Anthropic({ apiKey: process.env.CLAUDE_KEY });",
    ].join('\n'),
  );
  assert.deepEqual(edgeLines(out), [
    'ai-service:anthropic -authenticates-with-> secret:env:CLAUDE_KEY',
    'ai-service:anthropic -serves-> model:anthropic/claude-opus-4-1',
  ]);
});

test('clients held in class fields and private members (this.client, this.#mistral)', async () => {
  const out = await run('class-clients.ts');
  assert.deepEqual(edgeLines(out), [
    'ai-service:mistral -authenticates-with-> secret:env:MISTRAL_API_KEY',
    'ai-service:mistral -serves-> model:mistral/mistral-small-latest',
    'ai-service:openai -authenticates-with-> secret:env:SUMMARY_OPENAI_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4.1-nano',
  ]);
});
