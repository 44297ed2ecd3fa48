// The example organisation's JavaScript and Go / Java / C# services, read by this folder's collectors:
// the inventory the README promises for them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importsCollector } from '../imports/index.js';
import type { Collector, CollectorOutput } from '../types.js';
import { javascriptCollector } from './index.js';
import { assetLines, attrsOf, collectText, edgeLines } from './test-helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/acme-ai');

async function collectAll(collector: Collector, files: string[]): Promise<CollectorOutput> {
  const all: CollectorOutput = { assets: [], edges: [], appFacts: [], warnings: [] };
  for (const rel of files) {
    const out = await collectText(collector, rel, readFileSync(path.join(ROOT, rel), 'utf8'));
    all.assets.push(...out.assets);
    all.edges.push(...out.edges);
    all.warnings.push(...out.warnings);
  }
  return all;
}

test('web assistant: Vercel AI SDK agent with an HTTP tool, a shell tool, Pinecone retrieval and prompts', async () => {
  const app = 'apps/web-assistant';
  const out = await collectAll(javascriptCollector, ['app/api/chat/route.ts', 'app/api/summarize/route.ts', 'app/page.tsx', 'app/layout.tsx', 'lib/tools.ts'].map((f) => `${app}/${f}`));
  assert.deepEqual(out.warnings, []);
  assert.deepEqual(assetLines(out, ['agent', 'tool', 'vector-store', 'model', 'ai-service']), [
    `agent ${app}/app/api/chat/route.ts#POST`,
    'ai-service anthropic',
    'ai-service openai',
    'model anthropic/claude-3-5-haiku-latest',
    'model anthropic/claude-3-5-sonnet-latest',
    'model openai/gpt-4o',
    'model openai/text-embedding-3-small',
    `tool ${app}/lib/tools.ts#lookupOrder`,
    `tool ${app}/lib/tools.ts#runDiagnostics`,
    `tool ${app}/lib/tools.ts#searchKnowledgeBase`,
    'vector-store pinecone:acme-help-center',
  ]);
  assert.deepEqual(attrsOf(out, 'tool', `${app}/lib/tools.ts#lookupOrder`).capabilities, ['network']);
  assert.deepEqual(attrsOf(out, 'tool', `${app}/lib/tools.ts#runDiagnostics`).capabilities, ['shell']);
  const edges = edgeLines(out);
  const agent = `agent:${app}/app/api/chat/route.ts#POST`;
  for (const expected of [
    `${agent} -has-tool-> tool:${app}/lib/tools.ts#lookupOrder`,
    `${agent} -has-tool-> tool:${app}/lib/tools.ts#runDiagnostics`,
    `${agent} -has-tool-> tool:${app}/lib/tools.ts#searchKnowledgeBase`,
    `${agent} -uses-model-> model:anthropic/claude-3-5-sonnet-latest`,
    `${agent} -uses-model-> model:openai/gpt-4o`,
    `tool:${app}/lib/tools.ts#searchKnowledgeBase -retrieves-from-> vector-store:pinecone:acme-help-center`,
    'vector-store:pinecone:acme-help-center -embeds-with-> model:openai/text-embedding-3-small',
    'path:. -uses-prompt-> path:prompts/summarize-conversation.md',
    'ai-service:anthropic -authenticates-with-> secret:env:ANTHROPIC_API_KEY',
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
  ]) {
    assert.ok(edges.includes(expected), `missing edge ${expected}`);
  }
  assert.ok(edges.some((e) => e.startsWith(`${agent} -uses-prompt-> prompt:inline:`)));
  assert.deepEqual(assetLines(out, ['secret']), ['secret env:ANTHROPIC_API_KEY', 'secret env:OPENAI_API_KEY', 'secret env:ORDERS_API_TOKEN', 'secret env:PINECONE_API_KEY']);
});

test('Go, Java and C# services: the hosted models they call and the keys they read', async () => {
  const out = await collectAll(importsCollector, [
    'services/risk-scorer-go/main.go',
    'services/risk-scorer-go/internal/scorer/scorer.go',
    'services/doc-summarizer-java/src/main/java/com/acme/summarizer/DocSummarizer.java',
    'services/ticket-triage-dotnet/Program.cs',
    'services/ticket-triage-dotnet/TriageService.cs',
  ]);
  assert.deepEqual(out.warnings, []);
  assert.deepEqual(edgeLines(out), [
    'ai-service:aws-bedrock -serves-> model:aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0',
    'ai-service:azure-openai -authenticates-with-> secret:env:AZURE_OPENAI_API_KEY',
    'ai-service:azure-openai -serves-> model:azure-openai/gpt-4o',
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4o-mini',
    'ai-service:openai -serves-> model:openai/text-embedding-3-small',
  ]);
});
