// `--verify` against a local server that answers like each provider: a key the provider knows is `valid`, one it
// refuses is `invalid`, an unreachable provider leaves it `unverified`, and no answer ever carries the key.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProviderStandin, type Standin } from '../../../test/support/provider-standin.js';
import { ALNUM, generator, ruleSamples, UPPER_ALNUM } from './fixtures.js';
import { secretsDetector } from './index.js';
import { verifyDetections, verifySecret, endpointsFromEnv } from './verify.js';

const samples = ruleSamples(7);
const sample = (rule: string) => {
  const s = samples.find((x) => x.rule === rule);
  assert.ok(s, `no synthetic sample for ${rule}`);
  return s;
};

const PROVIDERS = ['openai', 'anthropic', 'github', 'slack', 'huggingface', 'google', 'stripe', 'aws'] as const;
let standin: Standin;
let endpoints: Record<string, string>;

const live = {
  openai: sample('openai-api-key').value,
  anthropic: sample('anthropic-api-key').value,
  github: sample('github-pat').value,
  slack: sample('slack-token').value,
  huggingface: sample('huggingface-token').value,
  google: sample('google-api-key').value,
  stripe: sample('stripe-secret-key').value,
};
// Generated at test time, like every synthetic credential here: no realistic key is committed.
const gen = generator(11);
const awsId = `AKIA${gen(UPPER_ALNUM, 16)}`;
const awsSecret = gen(ALNUM, 40);

before(async () => {
  standin = await startProviderStandin({
    valid: Object.fromEntries(Object.entries(live).map(([p, k]) => [p, [k]])),
    awsPairs: { [awsId]: awsSecret },
  });
  endpoints = Object.fromEntries(PROVIDERS.map((p) => [p, `${standin.url}/${p}`]));
  endpoints['aws-secret-access-key'] = `${standin.url}/aws`;
});
after(() => standin.close());

describe('verifySecret', () => {
  for (const [provider, key] of Object.entries(live)) {
    test(`${provider}: the provider's own answer decides valid and invalid`, async () => {
      const good = await verifySecret({ type: `${provider}-key`, provider }, key, { endpoints });
      assert.equal(good.status, 'valid', good.detail);
      const revoked = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      const bad = await verifySecret({ type: `${provider}-key`, provider }, revoked, { endpoints });
      assert.equal(bad.status, 'invalid', bad.detail);
      for (const r of [good, bad]) {
        assert.ok(!JSON.stringify(r).includes(key) && !JSON.stringify(r).includes(revoked), 'a result carries the raw key');
        assert.ok(r.masked.length > 0);
      }
    });
  }

  test('slack says no with HTTP 200 {ok:false}, google with HTTP 400 API_KEY_INVALID: both read as invalid', async () => {
    assert.equal((await verifySecret({ type: 'slack-token', provider: 'slack' }, 'xoxb-0-0-nope', { endpoints })).detail, 'invalid_auth');
    assert.equal((await verifySecret({ type: 'google-api-key', provider: 'google' }, 'AIzaNope', { endpoints })).detail, 'API_KEY_INVALID');
  });

  test('the probes are read-only requests to the documented paths', () => {
    const seen = new Set(standin.requests.map((r) => `${r.provider} ${r.method} ${r.path}`));
    for (const expected of ['openai GET /v1/models', 'anthropic GET /v1/models', 'github GET /user', 'slack POST /api/auth.test', 'huggingface GET /api/whoami-v2', 'google GET /v1beta/models', 'stripe GET /v1/balance'])
      assert.ok(seen.has(expected), `no ${expected} in ${[...seen].join(', ')}`);
  });

  test('AWS: the key pair is signed with SigV4 and checked by STS GetCallerIdentity', async () => {
    const ok = await verifySecret({ type: 'aws-secret-access-key', provider: 'aws' }, awsSecret, { endpoints }, awsId);
    assert.equal(ok.status, 'valid', ok.detail);
    const wrongSecret = await verifySecret({ type: 'aws-secret-access-key', provider: 'aws' }, awsSecret.replace(/.$/, 'Z'), { endpoints }, awsId);
    assert.deepEqual([wrongSecret.status, wrongSecret.detail], ['invalid', 'HTTP 403']);
    const lone = await verifySecret({ type: 'aws-secret-access-key', provider: 'aws' }, awsSecret, { endpoints });
    assert.equal(lone.status, 'unverified');
  });

  test('no verifier, no endpoint, or no answer: unverified, with the reason', async () => {
    assert.equal((await verifySecret({ type: 'jwt', provider: 'jwt' }, 'eyJ.x.y', { endpoints })).status, 'unverified');
    assert.match((await verifySecret({ type: 'perplexity-api-key', provider: 'perplexity' }, 'pplx-x', { endpoints })).detail, /no read-only endpoint/);
    const closed = await startProviderStandin({ valid: {} });
    await closed.close();
    const down = await verifySecret({ type: 'openai-api-key', provider: 'openai' }, live.openai, { endpoints: { openai: `${closed.url}/openai` }, timeoutMs: 2000 });
    assert.equal(down.status, 'unverified');
    assert.match(down.detail, /request failed/);
  });
});

describe('verifyDetections', () => {
  test('verifies what the detector found in a file, once per distinct value', async () => {
    const text = [`OPENAI_API_KEY=${live.openai}`, `backup_key = "${live.openai}"`, `GITHUB_TOKEN=${live.github}`, `ANTHROPIC_API_KEY=${sample('anthropic-api-key').line.split('=').pop()}`].join('\n');
    const detections = secretsDetector.detect(text);
    const before = standin.requests.length;
    const results = await verifyDetections(text, detections, { endpoints });
    const byType = [...results].map(([d, v]) => `${d.type}:${v.status}`).sort();
    assert.ok(byType.includes('openai-api-key:valid'), byType.join(' '));
    assert.ok(byType.includes('github-pat:valid'), byType.join(' '));
    const openaiProbes = standin.requests.slice(before).filter((r) => r.provider === 'openai').length;
    assert.equal(openaiProbes, 1, 'the repeated key was asked once');
  });

  test('AISPM_VERIFY_ENDPOINTS points providers elsewhere', () => {
    assert.deepEqual(endpointsFromEnv({ AISPM_VERIFY_ENDPOINTS: 'openai=http://127.0.0.1:9/openai/, github = http://127.0.0.1:9/gh' }), {
      openai: 'http://127.0.0.1:9/openai',
      github: 'http://127.0.0.1:9/gh',
    });
  });
});
