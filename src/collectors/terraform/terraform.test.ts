import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { terraformCollector } from './index.js';
import { Evaluator, type Scope } from './evaluate.js';
import { hclStats } from './hcl.js';
import { asset, attrValues, collectText, collectTree, edgeAttrs, edges, keys } from './test-helpers.js';
import { Unresolved } from './values.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const testdata = (p: string) => path.join(here, 'testdata', p);
const examples = path.join(here, '../../../examples/acme-ai/infra/terraform');

test('SageMaker: notebook, model, endpoint with its configuration, pipeline', async () => {
  const out = await collectTree(terraformCollector, testdata('aws-ml'));
  assert.deepEqual(out.warnings, []);
  assert.deepEqual(asset(out, 'notebook', 'sagemaker-notebook:locked-notebook')?.attrs, {
    iac: 'terraform',
    resourceType: 'aws_sagemaker_notebook_instance',
    address: 'aws_sagemaker_notebook_instance.locked',
    platform: 'aws-sagemaker',
    instanceType: 'ml.t3.medium',
    rootAccess: false,
    directInternetAccess: false,
    subnetId: 'subnet-0abc',
    securityGroups: ['sg-0abc'],
    kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1111',
    encrypted: true,
  });
  const model = asset(out, 'model', 'sagemaker/fraud-xgb')!;
  assert.equal(model.provider, 'aws-sagemaker');
  assert.equal(model.attrs!.networkIsolation, true);
  assert.equal(model.attrs!.vpc, true);
  assert.deepEqual(model.attrs!.images, ['acme/xgb@sha256:abcd']);
  // the inline credential in the container environment is masked, the harmless value kept
  assert.deepEqual((model.attrs!.containers as Array<Record<string, unknown>>)[0]!.environment, { API_TOKEN: 'tok_…(33)', MODE: 'batch' });
  assert.equal(model.evidence?.[0]?.file, 'sagemaker.tf');
  assert.equal(model.evidence?.[0]?.line, 12);
  const ep = asset(out, 'endpoint', 'sagemaker:fraud')!;
  assert.equal(ep.attrs!.kmsKeyId, 'arn:aws:kms:eu-west-1:123456789012:key/2222');
  assert.deepEqual(ep.attrs!.dataCapture, { enabled: false });
  assert.deepEqual(ep.attrs!.variants, [{ name: 'a', model: 'fraud-xgb', serverless: true }]);
  assert.deepEqual(
    edges(out).filter((e) => /sagemaker|fraud-data\/train/.test(e)),
    [
      'ai-service:aws-sagemaker -serves-> model:sagemaker/fraud-xgb',
      'dataset:s3://fraud-data/train/ -stores-in-> storage:s3://fraud-data',
      'endpoint:sagemaker:fraud -serves-> model:sagemaker/fraud-xgb',
      'identity:aws-iam-role:fraud-ml -can-access-> ai-service:aws-sagemaker',
      'model:sagemaker/fraud-xgb -assumes-> identity:aws-iam-role:fraud-ml',
      'model:sagemaker/fraud-xgb -loads-> storage:s3://fraud-artifacts',
      'notebook:sagemaker-notebook:locked-notebook -assumes-> identity:aws-iam-role:nb-exec',
      'pipeline:sagemaker-pipeline:fraud-training -assumes-> identity:aws-iam-role:fraud-ml',
      'pipeline:sagemaker-pipeline:fraud-training -trains-on-> dataset:s3://fraud-data/train/',
    ],
  );
});

test('S3, OpenSearch, IAM and Bedrock custom models', async () => {
  const out = await collectTree(terraformCollector, testdata('aws-ml'));
  assert.equal(asset(out, 'storage', 's3://fraud-artifacts')!.attrs!.publicAcl, true);
  const vs = asset(out, 'vector-store', 'opensearch:fraud-vectors')!;
  assert.deepEqual(
    { enc: vs.attrs!.encryptionAtRest, n2n: vs.attrs!.nodeToNodeEncryption, fgac: vs.attrs!.fineGrainedAccessControl, vpc: vs.attrs!.vpc, pub: vs.attrs!.policyPublic, actions: vs.attrs!.publicActions },
    { enc: false, n2n: true, fgac: false, vpc: false, pub: true, actions: ['es:*'] },
  );
  const role = asset(out, 'identity', 'aws-iam-role:fraud-ml')!;
  assert.deepEqual(role.attrs!.trustedPrincipals, ['*']);
  assert.equal(role.attrs!.trustPublic, true);
  assert.deepEqual(attrValues(out, 'identity', 'aws-iam-role:fraud-ml', 'adminAccess'), [false, true]);
  // AdministratorAccess reaches every bucket the configuration defines, through a wildcard
  assert.deepEqual(edgeAttrs(out, 'identity:aws-iam-role:fraud-ml', 'can-access', 'storage:s3://fraud-artifacts'), { actions: ['*'], wildcard: true, policy: 'AdministratorAccess' });
  assert.deepEqual(edgeAttrs(out, 'identity:aws-iam-role:fraud-ml', 'can-access', 'storage:s3://fraud-data'), { actions: ['s3:GetObject'], wildcard: false, policy: 'read-data' });
  assert.deepEqual(
    edges(out).filter((e) => e.includes('titan') || e.includes('internet')),
    [
      'ai-service:aws-bedrock -serves-> model:aws-bedrock/amazon.titan-text-express-v1',
      'ai-service:aws-bedrock -serves-> model:aws-bedrock/fraud-titan',
      'endpoint:aws-bedrock:fraud-titan-pt -serves-> model:aws-bedrock/fraud-titan',
      'model:aws-bedrock/fraud-titan -assumes-> identity:aws-iam-role:fraud-ml',
      'model:aws-bedrock/fraud-titan -fine-tunes-from-> model:aws-bedrock/amazon.titan-text-express-v1',
      'model:aws-bedrock/fraud-titan -trains-on-> dataset:s3://fraud-data/tuning/train.jsonl',
      'network:internet -exposes-> vector-store:opensearch:fraud-vectors',
    ],
  );
});

test('Azure OpenAI, ML, AI Foundry, AI Search and Vertex AI', async () => {
  const out = await collectTree(terraformCollector, testdata('azure-gcp'));
  assert.deepEqual(out.warnings, []);
  const acct = asset(out, 'endpoint', 'azure-openai:contoso-ai')!;
  assert.deepEqual(
    [acct.attrs!.accountKind, acct.attrs!.localAuth, acct.attrs!.publicNetworkAccess, acct.attrs!.customerManagedKey, acct.attrs!.networkAcls],
    ['AIServices', false, true, true, { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'], virtualNetworkRules: false }],
  );
  const dep = asset(out, 'model', 'azure-openai/chat')!;
  assert.deepEqual([dep.provider, dep.attrs!.modelName, dep.attrs!.modelVersion, dep.attrs!.account], ['azure-openai', 'gpt-4.1', '2025-04-14', 'contoso-ai']);
  assert.equal(asset(out, 'endpoint', 'azure-ml:contoso-ml')!.attrs!.isolationMode, 'AllowOnlyApprovedOutbound');
  assert.equal(asset(out, 'vector-store', 'azure-ai-search:contoso-search')!.attrs!.localAuth, false);
  const wb = asset(out, 'notebook', 'vertex-workbench:claims-workbench')!;
  assert.deepEqual([wb.attrs!.rootAccess, wb.attrs!.publicIp], [false, true]);
  assert.equal(asset(out, 'endpoint', 'google-vertex-ai:claims-endpoint')!.attrs!.encrypted, true);
  assert.equal(asset(out, 'dataset', 'google-vertex-ai-dataset:claims-images')!.attrs!.format, 'image');
  assert.deepEqual(attrValues(out, 'storage', 'gs://contoso-embeddings', 'publicIam'), [true]);
  assert.deepEqual(edges(out), [
    'ai-service:azure-openai -serves-> model:azure-openai/chat',
    'endpoint:azure-ai-foundry:contoso-hub/claims -defined-in-> endpoint:azure-ai-foundry:contoso-hub',
    'endpoint:azure-openai:contoso-ai -serves-> model:azure-openai/chat',
    // the account denies by default and the search service allows listed IPs only: not exposed
    'network:internet -exposes-> endpoint:azure-ai-foundry:contoso-hub',
    'network:internet -exposes-> endpoint:google-vertex-ai:claims-docs-endpoint',
    'notebook:vertex-workbench:claims-workbench -assumes-> identity:gcp-sa:nb@contoso.iam.gserviceaccount.com',
    'vector-store:vertex-ai-vector-search:claims-docs -derived-from-> storage:gs://contoso-embeddings',
  ]);
});

test('modules: variables, tfvars, locals, for_each over a set, count, conditionals; the child folder is described by its caller', async () => {
  const out = await collectTree(terraformCollector, testdata('modules'));
  assert.deepEqual(out.warnings, []);
  // prod.auto.tfvars overrides the default list; lower() and format() are evaluated
  assert.deepEqual(keys(out, 'storage'), ['s3://risk-ml-features', 's3://risk-ml-logs-0', 's3://risk-ml-logs-1', 's3://risk-ml-raw']);
  const raw = asset(out, 'storage', 's3://risk-ml-raw')!;
  assert.equal(raw.attrs!.address, 'module.data["raw"].aws_s3_bucket.this');
  assert.equal(raw.attrs!.modulePath, 'root/modules/bucket-set');
  assert.equal(raw.evidence?.[0]?.file, 'root/modules/bucket-set/main.tf');
  // `count = var.versioned ? 1 : 0` with `versioned = each.key == "raw"`
  assert.deepEqual(attrValues(out, 'storage', 's3://risk-ml-raw', 'versioning'), [true]);
  assert.deepEqual(attrValues(out, 'storage', 's3://risk-ml-features', 'versioning'), []);
  assert.equal(asset(out, 'storage', 's3://risk-ml-logs-1')!.attrs!.address, 'aws_s3_bucket.logs[1]');
  // a name from a variable without a value stays an expression, marked unresolved
  const ep = asset(out, 'endpoint', 'sagemaker:aws_sagemaker_endpoint.dynamic')!;
  assert.deepEqual([ep.attrs!.nameExpression, ep.attrs!.unresolved], ['${var.owner_role}-endpoint', true]);
  // registry modules are not fetched; nothing from them appears
  assert.equal(out.assets.some((a) => a.key.includes('from-the-registry')), false);
});

test('a module called from a sibling folder (envs/prod -> ../../modules/x) is described once, with the caller\'s inputs', async () => {
  const out = await collectTree(terraformCollector, testdata('layouts'));
  assert.deepEqual(keys(out, 'notebook'), ['sagemaker-notebook:prod-research']);
  const nb = asset(out, 'notebook', 'sagemaker-notebook:prod-research')!;
  assert.deepEqual([nb.attrs!.rootAccess, nb.attrs!.address, nb.attrs!.modulePath], [false, 'module.research_notebook.aws_sagemaker_notebook_instance.this', 'modules/notebook']);
  // the module's own file is scanned too, but leaves the description to its caller
  assert.deepEqual([...new Set(out.assets.map((a) => a.evidence?.[0]?.file))], ['modules/notebook/main.tf']);
});

test('a file given without its folder still evaluates its own variables', async () => {
  const out = await collectText(
    terraformCollector,
    'infra/nb.tf',
    'variable "env" {\n  default = "qa"\n}\nresource "aws_sagemaker_notebook_instance" "n" {\n  name = "nb-${var.env}"\n  role_arn = "arn:aws:iam::1:role/r"\n  instance_type = "ml.t3.medium"\n}\n',
  );
  const nb = asset(out, 'notebook', 'sagemaker-notebook:nb-qa')!;
  // defaults: root access and direct internet access are on unless disabled
  assert.deepEqual([nb.attrs!.rootAccess, nb.attrs!.directInternetAccess, nb.evidence?.[0]?.line], [true, true, 4]);
  assert.deepEqual(edges(out), ['notebook:sagemaker-notebook:nb-qa -assumes-> identity:aws-iam-role:r']);
});

test('malformed HCL is a warning with its line, and the scan goes on', async () => {
  const out = await collectText(terraformCollector, 'bad.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "ok"\n  acl = \n}\n');
  assert.equal(out.assets.length, 0);
  assert.equal(out.warnings.length, 1);
  assert.equal(out.warnings[0]!.line, 3);
  assert.match(out.warnings[0]!.message, /^malformed HCL: Invalid expression/);
});

test('expressions: templates, functions and conditionals; unknowns keep their text', async () => {
  const ev = new Evaluator();
  const scope: Scope = {
    variable: (n) => ({ env: 'prod', n: 3, m: { a: { x: 'ax' } } })[n],
    local: async () => undefined,
    resource: async (_t, _n, _r, text) => new Unresolved(text),
    data: async (_t, _n, _r, text) => new Unresolved(text),
    module: async (_n, _r, text) => new Unresolved(text),
    pathModule: '.',
  };
  assert.equal(await ev.value('acme-${var.env}-${upper("x")}', scope), 'acme-prod-X');
  assert.equal(await ev.value('${var.m["a"].x}', scope), 'ax');
  assert.deepEqual(await ev.value('${toset(["a", "b", "a"])}', scope), ['a', 'b']);
  assert.equal(await ev.value('${var.env == "prod" ? "big" : "small"}', scope), 'big');
  assert.equal(await ev.value('${join("-", ["a", var.env])}', scope), 'a-prod');
  assert.deepEqual(await ev.value('${merge({a = 1}, {b = var.n})}', scope), { a: 1, b: 3 });
  assert.deepEqual(await ev.value('${jsonencode({ Action = ["s3:*"] })}', scope), { Action: ['s3:*'] });
  const unknown = await ev.value('x-${aws_s3_bucket.b.arn}', scope);
  assert.ok(unknown instanceof Unresolved);
  assert.equal(unknown.expr, 'x-${aws_s3_bucket.b.arn}');
  const forExpr = await ev.value('${{ for k, v in var.m : k => v }}', scope);
  assert.ok(forExpr instanceof Unresolved);
});

test('example organisation: root module calling a local module with for_each', async () => {
  const out = await collectTree(terraformCollector, examples);
  assert.deepEqual(out.warnings, []);
  assert.deepEqual(keys(out, 'endpoint'), ['azure-ml:acme-support-ml', 'azure-openai:acme-support', 'google-vertex-ai:acme-recommender', 'sagemaker:acme-prod-churn', 'sagemaker:acme-prod-sentiment']);
  assert.deepEqual(keys(out, 'model'), [
    'aws-bedrock/amazon.titan-embed-text-v2:0',
    'aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0',
    'azure-openai/gpt-4o',
    'azure-openai/gpt-4o-mini',
    'sagemaker/acme-prod-churn-model',
    'sagemaker/acme-prod-sentiment-model',
  ]);
  const nb = asset(out, 'notebook', 'sagemaker-notebook:acme-prod-research')!;
  assert.deepEqual([nb.attrs!.rootAccess, nb.attrs!.directInternetAccess], [true, true]);
  // the weekly retraining pipeline trains without isolation, inter-container encryption, VPC or KMS
  assert.deepEqual(asset(out, 'pipeline', 'sagemaker-pipeline:acme-prod-churn-retrain')!.attrs!.jobs, [
    { name: 'TrainChurn', type: 'training', networkIsolation: false, interContainerTrafficEncryption: false, vpc: false },
  ]);
  assert.ok(edges(out).includes('dataset:s3://acme-ml-data/churn/train/ -stores-in-> storage:s3://acme-ml-data'));
  const ci = asset(out, 'notebook', 'azure-ml-compute:acme-support-ml/ci-priya')!;
  assert.deepEqual([ci.attrs!.nodePublicIp, ci.attrs!.sshPublicAccess, ci.attrs!.localAuth], [true, true, true]);
  const wb = asset(out, 'notebook', 'vertex-workbench:acme-recsys-analyst')!;
  assert.deepEqual([wb.attrs!.publicIp, wb.attrs!.rootAccess, wb.attrs!.secureBoot, wb.attrs!.kmsKey], [true, true, false, undefined]);
  // the same bucket key the Python training code's s3://acme-ml-data/... paths produce
  assert.ok(edges(out).includes('model:sagemaker/acme-prod-churn-model -loads-> storage:s3://acme-ml-data'));
  assert.deepEqual(edgeAttrs(out, 'identity:aws-iam-role:acme-prod-sagemaker-exec', 'can-access', 'storage:s3://acme-prod-support-kb-docs'), {
    actions: ['s3:*'],
    wildcard: true,
    policy: 'ml-data-and-bedrock',
  });
  assert.equal(asset(out, 'endpoint', 'azure-openai:acme-support')!.attrs!.localAuth, true);
  assert.equal(asset(out, 'model', 'azure-openai/gpt-4o-mini')!.attrs!.modelVersion, '2024-07-18');
  assert.deepEqual(attrValues(out, 'ai-service', 'aws-bedrock', 'invocationLogging'), [
    { enabled: true, file: 'bedrock.tf', textData: true, imageData: false, embeddingData: false, s3Bucket: 'acme-ml-data', s3Prefix: 'bedrock-invocations' },
  ]);
  const guardrails = attrValues(out, 'ai-service', 'aws-bedrock', 'guardrails') as Array<Array<Record<string, unknown>>>;
  assert.equal(guardrails[0]![0]!.name, 'acme-prod-support-guardrail');
  assert.equal(guardrails[0]![0]!.promptAttackFilter, true);
  assert.deepEqual(
    edges(out).filter((e) => e.startsWith('agent:') || e.startsWith('knowledge-base:')),
    [
      'agent:aws-bedrock-agent:acme-prod-support-agent -assumes-> identity:aws-iam-role:acme-prod-support-agent',
      'agent:aws-bedrock-agent:acme-prod-support-agent -has-tool-> tool:aws-bedrock-agent:acme-prod-support-agent#code-interpreter',
      'agent:aws-bedrock-agent:acme-prod-support-agent -has-tool-> tool:aws-bedrock-agent:acme-prod-support-agent#refunds',
      'agent:aws-bedrock-agent:acme-prod-support-agent -retrieves-from-> knowledge-base:aws-bedrock-kb:acme-prod-support-kb',
      'agent:aws-bedrock-agent:acme-prod-support-agent -uses-model-> model:aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0',
      'knowledge-base:aws-bedrock-kb:acme-prod-support-kb -assumes-> identity:aws-iam-role:acme-prod-support-agent',
      'knowledge-base:aws-bedrock-kb:acme-prod-support-kb -derived-from-> storage:s3://acme-prod-support-kb-docs',
      'knowledge-base:aws-bedrock-kb:acme-prod-support-kb -embeds-with-> model:aws-bedrock/amazon.titan-embed-text-v2:0',
      'knowledge-base:aws-bedrock-kb:acme-prod-support-kb -stores-in-> vector-store:opensearch-serverless:support-kb-vectors',
    ],
  );
  assert.deepEqual(edges(out, 'exposes'), [
    'network:internet -exposes-> endpoint:azure-ml:acme-support-ml',
    'network:internet -exposes-> endpoint:azure-openai:acme-support',
    'network:internet -exposes-> endpoint:google-vertex-ai:acme-recommender',
    'network:internet -exposes-> vector-store:azure-ai-search:acme-support-search',
    'network:internet -exposes-> vector-store:opensearch-serverless:support-kb-vectors',
  ]);
});

test('each .tf file is parsed once per scan, although every file also loads its folder', async () => {
  // a fresh copy: the folder cache is keyed by absolute path, size and mtime
  const dir = mkdtempSync(path.join(tmpdir(), 'aispm-tf-'));
  try {
    cpSync(testdata('aws-ml'), dir, { recursive: true });
    const before = hclStats.files;
    const out = await collectTree(terraformCollector, dir);
    assert.deepEqual(out.warnings, []);
    assert.ok(asset(out, 'model', 'sagemaker/fraud-xgb'));
    assert.equal(hclStats.files - before, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Azure AI posture: private endpoints, separate CMK resources, prompt shields, ML compute; GCP shielded notebooks', async () => {
  const out = await collectTree(terraformCollector, testdata('azure-gcp-posture'));
  assert.deepEqual(out.warnings, []);
  const oai = asset(out, 'endpoint', 'azure-openai:fabrikam-oai')!;
  assert.deepEqual(
    [oai.attrs!.publicNetworkAccess, oai.attrs!.localAuth, oai.attrs!.outboundRestricted, oai.attrs!.managedIdentity],
    [false, false, true, 'SystemAssigned'],
  );
  // the account block has no key; the separate resource sets one (merged: the riskier false loses to true)
  assert.deepEqual(attrValues(out, 'endpoint', 'azure-openai:fabrikam-oai', 'customerManagedKey'), [false, true]);
  assert.deepEqual(attrValues(out, 'endpoint', 'azure-openai:fabrikam-oai', 'privateEndpoints'), [['pe-fabrikam-oai']]);
  // the deployment's content filter policy turns the jailbreak shield off
  assert.deepEqual([asset(out, 'model', 'azure-openai/chat')!.attrs!.contentFilter, asset(out, 'model', 'azure-openai/chat')!.attrs!.promptShield], ['lenient', false]);
  const dev = asset(out, 'notebook', 'azure-ml-compute:fabrikam-ml/dev-box')!;
  assert.deepEqual([dev.attrs!.nodePublicIp, dev.attrs!.sshPublicAccess, dev.attrs!.localAuth], [true, true, true]);
  const cluster = asset(out, 'workload', 'azure-ml-cluster:fabrikam-ml/train')!;
  assert.deepEqual([cluster.attrs!.nodePublicIp, cluster.attrs!.sshPublicAccess, cluster.attrs!.localAuth], [false, false, false]);
  assert.ok(edges(out).includes('notebook:azure-ml-compute:fabrikam-ml/dev-box -defined-in-> endpoint:azure-ml:fabrikam-ml'));
  const search = asset(out, 'vector-store', 'azure-ai-search:fabrikam-docs')!;
  assert.deepEqual([search.attrs!.managedIdentity, search.attrs!.replicas, search.attrs!.publicNetworkAccess], ['SystemAssigned', 3, false]);
  const nb = asset(out, 'notebook', 'vertex-workbench:legacy-nb')!;
  assert.deepEqual([nb.attrs!.publicIp, nb.attrs!.secureBoot, nb.attrs!.integrityMonitoring, nb.attrs!.kmsKey], [false, true, false, 'projects/p/locations/us/keyRings/r/cryptoKeys/nb']);
  assert.equal(asset(out, 'dataset', 'google-vertex-ai-metadata-store:default')!.attrs!.encrypted, false);
});
