// The built-in library over the example organisation: a real scan of examples/acme-ai, judged end to end.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../src/scan.js';
import { evaluate, loadChecks } from '../../src/policy/index.js';

const report = await scan({ root: 'examples/acme-ai', workers: 1 });
const { findings, problems } = evaluate(report, loadChecks());
const keyOf = new Map(report.assets.map((a) => [a.id, a.key]));
const failing = (checkId: string) => findings.filter((f) => f.checkId === checkId).map((f) => keyOf.get(f.assetId)!).sort();

test('no condition raises an error on the example organisation', () => {
  assert.deepEqual(problems, []);
});

test('agents: the support agent is the toxic combination; both agents run shell tools unapproved', () => {
  assert.deepEqual(failing('AISPM-AGT-002'), ['services/support-agent/app/agent.py#support_agent']);
  const shell = failing('AISPM-AGT-001');
  assert.ok(shell.includes('services/support-agent/app/agent.py#support_agent'));
  assert.ok(shell.includes('apps/web-assistant/app/api/chat/route.ts#POST'));
  assert.deepEqual(failing('AISPM-TOOL-001'), ['services/support-agent/app/agent.py#lookup_order']);
});

test('supply chain: trust_remote_code, unpinned revision, pickles with globals, torch advisory', () => {
  assert.deepEqual(failing('AISPM-MDL-001'), ['huggingface/tiiuae/falcon-7b-instruct']);
  assert.deepEqual(failing('AISPM-MDL-002'), ['huggingface/tiiuae/falcon-7b-instruct']);
  assert.deepEqual(failing('AISPM-MF-001'), ['ml/models/embeddings.bin', 'ml/models/recommender/checkpoint.pt']);
  assert.deepEqual(failing('AISPM-MF-003'), ['ml/training']);
  assert.ok(failing('AISPM-LIB-001').includes('pypi:torch@2.5.1'));
  const torch = findings.find((f) => f.checkId === 'AISPM-LIB-001' && keyOf.get(f.assetId) === 'pypi:torch@2.5.1')!;
  assert.equal(torch.message, 'torch 2.5.1 is affected by CVE-2025-32434 (fixed in 2.6.0).');
  assert.equal(torch.score, 55); // the severity base: evaluate() alone does not prioritise
});

test('MCP and secrets: plain HTTP, inline secrets, real values in .env (placeholders stay quiet)', () => {
  assert.deepEqual(failing('AISPM-MCP-002'), ['internal-search|http://search-tools.acme.internal:8080/sse']);
  assert.ok(failing('AISPM-MCP-003').includes('github|npx -y @modelcontextprotocol/server-github'));
  assert.deepEqual(failing('AISPM-SEC-002'), ['env:LANGSMITH_API_KEY', 'env:ZENDESK_API_TOKEN']);
  for (const f of findings) assert.doesNotMatch(f.message, /ghp_[A-Za-z0-9]{20,}|sk-[A-Za-z0-9-]{20,}/, 'messages carry masked values only');
});

test('findings are unique by fingerprint and sorted by score', () => {
  assert.equal(new Set(findings.map((f) => f.fingerprint)).size, findings.length);
  for (let i = 1; i < findings.length; i++) assert.ok(findings[i - 1]!.score >= findings[i]!.score);
  assert.equal(findings[0]!.severity, 'critical');
});
