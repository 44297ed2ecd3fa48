// The AWS resource types CloudFormation declares for AI: SageMaker, Bedrock, S3, IAM and OpenSearch.
// Keys and attributes match the Terraform collector's, so one thing described in either is one asset.

import { bedrockAgentKey, bedrockModelIdOf, bedrockModelKey, bucketOf, knowledgeBaseKey, roleKey, s3Key, sagemakerEndpointKey, sagemakerModelKey } from '../terraform/aws-keys.js';
import { compact, maskedEnv } from '../terraform/emit.js';
import { accessGrants, policyStatements, publicStatements, statementSummary, trustedPrincipals, type Statement } from '../terraform/iam-policy.js';
import { managedPolicyStatements } from '../terraform/resources/aws-iam.js';
import { isRecord, str, bool, type Value } from '../terraform/values.js';
import { maskSecrets } from '../../util/mask.js';
import type { KeyRef } from '../types.js';
import type { CfnEmit } from './emit.js';

type Handler = (e: CfnEmit) => void;

const rec = (v: Value | undefined): Record<string, Value> | undefined => (isRecord(v) ? v : undefined);
const arr = (v: Value | undefined): Value[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const SAGEMAKER: KeyRef = { kind: 'ai-service', key: 'aws-sagemaker' };
const BEDROCK: KeyRef = { kind: 'ai-service', key: 'aws-bedrock' };
const INTERNET: KeyRef = { kind: 'network', key: 'internet' };

function platform(e: CfnEmit, ref: KeyRef, name: string, attrs?: Record<string, unknown>): KeyRef {
  return e.asset({ kind: 'ai-service', key: ref.key, name, provider: ref.key, attrs }, false);
}

function bucket(e: CfnEmit, name: string, attrs: Record<string, unknown> = {}): KeyRef {
  return e.asset({ kind: 'storage', key: s3Key(name), name, attrs: { bucket: name, product: 'aws-s3', ...attrs } }, false);
}

function bedrockModel(e: CfnEmit, idOrArn: Value | undefined, extra?: Record<string, unknown>): KeyRef | undefined {
  const s = str(idOrArn);
  const id = s ? bedrockModelIdOf(s) : undefined;
  if (!id) return undefined;
  const m = e.asset({ kind: 'model', key: bedrockModelKey(id), name: id, provider: 'aws-bedrock', attrs: { modelId: id, ...extra } }, false);
  e.edge(platform(e, BEDROCK, 'AWS Bedrock'), 'serves', m);
  return m;
}

function assumes(e: CfnEmit, from: KeyRef, role: Value | undefined): void {
  const k = e.roleKey(role);
  if (k) e.edge(from, 'assumes', { kind: 'identity', key: k });
}

const enabled = (v: Value | undefined, dflt: string) => (str(v) ?? dflt) === 'Enabled';

const notebook: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const nb = e.asset({
    kind: 'notebook',
    key: `sagemaker-notebook:${n.name}`,
    name: n.name,
    provider: 'aws-sagemaker',
    attrs: { ...n.attrs, platform: 'aws-sagemaker', instanceType: p.InstanceType, rootAccess: enabled(p.RootAccess, 'Enabled'), directInternetAccess: enabled(p.DirectInternetAccess, 'Enabled'), subnetId: p.SubnetId, securityGroups: p.SecurityGroupIds, kmsKeyId: p.KmsKeyId, encrypted: p.KmsKeyId != null },
  });
  assumes(e, nb, p.RoleArn);
  platform(e, SAGEMAKER, 'AWS SageMaker');
};

const model: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const containers = [rec(p.PrimaryContainer), ...arr(p.Containers).map(rec)].filter((c): c is Record<string, Value> => !!c);
  const vpc = rec(p.VpcConfig);
  const m = e.asset({
    kind: 'model',
    key: sagemakerModelKey(n.name),
    name: n.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...n.attrs,
      modelId: n.name,
      platform: 'aws-sagemaker',
      containers: containers.map((c) => compact({ image: c.Image, modelDataUrl: c.ModelDataUrl, mode: c.Mode, environment: maskedEnv(c.Environment) })),
      images: containers.map((c) => c.Image).filter((x) => x !== undefined),
      executionRole: e.plain(p.ExecutionRoleArn),
      networkIsolation: bool(p.EnableNetworkIsolation) ?? false,
      vpc: vpc !== undefined,
      subnets: vpc?.Subnets,
      securityGroupIds: vpc?.SecurityGroupIds,
    },
  });
  for (const c of containers) {
    const url = str(c.ModelDataUrl);
    const b = url ? bucketOf(url) : undefined;
    if (b) e.edge(m, 'loads', bucket(e, b), { artifact: url });
  }
  assumes(e, m, p.ExecutionRoleArn);
  e.edge(platform(e, SAGEMAKER, 'AWS SageMaker'), 'serves', m);
};

const endpoint: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const cfgName = e.nameOf(p.EndpointConfigName);
  const cfgId = Object.keys(e.resolver.tpl.resources).find((id) => e.resolver.tpl.resources[id]!.Type === 'AWS::SageMaker::EndpointConfig' && e.resolver.physicalName(id).name === cfgName);
  const cfgRaw = cfgId ? e.resolver.resolve(e.resolver.tpl.resources[cfgId]!.Properties ?? {}) : undefined;
  const cfg = rec(cfgRaw);
  const variants = arr(cfg?.ProductionVariants).map(rec).filter((v): v is Record<string, Value> => !!v);
  const capture = rec(cfg?.DataCaptureConfig);
  const ep = e.asset({
    kind: 'endpoint',
    key: sagemakerEndpointKey(n.name),
    name: n.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...n.attrs,
      platform: 'aws-sagemaker',
      endpointConfig: cfgName,
      kmsKeyId: cfg?.KmsKeyId,
      encrypted: cfg ? cfg.KmsKeyId != null : undefined,
      dataCapture: cfg ? (capture ? compact({ enabled: bool(capture.EnableCapture) ?? true, destination: capture.DestinationS3Uri, kmsKeyId: capture.KmsKeyId, samplingPercentage: capture.InitialSamplingPercentage }) : { enabled: false }) : undefined,
      variants: cfg ? variants.map((v) => compact({ name: v.VariantName, model: e.nameOf(v.ModelName), instanceType: v.InstanceType, serverless: rec(v.ServerlessConfig) !== undefined })) : undefined,
    },
  });
  for (const v of variants) {
    const m = e.nameOf(v.ModelName);
    if (m) e.edge(ep, 'serves', { kind: 'model', key: sagemakerModelKey(m) });
  }
  platform(e, SAGEMAKER, 'AWS SageMaker');
};

const agent: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const guard = rec(p.GuardrailConfiguration);
  const instruction = str(p.Instruction);
  const a = e.asset({
    kind: 'agent',
    key: bedrockAgentKey(n.name),
    name: n.name,
    provider: 'aws-bedrock',
    attrs: { ...n.attrs, framework: 'aws-bedrock-agents', name: n.name, foundationModel: p.FoundationModel, instructions: instruction ? maskSecrets(instruction.slice(0, 120)) : undefined, guardrail: guard ? e.nameOf(guard.GuardrailIdentifier) : undefined, guardrailVersion: guard?.GuardrailVersion, customerEncryptionKey: p.CustomerEncryptionKeyArn, idleSessionTtl: p.IdleSessionTTLInSeconds },
  });
  const m = bedrockModel(e, p.FoundationModel);
  if (m) e.edge(a, 'uses-model', m);
  assumes(e, a, p.AgentResourceRoleArn);
  for (const g of arr(p.ActionGroups).map(rec)) {
    const name = str(g?.ActionGroupName);
    if (!g || !name) continue;
    const signature = str(g.ParentActionGroupSignature);
    const functions = arr(rec(g.FunctionSchema)?.Functions).map((f) => str(rec(f)?.Name)).filter((x): x is string => !!x);
    const t = e.asset({
      kind: 'tool',
      key: `${bedrockAgentKey(n.name)}#${name}`,
      name,
      attrs: { framework: 'aws-bedrock-agents', description: g.Description, executor: e.plain(rec(g.ActionGroupExecutor)?.Lambda ?? rec(g.ActionGroupExecutor)?.CustomControl), builtIn: signature, capabilities: signature === 'AMAZON.CodeInterpreter' ? ['code-execution'] : undefined, functions: functions.length ? functions : undefined, enabled: (str(g.ActionGroupState) ?? 'ENABLED') === 'ENABLED' },
    });
    e.edge(a, 'has-tool', t);
  }
  for (const kb of arr(p.KnowledgeBases).map(rec)) {
    const name = e.nameOf(kb?.KnowledgeBaseId);
    if (name) e.edge(a, 'retrieves-from', { kind: 'knowledge-base', key: knowledgeBaseKey(name) }, { state: kb?.KnowledgeBaseState });
  }
};

const knowledgeBase: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const vcfg = rec(rec(p.KnowledgeBaseConfiguration)?.VectorKnowledgeBaseConfiguration);
  const storage = rec(p.StorageConfiguration);
  const oss = rec(storage?.OpensearchServerlessConfiguration);
  const kb = e.asset({
    kind: 'knowledge-base',
    key: knowledgeBaseKey(n.name),
    name: n.name,
    provider: 'aws-bedrock',
    attrs: { ...n.attrs, product: 'aws-bedrock', type: rec(p.KnowledgeBaseConfiguration)?.Type, embeddingModel: vcfg?.EmbeddingModelArn, storageType: storage?.Type, vectorIndex: oss?.VectorIndexName, role: e.plain(p.RoleArn) },
  });
  const em = bedrockModel(e, vcfg?.EmbeddingModelArn, { task: 'embedding' });
  if (em) e.edge(kb, 'embeds-with', em);
  const coll = e.nameOf(oss?.CollectionArn);
  if (coll) {
    const key = `opensearch-serverless:${(coll.split('/').pop() ?? coll).toLowerCase()}`;
    e.edge(kb, 'stores-in', e.asset({ kind: 'vector-store', key, name: key.slice(key.indexOf(':') + 1), attrs: { product: 'opensearch-serverless' } }, false));
  }
  assumes(e, kb, p.RoleArn);
};

const dataSource: Handler = (e) => {
  const p = e.props;
  const kb = e.nameOf(p.KnowledgeBaseId);
  const arn = e.plain(rec(rec(p.DataSourceConfiguration)?.S3Configuration)?.BucketArn);
  const b = typeof arn === 'string' ? bucketOf(arn) : undefined;
  if (kb && b) e.edge({ kind: 'knowledge-base', key: knowledgeBaseKey(kb) }, 'derived-from', bucket(e, b), { dataSource: e.named().name });
};

const guardrail: Handler = (e) => {
  const p = e.props;
  const filters = arr(rec(p.ContentPolicyConfig)?.FiltersConfig).map(rec).map((f) => compact({ type: f?.Type, input: f?.InputStrength, output: f?.OutputStrength }));
  platform(e, BEDROCK, 'AWS Bedrock', {
    guardrails: [
      compact({
        name: e.named().name,
        logicalId: e.id,
        file: e.ev.file,
        contentFilters: filters,
        promptAttackFilter: filters.some((f) => f.type === 'PROMPT_ATTACK'),
        piiEntities: arr(rec(p.SensitiveInformationPolicyConfig)?.PiiEntitiesConfig).map(rec).map((x) => compact({ type: x?.Type, action: x?.Action })),
        deniedTopics: arr(rec(p.TopicPolicyConfig)?.TopicsConfig).map((t) => str(rec(t)?.Name)).filter((x): x is string => !!x),
        kmsKeyArn: p.KmsKeyArn,
      }),
    ],
  });
};

const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

function policyExposure(e: CfnEmit, doc: Value | undefined): Record<string, unknown> {
  const st = policyStatements(e.plain(doc));
  if (!st) return {};
  const pub = publicStatements(st);
  return { policyPublic: pub.some((s) => !s.conditional), policyPublicConditional: pub.some((s) => s.conditional) || undefined, publicActions: pub.length ? [...new Set(pub.flatMap((s) => s.actions))] : undefined };
}

const s3Bucket: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const sse = rec(rec(arr(rec(p.BucketEncryption)?.ServerSideEncryptionConfiguration)[0])?.ServerSideEncryptionByDefault);
  const pab = rec(p.PublicAccessBlockConfiguration);
  const acl = str(p.AccessControl);
  e.asset({
    kind: 'storage',
    key: s3Key(n.name),
    name: n.name,
    attrs: {
      ...n.attrs,
      bucket: n.name,
      product: 'aws-s3',
      acl,
      publicAcl: acl ? PUBLIC_ACLS.has(acl) : undefined,
      versioning: rec(p.VersioningConfiguration) ? str(rec(p.VersioningConfiguration)!.Status) === 'Enabled' : undefined,
      encryption: sse ? compact({ algorithm: sse.SSEAlgorithm, kmsKeyId: sse.KMSMasterKeyID }) : undefined,
      publicAccessBlock: pab ? compact({ blockPublicAcls: bool(pab.BlockPublicAcls) ?? false, blockPublicPolicy: bool(pab.BlockPublicPolicy) ?? false, ignorePublicAcls: bool(pab.IgnorePublicAcls) ?? false, restrictPublicBuckets: bool(pab.RestrictPublicBuckets) ?? false }) : undefined,
      accessLogging: rec(p.LoggingConfiguration) !== undefined,
    },
  });
};

const bucketPolicy: Handler = (e) => {
  const name = e.nameOf(e.props.Bucket);
  if (name) bucket(e, name, { policy: true, ...policyExposure(e, e.props.PolicyDocument) });
};

function knownBuckets(e: CfnEmit): string[] {
  return Object.entries(e.resolver.tpl.resources)
    .filter(([, r]) => r.Type === 'AWS::S3::Bucket')
    .map(([id]) => e.resolver.physicalName(id).name);
}

function grant(e: CfnEmit, role: string, statements: Statement[], policy: { name?: string; source: string; arn?: string }): void {
  const id = e.asset({ kind: 'identity', key: roleKey(role), name: role, provider: 'aws', attrs: { identityType: 'aws-iam-role', policies: [compact(policy)], ...statementSummary(statements) } }, false);
  for (const g of accessGrants(statements, knownBuckets(e))) e.edge(id, 'can-access', { kind: g.kind, key: g.key }, { actions: g.actions, wildcard: g.wildcard, policy: policy.name });
}

const role: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const trust = policyStatements(e.plain(p.AssumeRolePolicyDocument)) ?? [];
  const managed = arr(p.ManagedPolicyArns).map((x) => str(x)).filter((x): x is string => !!x);
  e.asset({ kind: 'identity', key: roleKey(n.name), name: n.name, provider: 'aws', attrs: { ...n.attrs, identityType: 'aws-iam-role', trustedPrincipals: trustedPrincipals(trust), trustPublic: trust.some((s) => s.principals.includes('*') && !s.conditional), managedPolicies: managed.length ? managed : undefined } });
  for (const pol of arr(p.Policies).map(rec)) {
    const st = policyStatements(e.plain(pol?.PolicyDocument));
    if (st) grant(e, n.name, st, { name: str(pol?.PolicyName), source: 'inline' });
  }
  for (const arn of managed) {
    const st = managedPolicyStatements(arn);
    if (st) grant(e, n.name, st, { name: arn.split('/').pop(), source: 'aws-managed', arn });
  }
};

const policy: Handler = (e) => {
  const st = policyStatements(e.plain(e.props.PolicyDocument));
  if (!st) return;
  for (const r of arr(e.props.Roles)) {
    const name = e.nameOf(r);
    if (name) grant(e, name, st, { name: e.named().name, source: e.type === 'AWS::IAM::ManagedPolicy' ? 'customer-managed' : 'inline' });
  }
};

const domain: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const sec = rec(p.AdvancedSecurityOptions);
  const vpc = rec(p.VPCOptions) !== undefined;
  const exposure = policyExposure(e, p.AccessPolicies);
  const vs = e.asset({
    kind: 'vector-store',
    key: `opensearch:${n.name.toLowerCase()}`,
    name: n.name,
    provider: 'aws',
    attrs: {
      ...n.attrs,
      product: 'opensearch',
      engineVersion: p.EngineVersion,
      encryptionAtRest: bool(rec(p.EncryptionAtRestOptions)?.Enabled) ?? false,
      kmsKeyId: rec(p.EncryptionAtRestOptions)?.KmsKeyId,
      nodeToNodeEncryption: bool(rec(p.NodeToNodeEncryptionOptions)?.Enabled) ?? false,
      enforceHttps: bool(rec(p.DomainEndpointOptions)?.EnforceHTTPS),
      fineGrainedAccessControl: bool(sec?.Enabled) ?? false,
      internalUserDatabase: bool(sec?.InternalUserDatabaseEnabled),
      vpc,
      ...exposure,
    },
  });
  if (!vpc && exposure.policyPublic) e.edge(e.asset({ kind: 'network', key: INTERNET.key, name: 'internet' }, false), 'exposes', vs);
};

const collection: Handler = (e) => {
  const n = e.named();
  e.asset({ kind: 'vector-store', key: `opensearch-serverless:${n.name.toLowerCase()}`, name: n.name, provider: 'aws', attrs: { ...n.attrs, product: 'opensearch-serverless', collectionType: e.props.Type } });
};

export const CFN_HANDLERS: Record<string, Handler> = {
  'AWS::SageMaker::NotebookInstance': notebook,
  'AWS::SageMaker::Model': model,
  'AWS::SageMaker::Endpoint': endpoint,
  'AWS::Bedrock::Agent': agent,
  'AWS::Bedrock::KnowledgeBase': knowledgeBase,
  'AWS::Bedrock::DataSource': dataSource,
  'AWS::Bedrock::Guardrail': guardrail,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::S3::BucketPolicy': bucketPolicy,
  'AWS::IAM::Role': role,
  'AWS::IAM::Policy': policy,
  'AWS::IAM::ManagedPolicy': policy,
  'AWS::OpenSearchService::Domain': domain,
  'AWS::OpenSearchServerless::Collection': collection,
};
