// Custom checks through the API on both engines: roles, validation errors that name the line and key, the library
// list, a dry run, and the lifecycle end to end: upload → scan → the finding (id, title, frameworks, compliance) →
// disable → rescan resolves it → enable → rescan reopens it → delete → rescan resolves it; every change audited.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ENGINES } from '../store/engines.js';
import { CUSTOM_CHECK, openaiFixture } from './checks-support.js';
import { waitForRun } from './e2e-suite.js';
import { type Client, withServer } from './harness.js';

async function scanNow(c: Client, sourceId: number): Promise<any> {
  const queued = await c.post(`/api/sources/${sourceId}/scans`);
  assert.equal(queued.status, 202, queued.text);
  const run = await waitForRun(c, queued.body.id);
  assert.equal(run.status, 'succeeded', run.error);
  return run;
}

for (const engine of ENGINES) {
  describe(`custom checks API on ${engine}`, () => {
    test('roles, validation, library, dry run, and a custom finding through its whole lifecycle', async () => {
      const fixture = openaiFixture();
      try {
        await withServer(engine, async (srv) => {
          const a = srv.admin;
          const { client: viewer } = await srv.userOf('viewer');
          const { client: analyst } = await srv.userOf('analyst');

          // --- reading the library; only admins change it
          const lib = await viewer.get('/api/checks');
          assert.equal(lib.status, 200, lib.text);
          assert.ok(lib.body.items.length > 100 && lib.body.items.every((c: any) => c.custom === false && c.enabled === true));
          for (const who of [viewer, analyst]) assert.equal((await who.post('/api/checks', { yaml: CUSTOM_CHECK })).status, 403);
          assert.equal((await srv.anon.get('/api/checks')).status, 401);

          // --- validation: the same loader as --policy, errors naming the line and key
          const bad = async (yaml: string) => {
            const r = await a.post('/api/checks', { yaml });
            assert.equal(r.status, 400, r.text);
            assert.equal(r.body.error.code, 'invalid_check');
            return r.body.error;
          };
          const severity = await bad(CUSTOM_CHECK.replace('severity: high', 'severity: urgent'));
          assert.match(severity.message, /^check\.yaml line 4: severity: /);
          assert.deepEqual([severity.details.key, severity.details.line], ['severity', 4]);
          const cel = await bad(CUSTOM_CHECK.replace('condition: asset.provider == "openai"', 'condition: asset.provider == "openai" &&& true'));
          assert.match(cel.message, /^check\.yaml line 7: condition: /);
          const unknown = await bad(`${CUSTOM_CHECK}owner: platform-team\n`);
          assert.match(unknown.message, /^check\.yaml line 13: owner: unknown key$/);
          assert.match((await bad(CUSTOM_CHECK.replace('kinds: [model]', 'kinds: [model, robot]'))).message, /line 6: kinds\.1: /);
          assert.match((await bad(CUSTOM_CHECK.replace('message: Model {{asset.name}}', 'message: Model {{vars.who}}'))).message,
            /line 8: message: uses \{\{vars\.who\}\} but vars has no who/);
          assert.match((await bad('id: ACME-001\ntitle: [unclosed\n')).message, /^check\.yaml line \d+: \(yaml\): /);
          assert.match((await bad(CUSTOM_CHECK.replace('id: ACME-001', 'id: AISPM-AGT-001'))).message,
            /line 1: id: AISPM-AGT-001 is the id of a built-in check/);
          assert.equal((await a.get('/api/checks?origin=custom')).body.items.length, 0, 'nothing refused was stored');

          // --- create, read back, duplicates
          const created = await a.post('/api/checks', { yaml: CUSTOM_CHECK });
          assert.equal(created.status, 201, created.text);
          assert.deepEqual([created.body.id, created.body.custom, created.body.enabled, created.body.domain, created.body.problem, created.body.createdBy],
            ['ACME-001', true, true, 'custom', null, 'admin']);
          assert.equal((await a.post('/api/checks', { yaml: CUSTOM_CHECK })).status, 409);
          const custom = await viewer.get('/api/checks?origin=custom');
          assert.deepEqual(custom.body.items.map((c: any) => [c.id, c.title, c.custom]), [['ACME-001', 'OpenAI model used without an approval tag', true]]);
          assert.ok(custom.body.domains.includes('custom'));
          assert.equal((await viewer.get('/api/checks?origin=builtin&q=ACME')).body.items.length, 0);
          assert.equal((await viewer.get('/api/checks/ACME-001')).body.yaml, CUSTOM_CHECK);
          const builtin = await viewer.get('/api/checks/AISPM-AGT-001');
          assert.equal(builtin.body.custom, false);
          assert.match(builtin.body.yaml, /^id: AISPM-AGT-001$/m, 'a built-in check shows its check.yaml, a template for authors');
          assert.equal((await viewer.get('/api/checks/NOPE-404')).status, 404);
          assert.equal((await a.put('/api/checks/AISPM-AGT-001', { yaml: builtin.body.yaml })).body.error.code, 'builtin_check');
          assert.equal((await a.patch('/api/checks/AISPM-AGT-001', { enabled: false })).status, 400);
          const renamed = await a.put('/api/checks/ACME-001', { yaml: CUSTOM_CHECK.replace('id: ACME-001', 'id: ACME-002') });
          assert.equal(renamed.status, 400);
          assert.match(renamed.body.error.message, /line 1: id: ACME-002 must match ACME-001/);

          // --- a dry run needs a scanned source
          const src = await a.post('/api/sources', { name: 'openai-app', location: fixture });
          assert.equal(src.status, 201, src.text);
          assert.equal((await a.post('/api/checks/test', { yaml: CUSTOM_CHECK })).status, 409, 'not scanned yet');
          await scanNow(a, src.body.id);

          // --- the scan judged with the custom check: its finding carries the check's id, title and mappings
          const open = await viewer.get('/api/findings?checkId=ACME-001');
          assert.equal(open.body.total, 1, open.text);
          const f = open.body.items[0];
          assert.deepEqual([f.status, f.severity, f.title, f.message], ['open', 'high', 'OpenAI model used without an approval tag',
            "Model gpt-4o-mini is used without the AI board's approval"]);
          assert.deepEqual(f.frameworks, { 'owasp-llm-2025': ['LLM03:2025'], 'mitre-atlas': ['AML.T0010'] });
          assert.equal(f.remediation, 'Ask the AI board to approve the model, then tag it approved.');
          const comp = await viewer.get('/api/compliance/owasp-llm-2025?source=openai-app');
          const llm03 = comp.body.controls.find((c: any) => c.id === 'LLM03:2025');
          assert.equal(llm03.status, 'fail');
          assert.ok(llm03.findings.some((x: any) => x.checkId === 'ACME-001'), 'compliance counts the custom check');

          // --- dry run of an edit: the check as it would be, nothing stored
          const tried = await a.post('/api/checks/test', { yaml: CUSTOM_CHECK, source: 'openai-app' });
          assert.equal(tried.status, 200, tried.text);
          assert.deepEqual([tried.body.checkId, tried.body.evaluated, tried.body.total, tried.body.findings[0].message, tried.body.problems],
            ['ACME-001', 1, 1, "Model gpt-4o-mini is used without the AI board's approval", []]);
          const none = await a.post('/api/checks/test', { yaml: CUSTOM_CHECK.replace('"openai"', '"anthropic"'), source: 'openai-app' });
          assert.equal(none.body.total, 0);
          const erring = await a.post('/api/checks/test', { yaml: CUSTOM_CHECK.replace('asset.provider == "openai"', 'asset.attrs.nope == 1'), source: 'openai-app' });
          assert.equal(erring.body.problems.length, 1, 'a condition that errors on an asset is reported, not a finding');
          assert.equal((await analyst.post('/api/checks/test', { yaml: CUSTOM_CHECK })).status, 403);

          // --- disable: the next scan resolves its finding; enable: the next scan reopens it
          const disabled = await a.patch('/api/checks/ACME-001', { enabled: false });
          assert.deepEqual([disabled.status, disabled.body.enabled], [200, false]);
          assert.equal((await viewer.get('/api/checks?origin=custom')).body.items[0].enabled, false);
          await scanNow(a, src.body.id);
          const resolved = (await viewer.get('/api/findings?checkId=ACME-001&status=open,resolved')).body.items;
          assert.deepEqual(resolved.map((x: any) => x.status), ['resolved']);
          await a.patch('/api/checks/ACME-001', { enabled: true });
          await scanNow(a, src.body.id);
          assert.deepEqual((await viewer.get('/api/findings?checkId=ACME-001&status=open,resolved')).body.items.map((x: any) => x.status), ['open']);

          // --- edit: the new message reaches the stored finding at the next scan
          const edited = await a.put('/api/checks/ACME-001', { yaml: CUSTOM_CHECK.replace("without the AI board's approval", 'unapproved') });
          assert.equal(edited.status, 200, edited.text);
          assert.equal(edited.body.updatedBy, 'admin');
          await scanNow(a, src.body.id);
          assert.equal((await viewer.get('/api/findings?checkId=ACME-001')).body.items[0].message, 'Model gpt-4o-mini is used unapproved');

          // --- delete: gone from the library, and the next scan resolves its finding
          assert.equal((await analyst.delete('/api/checks/ACME-001')).status, 403);
          assert.equal((await a.delete('/api/checks/ACME-001')).status, 204);
          assert.equal((await a.delete('/api/checks/ACME-001')).status, 404);
          assert.equal((await viewer.get('/api/checks/ACME-001')).status, 404);
          await scanNow(a, src.body.id);
          const history = await viewer.get('/api/findings?checkId=ACME-001&status=open,resolved');
          assert.deepEqual(history.body.items.map((x: any) => x.status), ['resolved']);
          const events = await viewer.get(`/api/findings/${history.body.items[0].fingerprint}/history`);
          assert.deepEqual(events.body.items.map((e: any) => e.kind), ['opened', 'resolved', 'reopened', 'resolved']);
          // the id is free again after a delete
          assert.equal((await a.post('/api/checks', { yaml: CUSTOM_CHECK, enabled: false })).status, 201);

          // --- every change is in the audit log, with the YAML before and after
          const audit = await a.get('/api/audit?action=check.&limit=50');
          assert.deepEqual(audit.body.items.map((e: any) => e.action).reverse(),
            ['check.create', 'check.disable', 'check.enable', 'check.update', 'check.delete', 'check.create']);
          const update = audit.body.items.find((e: any) => e.action === 'check.update');
          assert.match(update.before.yaml, /board's approval/);
          assert.match(update.after.yaml, /unapproved/);
        });
      } finally {
        rmSync(fixture, { recursive: true, force: true });
      }
    });

    test('source kinds: the registry answers, the dashboard reads it', async () => {
      await withServer(engine, async (srv) => {
        const { client: viewer } = await srv.userOf('viewer');
        const kinds = await viewer.get('/api/sources/kinds');
        assert.equal(kinds.status, 200, kinds.text);
        assert.deepEqual(kinds.body.items.map((k: any) => k.kind), ['directory', 'egress-log', 'git', 'mcp-config']);
        assert.ok(kinds.body.items.every((k: any) => k.description && k.hint));
        assert.equal((await srv.anon.get('/api/sources/kinds')).status, 401);
      });
    });
  });
}
