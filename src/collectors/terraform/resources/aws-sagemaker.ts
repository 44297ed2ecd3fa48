// SageMaker in Terraform: reads each resource's arguments into the shared builders' specs
// (src/collectors/aws/sagemaker.ts owns the assets, attributes and edges).

import * as sm from '../../aws/sagemaker.js';
import type { Handler, ResourceEmit } from '../emit.js';
import { block, blocks, dig, str, type Value } from '../values.js';

const notebook: Handler = (e) => {
  const b = e.body;
  sm.notebookInstance(e, {
    named: e.named(b.name),
    instanceType: b.instance_type,
    rootAccess: b.root_access,
    directInternetAccess: b.direct_internet_access,
    subnetId: b.subnet_id,
    securityGroups: b.security_groups,
    kmsKeyId: b.kms_key_id,
    platformIdentifier: b.platform_identifier,
    lifecycleConfig: b.lifecycle_config_name,
    defaultCodeRepository: b.default_code_repository,
    imdsVersion: dig(b, 'instance_metadata_service_configuration', 'minimum_instance_metadata_service_version'),
    roleKey: e.roleKey(b.role_arn),
  });
};

const domain: Handler = (e) => {
  const b = e.body;
  sm.studioDomain(e, {
    named: e.named(b.domain_name),
    authMode: b.auth_mode,
    appNetworkAccess: b.app_network_access_type,
    kmsKeyId: b.kms_key_id,
    vpcId: b.vpc_id,
    subnets: b.subnet_ids,
    roleKey: e.roleKey(dig(b, 'default_user_settings', 'execution_role')),
  });
};

const model: Handler = (e) => {
  const b = e.body;
  const vpc = block(b.vpc_config);
  sm.model(e, {
    named: e.named(b.name),
    containers: [...blocks(b.primary_container), ...blocks(b.container)].map((c) => ({
      image: c.image,
      modelDataUrl: c.model_data_url ?? dig(c, 'model_data_source', 's3_data_source', 's3_uri'),
      mode: c.mode,
      environment: c.environment,
    })),
    executionRole: b.execution_role_arn,
    networkIsolation: b.enable_network_isolation,
    vpc: vpc ? { subnets: vpc.subnets, securityGroupIds: vpc.security_group_ids } : undefined,
    roleKey: e.roleKey(b.execution_role_arn),
  });
};

async function endpointConfig(e: ResourceEmit, v: Value | undefined): Promise<sm.EndpointConfigSpec | undefined> {
  const name = str(v);
  const cfg = name === undefined ? undefined : (await e.find('aws_sagemaker_endpoint_configuration', (i) => str(i.body.name) === name))?.body;
  if (!cfg) return undefined;
  const capture = block(cfg.data_capture_config);
  return {
    kmsKeyId: cfg.kms_key_arn,
    dataCapture: capture && { enabled: capture.enable_capture, destination: capture.destination_s3_uri, kmsKeyId: capture.kms_key_id, samplingPercentage: capture.initial_sampling_percentage },
    variants: [...blocks(cfg.production_variants), ...blocks(cfg.shadow_production_variants)].map((v) => ({
      name: v.variant_name,
      model: str(v.model_name),
      instanceType: v.instance_type,
      serverless: block(v.serverless_config) !== undefined,
    })),
    asyncOutput: dig(cfg, 'async_inference_config', 'output_config', 's3_output_path'),
  };
}

const endpoint: Handler = async (e) => {
  const b = e.body;
  sm.endpoint(e, { named: e.named(b.name), endpointConfig: b.endpoint_config_name, config: await endpointConfig(e, b.endpoint_config_name) });
};

const pipeline: Handler = (e) => {
  const b = e.body;
  sm.pipeline(e, { named: e.named(b.pipeline_name), displayName: b.pipeline_display_name, role: b.role_arn, roleKey: e.roleKey(b.role_arn), definition: b.pipeline_definition });
};

const dataQualityJob: Handler = (e) => {
  const b = e.body;
  const net = block(b.network_config);
  sm.monitoringJob(e, {
    named: e.named(b.name),
    monitor: 'data-quality',
    networkIsolation: net?.enable_network_isolation,
    interContainerTrafficEncryption: net?.enable_inter_container_traffic_encryption,
    vpc: block(net?.vpc_config) !== undefined,
    volumeKmsKeyId: dig(b, 'job_resources', 'cluster_config', 'volume_kms_key_id'),
    outputKmsKeyId: dig(b, 'data_quality_job_output_config', 'kms_key_id'),
    endpoint: dig(b, 'data_quality_job_input', 'endpoint_input', 'endpoint_name'),
    roleKey: e.roleKey(b.role_arn),
  });
};

const featureGroup: Handler = (e) => {
  const b = e.body;
  const offline = block(b.offline_store_config);
  const online = block(b.online_store_config);
  sm.featureGroup(e, {
    named: e.named(b.feature_group_name),
    recordIdentifier: b.record_identifier_feature_name,
    eventTime: b.event_time_feature_name,
    features: blocks(b.feature_definition).map((d) => str(d.feature_name)).filter((n): n is string => !!n),
    offlineStore: offline !== undefined,
    offlineS3Uri: dig(offline, 's3_storage_config', 's3_uri'),
    offlineKmsKeyId: dig(offline, 's3_storage_config', 'kms_key_id'),
    onlineStore: online?.enable_online_store,
    onlineKmsKeyId: dig(online, 'security_config', 'kms_key_id'),
    roleKey: e.roleKey(b.role_arn),
  });
};

export const SAGEMAKER_HANDLERS: Record<string, Handler> = {
  aws_sagemaker_notebook_instance: notebook,
  aws_sagemaker_domain: domain,
  aws_sagemaker_model: model,
  aws_sagemaker_endpoint: endpoint,
  aws_sagemaker_pipeline: pipeline,
  aws_sagemaker_data_quality_job_definition: dataQualityJob,
  aws_sagemaker_feature_group: featureGroup,
};
