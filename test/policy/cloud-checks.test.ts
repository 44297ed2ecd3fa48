// The cloud IaC checks over the example organisation's Terraform and CloudFormation: a real scan of
// examples/acme-ai/infra, so the collectors' attributes and the checks' conditions are tested together.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../src/scan.js';
import { evaluate, loadChecks } from '../../src/policy/index.js';

const checks = loadChecks();
const report = await scan({ root: 'examples/acme-ai/infra', workers: 1 });
const { findings, problems } = evaluate(report, checks);
const keyOf = new Map(report.assets.map((a) => [a.id, a.key]));
const failing = (checkId: string) => [...new Set(findings.filter((f) => f.checkId === checkId).map((f) => keyOf.get(f.assetId)!))].sort();

test('the cloud checks evaluate without errors over Terraform and CloudFormation', () => {
  assert.deepEqual(problems, []);
  assert.ok(checks.checks.filter((c) => c.id.startsWith('AISPM-CLD-')).length >= 25);
});

test('SageMaker: the shared research notebook, the analysts\' Studio domain, models, endpoints and the retraining pipeline', () => {
  // the CloudFormation notebook disables root access, the Terraform one does not
  assert.deepEqual(failing('AISPM-CLD-001'), ['sagemaker-notebook:acme-prod-research']);
  assert.deepEqual(failing('AISPM-CLD-002'), ['sagemaker-notebook:acme-prod-research', 'sagemaker-notebook:fraud-analysis']);
  assert.deepEqual(failing('AISPM-CLD-014'), ['sagemaker-studio:fraud-analysts']);
  // the fraud endpoint's configuration has a KMS key (CloudFormation), the module's endpoints do not
  assert.deepEqual(failing('AISPM-CLD-006'), ['sagemaker:acme-prod-churn', 'sagemaker:acme-prod-sentiment']);
  assert.deepEqual(failing('AISPM-CLD-007'), []);
  assert.deepEqual(failing('AISPM-CLD-008'), ['sagemaker/acme-prod-churn-model', 'sagemaker/acme-prod-sentiment-model']);
  for (const id of ['AISPM-CLD-010', 'AISPM-CLD-011', 'AISPM-CLD-012', 'AISPM-CLD-013']) assert.deepEqual(failing(id), ['sagemaker-pipeline:acme-prod-churn-retrain'], id);
  // the churn feature group keeps both its stores under AWS-owned keys
  assert.deepEqual(failing('AISPM-CLD-059'), ['sagemaker-feature-group:acme-prod-churn-features']);
  assert.match(findings.find((f) => f.checkId === 'AISPM-CLD-059')!.message, /encrypts its offline store \(S3\), online store with an AWS-owned key only/);
  const job = findings.find((f) => f.checkId === 'AISPM-CLD-010')!;
  assert.match(job.message, /runs TrainChurn without network isolation/);
});

test('Bedrock: the agent has a strong guardrail and logging is on, but nothing uses customer-managed keys', () => {
  for (const id of ['AISPM-CLD-015', 'AISPM-CLD-018', 'AISPM-CLD-019', 'AISPM-CLD-020']) assert.deepEqual(failing(id), [], id);
  assert.deepEqual(failing('AISPM-CLD-016'), ['aws-bedrock-agent:acme-prod-support-agent']);
  assert.deepEqual(failing('AISPM-CLD-017'), ['aws-bedrock-kb:acme-prod-support-kb', 'aws-bedrock-kb:acme-support-articles']);
  assert.deepEqual(failing('AISPM-CLD-025'), ['opensearch-serverless:support-kb-vectors']);
  // the agent keeps idle sessions for an hour, and its guardrail has no contextual grounding check for its RAG answers
  assert.deepEqual(failing('AISPM-CLD-056'), ['aws-bedrock-agent:acme-prod-support-agent']);
  assert.deepEqual(failing('AISPM-CLD-058'), ['aws-bedrock-agent:acme-prod-support-agent']);
  assert.match(findings.find((f) => f.checkId === 'AISPM-CLD-056')!.message, /for 60 minutes/);
});

test('shared roles: the support agent with its knowledge base, the SageMaker models with the notebooks and the pipeline', () => {
  assert.deepEqual(failing('AISPM-CLD-057'), ['aws-iam-role:acme-fraud-detector-exec', 'aws-iam-role:acme-prod-sagemaker-exec', 'aws-iam-role:acme-prod-support-agent']);
  const support = findings.find((f) => f.checkId === 'AISPM-CLD-057' && keyOf.get(f.assetId) === 'aws-iam-role:acme-prod-support-agent')!;
  assert.match(support.message, /assumed by agent acme-prod-support-agent, knowledge-base acme-prod-support-kb/);
});

test('S3 and IAM: the buckets the models, pipeline and knowledge bases use; the roles they run as', () => {
  // the CloudFormation articles bucket is versioned, KMS-encrypted and blocks public access
  assert.deepEqual(failing('AISPM-CLD-028'), ['s3://acme-prod-support-kb-docs']);
  for (const id of ['AISPM-CLD-029', 'AISPM-CLD-030', 'AISPM-CLD-031']) assert.deepEqual(failing(id), ['s3://acme-ml-data', 's3://acme-prod-support-kb-docs'], id);
  assert.deepEqual(failing('AISPM-CLD-033'), ['aws-iam-role:acme-fraud-detector-exec', 'aws-iam-role:acme-prod-sagemaker-exec', 'aws-iam-role:acme-prod-support-agent']);
  assert.deepEqual(failing('AISPM-CLD-034'), ['aws-iam-role:acme-prod-sagemaker-exec']);
  assert.deepEqual(failing('AISPM-CLD-032'), []);
});

test('Azure and Vertex AI: the support OpenAI account, search, ML workspace and compute; the recommender endpoint and notebook', () => {
  for (const id of ['AISPM-CLD-036', 'AISPM-CLD-037', 'AISPM-CLD-039', 'AISPM-CLD-041']) assert.deepEqual(failing(id), ['azure-openai:acme-support'], id);
  assert.deepEqual(failing('AISPM-CLD-047'), ['azure-ai-search:acme-support-search']);
  assert.deepEqual(failing('AISPM-CLD-043'), ['azure-ml:acme-support-ml']);
  assert.deepEqual(failing('AISPM-CLD-045'), ['azure-ml-compute:acme-support-ml/ci-priya']);
  // the ML workspace has a managed identity; the OpenAI account and the search service do not
  assert.deepEqual(failing('AISPM-CLD-040'), ['azure-ai-search:acme-support-search', 'azure-openai:acme-support']);
  for (const id of ['AISPM-CLD-050', 'AISPM-CLD-051', 'AISPM-CLD-052', 'AISPM-CLD-053']) assert.deepEqual(failing(id), ['vertex-workbench:acme-recsys-analyst'], id);
  assert.deepEqual(failing('AISPM-CLD-055'), ['google-vertex-ai:acme-recommender']);
});
