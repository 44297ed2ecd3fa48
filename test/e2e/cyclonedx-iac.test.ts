// The example organisation's infrastructure in the AI-BOM: hosted endpoints as services, knowledge bases, buckets
// and datasets as data components, workloads present, and every one of them with an evidence location in IaC.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCycloneDx } from '../../src/formats/cyclonedx.js';
import { validateCycloneDx } from '../../src/formats/cyclonedx-schema.js';
import type { Asset, Report } from '../../src/model/index.js';
import { scan } from '../../src/scan.js';

type Json = Record<string, any>;
let report: Report;
let bom: Json;
const byRef = new Map<string, Json>();

before(async () => {
  report = await scan({ root: 'examples/acme-ai', checks: false });
  bom = JSON.parse(renderCycloneDx(report));
  for (const c of [...(bom.components ?? []), ...(bom.services ?? [])]) byRef.set(c['bom-ref'], c);
});

const asset = (kind: string, key: string): Asset => {
  const a = report.assets.find((x) => x.kind === kind && x.key === key);
  assert.ok(a, `no ${kind} ${key} in the example's inventory`);
  return a;
};
const occurrences = (c: Json): string[] =>
  (c.evidence?.occurrences ?? c.properties?.filter((p: Json) => p.name === 'aispm:evidence').map((p: Json) => ({ location: p.value })) ?? []).map((o: Json) => String(o.location));

test('the BOM of the whole example validates against CycloneDX 1.6', () => {
  assert.deepEqual(validateCycloneDx(bom), []);
});

test('hosted AI endpoints from Terraform and CloudFormation are services located in their IaC files', () => {
  for (const key of ['sagemaker:acme-fraud-detector-prod', 'azure-openai:acme-support', 'google-vertex-ai:acme-recommender']) {
    const a = asset('endpoint', key);
    const s = (bom.services ?? []).find((x: Json) => x['bom-ref'] === a.id);
    assert.ok(s, `${key} is not a service in the BOM`);
    const where = occurrences(s).join(' ') || JSON.stringify(s);
    assert.match(where, /infra\//, `${key} has no IaC location: ${where}`);
  }
});

test('knowledge bases, buckets and vector stores from IaC are data components with locations', () => {
  for (const [kind, key] of [
    ['knowledge-base', 'aws-bedrock-kb:acme-prod-support-kb'],
    ['storage', 's3://acme-prod-support-kb-docs'],
    ['vector-store', 'opensearch-serverless:support-kb-vectors'],
  ] as const) {
    const c = byRef.get(asset(kind, key).id);
    assert.ok(c, `${kind} ${key} is missing from the BOM`);
    assert.equal(c.type, 'data', `${kind} ${key} is ${c.type}`);
    assert.ok(occurrences(c).some((l) => l.startsWith('infra/')), `${kind} ${key} has no IaC location`);
  }
});

test('Kubernetes and compose workloads serving models are in the BOM with their manifests', () => {
  for (const key of ['k8s:ai/Deployment/llm-stack-vllm', 'k8s:models/InferenceService/churn', 'compose:deploy/compose.yaml#ollama']) {
    const c = byRef.get(asset('workload', key).id);
    assert.ok(c, `workload ${key} is missing from the BOM`);
    assert.ok(occurrences(c).some((l) => /^(infra|deploy)\//.test(l)), `workload ${key} has no manifest location`);
  }
});

test('the dependency graph links IaC endpoints to what they serve', () => {
  const deps = new Map<string, string[]>((bom.dependencies ?? []).map((d: Json) => [d.ref, d.dependsOn ?? []]));
  const endpoint = asset('endpoint', 'sagemaker:acme-fraud-detector-prod');
  assert.ok((deps.get(endpoint.id) ?? []).length > 0, 'the SageMaker endpoint depends on nothing');
});
