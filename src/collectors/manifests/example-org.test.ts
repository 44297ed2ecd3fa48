// The example organisation's manifests, .env files, MCP configurations and prompt library, scanned by the
// collectors of this group: the inventory the README promises must come out of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Collector } from '../types.js';
import { dotenvCollector } from '../dotenv/index.js';
import { mcpCollector } from '../mcp/index.js';
import { promptsCollector } from '../prompts/index.js';
import { manifestsCollector } from './index.js';
import { collectFiles, edgeStrings, findAsset, keysOf } from './test-helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/acme-ai');

async function scan(collector: Collector, files: string[]) {
  return collectFiles(collector, root, files);
}

test('example org: eval-harness manifests and lockfiles', async () => {
  const out = await scan(manifestsCollector, [
    'services/eval-harness/Pipfile',
    'services/eval-harness/Pipfile.lock',
    'services/eval-harness/poetry.lock',
    'services/eval-harness/pyproject.toml',
  ]);
  assert.deepEqual(out.warnings, []);
  assert.deepEqual(keysOf(out, 'library'), [
    'pypi:anthropic@0.36.2',
    'pypi:cohere@5.11.0',
    'pypi:datasets@3.0.1',
    'pypi:huggingface-hub@0.25.2',
    'pypi:langchain-core@0.3.10',
    'pypi:langchain-openai@0.2.2',
    'pypi:langchain@0.3.3',
    'pypi:mlflow@2.16.2',
    'pypi:openai@1.51.2',
    'pypi:sentence-transformers@3.1.1',
    'pypi:tiktoken@0.8.0',
    'pypi:torch@2.4.1',
    'pypi:transformers@4.45.2',
  ]);
  assert.deepEqual(keysOf(out, 'ai-service'), ['anthropic', 'cohere', 'openai']);
  assert.deepEqual(keysOf(out, 'application'), ['services/eval-harness']);
  assert.ok(out.assets.some((a) => a.kind === 'application' && a.name === 'acme-eval-harness'));
  const openai = out.assets.find((a) => a.key === 'pypi:openai@1.51.2' && a.evidence?.[0]?.file === 'services/eval-harness/pyproject.toml')!;
  assert.deepEqual([openai.attrs?.versionSpec, openai.attrs?.lockfile, openai.attrs?.direct, openai.attrs?.dev], ['^1.51', 'services/eval-harness/poetry.lock', true, false]);
  assert.equal(findAsset(out, 'library', 'pypi:mlflow@2.16.2').attrs?.dev, true);
  assert.equal(findAsset(out, 'library', 'pypi:huggingface-hub@0.25.2').attrs?.direct, false);
  assert.ok(edgeStrings(out).includes('application:services/eval-harness -depends-on-> library:pypi:cohere@5.11.0'));
});

test('example org: MCP servers across Claude Code, Cursor, VS Code and Claude Desktop', async () => {
  const files = ['.mcp.json', '.cursor/mcp.json', '.vscode/mcp.json', 'devtools/claude_desktop_config.json'];
  const out = await scan(mcpCollector, files);
  assert.deepEqual(out.warnings, []);
  const servers = out.assets.filter((a) => a.kind === 'mcp-server');
  assert.deepEqual(
    servers.map((s) => [s.attrs?.name, s.attrs?.clients, s.attrs?.transport, s.attrs?.pinned ?? null, s.attrs?.remote]),
    [
      ['github', ['claude-code'], 'stdio', true, false],
      ['postgres-readonly', ['claude-code'], 'stdio', false, false],
      ['sentry', ['claude-code'], 'streamable-http', null, true],
      ['internal-search', ['cursor'], 'sse', null, true],
      ['jira', ['cursor'], 'stdio', false, false],
      ['filesystem', ['cursor'], 'stdio', true, false],
      ['github-remote', ['vscode'], 'streamable-http', null, true],
      ['playwright', ['vscode'], 'stdio', false, false],
      ['fetch', ['vscode'], 'stdio', true, false],
      ['filesystem', ['claude-desktop'], 'stdio', false, false],
      ['github', ['claude-desktop'], 'stdio', false, false],
      ['analytics', ['claude-desktop'], 'streamable-http', null, true],
      ['slack', ['claude-desktop'], 'stdio', false, false],
    ],
  );
  assert.equal(findAsset(out, 'mcp-server', 'internal-search|http://search-tools.acme.internal:8080/sse').attrs?.insecureTransport, true);
  const analytics = findAsset(out, 'mcp-server', 'analytics|https://mcp.analytics.acme.example/mcp');
  assert.deepEqual([analytics.attrs?.inlineSecrets, analytics.attrs?.headers], [['header:Authorization'], { Authorization: 'Bearer sk-p…(47)' }]);
  assert.deepEqual(findAsset(out, 'mcp-server', 'github|npx -y @modelcontextprotocol/server-github').attrs?.inlineSecrets, ['GITHUB_PERSONAL_ACCESS_TOKEN']);
  assert.deepEqual(keysOf(out, 'secret'), ['env:GITHUB_PERSONAL_ACCESS_TOKEN', 'env:JIRA_API_TOKEN', 'env:SENTRY_AUTH_TOKEN', 'env:SLACK_BOT_TOKEN']);
  const json = JSON.stringify(out);
  for (const raw of ['ghp_EXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE1', 'sk-proj-EXAMPLEexampleEXAMPLEexampleEXAMPLE0000']) assert.ok(!json.includes(raw));
});

test('example org: .env files give masked secrets, .env.example gives placeholders', async () => {
  const files = ['.env.example', 'services/support-agent/.env', 'apps/web-assistant/.env.production', 'services/eval-harness/.env'];
  const out = await scan(dotenvCollector, files);
  assert.deepEqual(out.warnings, []);
  const byFile = (f: string) => out.assets.filter((a) => a.evidence?.[0]?.file === f).map((a) => [a.key, a.attrs?.placeholder, a.attrs?.hasValue]);
  assert.deepEqual(byFile('.env.example'), [
    ['env:OPENAI_API_KEY', true, false],
    ['env:ANTHROPIC_API_KEY', true, false],
    ['env:PINECONE_API_KEY', true, false],
    ['env:HF_TOKEN', true, false],
    ['env:LANGSMITH_API_KEY', false, false],
  ]);
  assert.deepEqual(byFile('services/support-agent/.env'), [
    ['env:OPENAI_API_KEY', false, true],
    ['env:LANGSMITH_API_KEY', false, true],
    ['env:ZENDESK_API_TOKEN', false, true],
  ]);
  assert.deepEqual(byFile('services/eval-harness/.env'), [
    ['env:ANTHROPIC_API_KEY', false, true],
    ['env:OPENAI_API_KEY', true, false],
  ]);
  const json = JSON.stringify(out);
  for (const f of files) {
    for (const line of readFileSync(path.join(root, f), 'utf8').split('\n')) {
      const value = /=["']?([^"'\s]{12,})/.exec(line)?.[1];
      if (value && !value.startsWith('${') && !/your|<|change|x{6}/.test(value)) assert.ok(!json.includes(value), `${f}: value leaked`);
    }
  }
});

test('example org: the prompt library', async () => {
  const out = await scan(promptsCollector, [
    'prompts/promptfooconfig.yaml',
    'prompts/summarize-ticket.prompt',
    'prompts/support-answer.prompty',
    'prompts/system_prompts/triage-agent.md',
  ]);
  assert.deepEqual(out.warnings, []);
  assert.deepEqual(keysOf(out, 'prompt'), [
    'inline:66d296ae16d1af54',
    'langchain-hub:acme/support-rag',
    'prompts/promptfooconfig.yaml',
    'prompts/summarize-ticket.prompt',
    'prompts/support-answer.prompty',
    'prompts/system_prompts/triage-agent.md',
  ]);
  assert.deepEqual(keysOf(out, 'model'), [
    'anthropic/claude-3-5-sonnet-20241022',
    'azure-openai/gpt-4o-mini',
    'google-gemini/gemini-1.5-flash',
    'ollama/llama3.1:8b',
    'openai/gpt-4o-mini',
  ]);
  assert.deepEqual(findAsset(out, 'prompt', 'prompts/system_prompts/triage-agent.md').attrs?.variables, ['plan', 'region']);
  assert.equal(findAsset(out, 'prompt', 'prompts/system_prompts/triage-agent.md').attrs?.role, 'system');
  const edges = edgeStrings(out);
  assert.ok(edges.includes('path:system_prompts/triage-agent.md -uses-model-> model:ollama/llama3.1:8b'));
  assert.ok(edges.includes('prompt:prompts/support-answer.prompty -uses-model-> model:azure-openai/gpt-4o-mini'));
  assert.ok(edges.includes('prompt:prompts/summarize-ticket.prompt -uses-model-> model:google-gemini/gemini-1.5-flash'));
});
