import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROVIDERS } from '../model/providers.js';
import { AI_SERVICES, matchHost, serviceName } from './catalogue.js';
import { hostOf } from './host.js';

test('host suffixes: the most specific entry wins; look-alike domains do not match', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['api.openai.com', 'openai', 'api'],
    ['chatgpt.com', 'openai', 'chat'],
    ['ab.chatgpt.com', 'openai', 'chat'],
    ['cdn.oaistatic.com', 'openai', 'chat'],
    ['platform.openai.com', 'openai', 'web'],
    ['notopenai.com', undefined, undefined],
    ['openai.com.evil.example', undefined, undefined],
    ['acme-prod.openai.azure.com', 'azure-openai', 'api'],
    ['claude.ai', 'anthropic', 'chat'],
    ['api.anthropic.com', 'anthropic', 'api'],
    ['gemini.google.com', 'google-gemini', 'chat'],
    ['generativelanguage.googleapis.com', 'google-gemini', 'api'],
    ['www.googleapis.com', undefined, undefined],
    ['us-central1-aiplatform.googleapis.com', 'google-vertex-ai', 'api'],
    ['bedrock-runtime.us-east-1.amazonaws.com', 'aws-bedrock', 'api'],
    ['bedrock-agent-runtime.eu-west-1.amazonaws.com', 'aws-bedrock', 'api'],
    ['runtime.sagemaker.eu-west-1.amazonaws.com', 'aws-sagemaker', 'api'],
    ['s3.eu-west-1.amazonaws.com', undefined, undefined],
    ['api.githubcopilot.com', 'github-copilot', 'coding'],
    ['github.com', undefined, undefined],
    ['www.perplexity.ai', 'perplexity', 'chat'],
    ['chat.deepseek.com', 'deepseek', 'chat'],
    ['grok.x.com', 'xai', 'chat'],
    ['x.com', undefined, undefined],
    ['huggingface.co', 'huggingface', 'api'],
    ['chatgpt-async-webps-prod-eastus-7.webpubsub.azure.com', 'openai', 'chat'],
    ['other.webpubsub.azure.com', undefined, undefined],
    ['com', undefined, undefined],
  ];
  for (const [host, service, category] of cases) {
    const m = matchHost(host);
    assert.deepEqual([m?.service, m?.category], [service, category], host);
  }
});

test('provider ids agree with model/providers.ts for every provider that has API hosts there', () => {
  for (const p of Object.values(PROVIDERS)) {
    for (const h of p.hosts) assert.equal(matchHost(h)?.service, p.id, `${p.id}: ${h}`);
  }
  assert.equal(serviceName('openai'), 'OpenAI');
  assert.equal(serviceName('cursor'), 'Cursor');
  assert.equal(serviceName('aws-sagemaker'), 'AWS SageMaker');
  assert.ok(AI_SERVICES.length > 50);
});

test('hostOf reduces URLs, host:port, trailing dots and IPv6 literals', () => {
  assert.equal(hostOf('https://user:pw@API.OpenAI.com:443/v1/chat?x=1'), 'api.openai.com');
  assert.equal(hostOf('claude.ai:443'), 'claude.ai');
  assert.equal(hostOf('chatgpt.com.'), 'chatgpt.com');
  assert.equal(hostOf('[2001:db8::1]:443'), '2001:db8::1');
  assert.equal(hostOf('-'), undefined);
  assert.equal(hostOf(''), undefined);
});
