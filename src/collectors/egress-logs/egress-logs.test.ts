import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseAllowList } from '../../shadow/allowlist.js';
import { fileInput, memoryInput } from '../file-input.js';
import { emptyOutput, runCollectorsOnFile } from '../run.js';
import { createEgressLogsCollector, egressLogsCollector, isEgressLogName, sniffEgressLog } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const accessLog = readFileSync(path.join(here, 'testdata', 'access.log'));
const allowText = readFileSync(path.join(here, 'testdata', 'ai-allowlist.yaml'), 'utf8');

test('wants egress logs by name, sniffs Zeek and Squid content (gzip too), declines other files', () => {
  const wants = (rel: string) => isEgressLogName(rel, path.posix.basename(rel).toLowerCase());
  assert.equal(wants('var/squid/access.log'), true);
  assert.equal(wants('access.log.1'), true);
  assert.equal(wants('zeek/ssl.09:00:00-10:00:00.log.gz'), true);
  assert.equal(wants('logs/swg-egress.log'), true);
  assert.equal(wants('logs/app/server.log.gz'), true);
  assert.equal(wants('src/server.log'), false);
  assert.equal(wants('docs/access.md'), false);
  assert.equal(sniffEgressLog(accessLog), true);
  assert.equal(sniffEgressLog(gzipSync(accessLog).subarray(0, 200)), true, 'a truncated gzip head is enough');
  assert.equal(sniffEgressLog(Buffer.from('#separator \\x09\n#fields\tts\tuid\n')), true);
  assert.equal(sniffEgressLog(Buffer.from('{"timestamp":1,"host":"x"}\n')), false, 'JSON lines only by name');
  assert.equal(sniffEgressLog(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), false);
});

test('emits one ai-service per provider with attrs.egress, evidence at the first line, sanctioned per the allow-list', async () => {
  const out = emptyOutput();
  const collector = createEgressLogsCollector({ allowList: parseAllowList(allowText, 'ai-allowlist.yaml') });
  await runCollectorsOnFile(memoryInput('logs/access.log', accessLog), [collector], out);
  assert.deepEqual(out.assets.map((a) => [a.kind, a.key, a.name, a.provider]), [
    ['ai-service', 'openai', 'OpenAI', 'openai'],
    ['ai-service', 'anthropic', 'Anthropic', 'anthropic'],
    ['ai-service', 'deepseek', 'DeepSeek', 'deepseek'],
    ['ai-service', 'perplexity', 'Perplexity', 'perplexity'],
  ]);
  const openai = out.assets[0];
  assert.deepEqual(openai.attrs, {
    egress: {
      users: ['jdoe', 'svc-web'],
      userCount: 2,
      hosts: ['10.20.4.31', '10.10.1.15', '10.10.1.16'],
      hostCount: 3,
      destinations: ['api.openai.com', 'cdn.oaistatic.com', 'chatgpt.com'],
      requests: 4,
      dnsQueries: 0,
      blocked: 0,
      bytesReceived: 60640,
      firstSeen: '2024-06-01T10:00:00.120Z',
      lastSeen: '2024-06-01T10:00:30.000Z',
      categories: ['api', 'chat'],
      evidenceTypes: ['proxy'],
      sanctionedRecords: 2,
      unsanctionedRecords: 2,
      logs: [{ file: 'logs/access.log', requests: 4, dnsQueries: 0, firstSeen: '2024-06-01T10:00:00.120Z', lastSeen: '2024-06-01T10:00:30.000Z' }],
    },
    sanctioned: false,
  });
  assert.equal(openai.evidence!.length, 1);
  assert.deepEqual({ file: openai.evidence![0].file, line: openai.evidence![0].line, collector: openai.evidence![0].collector }, { file: 'logs/access.log', line: 1, collector: 'egress-logs' });
  assert.match(openai.evidence![0].snippet!, /CONNECT api\.openai\.com:443 svc-web/);
  // the perplexity line carried a key in its query string: neither the snippet nor anything else keeps it
  assert.doesNotMatch(JSON.stringify(out.assets), /sk-abcdefghijkl/);
  assert.deepEqual(out.warnings.map((w) => [w.file, w.line, w.collector]), [
    ['logs/access.log', 5, 'egress-logs'],
    ['logs/access.log', 12, 'egress-logs'],
  ]);
  assert.equal(out.edges.length, 0);
});

test('on disk: streams the file and applies the tree\'s security/ai-allowlist.yaml; a log-named file that is no log is skipped quietly', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'aispm-egress-'));
  try {
    mkdirSync(path.join(root, 'security'));
    mkdirSync(path.join(root, 'logs'));
    writeFileSync(path.join(root, 'security', 'ai-allowlist.yaml'), allowText);
    writeFileSync(path.join(root, 'logs', 'proxy.log.gz'), gzipSync(accessLog));
    writeFileSync(path.join(root, 'logs', 'app.log'), 'INFO started\nINFO ready\n');
    const out = emptyOutput();
    for (const rel of ['logs/proxy.log.gz', 'logs/app.log']) {
      const abs = path.join(root, rel);
      await runCollectorsOnFile(fileInput(abs, rel, readFileSync(abs).length), [egressLogsCollector], out);
    }
    assert.deepEqual(out.assets.map((a) => [a.key, a.attrs!.sanctioned, (a.attrs!.egress as { requests: number }).requests]), [
      ['openai', false, 4],
      ['anthropic', false, 1],
      ['deepseek', false, 1],
      ['perplexity', false, 1],
    ]);
    assert.equal((out.assets[0].attrs!.egress as { sanctionedRecords: number }).sanctionedRecords, 2);
    assert.deepEqual(out.warnings.map((w) => [w.file, w.line]), [
      ['logs/proxy.log.gz', 5],
      ['logs/proxy.log.gz', 12],
    ]);

    // a broken allow-list is reported and not applied
    writeFileSync(path.join(root, 'security', 'ai-allowlist.yaml'), 'allow: [\n');
    const again = emptyOutput();
    const abs = path.join(root, 'logs/proxy.log.gz');
    await runCollectorsOnFile(fileInput(abs, 'logs/proxy.log.gz', readFileSync(abs).length), [createEgressLogsCollector()], again);
    assert.equal(again.assets[0].attrs!.sanctioned, undefined);
    assert.match(again.warnings[0].message, /allow-list not applied: security\/ai-allowlist\.yaml:\d+:/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
