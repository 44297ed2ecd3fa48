// The job queue's source kinds turn a location into a folder the scanner walks: a single MCP config file keeps its
// client folder (so the collector recognises it), a single egress log is read from a staged logs/ folder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../../src/scan.js';
import { DEFAULT_CONFIG, type ServerContext } from '../../src/server/context.js';
import type { Source } from '../../src/server/sources.js';
import { egressLogSourceKind, gitSourceKind, mcpConfigSourceKind, splitGitLocation } from '../../src/server/jobs/source-kinds.js';
import { REPO_ROOT } from '../store/engines.js';

const source = (kind: string, location: string): Source => ({
  id: 7, name: 'src', kind, location, description: null, createdBy: null, createdAt: '', updatedAt: '', scanCount: 0, lastScanId: null, lastScanAt: null, assetCount: 0,
});
const ctx = {} as ServerContext;

describe('source kinds', () => {
  test('an MCP config file is scanned with its client folder, and the staging folder is removed', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'aispm-home-'));
    try {
      mkdirSync(path.join(home, '.cursor'));
      const file = path.join(home, '.cursor', 'mcp.json');
      writeFileSync(file, JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] } } }));
      assert.equal(await mcpConfigSourceKind.validate(file, DEFAULT_CONFIG), undefined);
      assert.match((await mcpConfigSourceKind.validate('relative/mcp.json', DEFAULT_CONFIG)) ?? '', /absolute path/);
      assert.match((await mcpConfigSourceKind.validate(path.join(home, 'nope.json'), DEFAULT_CONFIG)) ?? '', /no such file/);
      const { root, release } = await mcpConfigSourceKind.prepare(ctx, source('mcp-config', file));
      const report = await scan({ root, sourceName: 'laptop' });
      const servers = report.assets.filter((a) => a.kind === 'mcp-server');
      assert.equal(servers.length, 1);
      assert.equal(servers[0].evidence[0].file, '.cursor/mcp.json');
      await release?.();
      assert.equal(existsSync(root), false);
      assert.ok(existsSync(file), 'the original is untouched');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('a single egress log (any name) is read by the egress-logs collector', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aispm-logs-'));
    try {
      const file = path.join(dir, 'export-2026-05.txt');
      copyFileSync(path.join(REPO_ROOT, 'examples', 'acme-ai', 'logs', 'swg-egress.log'), file);
      assert.equal(await egressLogSourceKind.validate(file, DEFAULT_CONFIG), undefined);
      const { root, release } = await egressLogSourceKind.prepare(ctx, source('egress-log', file));
      const report = await scan({ root, sourceName: 'proxy' });
      const services = report.assets.filter((a) => a.kind === 'ai-service');
      assert.ok(services.length > 0, JSON.stringify(report.warnings));
      assert.ok(services.every((s) => s.evidence.some((e) => e.collector === 'egress-logs')));
      await release?.();
      assert.equal(existsSync(root), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('git locations carry an optional #ref, validated before anything runs', async () => {
    assert.deepEqual(splitGitLocation('https://git.example.com/ai.git#release/2.x'), { url: 'https://git.example.com/ai.git', ref: 'release/2.x' });
    assert.deepEqual(splitGitLocation('git@github.com:acme/ai.git'), { url: 'git@github.com:acme/ai.git' });
    const kind = gitSourceKind(path.join(tmpdir(), 'unused-cache'));
    assert.equal(await kind.validate('https://git.example.com/ai.git#main', DEFAULT_CONFIG), undefined);
    assert.match((await kind.validate('https://git.example.com/ai.git#--upload-pack=x', DEFAULT_CONFIG)) ?? '', /not a branch or tag/);
    assert.match((await kind.validate('ext::sh -c id', DEFAULT_CONFIG)) ?? '', /remote helpers/);
  });
});
