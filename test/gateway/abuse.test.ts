// Abuse and anomaly detection on an injected clock: request and token spikes against a baseline, prompt
// flooding, model extraction (near-duplicate systematic probing, not retries), unusual model switching, and the
// gateway turning an anomaly into a Detection Finding and throttling the key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { AbuseDetector, simhash } from '../../src/gateway/abuse/detector.js';
import { GatewayConfigSchema } from '../../src/gateway/config.js';
import type { GatewayEvent } from '../../src/gateway/events/ocsf.js';
import { APP_KEY, BASE, harness } from './helpers.js';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

function detector(overrides: Record<string, unknown> = {}) {
  const cfg = GatewayConfigSchema.shape.abuse.parse({ warmup_minutes: 3, request_spike: { factor: 4, min: 20 }, token_spike: { factor: 4, min: 1000 }, max_prompt_chars: 1000, ...overrides });
  const clock = { t: T0 };
  return { d: new AbuseDetector(cfg, () => clock.t), clock };
}

const minute = 60_000;

describe('abuse detector', () => {
  it('request spike: quiet during warm-up, fires once above factor × baseline and the floor', () => {
    const { d, clock } = detector();
    for (let m = 0; m < 4; m++) {
      for (let i = 0; i < 5; i++) assert.deepEqual(d.observeRequest('k1', '10.0.0.1', 'gpt-4o', `q ${m} ${i}`), []);
      clock.t += minute;
    }
    const kinds: string[] = [];
    for (let i = 0; i < 30; i++) kinds.push(...d.observeRequest('k1', '10.0.0.1', 'gpt-4o', `burst ${i}`).map((a) => `${a.kind}:${a.subject}`));
    assert.deepEqual(kinds, ['request_spike:key:k1', 'request_spike:ip:10.0.0.1'], 'once per subject within the cooldown');
  });

  it('token spike and prompt flooding', () => {
    const { d, clock } = detector();
    for (let m = 0; m < 4; m++) {
      d.observeRequest('k1', 'c', 'gpt-4o', 'hello');
      assert.deepEqual(d.observeTokens('k1', 'c', 200), []);
      clock.t += minute;
    }
    assert.deepEqual(d.observeTokens('k1', 'c', 5000).map((a) => a.kind), ['token_spike', 'token_spike']);
    const flood = d.observeRequest('k2', 'c2', 'gpt-4o', 'x'.repeat(1001));
    assert.deepEqual(flood.map((a) => a.kind), ['prompt_flooding', 'prompt_flooding']);
    assert.equal(flood[0]!.evidence.chars, 1001);
  });

  it('model extraction: a template probed with many variations fires; repeating one prompt or varied questions do not', () => {
    const probe = detector();
    const countries = Array.from({ length: 80 }, (_, i) => `country${i}`);
    let fired: string[] = [];
    for (const c of countries) fired.push(...probe.d.observeRequest('thief', 'c', 'gpt-4o', `Classify the sentiment of this review about the product sold in ${c}: the delivery was fine and the product works as described, rate it from one to five`).map((a) => a.kind));
    assert.ok(fired.includes('model_extraction'));

    const retry = detector();
    fired = [];
    for (let i = 0; i < 80; i++) fired.push(...retry.d.observeRequest('loop', 'c', 'gpt-4o', 'Classify the sentiment of this review: great product').map((a) => a.kind));
    assert.ok(!fired.includes('model_extraction'), 'exact repeats are a retry loop, not probing');

    const normal = detector();
    fired = [];
    const topics = ['weather in Oslo', 'a haiku about autumn', 'how to bake bread', 'the capital of Peru', 'explain recursion', 'sort a list in Python', 'history of Rome', 'translate hello to French'];
    for (let i = 0; i < 80; i++) fired.push(...normal.d.observeRequest('user', 'c', 'gpt-4o', `Tell me about ${topics[i % topics.length]} number ${i} with some ${'detail '.repeat(i % 5)}`).map((a) => a.kind));
    assert.ok(!fired.includes('model_extraction'));
  });

  it('SimHash puts near-duplicates close and different texts far apart', () => {
    const dist = (a: string, b: string) => {
      const [x1, y1] = simhash(a);
      const [x2, y2] = simhash(b);
      const pc = (n: number) => n.toString(2).replace(/0/g, '').length;
      return pc((x1 ^ x2) >>> 0) + pc((y1 ^ y2) >>> 0);
    };
    const base = 'Classify the sentiment of this review about the product sold in France: the delivery was fine and the product works as described';
    assert.ok(dist(base, base.replace('France', 'Spain')) <= 6);
    assert.ok(dist(base, 'Write a poem about the sea and the stars at night, with rhymes') > 12);
  });

  it('unusual model switching after warm-up', () => {
    const { d, clock } = detector({ new_models_after_warmup: 1 });
    for (let m = 0; m < 4; m++) {
      d.observeRequest('k', 'c', 'gpt-4o-mini', `a ${m}`);
      clock.t += minute;
    }
    assert.deepEqual(d.observeRequest('k', 'c', 'gpt-4o', 'b').map((a) => a.kind), []);
    const fired = d.observeRequest('k', 'c', 'o3', 'c');
    assert.deepEqual(fired.map((a) => a.kind), ['model_switching']);
    assert.deepEqual(fired[0]!.evidence.newModels, ['gpt-4o', 'o3']);
  });
});

describe('abuse in the gateway', () => {
  it('emits a Detection Finding and throttles the key', async () => {
    const events: GatewayEvent[] = [];
    const h = await harness(BASE + `abuse:\n  max_prompt_chars: 500\n  throttle_seconds: 60\n`);
    try {
      h.gateway.events.sinks.push({ name: 'capture', write: (e) => void events.push(e), flush: async () => undefined, close: async () => undefined });
      const openai = new OpenAI({ apiKey: APP_KEY, baseURL: `${h.gateway.url}/v1`, maxRetries: 0 });
      await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'word '.repeat(200) }] });
      const finding = events.find((e) => e.classUid === 2004)!;
      assert.ok(finding, 'a Detection Finding was emitted');
      const ocsf = finding.ocsf as { finding_info: { analytic: { uid: string }; types: string[] }; action: string; resources: Array<{ type: string }> };
      assert.equal(ocsf.finding_info.analytic.uid, 'AISPM-GW-ABUSE-003');
      assert.deepEqual(ocsf.finding_info.types, ['owasp-llm:LLM10:2025']);
      assert.equal(ocsf.action, 'Denied');
      await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }), (e: unknown) => e instanceof OpenAI.RateLimitError && /throttled/.test((e as Error).message));
      const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
      assert.match(metrics, /aispm_gateway_abuse_events_total\{kind="prompt_flooding"\} 2/);
    } finally {
      await h.close();
    }
  });
});
