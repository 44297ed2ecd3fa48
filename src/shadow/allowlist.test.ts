import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AllowListError, parseAllowList } from './allowlist.js';
import { wildcardMatch } from './match.js';
import { analyseFixture, fixtureAllowList } from './test-helpers.js';
import { readFileSync } from 'node:fs';
import { fixture } from './test-helpers.js';

test('allow-list rules: provider, category, groups by user pattern or source CIDR, host shorthand', () => {
  const al = fixtureAllowList();
  const req = (service: string, category: 'api' | 'chat' | 'coding', host: string, user?: string, source?: string) => al.sanctions({ service, category, host, user, source });
  assert.equal(req('openai', 'api', 'api.openai.com', 'svc-web', '10.10.1.15'), true, 'app server by CIDR');
  assert.equal(req('openai', 'api', 'api.openai.com', undefined, 'app-web-01'), true, 'app server by name');
  assert.equal(req('openai', 'api', 'api.openai.com', 'jdoe', '10.20.4.31'), false, 'not an app server');
  assert.equal(req('openai', 'chat', 'chatgpt.com', 'svc-web', '10.10.1.15'), false, 'chat is not in the rule categories');
  assert.equal(req('github-copilot', 'coding', 'api.githubcopilot.com', 'jdoe'), true);
  assert.equal(req('github-copilot', 'coding', 'api.githubcopilot.com', 'ann@eng.acme.example'), true, 'user wildcard');
  assert.equal(req('github-copilot', 'coding', 'api.githubcopilot.com', 'rgarcia'), false);
  assert.equal(req('azure-openai', 'api', 'acme.openai.azure.com', 'anyone'), true, 'host shorthand');
  assert.equal(req('azure-openai', 'api', 'acme.cognitiveservices.azure.com', 'anyone'), false);
  assert.equal(req('mistral', 'chat', 'chat.mistral.ai'), true, 'provider shorthand, everyone, every category');
  assert.equal(req('deepseek', 'chat', 'chat.deepseek.com', 'jdoe'), false);
});

test('allow-list errors name the file and the line', () => {
  assert.throws(
    () => parseAllowList(readFileSync(fixture('allowlist-unknown-group.yaml'), 'utf8'), 'allowlist-unknown-group.yaml'),
    (e: unknown) => e instanceof AllowListError && e.line === 4 && /names group "nobody"/.test(e.message) && e.message.startsWith('allowlist-unknown-group.yaml:4:'),
  );
  assert.throws(
    () => parseAllowList(readFileSync(fixture('allowlist-bad-category.yaml'), 'utf8'), 'bad.yaml'),
    (e: unknown) => e instanceof AllowListError && e.line === 4 && /categories/.test(e.message),
  );
  assert.throws(() => parseAllowList('allow: [\n', 'broken.yaml'), (e: unknown) => e instanceof AllowListError && e.line !== undefined);
  assert.throws(() => parseAllowList('allow:\n  - categories: [api]\n', 'x.yaml'), /names a provider or a host pattern/);
  assert.throws(() => parseAllowList('allow: []\nextra: 1\n', 'x.yaml'), AllowListError);
});

test('wildcards are case-insensitive and linear', () => {
  assert.equal(wildcardMatch('*.openai.azure.com', 'ACME.openai.azure.com'), true);
  assert.equal(wildcardMatch('*.openai.azure.com', 'openai.azure.com'), false);
  assert.equal(wildcardMatch('app-??', 'app-01'), true);
  assert.equal(wildcardMatch('a*b*c', 'axxbyyc'), true);
  const t0 = performance.now();
  assert.equal(wildcardMatch('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000)), false);
  assert.ok(performance.now() - t0 < 500);
});

test('verdicts: sanctioned per request, declared explains API traffic only, shadow is what is left', async () => {
  const allowList = fixtureAllowList();
  const { byId } = await analyseFixture('squid-access.log', { allowList, summary: { declared: new Set(['openai', 'perplexity']) } });
  const openai = byId.get('openai')!;
  // api.openai.com from the two app servers is sanctioned; chatgpt.com and its CDN from a laptop are not
  assert.deepEqual(
    { sanctioned: openai.sanctioned, sanctionedRecords: openai.sanctionedRecords, unsanctionedRecords: openai.unsanctionedRecords, declared: openai.declared, shadow: openai.shadow, shadowRecords: openai.shadowRecords, shadowUsers: openai.shadowUsers, shadowHosts: openai.shadowHosts },
    { sanctioned: false, sanctionedRecords: 2, unsanctionedRecords: 2, declared: true, shadow: true, shadowRecords: 2, shadowUsers: ['jdoe'], shadowHosts: ['10.20.4.31'] },
  );
  // perplexity's API used from a laptop: unsanctioned but declared by code, so not shadow
  const perplexity = byId.get('perplexity')!;
  assert.deepEqual([perplexity.sanctioned, perplexity.declared, perplexity.shadow, perplexity.shadowRecords], [false, true, false, 0]);
  // claude.ai: neither
  const anthropic = byId.get('anthropic')!;
  assert.deepEqual([anthropic.sanctioned, anthropic.declared, anthropic.shadow, anthropic.shadowUsers], [false, false, true, ['asmith']]);

  // without the inventory a stateless run judges conservatively: undeclared
  const stateless = await analyseFixture('squid-access.log', { allowList, summary: { judgeShadow: true } });
  assert.deepEqual([stateless.byId.get('perplexity')!.declared, stateless.byId.get('perplexity')!.shadow], [undefined, true]);
});
