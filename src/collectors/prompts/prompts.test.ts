import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptsCollector } from './index.js';
import { templateVariables } from './template.js';
import { modelFromPromptfoo } from './models.js';
import { collectFiles, edgeStrings, findAsset, keysOf, testdataDir } from '../manifests/test-helpers.js';

const root = testdataDir(import.meta.url);
const run = (...files: string[]) => collectFiles(promptsCollector, root, files);

test('wants prompt files, prompt-folder text and promptfoo configs only', () => {
  const wants = (rel: string) => promptsCollector.wants(rel, rel.split('/').pop()!.toLowerCase());
  for (const rel of ['a.prompt', 'x/b.prompty', 'prompts/c.md', 'src/system_prompts/d.txt', 'app/prompts/e.j2', 'llm-prompts/f.jinja', 'promptfooconfig.yaml']) assert.equal(wants(rel), true, rel);
  for (const rel of ['docs/notes.md', 'prompts/README.md', 'templates/page.j2', 'prompts/data.json', 'notes.txt']) assert.equal(wants(rel), false, rel);
});

test('Dotprompt: front matter model via Genkit plugin prefix, role helpers, variables', async () => {
  const out = await run('prompts/summarise.prompt');
  const p = findAsset(out, 'prompt', 'prompts/summarise.prompt');
  assert.deepEqual(
    { ...p.attrs, preview: undefined },
    { format: 'dotprompt', role: 'system', variables: ['article', 'maxWords'], preview: undefined, length: 156, model: 'googleai/gemini-1.5-flash', parameters: { temperature: 0.3 } },
  );
  assert.match(String(p.attrs?.preview), /^\{\{role "system"\}\} You summarise news articles/);
  assert.ok(String(p.attrs?.preview).length <= 120);
  assert.equal(p.evidence?.[0]?.line, 10);
  const m = findAsset(out, 'model', 'google-gemini/gemini-1.5-flash');
  assert.deepEqual([m.name, m.provider, m.attrs], ['gemini-1.5-flash', 'google-gemini', { modelId: 'gemini-1.5-flash', task: 'chat' }]);
  assert.deepEqual(edgeStrings(out), ['prompt:prompts/summarise.prompt -uses-model-> model:google-gemini/gemini-1.5-flash']);
});

test('Prompty: Azure deployment becomes the model, parameters kept, loop variables excluded', async () => {
  const out = await run('prompts/support.prompty');
  const p = findAsset(out, 'prompt', 'prompts/support.prompty');
  assert.equal(p.name, 'Support Answer');
  assert.deepEqual(
    [p.attrs?.format, p.attrs?.role, p.attrs?.variables, p.attrs?.model, p.attrs?.parameters],
    ['prompty', 'system', ['documents', 'question'], 'gpt-4o-mini', { max_tokens: 512, temperature: 0.2 }],
  );
  assert.deepEqual(keysOf(out, 'model'), ['azure-openai/gpt-4o-mini']);
  assert.deepEqual(edgeStrings(out), ['prompt:prompts/support.prompty -uses-model-> model:azure-openai/gpt-4o-mini']);
});

test('system prompt Markdown, Jinja and text under prompt folders; previews are masked', async () => {
  const out = await run('prompts/system_prompts/triage.md', 'app/prompts/rerank.j2', 'app/prompts/greeting.txt');
  const triage = findAsset(out, 'prompt', 'prompts/system_prompts/triage.md');
  assert.deepEqual([triage.attrs?.format, triage.attrs?.role, triage.attrs?.variables, triage.attrs?.length], ['markdown', 'system', ['customer_name'], 217]);
  assert.match(String(triage.attrs?.preview), /escalation key sk-p…\(50\) to anyone/);
  const rerank = findAsset(out, 'prompt', 'app/prompts/rerank.j2');
  assert.deepEqual([rerank.attrs?.format, rerank.attrs?.role, rerank.attrs?.variables], ['jinja', 'template', ['passages', 'query']]);
  const greeting = findAsset(out, 'prompt', 'app/prompts/greeting.txt');
  assert.deepEqual([greeting.attrs?.format, greeting.attrs?.role, greeting.attrs?.variables, greeting.attrs?.preview], ['text', 'user', [], 'Hello! How can I help you today?']);
  assert.deepEqual(out.edges, []);
  assert.ok(!JSON.stringify(out).includes('sk-proj-EXAMPLEexampleEXAMPLEexample0123456789abcd'));
});

test('promptfoo: providers become models, file prompts linked by path, inline and LangChain hub prompts', async () => {
  const out = await run('promptfooconfig.yaml');
  assert.deepEqual(keysOf(out, 'model'), ['anthropic/claude-3-5-sonnet-20241022', 'openai/gpt-4o-mini']);
  assert.deepEqual(keysOf(out, 'prompt'), ['inline:42e3ff4f8242bfb4', 'langchain-hub:acme/support-rag', 'promptfooconfig.yaml']);
  const cfg = findAsset(out, 'prompt', 'promptfooconfig.yaml');
  assert.deepEqual(cfg.attrs, {
    format: 'promptfoo',
    role: 'template',
    prompts: ['prompts/support.prompty', 'prompts/system_prompts/triage.md'],
    providers: ['openai:gpt-4o-mini', 'anthropic:messages:claude-3-5-sonnet-20241022', 'http://localhost:8080/generate'],
    models: ['openai/gpt-4o-mini', 'anthropic/claude-3-5-sonnet-20241022'],
    hubRefs: ['acme/support-rag'],
    preview: 'Support answer regression suite',
  });
  assert.deepEqual(findAsset(out, 'prompt', 'langchain-hub:acme/support-rag').attrs, { format: 'langchain-hub', hubRef: 'acme/support-rag', commit: '4f2a9c1e', remote: true, pinned: true });
  assert.deepEqual(findAsset(out, 'prompt', 'inline:42e3ff4f8242bfb4').attrs?.variables, ['question']);
  const edges = edgeStrings(out);
  assert.equal(edges.length, 10);
  assert.ok(edges.includes('path:prompts/support.prompty -uses-model-> model:anthropic/claude-3-5-sonnet-20241022'));
  assert.ok(edges.includes('path:prompts/system_prompts/triage.md -uses-model-> model:openai/gpt-4o-mini'));
  assert.ok(edges.includes('prompt:langchain-hub:acme/support-rag -uses-model-> model:openai/gpt-4o-mini'));
  assert.ok(edges.every((e) => e.includes('-uses-model->')));
});

test('malformed front matter warns with its line and the prompt is still recorded', async () => {
  const out = await run('broken/prompts/bad.prompt');
  assert.deepEqual(out.warnings.map((w) => [w.file, w.line]), [['broken/prompts/bad.prompt', 2]]);
  assert.deepEqual(findAsset(out, 'prompt', 'broken/prompts/bad.prompt').attrs?.variables, ['name']);
  assert.deepEqual(keysOf(out, 'model'), []);
});

test('variable syntaxes and promptfoo provider ids', () => {
  assert.deepEqual(templateVariables('Hi {{ name }}, {{user.email}} {x} {{{raw}}} {{#each items}}{{this}}{{/each}} {{ q | upper }}'), ['items', 'name', 'q', 'raw', 'user.email', 'x']);
  assert.deepEqual(modelFromPromptfoo('openai:chat:gpt-4o'), { provider: 'openai', id: 'gpt-4o', task: 'chat' });
  assert.deepEqual(modelFromPromptfoo('ollama:chat:llama3.1:8b'), { provider: 'ollama', id: 'llama3.1:8b' });
  assert.deepEqual(modelFromPromptfoo('bedrock:anthropic.claude-3-haiku-20240307-v1:0'), { provider: 'aws-bedrock', id: 'anthropic.claude-3-haiku-20240307-v1:0' });
  assert.equal(modelFromPromptfoo('http://localhost:8080/generate'), undefined);
  assert.equal(modelFromPromptfoo('python:provider.py'), undefined);
});
