// The AWS resource types CloudFormation declares for AI (SageMaker, Bedrock, S3, IAM, OpenSearch), read
// into the shared builders' specs (src/collectors/aws/), which own keys, attributes and edges: one thing
// described in Terraform or CloudFormation is one asset with the same attributes.

import * as br from '../aws/bedrock.js';
import { attachManaged, grant, role as roleAsset } from '../aws/iam.js';
import { policyStatements } from '../aws/iam-policy.js';
import { bucketOf } from '../aws/keys.js';
import * as sm from '../aws/sagemaker.js';
import * as st from '../aws/storage.js';
import { isRecord, str, type Value } from '../terraform/values.js';
import type { CfnEmit } from './emit.js';

type Handler = (e: CfnEmit) => void;

const rec = (v: Value | undefined): Record<string, Value> | undefined => (isRecord(v) ? v : undefined);
const arr = (v: Value | undefined): Value[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const recs = (v: Value | undefined): Array<Record<string, Value>> => arr(v).map(rec).filter((x): x is Record<string, Value> => !!x);
/** `a.b.c` of nested property maps. */
const dig = (v: Value | undefined, ...path: string[]): Value | undefined => path.reduce<Value | undefined>((cur, k) => rec(cur)?.[k], v);

const notebook: Handler = (e) => {
  const p = e.props;
  sm.notebookInstance(e, {
    named: e.named(),
    instanceType: p.InstanceType,
    rootAccess: p.RootAccess,
    directInternetAccess: p.DirectInternetAccess,
    subnetId: p.SubnetId,
    securityGroups: p.SecurityGroupIds,
    kmsKeyId: p.KmsKeyId,
    platformIdentifier: p.PlatformIdentifier,
    lifecycleConfig: p.LifecycleConfigName,
    defaultCodeRepository: p.DefaultCodeRepository,
    imdsVersion: dig(p, 'InstanceMetadataServiceConfiguration', 'MinimumInstanceMetadataServiceVersion'),
    roleKey: e.roleKey(p.RoleArn),
  });
};

const domain: Handler = (e) => {
  const p = e.props;
  sm.studioDomain(e, {
    named: e.named(),
    authMode: p.AuthMode,
    appNetworkAccess: p.AppNetworkAccessType,
    kmsKeyId: p.KmsKeyId,
    vpcId: p.VpcId,
    subnets: p.SubnetIds,
    roleKey: e.roleKey(dig(p, 'DefaultUserSettings', 'ExecutionRole')),
  });
};

const model: Handler = (e) => {
  const p = e.props;
  const vpc = rec(p.VpcConfig);
  sm.model(e, {
    named: e.named(),
    containers: [rec(p.PrimaryContainer), ...recs(p.Containers)]
      .filter((c): c is Record<string, Value> => !!c)
      .map((c) => ({ image: c.Image, modelDataUrl: c.ModelDataUrl ?? dig(c, 'ModelDataSource', 'S3DataSource', 'S3Uri'), mode: c.Mode, environment: c.Environment })),
    executionRole: e.plain(p.ExecutionRoleArn),
    networkIsolation: p.EnableNetworkIsolation,
    vpc: vpc ? { subnets: vpc.Subnets, securityGroupIds: vpc.SecurityGroupIds } : undefined,
    roleKey: e.roleKey(p.ExecutionRoleArn),
  });
};

/** The endpoint configuration of the template with this name. */
function endpointConfig(e: CfnEmit, name: string | undefined): sm.EndpointConfigSpec | undefined {
  const resources = e.resolver.tpl.resources;
  const id = Object.keys(resources).find((k) => resources[k]!.Type === 'AWS::SageMaker::EndpointConfig' && e.resolver.physicalName(k).name === name);
  const cfg = id ? rec(e.resolver.resolve(resources[id]!.Properties ?? {})) : undefined;
  if (!cfg) return undefined;
  const capture = rec(cfg.DataCaptureConfig);
  return {
    kmsKeyId: cfg.KmsKeyId,
    dataCapture: capture && { enabled: capture.EnableCapture, destination: capture.DestinationS3Uri, kmsKeyId: capture.KmsKeyId, samplingPercentage: capture.InitialSamplingPercentage },
    variants: [...recs(cfg.ProductionVariants), ...recs(cfg.ShadowProductionVariants)].map((v) => ({
      name: v.VariantName,
      model: e.nameOf(v.ModelName),
      instanceType: v.InstanceType,
      serverless: rec(v.ServerlessConfig) !== undefined,
    })),
    asyncOutput: dig(cfg, 'AsyncInferenceConfig', 'OutputConfig', 'S3OutputPath'),
  };
}

const endpoint: Handler = (e) => {
  const name = e.nameOf(e.props.EndpointConfigName);
  sm.endpoint(e, { named: e.named(), endpointConfig: name, config: endpointConfig(e, name) });
};

const pipeline: Handler = (e) => {
  const p = e.props;
  const def = rec(p.PipelineDefinition);
  sm.pipeline(e, { named: e.named(), displayName: p.PipelineDisplayName, role: e.plain(p.RoleArn), roleKey: e.roleKey(p.RoleArn), definition: e.plain(def?.PipelineDefinitionBody) });
};

const featureGroup: Handler = (e) => {
  const p = e.props;
  const offline = rec(p.OfflineStoreConfig);
  const online = rec(p.OnlineStoreConfig);
  sm.featureGroup(e, {
    named: e.named(),
    recordIdentifier: p.RecordIdentifierFeatureName,
    eventTime: p.EventTimeFeatureName,
    features: recs(p.FeatureDefinitions).map((d) => str(d.FeatureName)).filter((n): n is string => !!n),
    offlineStore: offline !== undefined,
    offlineS3Uri: dig(offline, 'S3StorageConfig', 'S3Uri'),
    offlineKmsKeyId: dig(offline, 'S3StorageConfig', 'KmsKeyId'),
    onlineStore: online?.EnableOnlineStore,
    onlineKmsKeyId: dig(online, 'SecurityConfig', 'KmsKeyId'),
    roleKey: e.roleKey(p.RoleArn),
  });
};

const dataQualityJob: Handler = (e) => {
  const p = e.props;
  const net = rec(p.NetworkConfig);
  sm.monitoringJob(e, {
    named: e.named(),
    monitor: 'data-quality',
    networkIsolation: net?.EnableNetworkIsolation,
    interContainerTrafficEncryption: net?.EnableInterContainerTrafficEncryption,
    vpc: rec(net?.VpcConfig) !== undefined,
    volumeKmsKeyId: dig(p, 'JobResources', 'ClusterConfig', 'VolumeKmsKeyId'),
    outputKmsKeyId: dig(p, 'DataQualityJobOutputConfig', 'KmsKeyId'),
    endpoint: e.nameOf(dig(p, 'DataQualityJobInput', 'EndpointInput', 'EndpointName')),
    roleKey: e.roleKey(p.RoleArn),
  });
};

const agent: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const guard = rec(p.GuardrailConfiguration);
  br.agent(e, {
    named: n,
    foundationModel: p.FoundationModel,
    instruction: p.Instruction,
    guardrail: guard ? e.nameOf(guard.GuardrailIdentifier) : undefined,
    guardrailVersion: guard?.GuardrailVersion,
    customerEncryptionKey: p.CustomerEncryptionKeyArn,
    idleSessionTtl: p.IdleSessionTTLInSeconds,
    memory: rec(p.MemoryConfiguration) !== undefined,
    collaboration: p.AgentCollaboration,
    roleKey: e.roleKey(p.AgentResourceRoleArn),
  });
  for (const g of recs(p.ActionGroups)) {
    const name = str(g.ActionGroupName);
    if (!name) continue;
    const executor = rec(g.ActionGroupExecutor);
    br.actionGroup(e, {
      agent: n.name,
      named: { name, attrs: {} },
      description: g.Description,
      executor: e.plain(executor?.Lambda ?? executor?.CustomControl),
      signature: str(g.ParentActionGroupSignature),
      functions: recs(dig(g, 'FunctionSchema', 'Functions'))
        .map((f) => str(f.Name))
        .filter((x): x is string => !!x),
      apiSchema: rec(dig(g, 'ApiSchema', 'S3')) !== undefined ? 's3' : dig(g, 'ApiSchema', 'Payload') !== undefined ? 'inline' : undefined,
      state: g.ActionGroupState,
    });
  }
  for (const kb of recs(p.KnowledgeBases)) {
    const name = e.nameOf(kb.KnowledgeBaseId);
    if (name) br.agentKnowledgeBase(e, n.name, name, kb.KnowledgeBaseState);
  }
};

// Vector storage of a knowledge base: the CloudFormation property, the product and the resource holding the vectors
const VECTOR_STORES: Array<{ prop: string; product: string; ref: string; index: string }> = [
  { prop: 'OpensearchServerlessConfiguration', product: 'opensearch-serverless', ref: 'CollectionArn', index: 'VectorIndexName' },
  { prop: 'OpensearchManagedClusterConfiguration', product: 'opensearch', ref: 'DomainArn', index: 'VectorIndexName' },
  { prop: 'PineconeConfiguration', product: 'pinecone', ref: 'ConnectionString', index: 'Namespace' },
  { prop: 'RdsConfiguration', product: 'aurora-pgvector', ref: 'ResourceArn', index: 'TableName' },
  { prop: 'RedisEnterpriseCloudConfiguration', product: 'redis', ref: 'Endpoint', index: 'VectorIndexName' },
  { prop: 'MongoDbAtlasConfiguration', product: 'mongodb-atlas', ref: 'Endpoint', index: 'CollectionName' },
];

const knowledgeBase: Handler = (e) => {
  const p = e.props;
  const vcfg = rec(dig(p, 'KnowledgeBaseConfiguration', 'VectorKnowledgeBaseConfiguration'));
  const storage = rec(p.StorageConfiguration);
  const store = VECTOR_STORES.find((s) => rec(storage?.[s.prop]) !== undefined);
  const scfg = store ? rec(storage![store.prop]) : undefined;
  const target = store && scfg ? e.nameOf(scfg[store.ref]) : undefined;
  br.knowledgeBase(e, {
    named: e.named(),
    type: dig(p, 'KnowledgeBaseConfiguration', 'Type'),
    embeddingModel: vcfg?.EmbeddingModelArn,
    storageType: storage?.Type,
    vectorStore: store && scfg ? { product: store.product, key: target ? `${store.product}:${(target.split('/').pop() ?? target).toLowerCase()}` : undefined, index: scfg[store.index] } : undefined,
    role: e.plain(p.RoleArn),
    roleKey: e.roleKey(p.RoleArn),
  });
};

const dataSource: Handler = (e) => {
  const p = e.props;
  const kb = e.nameOf(p.KnowledgeBaseId);
  const s3 = rec(dig(p, 'DataSourceConfiguration', 'S3Configuration'));
  const arn = e.plain(s3?.BucketArn);
  const bucket = typeof arn === 'string' ? bucketOf(arn) : undefined;
  if (kb && bucket) br.dataSource(e, { knowledgeBase: kb, name: e.named().name, bucket, prefixes: s3?.InclusionPrefixes, kmsKeyArn: dig(p, 'ServerSideEncryptionConfiguration', 'KmsKeyArn') });
};

const guardrail: Handler = (e) => {
  const p = e.props;
  br.guardrail(e, {
    named: e.named(),
    filters: recs(dig(p, 'ContentPolicyConfig', 'FiltersConfig')).map((f) => ({ type: f.Type, input: f.InputStrength, output: f.OutputStrength })),
    pii: recs(dig(p, 'SensitiveInformationPolicyConfig', 'PiiEntitiesConfig')).map((x) => ({ type: x.Type, action: x.Action })),
    regexes: recs(dig(p, 'SensitiveInformationPolicyConfig', 'RegexesConfig')).length,
    topics: recs(dig(p, 'TopicPolicyConfig', 'TopicsConfig'))
      .map((t) => str(t.Name))
      .filter((x): x is string => !!x),
    wordFilters: rec(p.WordPolicyConfig) !== undefined,
    contextualGrounding: rec(p.ContextualGroundingPolicyConfig) !== undefined,
    kmsKeyArn: p.KmsKeyArn,
  });
};

const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

const s3Bucket: Handler = (e) => {
  const p = e.props;
  const rule = rec(arr(dig(p, 'BucketEncryption', 'ServerSideEncryptionConfiguration'))[0]);
  const sse = rec(rule?.ServerSideEncryptionByDefault);
  const pab = rec(p.PublicAccessBlockConfiguration);
  const acl = str(p.AccessControl);
  const versioning = rec(p.VersioningConfiguration);
  st.bucket(e, e.named(), {
    acl,
    publicAcl: acl ? PUBLIC_ACLS.has(acl) : undefined,
    objectLock: p.ObjectLockEnabled,
    versioning: versioning ? str(versioning.Status) === 'Enabled' : undefined,
    encryption: sse ? { algorithm: sse.SSEAlgorithm, kmsKeyId: sse.KMSMasterKeyID, bucketKey: rule?.BucketKeyEnabled } : undefined,
    publicAccessBlock: pab ? { blockPublicAcls: pab.BlockPublicAcls, blockPublicPolicy: pab.BlockPublicPolicy, ignorePublicAcls: pab.IgnorePublicAcls, restrictPublicBuckets: pab.RestrictPublicBuckets } : undefined,
    accessLogging: rec(p.LoggingConfiguration) !== undefined || undefined,
    accessLogTarget: e.nameOf(dig(p, 'LoggingConfiguration', 'DestinationBucketName')),
  });
};

const bucketPolicy: Handler = (e) => st.bucketConfig(e, e.nameOf(e.props.Bucket), { policy: e.plain(e.props.PolicyDocument) });

function knownBuckets(e: CfnEmit): string[] {
  return Object.entries(e.resolver.tpl.resources)
    .filter(([, r]) => r.Type === 'AWS::S3::Bucket')
    .map(([id]) => e.resolver.physicalName(id).name);
}

const role: Handler = (e) => {
  const p = e.props;
  const n = e.named();
  const managed = arr(p.ManagedPolicyArns)
    .map((x) => str(x))
    .filter((x): x is string => !!x);
  roleAsset(e, { named: n, trust: policyStatements(e.plain(p.AssumeRolePolicyDocument)) ?? [], managedPolicyArns: managed });
  for (const pol of recs(p.Policies)) {
    const statements = policyStatements(e.plain(pol.PolicyDocument));
    if (statements) grant(e, n.name, statements, { name: str(pol.PolicyName), source: 'inline' }, knownBuckets(e));
  }
  for (const arn of managed) attachManaged(e, n.name, arn, knownBuckets(e));
};

const policy: Handler = (e) => {
  const statements = policyStatements(e.plain(e.props.PolicyDocument));
  if (!statements) return;
  const roles = e.type === 'AWS::IAM::RolePolicy' ? [e.props.RoleName] : arr(e.props.Roles);
  for (const r of roles) {
    const name = e.nameOf(r);
    if (name) grant(e, name, statements, { name: e.named().name, source: e.type === 'AWS::IAM::ManagedPolicy' ? 'customer-managed' : 'inline' }, knownBuckets(e));
  }
};

const domainResource: Handler = (e) => {
  const p = e.props;
  const sec = rec(p.AdvancedSecurityOptions);
  st.domain(e, {
    named: e.named(),
    engineVersion: p.EngineVersion,
    encryptionAtRest: dig(p, 'EncryptionAtRestOptions', 'Enabled'),
    kmsKeyId: dig(p, 'EncryptionAtRestOptions', 'KmsKeyId'),
    nodeToNodeEncryption: dig(p, 'NodeToNodeEncryptionOptions', 'Enabled'),
    enforceHttps: dig(p, 'DomainEndpointOptions', 'EnforceHTTPS'),
    // CloudFormation leaves HTTP allowed unless EnforceHTTPS is set
    httpsDefault: false,
    tlsPolicy: dig(p, 'DomainEndpointOptions', 'TLSSecurityPolicy'),
    fineGrainedAccessControl: sec?.Enabled,
    internalUserDatabase: sec?.InternalUserDatabaseEnabled,
    vpc: rec(p.VPCOptions) !== undefined,
    accessPolicy: e.plain(p.AccessPolicies),
  });
};

const collection: Handler = (e) => st.collection(e, e.named(), e.props.Type, e.props.StandbyReplicas);

const securityPolicy: Handler = (e) => {
  const collections = Object.entries(e.resolver.tpl.resources)
    .filter(([, r]) => r.Type === 'AWS::OpenSearchServerless::Collection')
    .map(([id]) => e.resolver.physicalName(id).name);
  st.serverlessSecurityPolicy(e, str(e.props.Type), e.plain(e.props.Policy), collections);
};

export const CFN_HANDLERS: Record<string, Handler> = {
  'AWS::SageMaker::NotebookInstance': notebook,
  'AWS::SageMaker::Domain': domain,
  'AWS::SageMaker::Model': model,
  'AWS::SageMaker::Endpoint': endpoint,
  'AWS::SageMaker::Pipeline': pipeline,
  'AWS::SageMaker::DataQualityJobDefinition': dataQualityJob,
  'AWS::SageMaker::FeatureGroup': featureGroup,
  'AWS::Bedrock::Agent': agent,
  'AWS::Bedrock::KnowledgeBase': knowledgeBase,
  'AWS::Bedrock::DataSource': dataSource,
  'AWS::Bedrock::Guardrail': guardrail,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::S3::BucketPolicy': bucketPolicy,
  'AWS::IAM::Role': role,
  'AWS::IAM::Policy': policy,
  'AWS::IAM::ManagedPolicy': policy,
  'AWS::IAM::RolePolicy': policy,
  'AWS::OpenSearchService::Domain': domainResource,
  'AWS::OpenSearchServerless::Collection': collection,
  'AWS::OpenSearchServerless::SecurityPolicy': securityPolicy,
};
