// The proxy end to end with the official SDKs: OpenAI (chat, Responses, completions, embeddings, models) and
// Anthropic (messages, models), streaming and not, Azure OpenAI and OpenAI-compatible upstreams, retries and
// fallbacks, and upstream keys that never leave the gateway.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { APP_KEY, BASE, collect, harness, OTHER_KEY, UPSTREAM_KEY, type Harness } from './helpers.js';

describe('gateway proxy with the official SDKs', () => {
  let h: Harness;
  let openai: OpenAI;
  let anthropic: Anthropic;
  before(async () => {
    h = await harness(BASE);
    openai = new OpenAI({ apiKey: APP_KEY, baseURL: `${h.gateway.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: APP_KEY, baseURL: h.gateway.url, maxRetries: 0 });
  });
  after(() => h.close());

  it('chat completions, not streamed: the answer, usage, and the upstream key instead of the virtual one', async () => {
    const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi there' }] });
    assert.equal(r.choices[0]!.message.content, 'Hello from gpt-4o.');
    assert.ok(r.usage!.prompt_tokens > 0);
    const seen = h.upstream.requests.at(-1)!;
    assert.equal(seen.path, '/v1/chat/completions');
    assert.equal(seen.headers.authorization, `Bearer ${UPSTREAM_KEY}`);
    assert.ok(!JSON.stringify(seen.headers).includes(APP_KEY));
  });

  it('chat completions, streamed: every chunk and the end of the stream', async () => {
    h.upstream.script = () => ({ text: 'one two three four' });
    const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'count' }], stream: true });
    const chunks = await collect(stream);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, 'one two three four');
    assert.equal(chunks.at(-1)!.choices[0]!.finish_reason, 'stop');
    h.upstream.script = () => ({});
  });

  it('Responses API, streamed and not', async () => {
    const r = await openai.responses.create({ model: 'gpt-4o', input: 'Say hello' });
    assert.equal(r.output_text, 'Hello from gpt-4o.');
    const events = await collect(await openai.responses.create({ model: 'gpt-4o', input: 'Say hello', stream: true }));
    const deltas = events.filter((e) => e.type === 'response.output_text.delta').map((e) => (e as { delta: string }).delta);
    assert.equal(deltas.join(''), 'Hello from gpt-4o.');
    assert.equal(events.at(-1)!.type, 'response.completed');
  });

  it('legacy completions and embeddings', async () => {
    const c = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Once upon' });
    assert.equal(c.choices[0]!.text, 'Hello from gpt-3.5-turbo-instruct.');
    const e = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    assert.equal(e.data.length, 2);
    assert.ok(e.usage.prompt_tokens > 0);
  });

  it('lists models, filtered to what the key may use', async () => {
    const all = await openai.models.list();
    assert.deepEqual(all.data.map((m) => m.id).sort(), ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small']);
    const limited = new OpenAI({ apiKey: OTHER_KEY, baseURL: `${h.gateway.url}/v1`, maxRetries: 0 });
    assert.deepEqual((await limited.models.list()).data.map((m) => m.id), ['gpt-4o-mini']);
    const claude = await anthropic.models.list();
    assert.deepEqual(claude.data.map((m) => m.id), ['claude-sonnet-5-5', 'claude-haiku-5-5']);
  });

  it('Anthropic messages, not streamed: x-api-key upstream, anthropic-version forwarded', async () => {
    const m = await anthropic.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(m.content[0]!.type, 'text');
    assert.equal((m.content[0] as { text: string }).text, 'Hello from claude-sonnet-5-5.');
    const seen = h.upstream.requests.at(-1)!;
    assert.equal(seen.path, '/v1/messages');
    assert.equal(seen.headers['x-api-key'], UPSTREAM_KEY);
    assert.ok(seen.headers['anthropic-version']);
  });

  it('Anthropic messages, streamed: message_start to message_stop', async () => {
    h.upstream.script = () => ({ text: 'alpha beta gamma' });
    const stream = anthropic.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    const types: string[] = [];
    stream.on('streamEvent', (e) => types.push(e.type));
    const final = await stream.finalMessage();
    assert.equal((final.content[0] as { text: string }).text, 'alpha beta gamma');
    assert.equal(types[0], 'message_start');
    assert.equal(types.at(-1), 'message_stop');
    assert.equal(final.stop_reason, 'end_turn');
    h.upstream.script = () => ({});
  });

  it('refuses a request without a valid key in each protocol\'s own error shape', async () => {
    const bad = new OpenAI({ apiKey: 'aispm_vk_not-a-real-key-000000000000', baseURL: `${h.gateway.url}/v1`, maxRetries: 0 });
    await assert.rejects(bad.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.AuthenticationError);
      assert.equal((e as { code?: string }).code, 'invalid_api_key');
      return true;
    });
    const badA = new Anthropic({ apiKey: 'nope-nope-nope-nope', baseURL: h.gateway.url, maxRetries: 0 });
    await assert.rejects(badA.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
      assert.ok(e instanceof Anthropic.AuthenticationError);
      assert.equal((e as { error?: { error?: { type?: string } } }).error?.error?.type, 'authentication_error');
      return true;
    });
  });

  it('refuses a model the key may not use', async () => {
    const limited = new OpenAI({ apiKey: OTHER_KEY, baseURL: `${h.gateway.url}/v1`, maxRetries: 0 });
    await assert.rejects(limited.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => e instanceof OpenAI.PermissionDeniedError);
  });

  it('passes upstream errors through unchanged', async () => {
    h.upstream.script = () => ({ status: 400 });
    await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => e instanceof OpenAI.BadRequestError && /stand-in upstream error 400/.test((e as Error).message));
    h.upstream.script = () => ({});
  });

  it('answers /healthz and /metrics without a key', async () => {
    const health = (await (await fetch(`${h.gateway.url}/healthz`)).json()) as { status: string; keys: number };
    assert.equal(health.status, 'ok');
    assert.equal(health.keys, 2);
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    assert.match(metrics, /# TYPE aispm_gateway_requests_total counter/);
    assert.match(metrics, /aispm_gateway_requests_total\{api="openai",endpoint="chat",status="200",decision="allow"\} \d+/);
    assert.match(metrics, /aispm_gateway_added_latency_seconds_bucket\{le="\+Inf"\} \d+/);
  });
});

describe('gateway upstream variants, retries and fallbacks', () => {
  it('Azure OpenAI: deployment path, api-version and api-key header', async () => {
    const h = await harness(`
upstreams:
  - name: azure
    provider: azure-openai
    base_url: \${UPSTREAM}
    api_key: \${UPSTREAM_KEY}
    api_version: 2024-10-21
    deployments: { gpt-4o: prod-gpt4o }
routes:
  - { name: azure, api: openai, targets: [azure] }
keys:
  static: [{ name: app, key: "\${APP_KEY}" }]
`);
    try {
      const openai = new OpenAI({ apiKey: APP_KEY, baseURL: `${h.gateway.url}/v1`, maxRetries: 0 });
      const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      assert.equal(r.choices[0]!.message.content, 'Hello from gpt-4o.');
      const seen = h.upstream.requests.at(-1)!;
      assert.equal(seen.path, '/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21');
      assert.equal(seen.headers['api-key'], UPSTREAM_KEY);
      assert.equal(seen.headers.authorization, undefined);
    } finally {
      await h.close();
    }
  });

  it('retries a failed attempt, then falls back to the next target, before anything reached the client', async () => {
    const h = await harness(`
upstreams:
  - { name: primary, provider: openai-compatible, base_url: "\${UPSTREAM}/v1", api_key: "\${UPSTREAM_KEY}" }
  - { name: backup, provider: openai, base_url: "\${UPSTREAM}/v1", api_key: "\${UPSTREAM_KEY}" }
routes:
  - { name: main, api: openai, targets: [primary, backup], retries: 1, retry_backoff_ms: 0 }
keys:
  static: [{ name: app, key: "\${APP_KEY}" }]
`);
    try {
      const openai = new OpenAI({ apiKey: APP_KEY, baseURL: `${h.gateway.url}/v1`, maxRetries: 0 });
      // first attempt: 503, retry: connection dropped, fallback target: answers
      h.upstream.failNext(1, 503);
      h.upstream.failNext(1, 0);
      const r = await openai.chat.completions.create({ model: 'llama3.1:8b', messages: [{ role: 'user', content: 'Hi' }] });
      assert.equal(r.choices[0]!.message.content, 'Hello from llama3.1:8b.');
      assert.equal(h.upstream.requests.length, 3);
      // every attempt fails: the last upstream error reaches the client in its own shape
      h.upstream.failNext(4, 503);
      await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }), (e: unknown) => e instanceof OpenAI.InternalServerError && (e as { status: number }).status === 503);
      assert.equal(h.upstream.requests.length, 7);
      const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
      assert.match(metrics, /aispm_gateway_upstream_attempts_total\{upstream="backup",outcome="200"\} 1/);
    } finally {
      await h.close();
    }
  });

  it('answers 502 in the client protocol when no upstream is reachable', async () => {
    const h = await harness(`
upstreams:
  - { name: dead, provider: anthropic, base_url: "http://127.0.0.1:9", api_key: x, connect_timeout_ms: 1000 }
routes:
  - { name: main, api: anthropic, targets: [dead], retries: 0 }
keys:
  static: [{ name: app, key: "\${APP_KEY}" }]
`);
    try {
      const anthropic = new Anthropic({ apiKey: APP_KEY, baseURL: h.gateway.url, maxRetries: 0 });
      await assert.rejects(anthropic.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
        assert.ok(e instanceof Anthropic.APIError);
        assert.equal((e as { status: number }).status, 502);
        assert.equal((e as { error?: { error?: { type?: string } } }).error?.error?.type, 'api_error');
        return true;
      });
    } finally {
      await h.close();
    }
  });
});
