import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudformationCollector } from './index.js';
import { asset, attrValues, collectText, collectTree, edgeAttrs, edges, keys } from '../terraform/test-helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const testdata = path.join(here, 'testdata');
const examples = path.join(here, '../../../examples/acme-ai/infra/cloudformation');
const only = (name: string) => (rel: string) => rel === name;

test('YAML with short tags: parameters, conditions, Select over a list parameter, GetAtt edges', async () => {
  const out = await collectTree(cloudformationCollector, testdata, only('agent-stack.yaml'));
  assert.deepEqual(out.warnings, []);
  const agent = asset(out, 'agent', 'aws-bedrock-agent:Agent')!;
  // the name depends on a parameter without a default: the logical id names it, the expression is kept
  assert.equal(agent.attrs!.unresolved, true);
  assert.match(String(agent.attrs!.nameExpression), /^!If /);
  assert.equal(agent.attrs!.foundationModel, 'anthropic.claude-3-5-sonnet-20240620-v1:0');
  assert.equal(agent.attrs!.guardrail, 'claims-guard');
  assert.equal(agent.attrs!.instructions, 'Help adjusters. Fallback key sk-p…(40)');
  assert.equal(agent.evidence?.[0]?.line, 68);
  assert.deepEqual(asset(out, 'tool', 'aws-bedrock-agent:Agent#payouts')!.attrs!.executor, 'arn:aws:lambda:{region}:{account-id}:function:payouts');
  assert.deepEqual(asset(out, 'tool', 'aws-bedrock-agent:Agent#code')!.attrs!.capabilities, ['code-execution']);
  const docs = asset(out, 'storage', 's3://Docs')!;
  assert.deepEqual([docs.attrs!.nameFromLogicalId, docs.attrs!.publicAcl], [true, true]);
  assert.deepEqual(attrValues(out, 'storage', 's3://Docs', 'policyPublic'), [true]);
  const search = asset(out, 'vector-store', 'opensearch:claims-search')!;
  // Principal "*" limited by a source-IP condition: recorded, not exposed
  assert.deepEqual([search.attrs!.policyPublic, search.attrs!.policyPublicConditional, search.attrs!.fineGrainedAccessControl], [false, true, true]);
  assert.deepEqual(edgeAttrs(out, 'identity:aws-iam-role:AgentRole', 'can-access', 'storage:s3://Docs'), { actions: ['s3:*'], wildcard: true, policy: 'claims-agent' });
  assert.deepEqual(edges(out), [
    'agent:aws-bedrock-agent:Agent -assumes-> identity:aws-iam-role:AgentRole',
    'agent:aws-bedrock-agent:Agent -has-tool-> tool:aws-bedrock-agent:Agent#code',
    'agent:aws-bedrock-agent:Agent -has-tool-> tool:aws-bedrock-agent:Agent#payouts',
    'agent:aws-bedrock-agent:Agent -uses-model-> model:aws-bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
    'ai-service:aws-bedrock -serves-> model:aws-bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
    'identity:aws-iam-role:AgentRole -can-access-> storage:s3://Docs',
  ]);
});

test('example organisation: SageMaker stack in YAML and a Bedrock knowledge base in JSON', async () => {
  const out = await collectTree(cloudformationCollector, examples);
  assert.deepEqual(out.warnings, []);
  const ep = asset(out, 'endpoint', 'sagemaker:acme-fraud-detector-prod')!;
  assert.deepEqual(ep.attrs, {
    iac: 'cloudformation',
    resourceType: 'AWS::SageMaker::Endpoint',
    logicalId: 'Endpoint',
    platform: 'aws-sagemaker',
    endpointConfig: 'acme-fraud-detector-config',
    kmsKeyId: 'alias/acme-ml',
    encrypted: true,
    dataCapture: { enabled: true, destination: 's3://acme-ml-data/data-capture/fraud', samplingPercentage: 10 },
    variants: [{ name: 'primary', model: 'acme-fraud-detector', instanceType: 'ml.c5.xlarge', serverless: false }],
  });
  const model = asset(out, 'model', 'sagemaker/acme-fraud-detector')!;
  assert.deepEqual([model.attrs!.networkIsolation, model.attrs!.images], [true, ['acme/fraud-xgb:1.4.2']]);
  const nb = asset(out, 'notebook', 'sagemaker-notebook:fraud-analysis')!;
  assert.deepEqual([nb.attrs!.rootAccess, nb.attrs!.directInternetAccess], [false, true]);
  const bucket = asset(out, 'storage', 's3://acme-support-articles')!;
  assert.deepEqual(bucket.attrs!.encryption, { algorithm: 'aws:kms', kmsKeyId: 'alias/acme-kb' });
  assert.equal(bucket.evidence?.[0]?.line, 11);
  assert.deepEqual(keys(out, 'identity'), ['aws-iam-role:acme-fraud-detector-exec', 'aws-iam-role:acme-support-articles-kb']);
  assert.deepEqual(edges(out), [
    'ai-service:aws-bedrock -serves-> model:aws-bedrock/amazon.titan-embed-text-v2:0',
    'ai-service:aws-sagemaker -serves-> model:sagemaker/acme-fraud-detector',
    'endpoint:sagemaker:acme-fraud-detector-prod -serves-> model:sagemaker/acme-fraud-detector',
    'identity:aws-iam-role:acme-fraud-detector-exec -can-access-> ai-service:aws-sagemaker',
    'identity:aws-iam-role:acme-fraud-detector-exec -can-access-> storage:s3://acme-ml-data',
    'identity:aws-iam-role:acme-support-articles-kb -can-access-> ai-service:aws-bedrock',
    'identity:aws-iam-role:acme-support-articles-kb -can-access-> model:aws-bedrock/amazon.titan-embed-text-v2:0',
    'identity:aws-iam-role:acme-support-articles-kb -can-access-> storage:s3://acme-support-articles',
    'knowledge-base:aws-bedrock-kb:acme-support-articles -assumes-> identity:aws-iam-role:acme-support-articles-kb',
    'knowledge-base:aws-bedrock-kb:acme-support-articles -derived-from-> storage:s3://acme-support-articles',
    'knowledge-base:aws-bedrock-kb:acme-support-articles -embeds-with-> model:aws-bedrock/amazon.titan-embed-text-v2:0',
    'knowledge-base:aws-bedrock-kb:acme-support-articles -stores-in-> vector-store:opensearch-serverless:support-articles',
    'model:sagemaker/acme-fraud-detector -assumes-> identity:aws-iam-role:acme-fraud-detector-exec',
    'model:sagemaker/acme-fraud-detector -loads-> storage:s3://acme-ml-data',
    'notebook:sagemaker-notebook:fraud-analysis -assumes-> identity:aws-iam-role:acme-fraud-detector-exec',
    'notebook:sagemaker-studio:fraud-analysts -assumes-> identity:aws-iam-role:acme-fraud-detector-exec',
  ]);
  // the analysts' Studio domain keeps the default public-internet mode and no KMS key
  const studio = asset(out, 'notebook', 'sagemaker-studio:fraud-analysts')!;
  assert.deepEqual([studio.attrs!.appNetworkAccess, studio.attrs!.encrypted], ['PublicInternetOnly', false]);
});

test('malformed YAML and JSON are warnings with lines; other YAML is left alone', async () => {
  const out = await collectTree(cloudformationCollector, testdata, (rel) => /^(?:broken|not-a-template)\./.test(rel));
  assert.equal(out.assets.length, 0);
  assert.deepEqual(
    out.warnings.map((w) => [w.file, w.line, w.message.split(':')[0]]),
    [
      ['broken.json', 4, 'malformed JSON'],
      ['broken.yaml', 7, 'malformed YAML'],
    ],
  );
});

test('JSON intrinsics: Fn::Join, Fn::FindInMap, Fn::If on a decidable condition, and an unnamed bucket', async () => {
  const tpl = {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { Env: { Type: 'String', Default: 'dev' } },
    Mappings: { Sizes: { dev: { Type: 'ml.t3.medium' } } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: {
      Nb: {
        Type: 'AWS::SageMaker::NotebookInstance',
        Properties: {
          NotebookInstanceName: { 'Fn::Join': ['-', ['nb', { Ref: 'Env' }]] },
          InstanceType: { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Type'] },
          RootAccess: { 'Fn::If': ['IsProd', 'Disabled', 'Enabled'] },
          RoleArn: 'arn:aws:iam::123456789012:role/nb',
        },
      },
      Raw: { Type: 'AWS::S3::Bucket' },
    },
  };
  const out = await collectText(cloudformationCollector, 'stack.json', JSON.stringify(tpl, null, 2));
  const nb = asset(out, 'notebook', 'sagemaker-notebook:nb-dev')!;
  assert.deepEqual([nb.attrs!.instanceType, nb.attrs!.rootAccess, nb.evidence?.[0]?.line], ['ml.t3.medium', true, 27]);
  assert.deepEqual(keys(out, 'storage'), ['s3://Raw']);
  assert.deepEqual(edges(out), ['notebook:sagemaker-notebook:nb-dev -assumes-> identity:aws-iam-role:nb']);
});
