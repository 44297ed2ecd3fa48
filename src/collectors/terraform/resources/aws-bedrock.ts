// Bedrock in Terraform: reads each resource's arguments into the shared builders' specs
// (src/collectors/aws/bedrock.ts owns the assets, attributes and edges).

import * as br from '../../aws/bedrock.js';
import { bucketOf } from '../../aws/keys.js';
import type { Handler, ResourceEmit } from '../emit.js';
import { block, blocks, dig, display, ResourceRef, str, type Value } from '../values.js';

const agentName = (e: ResourceEmit, v: Value | undefined) => e.referencedName(v, 'aws_bedrockagent_agent', 'agent_name');
const kbName = (e: ResourceEmit, v: Value | undefined) => e.referencedName(v, 'aws_bedrockagent_knowledge_base', 'name');

const agent: Handler = (e) => {
  const b = e.body;
  const guard = block(b.guardrail_configuration);
  br.agent(e, {
    named: e.named(b.agent_name),
    foundationModel: b.foundation_model,
    instruction: b.instruction,
    guardrail: guard ? (e.referencedName(guard.guardrail_identifier, 'aws_bedrock_guardrail', 'name') ?? display(guard.guardrail_identifier)) : undefined,
    guardrailVersion: guard?.guardrail_version,
    customerEncryptionKey: b.customer_encryption_key_arn,
    idleSessionTtl: b.idle_session_ttl_in_seconds,
    memory: block(b.memory_configuration) !== undefined,
    collaboration: b.agent_collaboration,
    roleKey: e.roleKey(b.agent_resource_role_arn),
  });
};

const actionGroup: Handler = (e) => {
  const b = e.body;
  const executor = block(b.action_group_executor);
  br.actionGroup(e, {
    agent: agentName(e, b.agent_id) ?? String(display(b.agent_id)),
    named: e.named(b.action_group_name),
    description: b.description,
    executor: executor?.lambda ?? executor?.custom_control,
    signature: str(b.parent_action_group_signature),
    functions: blocks(dig(b, 'function_schema', 'member_functions'))
      .flatMap((m) => blocks(m.functions))
      .map((f) => str(f.name))
      .filter((x): x is string => !!x),
    apiSchema: dig(b, 'api_schema', 's3') !== undefined ? 's3' : dig(b, 'api_schema', 'payload') !== undefined ? 'inline' : undefined,
    state: b.action_group_state,
  });
};

const kbAssociation: Handler = (e) => {
  const a = agentName(e, e.body.agent_id);
  const kb = kbName(e, e.body.knowledge_base_id);
  if (a && kb) br.agentKnowledgeBase(e, a, kb, e.body.knowledge_base_state);
};

// Vector storage of a knowledge base: the Terraform block, the product and the resource that holds the vectors
const VECTOR_STORES: Array<{ block: string; product: string; ref: (c: Record<string, Value>) => Value | undefined; index: (c: Record<string, Value>) => Value | undefined }> = [
  { block: 'opensearch_serverless_configuration', product: 'opensearch-serverless', ref: (c) => c.collection_arn, index: (c) => c.vector_index_name },
  { block: 'opensearch_managed_cluster_configuration', product: 'opensearch', ref: (c) => c.domain_arn, index: (c) => c.vector_index_name },
  { block: 'pinecone_configuration', product: 'pinecone', ref: (c) => c.connection_string, index: (c) => c.namespace },
  { block: 'rds_configuration', product: 'aurora-pgvector', ref: (c) => c.resource_arn, index: (c) => c.table_name },
  { block: 'redis_enterprise_cloud_configuration', product: 'redis', ref: (c) => c.endpoint, index: (c) => c.vector_index_name },
  { block: 'mongo_db_atlas_configuration', product: 'mongodb-atlas', ref: (c) => c.endpoint, index: (c) => c.collection_name },
];

/** The vector-store key for a storage configuration's resource: a referenced collection/domain by name. */
function vectorStoreKey(product: string, ref: Value | undefined): string | undefined {
  if (ref instanceof ResourceRef) {
    const name = str(ref.body.name) ?? str(ref.body.domain_name);
    if (name) return `${product}:${name.toLowerCase()}`;
  }
  const tail = str(ref)?.split('/').pop();
  return tail ? `${product}:${tail.toLowerCase()}` : undefined;
}

const knowledgeBase: Handler = (e) => {
  const b = e.body;
  const vcfg = dig(b, 'knowledge_base_configuration', 'vector_knowledge_base_configuration');
  const storage = block(b.storage_configuration);
  const store = VECTOR_STORES.find((s) => block(storage?.[s.block]) !== undefined);
  const scfg = store ? block(storage![store.block]) : undefined;
  br.knowledgeBase(e, {
    named: e.named(b.name),
    type: dig(b, 'knowledge_base_configuration', 'type'),
    embeddingModel: dig(vcfg, 'embedding_model_arn'),
    storageType: storage?.type,
    vectorStore: store && scfg ? { product: store.product, key: vectorStoreKey(store.product, store.ref(scfg)), index: store.index(scfg) } : undefined,
    role: b.role_arn,
    roleKey: e.roleKey(b.role_arn),
  });
};

const dataSource: Handler = (e) => {
  const b = e.body;
  const kb = kbName(e, b.knowledge_base_id);
  const s3 = dig(b, 'data_source_configuration', 's3_configuration');
  const arn = str(dig(s3, 'bucket_arn'));
  const bucket = arn ? bucketOf(arn) : undefined;
  if (kb && bucket) br.dataSource(e, { knowledgeBase: kb, name: str(b.name), bucket, prefixes: dig(s3, 'inclusion_prefixes'), kmsKeyArn: dig(b, 'server_side_encryption_configuration', 'kms_key_arn') });
};

const guardrail: Handler = (e) => {
  const b = e.body;
  br.guardrail(e, {
    named: e.named(b.name),
    filters: blocks(dig(b, 'content_policy_config', 'filters_config')).map((f) => ({ type: f.type, input: f.input_strength, output: f.output_strength })),
    pii: blocks(dig(b, 'sensitive_information_policy_config', 'pii_entities_config')).map((p) => ({ type: p.type, action: p.action })),
    regexes: blocks(dig(b, 'sensitive_information_policy_config', 'regexes_config')).length,
    topics: blocks(dig(b, 'topic_policy_config', 'topics_config'))
      .map((t) => str(t.name))
      .filter((x): x is string => !!x),
    wordFilters: block(b.word_policy_config) !== undefined,
    contextualGrounding: block(b.contextual_grounding_policy_config) !== undefined,
    kmsKeyArn: b.kms_key_arn,
  });
};

const invocationLogging: Handler = (e) => {
  const cfg = block(e.body.logging_config);
  br.invocationLogging(e, {
    textData: cfg?.text_data_delivery_enabled,
    imageData: cfg?.image_data_delivery_enabled,
    embeddingData: cfg?.embedding_data_delivery_enabled,
    videoData: cfg?.video_data_delivery_enabled,
    s3Bucket: dig(cfg, 's3_config', 'bucket_name'),
    s3Prefix: dig(cfg, 's3_config', 'key_prefix'),
    cloudwatchLogGroup: dig(cfg, 'cloudwatch_config', 'log_group_name'),
  });
};

const customModel: Handler = (e) => {
  const b = e.body;
  br.customModel(e, {
    named: e.named(b.custom_model_name),
    customizationType: b.customization_type,
    baseModel: b.base_model_identifier,
    kmsKeyId: b.custom_model_kms_key_id,
    jobName: b.job_name,
    outputUri: dig(b, 'output_data_config', 's3_uri'),
    trainingUris: [dig(b, 'training_data_config', 's3_uri'), ...blocks(dig(b, 'validation_data_config', 'validator')).map((v) => v.s3_uri)],
    roleKey: e.roleKey(b.role_arn),
  });
};

const provisioned: Handler = (e) => {
  const b = e.body;
  br.provisionedThroughput(e, {
    named: e.named(b.provisioned_model_name),
    modelUnits: b.model_units,
    commitment: b.commitment_duration,
    model: b.model_arn,
    customModel: e.referencedName(b.model_arn, 'aws_bedrock_custom_model', 'custom_model_name'),
    modelArn: b.model_arn,
  });
};

export const BEDROCK_HANDLERS: Record<string, Handler> = {
  aws_bedrockagent_agent: agent,
  aws_bedrockagent_agent_action_group: actionGroup,
  aws_bedrockagent_agent_knowledge_base_association: kbAssociation,
  aws_bedrockagent_knowledge_base: knowledgeBase,
  aws_bedrockagent_data_source: dataSource,
  aws_bedrock_guardrail: guardrail,
  aws_bedrock_model_invocation_logging_configuration: invocationLogging,
  aws_bedrock_custom_model: customModel,
  aws_bedrock_provisioned_model_throughput: provisioned,
};
