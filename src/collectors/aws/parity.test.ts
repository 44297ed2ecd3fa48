// One AI estate written in Terraform and in CloudFormation: the shared builders must turn both into the
// same assets with the same attributes and edges, so that one check serves both tools.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudformationCollector } from '../cloudformation/index.js';
import { terraformCollector } from '../terraform/index.js';
import { asset, collectTree, edges } from '../terraform/test-helpers.js';
import type { CollectorOutput } from '../types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tf = () => collectTree(terraformCollector, path.join(here, '../terraform/testdata/parity'));
const cfn = () => collectTree(cloudformationCollector, path.join(here, '../cloudformation/testdata/parity'));

// Attributes that say where a thing is declared, which differ by tool by design
const WHERE = new Set(['iac', 'resourceType', 'address', 'logicalId', 'modulePath', 'nameFromLogicalId', 'file']);

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !WHERE.has(k)).map(([k, x]) => [k, strip(x)]));
  return v;
}

function described(out: CollectorOutput): Record<string, unknown> {
  const keys = [...new Set(out.assets.map((a) => `${a.kind}|${a.key}`))].sort();
  return Object.fromEntries(
    keys.map((k) => {
      const [kind, key] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
      return [k, strip(asset(out, kind, key)!.attrs)];
    }),
  );
}

test('Terraform and CloudFormation describe the same estate identically', async () => {
  const [a, b] = [await tf(), await cfn()];
  assert.deepEqual(a.warnings, []);
  assert.deepEqual(b.warnings, []);
  assert.deepEqual(described(b), described(a));
  assert.deepEqual(edges(b), edges(a));
});

test('the attributes the cloud checks read', async () => {
  for (const out of [await tf(), await cfn()]) {
    const nb = asset(out, 'notebook', 'sagemaker-notebook:research')!.attrs!;
    assert.deepEqual([nb.rootAccess, nb.directInternetAccess, nb.subnetId, nb.encrypted, nb.instanceMetadataServiceVersion], [false, false, 'subnet-0abc', true, '2']);
    const studio = asset(out, 'notebook', 'sagemaker-studio:research-studio')!.attrs!;
    assert.deepEqual([studio.platform, studio.appNetworkAccess, studio.directInternetAccess, studio.encrypted], ['aws-sagemaker-studio', 'PublicInternetOnly', true, false]);
    assert.deepEqual(asset(out, 'pipeline', 'sagemaker-pipeline:churn-train')!.attrs!.jobs, [
      { name: 'Prepare', type: 'processing', networkIsolation: true, interContainerTrafficEncryption: true, vpc: true, volumeKmsKeyId: 'alias/ml', outputKmsKeyId: 'alias/ml' },
      { name: 'Train', type: 'training', networkIsolation: false, interContainerTrafficEncryption: false, vpc: false },
    ]);
    assert.deepEqual(asset(out, 'pipeline', 'sagemaker-monitoring:churn-data-quality')!.attrs!.jobs, [
      { name: 'churn-data-quality', type: 'data-quality-monitoring', networkIsolation: true, interContainerTrafficEncryption: false, vpc: false, volumeKmsKeyId: 'alias/ml' },
    ]);
    const fg = asset(out, 'dataset', 'sagemaker-feature-group:churn-features')!.attrs!;
    assert.deepEqual([fg.columns, fg.offlineStoreKmsKeyId, fg.onlineStore, fg.onlineStoreKmsKeyId, fg.encrypted], [['customer_id', 'event_time', 'tenure_months'], 'alias/ml', true, undefined, false]);
    const bedrock = asset(out, 'ai-service', 'aws-bedrock')!.attrs!;
    assert.equal(bedrock.declaredInIac, true);
    const [guard] = bedrock.guardrails as Array<Record<string, unknown>>;
    assert.deepEqual([guard!.promptAttackStrength, guard!.regexFilters, guard!.sensitiveInformationFilter], ['LOW', 1, true]);
    const agent = asset(out, 'agent', 'aws-bedrock-agent:churn-helper')!.attrs!;
    assert.deepEqual([agent.guardrail, agent.customerEncryptionKey], ['weak-guard', 'arn:aws:kms:us-east-1:123456789012:key/agent']);
    assert.deepEqual(asset(out, 'knowledge-base', 'aws-bedrock-kb:churn-kb')!.attrs!.dataSources, [{ name: 'playbooks', bucket: 'churn-docs' }]);
    assert.equal(asset(out, 'vector-store', 'opensearch-serverless:churn-vectors')!.attrs!.awsOwnedKey, true);
    const search = asset(out, 'vector-store', 'opensearch:churn-search')!.attrs!;
    assert.deepEqual([search.enforceHttps, search.fineGrainedAccessControl, search.vpc], [false, true, true]);
    assert.deepEqual(asset(out, 'storage', 's3://churn-docs')!.attrs!.publicAccessBlock, { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const role = out.assets.filter((x) => x.key === 'aws-iam-role:research-exec').flatMap((x) => (x.attrs?.serviceWildcards as string[] | undefined) ?? []);
    assert.deepEqual([...new Set(role)].sort(), ['bedrock:*', 's3:*', 'sagemaker:*']);
  }
});
