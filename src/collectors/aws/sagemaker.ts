// SageMaker as assets: notebook instances, Studio domains, models (containers, artifacts, isolation),
// endpoints with their endpoint configuration (KMS, data capture, variants), pipelines with the jobs
// their steps run, and monitoring job definitions. Tool-neutral: the Terraform and CloudFormation
// adapters fill the specs from their own field names.

import { compact, maskedEnv } from '../terraform/emit.js';
import { bool, str, type Value } from '../terraform/values.js';
import type { KeyRef } from '../types.js';
import { bucketOf, s3Key, sagemakerEndpointKey, sagemakerModelKey } from './keys.js';
import { assumes, bucketRef, platform, SAGEMAKER, type AwsSink, type Named } from './sink.js';

/** `Enabled` / `Disabled` settings with the service's default. */
const enabled = (v: Value | undefined, dflt: 'Enabled' | 'Disabled') => (str(v) ?? dflt) === 'Enabled';

export interface NotebookSpec {
  named: Named;
  instanceType?: Value;
  rootAccess?: Value;
  directInternetAccess?: Value;
  subnetId?: Value;
  securityGroups?: Value;
  kmsKeyId?: Value;
  platformIdentifier?: Value;
  lifecycleConfig?: Value;
  defaultCodeRepository?: Value;
  /** Minimum IMDS version (`1` or `2`); unset means the service default, 1. */
  imdsVersion?: Value;
  roleKey?: string;
}

export function notebookInstance(s: AwsSink, n: NotebookSpec): void {
  const nb = s.asset({
    kind: 'notebook',
    key: `sagemaker-notebook:${n.named.name}`,
    name: n.named.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...n.named.attrs,
      platform: 'aws-sagemaker',
      instanceType: n.instanceType,
      rootAccess: enabled(n.rootAccess, 'Enabled'),
      directInternetAccess: enabled(n.directInternetAccess, 'Enabled'),
      subnetId: n.subnetId,
      securityGroups: n.securityGroups,
      kmsKeyId: n.kmsKeyId,
      encrypted: n.kmsKeyId != null,
      platformIdentifier: n.platformIdentifier,
      lifecycleConfig: n.lifecycleConfig,
      defaultCodeRepository: n.defaultCodeRepository,
      instanceMetadataServiceVersion: str(n.imdsVersion),
    },
  });
  assumes(s, nb, n.roleKey);
  platform(s, SAGEMAKER, 'AWS SageMaker');
}

export interface DomainSpec {
  named: Named;
  authMode?: Value;
  /** `PublicInternetOnly` (the default) or `VpcOnly`. */
  appNetworkAccess?: Value;
  kmsKeyId?: Value;
  vpcId?: Value;
  subnets?: Value;
  roleKey?: string;
}

/** A SageMaker Studio domain: the notebook environment its users share. */
export function studioDomain(s: AwsSink, d: DomainSpec): void {
  const access = str(d.appNetworkAccess) ?? 'PublicInternetOnly';
  const nb = s.asset({
    kind: 'notebook',
    key: `sagemaker-studio:${d.named.name}`,
    name: d.named.name,
    provider: 'aws-sagemaker',
    attrs: { ...d.named.attrs, platform: 'aws-sagemaker-studio', authMode: d.authMode, appNetworkAccess: access, directInternetAccess: access !== 'VpcOnly', vpcId: d.vpcId, subnets: d.subnets, kmsKeyId: d.kmsKeyId, encrypted: d.kmsKeyId != null },
  });
  assumes(s, nb, d.roleKey);
  platform(s, SAGEMAKER, 'AWS SageMaker');
}

export interface ContainerSpec {
  image?: Value;
  modelDataUrl?: Value;
  mode?: Value;
  environment?: Value;
}

export interface ModelSpec {
  named: Named;
  containers: ContainerSpec[];
  executionRole?: unknown;
  networkIsolation?: Value;
  /** The VPC configuration when there is one. */
  vpc?: { subnets?: Value; securityGroupIds?: Value };
  roleKey?: string;
}

export function model(s: AwsSink, m: ModelSpec): void {
  const ref = s.asset({
    kind: 'model',
    key: sagemakerModelKey(m.named.name),
    name: m.named.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...m.named.attrs,
      modelId: m.named.name,
      platform: 'aws-sagemaker',
      containers: m.containers.map((c) => compact({ image: c.image, modelDataUrl: c.modelDataUrl, mode: c.mode, environment: maskedEnv(c.environment) })),
      images: m.containers.map((c) => c.image).filter((x) => x !== undefined),
      executionRole: m.executionRole,
      networkIsolation: bool(m.networkIsolation) ?? false,
      vpc: m.vpc !== undefined,
      subnets: m.vpc?.subnets,
      securityGroupIds: m.vpc?.securityGroupIds,
    },
  });
  for (const c of m.containers) {
    const url = str(c.modelDataUrl);
    const bucket = url ? bucketOf(url) : undefined;
    if (bucket) s.edge(ref, 'loads', bucketRef(s, bucket), { artifact: url });
  }
  assumes(s, ref, m.roleKey);
  s.edge(platform(s, SAGEMAKER, 'AWS SageMaker'), 'serves', ref);
}

export interface EndpointConfigSpec {
  kmsKeyId?: Value;
  dataCapture?: { enabled?: Value; destination?: Value; kmsKeyId?: Value; samplingPercentage?: Value };
  variants: Array<{ name?: Value; model?: string; instanceType?: Value; serverless: boolean }>;
  asyncOutput?: Value;
}

export interface EndpointSpec {
  named: Named;
  endpointConfig?: unknown;
  /** The endpoint configuration, when the IaC defines it. */
  config?: EndpointConfigSpec;
}

export function endpoint(s: AwsSink, e: EndpointSpec): void {
  const cfg = e.config;
  const cap = cfg?.dataCapture;
  const ep = s.asset({
    kind: 'endpoint',
    key: sagemakerEndpointKey(e.named.name),
    name: e.named.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...e.named.attrs,
      platform: 'aws-sagemaker',
      endpointConfig: e.endpointConfig,
      kmsKeyId: cfg?.kmsKeyId,
      encrypted: cfg ? cfg.kmsKeyId != null : undefined,
      dataCapture: cfg ? (cap ? compact({ enabled: bool(cap.enabled) ?? true, destination: cap.destination, kmsKeyId: cap.kmsKeyId, samplingPercentage: cap.samplingPercentage }) : { enabled: false }) : undefined,
      variants: cfg ? cfg.variants.map((v) => compact({ name: v.name, model: v.model, instanceType: v.instanceType, serverless: v.serverless })) : undefined,
      asyncOutput: cfg?.asyncOutput,
    },
  });
  for (const v of cfg?.variants ?? []) if (v.model) s.edge(ep, 'serves', { kind: 'model', key: sagemakerModelKey(v.model) });
  platform(s, SAGEMAKER, 'AWS SageMaker');
}

/** The security settings of a job SageMaker runs (a pipeline's training or processing step, a monitoring job). */
export interface JobSettings {
  name: string;
  type: string;
  networkIsolation: boolean;
  interContainerTrafficEncryption: boolean;
  vpc: boolean;
  volumeKmsKeyId?: string;
  outputKmsKeyId?: string;
}

const rec = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const flag = (v: unknown): boolean => v === true || v === 'true';

/** A pipeline definition given as JSON text or as a structure. */
function definitionOf(def: unknown): Record<string, unknown> | undefined {
  if (typeof def !== 'string') return rec(def);
  try {
    return rec(JSON.parse(def));
  } catch {
    return undefined;
  }
}

/** The jobs a pipeline's Training and Processing steps run, with their network and encryption settings. */
export function pipelineJobs(def: unknown): JobSettings[] {
  const steps = definitionOf(def)?.Steps;
  const jobs: JobSettings[] = [];
  for (const step of Array.isArray(steps) ? steps : []) {
    const st = rec(step);
    const type = text(st?.Type);
    if (type !== 'Training' && type !== 'Processing') continue;
    const args = rec(st?.Arguments) ?? {};
    const net = rec(args.NetworkConfig);
    const resources = type === 'Training' ? rec(args.ResourceConfig) : rec(rec(args.ProcessingResources)?.ClusterConfig);
    const output = type === 'Training' ? rec(args.OutputDataConfig) : rec(args.ProcessingOutputConfig);
    jobs.push(
      compact({
        name: text(st?.Name) ?? type,
        type: type.toLowerCase(),
        networkIsolation: flag(args.EnableNetworkIsolation ?? net?.EnableNetworkIsolation),
        interContainerTrafficEncryption: flag(args.EnableInterContainerTrafficEncryption ?? net?.EnableInterContainerTrafficEncryption),
        vpc: rec(args.VpcConfig ?? net?.VpcConfig) !== undefined,
        volumeKmsKeyId: text(resources?.VolumeKmsKeyId),
        outputKmsKeyId: text(output?.KmsKeyId),
      }) as unknown as JobSettings,
    );
  }
  return jobs;
}

/** S3 inputs of the training steps in a pipeline definition. */
export function trainingInputs(def: unknown): string[] {
  const steps = definitionOf(def)?.Steps;
  const uris: string[] = [];
  for (const step of Array.isArray(steps) ? steps : []) {
    const st = rec(step);
    if (st?.Type !== 'Training') continue;
    const inputs = rec(st.Arguments)?.InputDataConfig;
    for (const input of Array.isArray(inputs) ? inputs : []) {
      const uri = text(rec(rec(rec(input)?.DataSource)?.S3DataSource)?.S3Uri);
      if (uri) uris.push(uri);
    }
  }
  return uris;
}

export interface PipelineSpec {
  named: Named;
  displayName?: Value;
  role?: unknown;
  roleKey?: string;
  /** The pipeline definition: JSON text or a structure. */
  definition?: unknown;
}

export function pipeline(s: AwsSink, p: PipelineSpec): void {
  const jobs = pipelineJobs(p.definition);
  const ref = s.asset({
    kind: 'pipeline',
    key: `sagemaker-pipeline:${p.named.name}`,
    name: p.named.name,
    provider: 'aws-sagemaker',
    attrs: { ...p.named.attrs, platform: 'aws-sagemaker', displayName: p.displayName, role: p.role, jobs: jobs.length ? jobs : undefined },
  });
  assumes(s, ref, p.roleKey);
  for (const uri of trainingInputs(p.definition)) trainsOn(s, ref, uri);
}

export interface MonitoringJobSpec {
  named: Named;
  /** `data-quality`, `model-quality`, `model-bias`, `model-explainability`. */
  monitor: string;
  networkIsolation?: Value;
  interContainerTrafficEncryption?: Value;
  vpc: boolean;
  volumeKmsKeyId?: Value;
  outputKmsKeyId?: Value;
  endpoint?: Value;
  roleKey?: string;
}

/** A model-monitoring job definition: a recurring job over an endpoint's captured data. */
export function monitoringJob(s: AwsSink, j: MonitoringJobSpec): void {
  const ref = s.asset({
    kind: 'pipeline',
    key: `sagemaker-monitoring:${j.named.name}`,
    name: j.named.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...j.named.attrs,
      platform: 'aws-sagemaker',
      monitor: j.monitor,
      endpoint: j.endpoint,
      jobs: [
        compact({
          name: j.named.name,
          type: `${j.monitor}-monitoring`,
          networkIsolation: bool(j.networkIsolation) ?? false,
          interContainerTrafficEncryption: bool(j.interContainerTrafficEncryption) ?? false,
          vpc: j.vpc,
          volumeKmsKeyId: j.volumeKmsKeyId,
          outputKmsKeyId: j.outputKmsKeyId,
        }),
      ],
    },
  });
  assumes(s, ref, j.roleKey);
  platform(s, SAGEMAKER, 'AWS SageMaker');
}

export interface FeatureGroupSpec {
  named: Named;
  recordIdentifier?: Value;
  eventTime?: Value;
  features: string[];
  /** An offline store is configured (its S3 location and key). */
  offlineStore: boolean;
  offlineS3Uri?: Value;
  offlineKmsKeyId?: Value;
  /** `enable_online_store` / `EnableOnlineStore` (off by default). */
  onlineStore?: Value;
  onlineKmsKeyId?: Value;
  roleKey?: string;
}

const MAX_FEATURES = 200;

/**
 * A Feature Store feature group: the features models train and infer on, as a dataset in its offline store's bucket.
 * `encrypted` says whether every store it has uses a customer-managed key (AWS-owned keys otherwise).
 */
export function featureGroup(s: AwsSink, f: FeatureGroupSpec): void {
  const online = bool(f.onlineStore) ?? false;
  const uri = str(f.offlineS3Uri);
  const ref = s.asset({
    kind: 'dataset',
    key: `sagemaker-feature-group:${f.named.name}`,
    name: f.named.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...f.named.attrs,
      platform: 'aws-sagemaker',
      format: 'feature-group',
      columns: f.features.slice(0, MAX_FEATURES),
      ...(f.features.length > MAX_FEATURES ? { columnCount: f.features.length } : {}),
      recordIdentifier: f.recordIdentifier,
      eventTime: f.eventTime,
      offlineStore: f.offlineStore,
      offlineStoreUri: uri,
      offlineStoreKmsKeyId: f.offlineKmsKeyId,
      onlineStore: online,
      onlineStoreKmsKeyId: f.onlineKmsKeyId,
      encrypted: (!f.offlineStore || f.offlineKmsKeyId != null) && (!online || f.onlineKmsKeyId != null),
    },
  });
  assumes(s, ref, f.roleKey);
  const bucket = uri ? bucketOf(uri) : undefined;
  if (bucket) s.edge(ref, 'stores-in', bucketRef(s, bucket));
  platform(s, SAGEMAKER, 'AWS SageMaker');
}

/** `x -trains-on-> dataset(uri)`, the dataset stored in its bucket, as the code collectors key them. */
export function trainsOn(s: AwsSink, from: KeyRef, uri: string): void {
  const bucket = bucketOf(uri);
  const ds = s.asset({ kind: 'dataset', key: uri, name: uri, attrs: { uri } }, false);
  s.edge(from, 'trains-on', ds);
  if (bucket) s.edge(ds, 'stores-in', s.asset({ kind: 'storage', key: s3Key(bucket), name: bucket, attrs: { bucket, product: 'aws-s3' } }, false));
}
