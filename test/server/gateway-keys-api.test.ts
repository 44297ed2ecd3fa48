// Gateway virtual keys through the API, on both engines: who may do what, validation, the key shown once and never
// stored or listed, audit entries, and the keys working end to end in a running gateway that reads the same store,
// called with the official openai client: create → call → usage in the list → rotate with grace (both values work)
// → revoke (refused after the gateway's refresh).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import OpenAI from 'openai';
import { hashKey } from '../../src/gateway/keys/keys.js';
import { runtimeStore } from '../../src/store/runtime.js';
import { chatThrough, harness, STORE_KEYS } from '../gateway/helpers.js';
import { ENGINES } from '../store/engines.js';
import { withServer } from './harness.js';

const chat = (url: string, key: string) => chatThrough(url, key);

for (const engine of ENGINES) {
  describe(`gateway keys API on ${engine}`, () => {
    test('admins create, rotate and revoke; everyone signed in lists; values are shown once and never stored', async () => {
      await withServer(engine, async (srv) => {
        const a = srv.admin;
        const { client: viewer } = await srv.userOf('viewer');
        const { client: analyst } = await srv.userOf('analyst');
        const body = { name: 'billing-prod', app: 'billing', team: 'finance', models: ['gpt-4o*'], budget: { tokens: 100_000, period: 'month' }, rateLimit: { requestsPerMinute: 600 } };

        // --- roles
        assert.equal((await srv.anon.get('/api/gateway/keys')).status, 401);
        for (const who of [viewer, analyst]) assert.equal((await who.post('/api/gateway/keys', body)).status, 403);

        // --- validation and conflicts
        for (const bad of [{ ...body, name: '' }, { ...body, models: ['gpt 4o; drop'] }, { ...body, budget: { tokens: 0, period: 'month' } },
          { ...body, rateLimit: {} }, { ...body, expiresAt: 'tomorrow' }, { ...body, surprise: true }]) {
          const r = await a.post('/api/gateway/keys', bad);
          assert.equal(r.status, 400, `${JSON.stringify(bad)}: ${r.text}`);
        }
        assert.equal((await a.post('/api/gateway/keys', { ...body, expiresAt: '2001-01-01T00:00:00Z' })).status, 400, 'an expiry in the past');

        const created = await a.post('/api/gateway/keys', body);
        assert.equal(created.status, 201, created.text);
        const { key, record } = created.body;
        assert.match(key, /^aispm_vk_[A-Za-z0-9_-]{32}$/);
        assert.deepEqual({ ...record, id: undefined, createdAt: undefined }, {
          id: undefined, name: 'billing-prod', app: 'billing', team: 'finance', models: ['gpt-4o*'], budget: { tokens: 100_000, period: 'month' },
          rateLimit: { requestsPerMinute: 600, tokensPerMinute: null }, status: 'active', expiresAt: null, createdAt: undefined, rotatedAt: null,
          revokedAt: null, previousKeyValidUntil: null, usage: null,
        });
        assert.equal((await a.post('/api/gateway/keys', body)).status, 409, 'names are unique');
        // two requests racing for one name: one key, and the other request hears why
        const raced = await Promise.all([a.post('/api/gateway/keys', { name: 'race' }), a.post('/api/gateway/keys', { name: 'race' })]);
        assert.deepEqual(raced.map((r) => r.status).sort(), [201, 409], raced.map((r) => r.text).join(' / '));
        assert.equal((await a.delete(`/api/gateway/keys/${raced.find((r) => r.status === 201)!.body.record.id}`)).status, 200);

        // --- the key is stored as its hash only; no answer shows it again, nor its hash
        const rows = await srv.server.ctx.db.query<{ key_hash: string }>('select key_hash from gateway_keys where id = $1', [record.id]);
        assert.equal(rows[0]!.key_hash, hashKey(key));
        const listed = await viewer.get('/api/gateway/keys');
        assert.equal(listed.status, 200, listed.text);
        assert.ok(!listed.text.includes(key) && !listed.text.includes(hashKey(key)));
        assert.deepEqual(listed.body.items.map((k: any) => k.name), ['billing-prod']);

        // --- the key works in a gateway reading the same store; its usage shows in the list
        const runtime = runtimeStore(srv.server.ctx.db);
        const h = await harness(STORE_KEYS, { store: { store: srv.server.ctx.store, runtime } });
        try {
          h.upstream.script = () => ({ usage: { input: 30, output: 12 } });
          await chat(h.gateway.url, key);
        } finally {
          await h.close(); // a closing gateway writes the usage it counted
        }
        const used = (await viewer.get('/api/gateway/keys')).body.items[0];
        assert.deepEqual([used.usage.tokens, used.usage.requests], [42, 1]);

        // --- rotation with a grace period: both values work until it ends; then revocation
        assert.equal((await analyst.post(`/api/gateway/keys/${record.id}/rotate`, {})).status, 403);
        assert.equal((await a.post('/api/gateway/keys/vk_00000000/rotate', {})).status, 404);
        const rotated = await a.post(`/api/gateway/keys/${record.id}/rotate`, { graceMinutes: 60 });
        assert.equal(rotated.status, 200, rotated.text);
        assert.notEqual(rotated.body.key, key);
        assert.ok(rotated.body.record.rotatedAt && rotated.body.record.previousKeyValidUntil);
        const h2 = await harness(STORE_KEYS, { store: { store: srv.server.ctx.store, runtime } });
        try {
          h2.upstream.script = () => ({ usage: { input: 1, output: 1 } });
          await chat(h2.gateway.url, rotated.body.key);
          await chat(h2.gateway.url, key); // the old value, inside its grace period
          assert.equal((await analyst.delete(`/api/gateway/keys/${record.id}`)).status, 403);
          const revoked = await a.delete(`/api/gateway/keys/${record.id}`);
          assert.equal(revoked.status, 200, revoked.text);
          assert.equal(revoked.body.status, 'revoked');
          await h2.gateway.keys.refresh();
          for (const k of [key, rotated.body.key]) await assert.rejects(chat(h2.gateway.url, k), (e: unknown) => e instanceof OpenAI.AuthenticationError);
        } finally {
          await h2.close();
        }
        assert.equal((await a.post(`/api/gateway/keys/${record.id}/rotate`, {})).status, 409, 'a revoked key is not rotated back to life');
        assert.deepEqual((await viewer.get('/api/gateway/keys')).body.items, [], 'revoked keys are listed only on request');
        assert.equal((await viewer.get('/api/gateway/keys?includeRevoked=true')).body.items[0].status, 'revoked');

        // --- every change is audited, without the key's value or hash
        const audit = await a.get('/api/audit?limit=50');
        assert.equal(audit.status, 200, audit.text);
        const entries = audit.body.items.filter((e: any) => e.targetType === 'gateway-key' && e.targetId === record.id);
        assert.deepEqual(entries.map((e: any) => e.action).sort(), ['gateway-key.create', 'gateway-key.revoke', 'gateway-key.rotate']);
        for (const v of [key, rotated.body.key, hashKey(key), hashKey(rotated.body.key)]) assert.ok(!audit.text.includes(v));
      });
    });
  });
}
