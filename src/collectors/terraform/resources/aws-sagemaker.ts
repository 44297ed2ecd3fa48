// SageMaker: notebook instances, models (containers, artifacts, isolation), endpoints with their
// endpoint configuration (KMS, data capture, variants) and pipelines with their training inputs.

import type { KeyRef } from '../../types.js';
import { bucketOf, s3Key, sagemakerEndpointKey, sagemakerModelKey } from '../aws-keys.js';
import { compact, maskedEnv, platform, SAGEMAKER, type Handler, type ResourceEmit } from '../emit.js';
import { block, blocks, bool, dig, str, type Value } from '../values.js';

const enabled = (v: Value | undefined, dflt: 'Enabled' | 'Disabled') => (str(v) ?? dflt) === 'Enabled';

const notebook: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const nb = e.asset({
    kind: 'notebook',
    key: `sagemaker-notebook:${n.name}`,
    name: n.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...n.attrs,
      platform: 'aws-sagemaker',
      instanceType: b.instance_type,
      rootAccess: enabled(b.root_access, 'Enabled'),
      directInternetAccess: enabled(b.direct_internet_access, 'Enabled'),
      subnetId: b.subnet_id,
      securityGroups: b.security_groups,
      kmsKeyId: b.kms_key_id,
      encrypted: b.kms_key_id != null,
      platformIdentifier: b.platform_identifier,
      lifecycleConfig: b.lifecycle_config_name,
      defaultCodeRepository: b.default_code_repository,
      instanceMetadataServiceVersion: dig(b, 'instance_metadata_service_configuration', 'minimum_instance_metadata_service_version'),
    },
  });
  const role = e.roleKey(b.role_arn);
  if (role) e.edge(nb, 'assumes', { kind: 'identity', key: role });
  platform(e, SAGEMAKER, 'AWS SageMaker');
};

function containerAttrs(c: Record<string, Value>) {
  return compact({ image: c.image, modelDataUrl: c.model_data_url ?? dig(c, 'model_data_source', 's3_data_source', 's3_uri'), mode: c.mode, environment: maskedEnv(c.environment) });
}

const model: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const containers = [...blocks(b.primary_container), ...blocks(b.container)];
  const vpc = block(b.vpc_config);
  const m = e.asset({
    kind: 'model',
    key: sagemakerModelKey(n.name),
    name: n.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...n.attrs,
      modelId: n.name,
      platform: 'aws-sagemaker',
      containers: containers.map(containerAttrs),
      images: containers.map((c) => c.image).filter((x) => x !== undefined),
      executionRole: b.execution_role_arn,
      networkIsolation: bool(b.enable_network_isolation) ?? false,
      vpc: vpc !== undefined,
      subnets: vpc?.subnets,
      securityGroupIds: vpc?.security_group_ids,
    },
  });
  for (const c of containers) {
    const url = str(c.model_data_url) ?? str(dig(c, 'model_data_source', 's3_data_source', 's3_uri'));
    const bucket = url ? bucketOf(url) : undefined;
    if (bucket) {
      const s = e.asset({ kind: 'storage', key: s3Key(bucket), name: bucket, attrs: { bucket, product: 'aws-s3' } }, false);
      e.edge(m, 'loads', s, { artifact: url });
    }
  }
  const role = e.roleKey(b.execution_role_arn);
  if (role) e.edge(m, 'assumes', { kind: 'identity', key: role });
  e.edge(platform(e, SAGEMAKER, 'AWS SageMaker'), 'serves', m);
};

async function endpointConfig(e: ResourceEmit, v: Value | undefined): Promise<Record<string, Value> | undefined> {
  const name = str(v);
  if (name === undefined) return undefined;
  return (await e.find('aws_sagemaker_endpoint_configuration', (i) => str(i.body.name) === name))?.body;
}

const endpoint: Handler = async (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const cfg = await endpointConfig(e, b.endpoint_config_name);
  const variants = [...blocks(cfg?.production_variants), ...blocks(cfg?.shadow_production_variants)];
  const capture = block(cfg?.data_capture_config);
  const ep = e.asset({
    kind: 'endpoint',
    key: sagemakerEndpointKey(n.name),
    name: n.name,
    provider: 'aws-sagemaker',
    attrs: {
      ...n.attrs,
      platform: 'aws-sagemaker',
      endpointConfig: b.endpoint_config_name,
      kmsKeyId: cfg?.kms_key_arn,
      encrypted: cfg ? cfg.kms_key_arn != null : undefined,
      dataCapture: cfg ? (capture ? compact({ enabled: bool(capture.enable_capture) ?? true, destination: capture.destination_s3_uri, kmsKeyId: capture.kms_key_id, samplingPercentage: capture.initial_sampling_percentage }) : { enabled: false }) : undefined,
      variants: cfg ? variants.map((v) => compact({ name: v.variant_name, model: v.model_name, instanceType: v.instance_type, serverless: block(v.serverless_config) !== undefined })) : undefined,
      asyncOutput: dig(cfg, 'async_inference_config', 'output_config', 's3_output_path'),
    },
  });
  for (const v of variants) {
    const model = str(v.model_name);
    if (model) e.edge(ep, 'serves', { kind: 'model', key: sagemakerModelKey(model) });
  }
  platform(e, SAGEMAKER, 'AWS SageMaker');
};

/** A nested property of parsed JSON, or undefined. */
function at(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) cur = typeof cur === 'object' && cur !== null && !Array.isArray(cur) ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

/** S3 inputs of training steps in a pipeline definition (JSON text or a jsonencode structure). */
function trainingInputs(def: Value | undefined): string[] {
  let d: unknown = def;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d);
    } catch {
      return [];
    }
  }
  const steps = at(d, 'Steps');
  if (!Array.isArray(steps)) return [];
  const uris: string[] = [];
  for (const s of steps) {
    if (at(s, 'Type') !== 'Training') continue;
    const inputs = at(s, 'Arguments', 'InputDataConfig');
    for (const input of Array.isArray(inputs) ? inputs : []) {
      const uri = at(input, 'DataSource', 'S3DataSource', 'S3Uri');
      if (typeof uri === 'string') uris.push(uri);
    }
  }
  return uris;
}

const pipeline: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.pipeline_name);
  const p = e.asset({ kind: 'pipeline', key: `sagemaker-pipeline:${n.name}`, name: n.name, provider: 'aws-sagemaker', attrs: { ...n.attrs, platform: 'aws-sagemaker', displayName: b.pipeline_display_name, role: b.role_arn } });
  const role = e.roleKey(b.role_arn);
  if (role) e.edge(p, 'assumes', { kind: 'identity', key: role });
  for (const uri of trainingInputs(b.pipeline_definition)) trainsOn(e, p, uri);
};

/** `x -trains-on-> dataset(uri)`, the dataset stored in its bucket, as the code collectors key them. */
export function trainsOn(e: ResourceEmit, from: KeyRef, uri: string): void {
  const bucket = bucketOf(uri);
  const ds = e.asset({ kind: 'dataset', key: uri, name: uri, attrs: { uri } }, false);
  e.edge(from, 'trains-on', ds);
  if (bucket) e.edge(ds, 'stores-in', e.asset({ kind: 'storage', key: s3Key(bucket), name: bucket, attrs: { bucket, product: 'aws-s3' } }, false));
}

export const SAGEMAKER_HANDLERS: Record<string, Handler> = {
  aws_sagemaker_notebook_instance: notebook,
  aws_sagemaker_model: model,
  aws_sagemaker_endpoint: endpoint,
  aws_sagemaker_pipeline: pipeline,
};
