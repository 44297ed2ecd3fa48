// Virtual keys: rate limits, token budgets per period, expiry (on an injected clock, never wall time), and keys
// from the aispm store managed with `aispm gateway keys create|rotate|revoke` reaching a running gateway.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { Command } from 'commander';
import { registerGatewayCommand } from '../../src/cli/gateway.js';
import { hashKey, periodStart } from '../../src/gateway/keys/keys.js';
import { openDb, storeOver } from '../../src/store/index.js';
import { runtimeStore } from '../../src/store/runtime.js';
import { APP_KEY, harness } from './helpers.js';

const UPSTREAMS = `
upstreams:
  - { name: openai, provider: openai, base_url: "\${UPSTREAM}/v1", api_key: "\${UPSTREAM_KEY}" }
  - { name: anthropic, provider: anthropic, base_url: "\${UPSTREAM}", api_key: "\${UPSTREAM_KEY}" }
routes:
  - { name: openai, api: openai, targets: [openai] }
  - { name: anthropic, api: anthropic, targets: [anthropic] }
`;

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

function clock(start = T0) {
  const c = { t: start, now: () => c.t };
  return c;
}

const chat = (url: string, key: string) => new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });

describe('key limits on an injected clock', () => {
  it('rate limit: requests per minute, with retry-after, in each protocol\'s shape', async () => {
    const c = clock();
    const h = await harness(UPSTREAMS + `keys:\n  static:\n    - { name: app, key: "\${APP_KEY}", rate_limit: { requests_per_minute: 2 } }\n`, { now: c.now });
    try {
      await chat(h.gateway.url, APP_KEY);
      await chat(h.gateway.url, APP_KEY);
      await assert.rejects(chat(h.gateway.url, APP_KEY), (e: unknown) => {
        assert.ok(e instanceof OpenAI.RateLimitError);
        assert.equal((e as { code?: string }).code, 'rate_limit_exceeded');
        assert.ok(Number((e as { headers: Headers }).headers.get('retry-after')) >= 1);
        return true;
      });
      const claude = new Anthropic({ apiKey: APP_KEY, baseURL: h.gateway.url, maxRetries: 0 });
      await assert.rejects(claude.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
        assert.ok(e instanceof Anthropic.RateLimitError);
        return true;
      });
      c.t += 2 * 60_000; // the window has moved on
      await chat(h.gateway.url, APP_KEY);
    } finally {
      await h.close();
    }
  });

  it('token budget per period: refused once used up, available again in the next period', async () => {
    const c = clock();
    const h = await harness(UPSTREAMS + `keys:\n  static:\n    - { name: app, key: "\${APP_KEY}", budget: { tokens: 100, period: day } }\n`, { now: c.now });
    try {
      h.upstream.script = () => ({ usage: { input: 40, output: 30 } });
      await chat(h.gateway.url, APP_KEY); // 70 of 100
      await chat(h.gateway.url, APP_KEY); // 140: over, counted after the fact
      await assert.rejects(chat(h.gateway.url, APP_KEY), (e: unknown) => e instanceof OpenAI.RateLimitError && (e as { code?: string }).code === 'insufficient_quota');
      // streamed usage counts too (Anthropic reports it in message_start / message_delta)
      c.t = periodStart('day', T0) + DAY;
      const claude = new Anthropic({ apiKey: APP_KEY, baseURL: h.gateway.url, maxRetries: 0 });
      await claude.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
      await claude.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
      await assert.rejects(chat(h.gateway.url, APP_KEY), (e: unknown) => e instanceof OpenAI.RateLimitError);
    } finally {
      await h.close();
    }
  });

  it('expiry: a key past its expires_at is refused as unauthorized', async () => {
    const c = clock();
    const h = await harness(UPSTREAMS + `keys:\n  static:\n    - { name: app, key: "\${APP_KEY}", expires_at: "2026-01-15T12:00:00Z" }\n`, { now: c.now });
    try {
      await chat(h.gateway.url, APP_KEY);
      c.t = Date.parse('2026-01-15T12:00:00Z');
      await assert.rejects(chat(h.gateway.url, APP_KEY), (e: unknown) => e instanceof OpenAI.AuthenticationError && /expired/.test((e as Error).message));
    } finally {
      await h.close();
    }
  });
});

describe('keys in the aispm store', () => {
  it('create, rotate with grace and revoke through the CLI reach a running gateway; budgets are shared through the store', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'aispm-gw-keys-'));
    const out: string[] = [];
    const cli = async (...args: string[]) => {
      const program = new Command().exitOverride();
      registerGatewayCommand(program, { out: (t) => out.push(t), err: () => undefined });
      await program.parseAsync(['node', 'aispm', 'gateway', 'keys', ...args, '--data-dir', dataDir]);
      return out.at(-1)!;
    };
    try {
      const created = JSON.parse(await cli('create', '--name', 'billing-prod', '--app', 'billing', '--team', 'fin', '--budget', '1000/month', '--format', 'json')) as { id: string; key: string; name: string };
      assert.match(created.key, /^aispm_vk_[A-Za-z0-9_-]{32}$/);
      const listed = await cli('list', '--format', 'json');
      assert.ok(!listed.includes(created.key) && !listed.includes(hashKey(created.key)), 'list never shows the key or its hash');

      const c = clock();
      const db = await openDb({ dataDir });
      const runtime = runtimeStore(db);
      const store = storeOver(db);
      const h = await harness(UPSTREAMS + 'keys: { store: true, refresh_seconds: 3600 }\n', { now: c.now, store: { store, runtime } });
      try {
        h.upstream.script = () => ({ usage: { input: 300, output: 300 } });
        await chat(h.gateway.url, created.key);
        // another gateway instance used 500 tokens of the same budget
        await runtime.addKeyUsage([{ keyId: created.id, periodStart: new Date(periodStart('month', c.t)).toISOString(), tokens: 500, requests: 1 }]);
        await h.gateway.keys.refresh();
        await assert.rejects(chat(h.gateway.url, created.key), (e: unknown) => e instanceof OpenAI.RateLimitError);
        const usage = await runtime.keyUsage([{ keyId: created.id, periodStart: new Date(periodStart('month', c.t)).toISOString() }]);
        assert.equal(usage[0]!.tokens, 1100);

        // rotation while the gateway runs (the CLI and the gateway share the store's database here)
        const rotated = JSON.parse(await rotateWith(runtime, created.id, c.t + 3_600_000)) as { key: string };
        await h.gateway.keys.refresh();
        await runtime.addKeyUsage([{ keyId: created.id, periodStart: new Date(periodStart('month', c.t)).toISOString(), tokens: -1100, requests: 0 }]);
        await h.gateway.keys.refresh();
        h.upstream.script = () => ({ usage: { input: 10, output: 10 } });
        await chat(h.gateway.url, rotated.key);
        await chat(h.gateway.url, created.key); // old key still inside its grace period
        c.t += 2 * 3_600_000;
        await assert.rejects(chat(h.gateway.url, created.key), (e: unknown) => e instanceof OpenAI.AuthenticationError);
        await chat(h.gateway.url, rotated.key);

        await runtime.revokeKey('billing-prod');
        await h.gateway.keys.refresh();
        await assert.rejects(chat(h.gateway.url, rotated.key), (e: unknown) => e instanceof OpenAI.AuthenticationError);
      } finally {
        await h.close();
        await db.close();
      }
      // the CLI sees the revocation, and what the key used in the current budget period (from every instance)
      const again = await openDb({ dataDir });
      try {
        await runtimeStore(again).addKeyUsage([{ keyId: created.id, periodStart: new Date(periodStart('month', Date.now())).toISOString(), tokens: 321, requests: 4 }]);
      } finally {
        await again.close();
      }
      const all = JSON.parse(await cli('list', '--all', '--format', 'json')) as Array<{ status: string; usage: { tokens: number; requests: number } }>;
      assert.equal(all[0]!.status, 'revoked');
      assert.deepEqual([all[0]!.usage.tokens, all[0]!.usage.requests], [321, 4]);
      assert.match(await cli('list', '--all'), /billing-prod .*321 of 1000\/month/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

async function rotateWith(runtime: ReturnType<typeof runtimeStore>, id: string, graceUntil: number): Promise<string> {
  const { generateKey } = await import('../../src/gateway/keys/keys.js');
  const key = generateKey();
  await runtime.rotateKey(id, hashKey(key), new Date(graceUntil).toISOString());
  return JSON.stringify({ key });
}
