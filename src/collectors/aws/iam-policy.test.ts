import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awsGlob, bedrockModelIdOf, bucketOf, roleNameOfArn } from './keys.js';
import { accessGrants, policyStatements, publicStatements, statementSummary, trustedPrincipals } from './iam-policy.js';

test('AWS globs, ARNs and URIs', () => {
  assert.equal(awsGlob('acme-*', 'acme-ml-data'), true);
  assert.equal(awsGlob('acme-*-data', 'acme-ml-logs'), false);
  assert.equal(awsGlob('a?c*', 'abcdef'), true);
  assert.equal(awsGlob('*', ''), true);
  assert.equal(bucketOf('arn:aws:s3:::acme-ml-data/models/*'), 'acme-ml-data');
  assert.equal(bucketOf('s3://acme-ml-data/x.parquet'), 'acme-ml-data');
  assert.equal(roleNameOfArn('arn:aws:iam::123456789012:role/service-role/exec'), 'exec');
  assert.equal(bedrockModelIdOf('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0'), 'amazon.titan-embed-text-v2:0');
  assert.equal(bedrockModelIdOf('not a model'), undefined);
  // a long near-miss returns at once (no catastrophic backtracking)
  assert.equal(bedrockModelIdOf(`a.${'b.'.repeat(5000)}!`), undefined);
});

test('policy statements: grants with wildcards resolved against known buckets, trust and public principals', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:Get*'], Resource: 'arn:aws:s3:::acme-*/*' },
      { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0' },
      { Effect: 'Deny', Action: '*', Resource: '*' },
    ],
  });
  const st = policyStatements(policy)!;
  assert.deepEqual(accessGrants(st, ['acme-ml-data', 'other-bucket', 'acme-logs']), [
    { kind: 'storage', key: 's3://acme-ml-data', actions: ['s3:Get*'], wildcard: true },
    { kind: 'storage', key: 's3://acme-logs', actions: ['s3:Get*'], wildcard: true },
    { kind: 'ai-service', key: 'aws-bedrock', actions: ['bedrock:InvokeModel'], wildcard: false },
    { kind: 'model', key: 'aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0', actions: ['bedrock:InvokeModel'], wildcard: false },
  ]);
  assert.deepEqual(statementSummary(st), { actions: ['s3:Get*', 'bedrock:InvokeModel'], wildcardActions: true, wildcardResources: false, adminAccess: false });
  const trust = policyStatements({ Statement: [{ Effect: 'Allow', Principal: { Service: ['sagemaker.amazonaws.com'], AWS: '*' }, Action: 'sts:AssumeRole' }] })!;
  assert.deepEqual(trustedPrincipals(trust), ['Service:sagemaker.amazonaws.com', '*']);
  assert.equal(publicStatements(trust).length, 1);
  assert.equal(policyStatements('{not json'), undefined);
});
