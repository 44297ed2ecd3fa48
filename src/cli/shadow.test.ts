import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { assetId, REPORT_SCHEMA_VERSION, type Report } from '../model/index.js';
import { ScanInputError } from '../scan.js';
import type { ServiceSummary } from '../shadow/aggregate.js';
import { fixture } from '../shadow/test-helpers.js';
import { registerShadowCommand } from './shadow.js';

async function run(args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command().exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerShadowCommand(program, { out: (t) => void (out += t), err: (t) => void (err += t) });
  await program.parseAsync(['node', 'aispm', 'shadow', ...args]);
  return { out, err };
}

test('aispm shadow --no-store: a table per service with the SHADOW flag, warnings on stderr', async () => {
  const { out, err } = await run([fixture('squid-access.log'), fixture('zeek-ssl.log'), '--allow', fixture('allowlist.yaml'), '--no-store']);
  const rows = out.split('\n');
  assert.match(rows[0], /^SERVICE\s+CATEGORY\s+USERS\s+HOSTS\s+REQUESTS\s+SENT\s+FIRST SEEN\s+LAST SEEN\s+SANCTIONED\s+DECLARED$/);
  const row = (service: string) => rows.find((r) => r.includes(`(${service})`)) ?? '';
  assert.match(row('openai'), /OpenAI \(openai\)\s+api,chat\s+jdoe, svc-web\s+.*\s4\s+-\s+2024-06-01 10:00\s+2024-06-01 10:00\s+partly\s+\?\s+SHADOW$/);
  assert.match(row('anthropic'), /Anthropic \(anthropic\)\s+api,chat\s+asmith\s+.*\s3\s+-\s+.*\s+no\s+\?\s+SHADOW$/);
  assert.match(row('github-copilot'), /GitHub Copilot \(github-copilot\)\s+coding\s+-\s+10\.20\.4\.32\s+1\s+.*\s+no\s+\?\s+SHADOW$/);
  assert.match(out, /2 logs \(.*squid-access\.log: squid; .*zeek-ssl\.log: zeek\), 20 lines, 10 AI records, 2 malformed\./);
  assert.match(out, /5 AI services seen; 5 shadow: openai, anthropic, deepseek, github-copilot, perplexity\./);
  assert.match(out, /Declared not checked \(--no-store\)/);
  assert.match(err, /warning: .*squid-access\.log:5: malformed squid line/);
});

test('aispm shadow --format json with --columns', async () => {
  const { out } = await run([fixture('swg-export.csv'), '--columns', 'time=event time,user=src_user,host=dest_host,bytes=bytes_out', '--format', 'json', '--no-store', '-q']);
  const doc = JSON.parse(out) as { services: ServiceSummary[]; logs: Array<{ format: string; malformed: number }>; allowList: null };
  assert.deepEqual(doc.services.map((s) => [s.service, s.requests, s.bytesSent, s.sanctioned, s.shadow]), [
    ['openai', 3, 11000, false, true],
    ['anthropic', 1, 500, false, true],
  ]);
  assert.deepEqual(doc.logs.map((l) => [l.format, l.malformed]), [['csv', 1]]);
  assert.equal(doc.allowList, null);
});

test('aispm shadow: a missing log or allow-list is a usage error (exit 2 through ScanInputError); a bad --columns is refused', async () => {
  await assert.rejects(run(['no-such.log', '--no-store']), (e: unknown) => e instanceof ScanInputError && /log file not found: no-such\.log/.test((e as Error).message));
  await assert.rejects(run([fixture('squid-access.log'), '--allow', 'missing.yaml', '--no-store']), ScanInputError);
  await assert.rejects(run([fixture('squid-access.log'), '--allow', fixture('allowlist-unknown-group.yaml'), '--no-store']), /invalid allow-list: .*allowlist-unknown-group\.yaml:4:/);
  await assert.rejects(run([fixture('squid-access.log'), '--columns', 'colour=red', '--no-store']), (e: unknown) => (e as { code?: string }).code === 'commander.invalidArgument');
});

test('aispm shadow with a store: declared from other sources, results saved as ai-service assets of source "egress"', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aispm-shadow-store-'));
  const savedUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    const { openStore } = await import('../store/index.js');
    // a scanned code base that calls the OpenAI and Perplexity APIs
    const store = await openStore({ dataDir });
    const now = new Date().toISOString();
    const code: Report = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'aispm', version: 'test' },
      scan: { root: 'acme', source: 'acme', startedAt: now, finishedAt: now, stats: { files: 1, bytes: 1, skipped: 0, durationMs: 1, byCollector: {} } },
      assets: ['openai', 'perplexity'].map((k) => ({ id: assetId('ai-service', k), kind: 'ai-service' as const, key: k, name: k, attrs: {}, evidence: [{ file: 'app.py', line: 1, collector: 'python' }], tags: [] })),
      edges: [],
      warnings: [],
    };
    await store.saveScan(code);
    await store.close();

    const { out, err } = await run([fixture('squid-access.log'), '--allow', fixture('allowlist.yaml'), '--data-dir', dataDir, '--format', 'json']);
    const doc = JSON.parse(out) as { services: ServiceSummary[]; declaredFrom: string[]; scanId: string };
    assert.deepEqual(doc.declaredFrom, ['acme']);
    assert.deepEqual(doc.services.map((s) => [s.service, s.declared, s.shadow]), [
      ['openai', true, true], // the chat UI use is not explained by the code
      ['anthropic', false, true],
      ['deepseek', false, true],
      ['perplexity', true, false], // API traffic the code declares
    ]);
    assert.match(err, /Stored as scan .* of source "egress" \(pglite\)/);

    const again = await openStore({ dataDir });
    try {
      const stored = await again.assets('egress', { kind: 'ai-service' });
      assert.deepEqual(stored.map((a) => [a.key, a.attrs.shadow, a.tags]).sort(), [
        ['anthropic', true, ['shadow-ai']],
        ['deepseek', true, ['shadow-ai']],
        ['openai', true, ['shadow-ai']],
        ['perplexity', false, []],
      ]);
      const openai = stored.find((a) => a.key === 'openai')!;
      assert.equal(openai.id, assetId('ai-service', 'openai'));
      assert.deepEqual((openai.attrs.egress as { requests: number; users: string[] }).users, ['jdoe', 'svc-web']);
      assert.equal(openai.evidence[0].line, 1);
      assert.equal(openai.evidence[0].collector, 'egress-logs');
    } finally {
      await again.close();
    }
  } finally {
    if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
