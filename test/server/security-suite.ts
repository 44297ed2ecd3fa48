// The server's security, run on each engine: the role matrix over EVERY route of the OpenAPI document (401 without
// sign-in, 403 for a viewer on every change, 403 for an analyst on admin routes, token scopes), CSRF, sessions,
// tokens, login rate limiting, and the audit trail of these actions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineName } from '../store/engines.js';
import { ADMIN_PASSWORD, type Client, login, withServer } from './harness.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Routes any signed-in user may call for their own account; a new `self` route must be added here knowingly. */
const SELF_ROUTES = ['DELETE /api/tokens/{id}', 'POST /api/auth/logout', 'POST /api/tokens', 'PUT /api/auth/password'];
const PUBLIC_ROUTES = ['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login'];

interface Op {
  method: string;
  path: string;
  access: string;
}

function operations(doc: any): Op[] {
  const ops: Op[] = [];
  for (const [p, item] of Object.entries<any>(doc.paths)) {
    for (const m of METHODS) if (item[m]) ops.push({ method: m.toUpperCase(), path: p, access: item[m]['x-aispm-access'] });
  }
  return ops;
}

/** A concrete URL for a templated path: parameters get plausible values (the role check runs before lookups). */
const concrete = (p: string) =>
  p.replace('{framework}', 'owasp-llm-2025').replace('{fingerprint}', 'deadbeefdeadbeef').replace(/\{[^}]+\}/g, '1');

const rank: Record<string, number> = { viewer: 0, analyst: 1, admin: 2 };

export function securitySuite(engine: EngineName): void {
  describe(`server security on ${engine}`, () => {
    test('role matrix over every route of the OpenAPI document', async () => {
      await withServer(engine, async (srv) => {
        const doc = (await srv.anon.get('/api/openapi.json')).body;
        assert.equal(doc.openapi, '3.1.0');
        const ops = operations(doc);
        assert.ok(ops.length >= 35, `expected the whole API in the document, got ${ops.length} operations`);
        const key = (o: Op) => `${o.method} ${o.path}`;
        assert.deepEqual(ops.filter((o) => o.access === 'public').map(key).sort(), PUBLIC_ROUTES);
        assert.deepEqual(ops.filter((o) => o.access === 'self').map(key).sort(), SELF_ROUTES);
        for (const o of ops) {
          assert.ok(['public', 'self', 'viewer', 'analyst', 'admin'].includes(o.access), `${key(o)} declares its access`);
          const op = doc.paths[o.path][o.method.toLowerCase()];
          const declared = op.parameters.filter((p: any) => p.in === 'path').map((p: any) => p.name).sort();
          const templated = [...o.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
          assert.deepEqual(declared, templated, `${key(o)}: every path parameter is described`);
          assert.ok(op.operationId && op.summary && Object.keys(op.responses).length > 0, `${key(o)} is documented`);
          if (o.method !== 'GET') assert.notEqual(o.access, 'viewer', `${key(o)}: a change open to viewers`);
        }

        const viewer = (await srv.userOf('viewer')).client;
        const analyst = (await srv.userOf('analyst')).client;
        // tokens: an admin's read-scoped token acts as a viewer, a write-scoped one as an analyst
        const readTok = await srv.admin.post('/api/tokens', { name: 'read', scope: 'read' });
        const writeTok = await srv.admin.post('/api/tokens', { name: 'write', scope: 'write' });
        assert.equal(readTok.status, 201, readTok.text);
        const readClient = srv.tokenClient(readTok.body.token);
        const writeClient = srv.tokenClient(writeTok.body.token);

        const expectStatus = async (who: string, c: Client, o: Op, want: number) => {
          const r = await c.request(o.method, concrete(o.path), o.method === 'GET' || o.method === 'DELETE' ? undefined : {});
          assert.equal(r.status, want, `${who} ${key(o)} → ${r.status} ${r.text.slice(0, 200)}`);
          if (want === 401 || want === 403) assert.ok(r.body?.error?.code, `${key(o)} answers an error object`);
        };
        let checked = 0;
        for (const o of ops) {
          if (o.access === 'public') continue;
          await expectStatus('anonymous', srv.anon, o, 401);
          const mutating = o.method !== 'GET';
          const needs = o.access === 'self' ? 0 : rank[o.access];
          if ((mutating && o.access !== 'self') || needs > rank.viewer) {
            await expectStatus('viewer', viewer, o, 403);
            await expectStatus('read token', readClient, o, 403);
          }
          if (needs > rank.analyst) {
            await expectStatus('analyst', analyst, o, 403);
            await expectStatus('write token', writeClient, o, 403);
          }
          checked++;
        }
        assert.ok(checked >= 30);
        // an unknown /api/ path is 401 too without sign-in (nothing about the API leaks)
        assert.equal((await srv.anon.get('/api/nope')).status, 401);
        assert.equal((await viewer.get('/api/nope')).status, 404);
      });
    });

    test('sessions: cookie flags, CSRF on changes, logout, wrong and malformed credentials', async () => {
      await withServer(engine, async (srv) => {
        const res = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
        assert.equal(res.status, 200);
        const setCookie = res.headers.getSetCookie().join('\n');
        assert.match(setCookie, /aispm_session=/);
        assert.match(setCookie, /HttpOnly/i);
        assert.match(setCookie, /SameSite=Lax/i);
        assert.doesNotMatch(setCookie, /Secure/i, 'plain HTTP on 127.0.0.1: no Secure flag in auto mode');

        const c = await srv.login('admin', ADMIN_PASSWORD);
        const me = await c.get('/api/auth/me');
        assert.equal(me.status, 200);
        assert.equal(me.body.user.username, 'admin');
        assert.equal(me.body.role, 'admin');
        assert.equal(me.body.csrfToken, c.auth.csrf);
        assert.equal(me.body.user.passwordHash, undefined);

        // a change with the cookie but without (or with a wrong) CSRF header is refused; with it, accepted
        const body = { username: 'carol', role: 'viewer', password: 'a-long-enough-password' };
        assert.equal((await c.request('POST', '/api/users', body, { 'x-csrf-token': '' })).status, 403);
        const noCsrf = await fetch(`${srv.url}/api/users`, { method: 'POST', headers: { cookie: c.auth.cookie!, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        assert.equal(noCsrf.status, 403);
        assert.equal(((await noCsrf.json()) as any).error.code, 'csrf');
        assert.equal((await c.request('POST', '/api/users', body, { 'x-csrf-token': 'x'.repeat(32) })).status, 403);
        assert.equal((await c.post('/api/users', body)).status, 201);
        // a cross-site form post (not JSON) never reaches the handler
        const form = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=admin&password=x' });
        assert.equal(form.status, 415);

        assert.equal((await srv.anon.post('/api/auth/login', { username: 'admin', password: 'wrong password!' })).status, 401);
        assert.equal((await srv.anon.post('/api/auth/login', { username: 'nobody', password: 'whatever123456' })).status, 401);
        assert.equal((await srv.anon.request('GET', '/api/auth/me', undefined, { authorization: 'Basic YWRtaW46eA==' })).status, 401);
        assert.equal((await srv.anon.request('GET', '/api/auth/me', undefined, { cookie: 'aispm_session=forged' })).status, 401);

        assert.equal((await c.post('/api/auth/logout')).status, 200);
        assert.equal((await c.get('/api/auth/me')).status, 401, 'the session ends at logout');
        assert.equal((await srv.admin.get('/api/auth/me')).status, 200, 'other sessions live on');
      });
    });

    test('password change, disabling and role changes end sessions; the last admin stays', async () => {
      await withServer(engine, async (srv) => {
        const bob = await srv.userOf('analyst', 'bob');
        const other = await srv.login('bob', bob.password);
        assert.equal((await bob.client.put('/api/auth/password', { currentPassword: 'wrong', newPassword: 'another-long-password' })).status, 403);
        assert.equal((await bob.client.put('/api/auth/password', { currentPassword: bob.password, newPassword: 'short' })).status, 400);
        assert.equal((await bob.client.put('/api/auth/password', { currentPassword: bob.password, newPassword: 'another-long-password' })).status, 200);
        assert.equal((await bob.client.get('/api/auth/me')).status, 200, 'the session that changed it stays');
        assert.equal((await other.get('/api/auth/me')).status, 401, 'other sessions end');
        await assert.rejects(srv.login('bob', bob.password));
        const again = await srv.login('bob', 'another-long-password');

        assert.equal((await srv.admin.patch(`/api/users/${bob.id}`, { role: 'viewer' })).status, 200);
        assert.equal((await again.get('/api/auth/me')).status, 401, 'a role change signs the user out');
        const asViewer = await srv.login('bob', 'another-long-password');
        assert.equal((await asViewer.get('/api/auth/me')).body.role, 'viewer');
        assert.equal((await srv.admin.patch(`/api/users/${bob.id}`, { disabled: true })).status, 200);
        assert.equal((await asViewer.get('/api/auth/me')).status, 401);
        await assert.rejects(srv.login('bob', 'another-long-password'));

        const me = (await srv.admin.get('/api/auth/me')).body.user.id;
        assert.equal((await srv.admin.patch(`/api/users/${me}`, { role: 'analyst' })).status, 409);
        assert.equal((await srv.admin.delete(`/api/users/${me}`)).status, 409);
        assert.equal((await srv.admin.post('/api/users', { username: 'weak', role: 'viewer', password: 'short' })).status, 400);
        assert.equal((await srv.admin.post('/api/users', { username: 'BOB', role: 'viewer', password: 'a-long-enough-password' })).status, 409);
        assert.equal((await srv.admin.delete(`/api/users/${bob.id}`)).status, 204);
      });
    });

    test('API tokens: shown once, stored hashed, scoped, capped by role, revocable, expiring', async () => {
      await withServer(engine, async (srv) => {
        const viewer = await srv.userOf('viewer', 'vera');
        assert.equal((await viewer.client.post('/api/tokens', { name: 'x', scope: 'write' })).status, 403, 'scope above the role');
        const made = await viewer.client.post('/api/tokens', { name: 'ci', scope: 'read', expiresInDays: 7 });
        assert.equal(made.status, 201);
        assert.match(made.body.token, /^aispm_[A-Za-z0-9_-]{43}$/);
        const tok = srv.tokenClient(made.body.token);
        assert.equal((await tok.get('/api/auth/me')).body.via, 'token');
        assert.equal((await tok.get('/api/sources')).status, 200);
        // a Bearer request needs no CSRF header, but a read token cannot change anything
        assert.equal((await tok.post('/api/sources', { name: 'x', location: '/' })).status, 403);

        const rows = await srv.server.ctx.db.query<{ token_hash: string; prefix: string }>('select token_hash, prefix from api_tokens');
        assert.ok(rows.every((r) => r.token_hash !== made.body.token && /^[0-9a-f]{64}$/.test(r.token_hash)), 'only a hash is stored');
        const listed = await viewer.client.get('/api/tokens');
        assert.equal(listed.body.total, 1);
        assert.equal(JSON.stringify(listed.body).includes(made.body.token), false, 'lists never show the token');

        // someone else's token is invisible to a non-admin; the admin can revoke it
        const analyst = await srv.userOf('analyst');
        assert.equal((await analyst.client.delete(`/api/tokens/${made.body.record.id}`)).status, 404);
        assert.equal((await srv.admin.get('/api/tokens?all=true')).body.total, 1);
        assert.equal((await srv.admin.delete(`/api/tokens/${made.body.record.id}`)).status, 200);
        const revoked = await tok.get('/api/auth/me');
        assert.equal(revoked.status, 401);
        assert.match(revoked.body.error.message, /revoked/);

        const later = await viewer.client.post('/api/tokens', { name: 'short-lived', scope: 'read', expiresInDays: 1 });
        await srv.server.ctx.db.query("update api_tokens set expires_at = now() - interval '1 second' where id = $1", [later.body.record.id]);
        const expired = await srv.tokenClient(later.body.token).get('/api/auth/me');
        assert.equal(expired.status, 401);
        assert.match(expired.body.error.message, /expired/);
        assert.equal((await srv.tokenClient('aispm_unknown').get('/api/auth/me')).status, 401);
      });
    });

    test('login attempts are rate limited per address and user name', async () => {
      await withServer(engine, async (srv) => {
        const attempt = (username: string) => srv.anon.post('/api/auth/login', { username, password: 'not the password' });
        for (let i = 0; i < 3; i++) assert.equal((await attempt('admin')).status, 401);
        const limited = await attempt('admin');
        assert.equal(limited.status, 429);
        assert.equal(limited.body.error.code, 'rate_limited');
        // (the harness signed admin in once: 1 + 3 failures = the budget of 4)
        // even the right password is refused while limited
        assert.equal((await srv.anon.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status, 429);
        assert.equal((await attempt('someone-else')).status, 401, 'another user name has its own budget');
      }, { config: { loginMax: 4, loginWindowMs: 60_000 } });
    });

    test('the audit log records changes with before and after, without secrets; admins read and export it', async () => {
      await withServer(engine, async (srv) => {
        const ana = await srv.userOf('analyst', 'ana');
        await srv.admin.patch(`/api/users/${ana.id}`, { displayName: 'Ana A.', password: 'a-brand-new-password' });
        await srv.anon.post('/api/auth/login', { username: 'ana', password: 'nope-nope-nope' });
        const page = await srv.admin.get('/api/audit?action=user.&limit=10');
        assert.equal(page.status, 200);
        const update = page.body.items.find((e: any) => e.action === 'user.update');
        assert.ok(update, JSON.stringify(page.body.items.map((e: any) => e.action)));
        assert.equal(update.actor, 'admin');
        assert.equal(update.via, 'session');
        assert.equal(update.targetType, 'user');
        assert.equal(update.targetId, String(ana.id));
        assert.equal(update.before.displayName, null);
        assert.equal(update.after.displayName, 'Ana A.');
        assert.equal(update.after.passwordChanged, true);
        assert.ok(update.ip);
        const all = await srv.admin.get('/api/audit?limit=100');
        const text = JSON.stringify(all.body);
        assert.ok(!text.includes('a-brand-new-password') && !text.includes('$argon2id$'), 'no password or hash in the log');
        assert.ok(all.body.items.some((e: any) => e.action === 'auth.login-failed' && e.actor === 'ana'));
        assert.ok(all.body.items.some((e: any) => e.action === 'user.create' && e.actor === 'aispm' && e.via === 'system'), 'the first admin');
        assert.equal((await ana.client.get('/api/audit')).status, 401, 'the password reset ended her session');
        const anaAgain = await srv.login('ana', 'a-brand-new-password');
        assert.equal((await anaAgain.get('/api/audit')).status, 403);

        const csv = await srv.admin.get('/api/audit/export?format=csv');
        assert.equal(csv.status, 200);
        assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
        assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="aispm-audit-/);
        const lines = csv.text.trim().split('\r\n');
        assert.equal(lines[0], 'id,at,actor,via,action,targetType,targetId,before,after,ip,requestId');
        assert.ok(lines.some((l) => l.includes(',user.update,')));
        const json = await srv.admin.get('/api/audit/export?format=json&action=user.update');
        assert.ok(Array.isArray(json.body) && json.body.length === 1 && json.body[0].action === 'user.update');
      });
    });
  });
}
