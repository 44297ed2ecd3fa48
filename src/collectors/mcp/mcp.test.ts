import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcpCollector } from './index.js';
import { launchedPackage } from './launch.js';
import { assetsOf, collectFiles, edgeStrings, findAsset, keysOf, testdataDir } from '../manifests/test-helpers.js';

const root = testdataDir(import.meta.url);
const run = (...files: string[]) => collectFiles(mcpCollector, root, files);

test('recognises each client layout by path', () => {
  const yes = [
    'claude_desktop_config.json', '.mcp.json', 'home/.claude.json', '.claude/settings.local.json', '.cursor/mcp.json', '.vscode/mcp.json',
    '.vscode/settings.json', 'Code/User/settings.json', '.codeium/windsurf/mcp_config.json', 'cline_mcp_settings.json', '.continue/config.yaml',
    '.continue/mcpServers/a.yaml', '.zed/settings.json', '.gemini/settings.json', '.amazonq/mcp.json', '.roo/mcp.json',
  ];
  for (const rel of yes) assert.equal(mcpCollector.wants(rel, rel.split('/').pop()!.toLowerCase()), true, rel);
  for (const rel of ['settings.json', 'mcp.json', 'src/config.yaml', '.cursor/rules.json']) assert.equal(mcpCollector.wants(rel, rel.split('/').pop()!), false, rel);
});

test('Claude Desktop: pinned filesystem server and an unpinned server with a hard-coded token', async () => {
  const out = await run('claude-desktop/claude_desktop_config.json');
  const fs = findAsset(out, 'mcp-server', 'filesystem|npx -y @modelcontextprotocol/server-filesystem@2025.1.14 /Users/dev/Documents /Users/dev/Desktop');
  assert.deepEqual(fs.attrs, {
    name: 'filesystem',
    command: 'npx',
    args: ['-y', '@modelcontextprotocol/server-filesystem@2025.1.14', '/Users/dev/Documents', '/Users/dev/Desktop'],
    transport: 'stdio',
    clients: ['claude-desktop'],
    package: '@modelcontextprotocol/server-filesystem',
    version: '2025.1.14',
    packageEcosystem: 'npm',
    runner: 'npx',
    pinned: true,
    remote: false,
  });
  assert.equal(fs.evidence?.[0]?.line, 3);
  const gh = findAsset(out, 'mcp-server', 'github|npx -y @modelcontextprotocol/server-github');
  assert.deepEqual([gh.attrs?.package, gh.attrs?.version, gh.attrs?.pinned], ['@modelcontextprotocol/server-github', undefined, false]);
  assert.deepEqual(gh.attrs?.env, { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_…(40)' });
  assert.deepEqual(gh.attrs?.inlineSecrets, ['GITHUB_PERSONAL_ACCESS_TOKEN']);
  assert.deepEqual(findAsset(out, 'secret', 'env:GITHUB_PERSONAL_ACCESS_TOKEN').attrs, {
    envVar: 'GITHUB_PERSONAL_ACCESS_TOKEN',
    hasValue: true,
    valueMasked: 'ghp_…(40)',
    definedIn: ['claude-desktop/claude_desktop_config.json'],
  });
  assert.deepEqual(edgeStrings(out), ['mcp-server:github|npx -y @modelcontextprotocol/server-github -authenticates-with-> secret:env:GITHUB_PERSONAL_ACCESS_TOKEN']);
  assert.ok(!JSON.stringify(out).includes('ghp_EXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE1'));
});

test('Claude Code .mcp.json and .claude/settings.json: uvx pin, remote http with env reference, docker latest', async () => {
  const out = await run('.mcp.json', '.claude/settings.json');
  assert.deepEqual(keysOf(out, 'mcp-server'), [
    'git|uvx mcp-server-git==0.6.2 --repository .',
    'memory|npx -y @modelcontextprotocol/server-memory@0.6.2',
    'postgres|docker run -i --rm -e DATABASE_URL mcp/postgres:latest',
    'sentry|https://mcp.sentry.example/mcp',
  ]);
  const git = findAsset(out, 'mcp-server', 'git|uvx mcp-server-git==0.6.2 --repository .');
  assert.deepEqual([git.attrs?.package, git.attrs?.version, git.attrs?.pinned, git.attrs?.packageEcosystem], ['mcp-server-git', '0.6.2', true, 'pypi']);
  const sentry = findAsset(out, 'mcp-server', 'sentry|https://mcp.sentry.example/mcp');
  assert.deepEqual(
    [sentry.attrs?.transport, sentry.attrs?.remote, sentry.attrs?.insecureTransport, sentry.attrs?.headers, sentry.attrs?.inlineSecrets],
    ['streamable-http', true, false, { Authorization: 'Bearer ${SENTRY_AUTH_TOKEN}' }, undefined],
  );
  assert.deepEqual(findAsset(out, 'secret', 'env:SENTRY_AUTH_TOKEN').attrs, { envVar: 'SENTRY_AUTH_TOKEN', hasValue: false });
  const pg = findAsset(out, 'mcp-server', 'postgres|docker run -i --rm -e DATABASE_URL mcp/postgres:latest');
  assert.deepEqual([pg.attrs?.package, pg.attrs?.version, pg.attrs?.pinned, pg.attrs?.runner], ['mcp/postgres', 'latest', false, 'docker run']);
  assert.deepEqual([pg.attrs?.env, pg.attrs?.inlineSecrets], [{ DATABASE_URL: 'post…(51)' }, ['DATABASE_URL']]);
  assert.deepEqual(findAsset(out, 'mcp-server', 'memory|npx -y @modelcontextprotocol/server-memory@0.6.2').attrs?.clients, ['claude-code']);
  assert.ok(!JSON.stringify(out).includes('Sup3rS3cretPw'));
});

test('Cursor: remote SSE over plain http, env references kept', async () => {
  const out = await run('.cursor/mcp.json');
  const browser = findAsset(out, 'mcp-server', 'browser|http://tools.acme.example:8080/sse');
  assert.deepEqual([browser.attrs?.transport, browser.attrs?.remote, browser.attrs?.insecureTransport, browser.attrs?.clients], ['sse', true, true, ['cursor']]);
  const tools = findAsset(out, 'mcp-server', 'openai-tools|node ./tools/server.js');
  assert.deepEqual(tools.attrs?.env, { OPENAI_API_KEY: '${env:OPENAI_API_KEY}', LOG_LEVEL: '…(5)' });
  assert.equal(tools.attrs?.package, undefined, 'a local script is not a launched package');
  assert.deepEqual(findAsset(out, 'secret', 'env:OPENAI_API_KEY').attrs, { envVar: 'OPENAI_API_KEY', provider: 'openai', hasValue: false });
  assert.deepEqual(edgeStrings(out), ['mcp-server:openai-tools|node ./tools/server.js -authenticates-with-> secret:env:OPENAI_API_KEY']);
});

test('VS Code mcp.json (JSONC, servers + inputs) and settings.json mcp.servers', async () => {
  const out = await run('.vscode/mcp.json', '.vscode/settings.json');
  assert.deepEqual(out.warnings, []);
  const gh = findAsset(out, 'mcp-server', 'github|https://api.githubcopilot.example/mcp/');
  assert.deepEqual(gh.attrs?.inputs, [{ id: 'github_token', type: 'promptString', description: 'GitHub Personal Access Token', password: true }]);
  assert.deepEqual(gh.attrs?.headers, { Authorization: 'Bearer ${input:github_token}' });
  assert.equal(gh.evidence?.[0]?.line, 7);
  const pw = findAsset(out, 'mcp-server', 'playwright|npx @playwright/mcp@latest');
  assert.deepEqual([pw.attrs?.package, pw.attrs?.version, pw.attrs?.pinned], ['@playwright/mcp', 'latest', false]);
  const time = findAsset(out, 'mcp-server', 'time|uvx mcp-server-time');
  assert.deepEqual([time.attrs?.clients, time.attrs?.pinned, time.attrs?.version], [['vscode'], false, undefined]);
  assert.deepEqual(keysOf(out, 'secret'), []);
});

test('Windsurf, Cline, Continue, Zed, Gemini CLI, Amazon Q and Roo layouts', async () => {
  const out = await run(
    '.codeium/windsurf/mcp_config.json',
    'cline/cline_mcp_settings.json',
    '.continue/config.yaml',
    '.continue/mcpServers/search.yaml',
    '.zed/settings.json',
    '.gemini/settings.json',
    '.amazonq/mcp.json',
    '.roo/mcp.json',
  );
  assert.deepEqual(
    assetsOf(out, 'mcp-server').map((a) => [a.attrs?.name, a.attrs?.clients, a.attrs?.transport]),
    [
      ['linear', ['windsurf'], 'sse'],
      ['brave-search', ['cline'], 'stdio'],
      ['sqlite', ['continue'], 'stdio'],
      ['exa', ['continue'], 'stdio'],
      ['puppeteer', ['zed'], 'stdio'],
      ['stripe', ['gemini-cli'], 'streamable-http'],
      ['aws-docs', ['amazon-q'], 'stdio'],
      ['slack', ['roo'], 'stdio'],
    ],
  );
  assert.deepEqual(findAsset(out, 'mcp-server', 'puppeteer|npx -y @modelcontextprotocol/server-puppeteer').attrs?.package, '@modelcontextprotocol/server-puppeteer');
  const exa = findAsset(out, 'mcp-server', 'exa|npx -y exa-mcp-server@0.3.1');
  assert.deepEqual([exa.attrs?.env, exa.attrs?.inlineSecrets, exa.attrs?.version], [{ EXA_API_KEY: '${{ secrets.EXA_API_KEY }}' }, undefined, '0.3.1']);
  const stripe = findAsset(out, 'mcp-server', 'stripe|https://mcp.stripe.example');
  assert.deepEqual([stripe.attrs?.headers, stripe.attrs?.inlineSecrets], [{ Authorization: 'Bearer sk_t…(33)' }, ['header:Authorization']]);
  const aws = findAsset(out, 'mcp-server', 'aws-docs|uvx awslabs.aws-documentation-mcp-server@1.0.5');
  assert.deepEqual([aws.attrs?.package, aws.attrs?.version, aws.attrs?.pinned], ['awslabs.aws-documentation-mcp-server', '1.0.5', true]);
  assert.deepEqual(findAsset(out, 'secret', 'env:BRAVE_API_KEY').attrs?.hasValue, true);
  assert.deepEqual(keysOf(out, 'secret'), ['env:BRAVE_API_KEY', 'env:EXA_API_KEY', 'env:SLACK_BOT_TOKEN']);
  const json = JSON.stringify(out);
  for (const raw of ['sk_test_EXAMPLEexampleEXAMPLE0000', 'BSA-EXAMPLE-not-a-real-key-0000']) assert.ok(!json.includes(raw), raw);
});

test('malformed JSON warns with the line and keeps what could be read', async () => {
  const out = await run('broken/.cursor/mcp.json');
  assert.deepEqual(out.warnings.map((w) => [w.file, w.line, w.message]), [['broken/.cursor/mcp.json', 4, 'malformed JSON: CommaExpected']]);
  assert.deepEqual(keysOf(out, 'mcp-server'), ['a|npx -y pkg-a', 'b|npx']);
});

test('launcher parsing: npx, uvx, pipx, docker and Windows cmd wrappers', () => {
  assert.deepEqual(launchedPackage('npx', ['-y', '@modelcontextprotocol/server-github@1.2.3']), {
    runner: 'npx', ecosystem: 'npm', package: '@modelcontextprotocol/server-github', version: '1.2.3', pinned: true,
  });
  assert.deepEqual(launchedPackage('npx', ['--package=@acme/tools@^2', 'acme-mcp']), { runner: 'npx', ecosystem: 'npm', package: '@acme/tools', version: '^2', pinned: false });
  assert.deepEqual(launchedPackage('uvx', ['-p', '3.12', '--from', 'mcp-server-fetch==2025.1.1', 'mcp-server-fetch']), {
    runner: 'uvx', ecosystem: 'pypi', package: 'mcp-server-fetch', version: '2025.1.1', pinned: true,
  });
  assert.deepEqual(launchedPackage('pipx', ['run', 'mcp-proxy']), { runner: 'pipx run', ecosystem: 'pypi', package: 'mcp-proxy', version: undefined, pinned: false });
  assert.deepEqual(launchedPackage('docker', ['run', '-i', '--rm', '-e', 'TOKEN', '-v', '/data:/data', 'ghcr.io/acme/mcp@sha256:abcd']), {
    runner: 'docker run', ecosystem: 'docker', package: 'ghcr.io/acme/mcp', version: 'sha256:abcd', pinned: true,
  });
  assert.deepEqual(launchedPackage('cmd', ['/c', 'npx', '-y', 'server-x@0.1.0']), { runner: 'npx', ecosystem: 'npm', package: 'server-x', version: '0.1.0', pinned: true });
  assert.equal(launchedPackage('python', ['server.py']), undefined);
});
