// Bedrock: agents (foundation model, role, guardrail, action groups, knowledge bases), knowledge bases
// (embedding model, vector storage, S3 data sources), guardrails and invocation logging (attributes of
// the Bedrock service), custom models and provisioned throughput.

import { bedrockAgentKey, bedrockModelIdOf, bedrockModelKey, bucketOf, knowledgeBaseKey, s3Key } from '../aws-keys.js';
import { BEDROCK, compact, platform, type Handler, type ResourceEmit } from '../emit.js';
import type { KeyRef } from '../../types.js';
import { maskSecrets } from '../../../util/mask.js';
import { block, blocks, bool, dig, display, ResourceRef, str, type Value } from '../values.js';
import { trainsOn } from './aws-sagemaker.js';

/** A Bedrock foundation model node served by the Bedrock service. */
export function bedrockModel(e: ResourceEmit, idOrArn: Value | undefined, extra?: Record<string, unknown>): KeyRef | undefined {
  const raw = str(idOrArn);
  const id = raw ? bedrockModelIdOf(raw) : undefined;
  if (!id) return undefined;
  const m = e.asset({ kind: 'model', key: bedrockModelKey(id), name: id, provider: 'aws-bedrock', attrs: { modelId: id, ...extra } }, false);
  e.edge(platform(e, BEDROCK, 'AWS Bedrock'), 'serves', m);
  return m;
}

const agentName = (e: ResourceEmit, v: Value | undefined) => e.referencedName(v, 'aws_bedrockagent_agent', 'agent_name');
const kbName = (e: ResourceEmit, v: Value | undefined) => e.referencedName(v, 'aws_bedrockagent_knowledge_base', 'name');

const agent: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.agent_name);
  const guard = block(b.guardrail_configuration);
  const guardrail = guard ? (e.referencedName(guard.guardrail_identifier, 'aws_bedrock_guardrail', 'name') ?? display(guard.guardrail_identifier)) : undefined;
  const instruction = str(b.instruction);
  const a = e.asset({
    kind: 'agent',
    key: bedrockAgentKey(n.name),
    name: n.name,
    provider: 'aws-bedrock',
    attrs: {
      ...n.attrs,
      framework: 'aws-bedrock-agents',
      name: n.name,
      foundationModel: b.foundation_model,
      instructions: instruction ? maskSecrets(instruction.slice(0, 120)) : undefined,
      guardrail,
      guardrailVersion: guard?.guardrail_version,
      customerEncryptionKey: b.customer_encryption_key_arn,
      idleSessionTtl: b.idle_session_ttl_in_seconds,
      memory: block(b.memory_configuration) !== undefined,
      collaboration: b.agent_collaboration,
    },
  });
  const m = bedrockModel(e, b.foundation_model);
  if (m) e.edge(a, 'uses-model', m);
  const role = e.roleKey(b.agent_resource_role_arn);
  if (role) e.edge(a, 'assumes', { kind: 'identity', key: role });
};

// Built-in action groups that give an agent a capability without a Lambda of its own
const BUILT_IN_CAPABILITIES: Record<string, string[]> = { 'AMAZON.CodeInterpreter': ['code-execution'], 'AMAZON.UserInput': [] };

const actionGroup: Handler = (e) => {
  const b = e.body;
  const agentN = agentName(e, b.agent_id) ?? String(display(b.agent_id));
  const n = e.named(b.action_group_name);
  const executor = block(b.action_group_executor);
  const signature = str(b.parent_action_group_signature);
  const functions = blocks(dig(b, 'function_schema', 'member_functions'))
    .flatMap((m) => blocks(m.functions))
    .map((f) => str(f.name))
    .filter((x): x is string => !!x);
  const t = e.asset({
    kind: 'tool',
    key: `${bedrockAgentKey(agentN)}#${n.name}`,
    name: n.name,
    attrs: {
      ...n.attrs,
      framework: 'aws-bedrock-agents',
      description: b.description,
      executor: executor?.lambda ?? executor?.custom_control,
      builtIn: signature,
      capabilities: signature ? BUILT_IN_CAPABILITIES[signature] : undefined,
      functions: functions.length ? functions : undefined,
      apiSchema: dig(b, 'api_schema', 's3') !== undefined ? 's3' : dig(b, 'api_schema', 'payload') !== undefined ? 'inline' : undefined,
      enabled: (str(b.action_group_state) ?? 'ENABLED') === 'ENABLED',
    },
  });
  e.edge({ kind: 'agent', key: bedrockAgentKey(agentN) }, 'has-tool', t);
};

const kbAssociation: Handler = (e) => {
  const b = e.body;
  const a = agentName(e, b.agent_id);
  const kb = kbName(e, b.knowledge_base_id);
  if (a && kb) e.edge({ kind: 'agent', key: bedrockAgentKey(a) }, 'retrieves-from', { kind: 'knowledge-base', key: knowledgeBaseKey(kb) }, { state: b.knowledge_base_state });
};

// Vector storage of a knowledge base: the product and the resource that holds the vectors
const VECTOR_STORES: Array<{ block: string; product: string; ref: (c: Record<string, Value>) => Value | undefined; collection?: (c: Record<string, Value>) => Value | undefined }> = [
  { block: 'opensearch_serverless_configuration', product: 'opensearch-serverless', ref: (c) => c.collection_arn, collection: (c) => c.vector_index_name },
  { block: 'opensearch_managed_cluster_configuration', product: 'opensearch', ref: (c) => c.domain_arn, collection: (c) => c.vector_index_name },
  { block: 'pinecone_configuration', product: 'pinecone', ref: (c) => c.connection_string, collection: (c) => c.namespace },
  { block: 'rds_configuration', product: 'aurora-pgvector', ref: (c) => c.resource_arn, collection: (c) => c.table_name },
  { block: 'redis_enterprise_cloud_configuration', product: 'redis', ref: (c) => c.endpoint, collection: (c) => c.vector_index_name },
  { block: 'mongo_db_atlas_configuration', product: 'mongodb-atlas', ref: (c) => c.endpoint, collection: (c) => c.collection_name },
];

/** The vector-store key for a storage configuration's resource: a referenced collection/domain by name. */
function vectorStoreKey(product: string, ref: Value | undefined): string | undefined {
  if (ref instanceof ResourceRef) {
    const name = str(ref.body.name) ?? str(ref.body.domain_name);
    if (name) return `${product}:${name.toLowerCase()}`;
  }
  const s = str(ref);
  const tail = s?.split('/').pop();
  return tail ? `${product}:${tail.toLowerCase()}` : undefined;
}

const knowledgeBase: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const vcfg = dig(b, 'knowledge_base_configuration', 'vector_knowledge_base_configuration');
  const storage = block(b.storage_configuration);
  const store = VECTOR_STORES.find((s) => block(storage?.[s.block]) !== undefined);
  const scfg = store ? block(storage![store.block]) : undefined;
  const kb = e.asset({
    kind: 'knowledge-base',
    key: knowledgeBaseKey(n.name),
    name: n.name,
    provider: 'aws-bedrock',
    attrs: {
      ...n.attrs,
      product: 'aws-bedrock',
      type: dig(b, 'knowledge_base_configuration', 'type'),
      embeddingModel: dig(vcfg, 'embedding_model_arn'),
      storageType: storage?.type,
      vectorStore: store?.product,
      vectorIndex: scfg && store?.collection ? store.collection(scfg) : undefined,
      role: b.role_arn,
    },
  });
  const em = bedrockModel(e, dig(vcfg, 'embedding_model_arn'), { task: 'embedding' });
  if (em) e.edge(kb, 'embeds-with', em);
  if (store && scfg) {
    const key = vectorStoreKey(store.product, store.ref(scfg));
    if (key) e.edge(kb, 'stores-in', e.asset({ kind: 'vector-store', key, name: key.slice(key.indexOf(':') + 1), attrs: { product: store.product } }, false));
  }
  const role = e.roleKey(b.role_arn);
  if (role) e.edge(kb, 'assumes', { kind: 'identity', key: role });
};

const dataSource: Handler = (e) => {
  const b = e.body;
  const kb = kbName(e, b.knowledge_base_id);
  const s3 = dig(b, 'data_source_configuration', 's3_configuration');
  const arn = str(dig(s3, 'bucket_arn'));
  const bucket = arn ? bucketOf(arn) : undefined;
  if (!kb || !bucket) return;
  const kbRef: KeyRef = { kind: 'knowledge-base', key: knowledgeBaseKey(kb) };
  const s = e.asset({ kind: 'storage', key: s3Key(bucket), name: bucket, attrs: { bucket, product: 'aws-s3' } }, false);
  e.edge(kbRef, 'derived-from', s, { dataSource: b.name, prefixes: dig(s3, 'inclusion_prefixes'), kmsKeyArn: dig(b, 'server_side_encryption_configuration', 'kms_key_arn') });
};

const guardrail: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const filters = blocks(dig(b, 'content_policy_config', 'filters_config')).map((f) => compact({ type: f.type, input: f.input_strength, output: f.output_strength }));
  const pii = blocks(dig(b, 'sensitive_information_policy_config', 'pii_entities_config')).map((p) => compact({ type: p.type, action: p.action }));
  const topics = blocks(dig(b, 'topic_policy_config', 'topics_config')).map((t) => str(t.name)).filter((x): x is string => !!x);
  platform(e, BEDROCK, 'AWS Bedrock', {
    guardrails: [
      compact({
        name: n.name,
        address: e.inst.address,
        file: e.ev.file,
        contentFilters: filters,
        promptAttackFilter: filters.some((f) => f.type === 'PROMPT_ATTACK'),
        piiEntities: pii,
        deniedTopics: topics,
        wordFilters: block(b.word_policy_config) !== undefined,
        contextualGrounding: block(b.contextual_grounding_policy_config) !== undefined,
        kmsKeyArn: b.kms_key_arn,
      }),
    ],
  });
};

const invocationLogging: Handler = (e) => {
  const cfg = block(e.body.logging_config);
  const s3 = block(cfg?.s3_config);
  const cw = block(cfg?.cloudwatch_config);
  platform(e, BEDROCK, 'AWS Bedrock', {
    invocationLogging: compact({
      enabled: true,
      file: e.ev.file,
      textData: bool(cfg?.text_data_delivery_enabled) ?? true,
      imageData: bool(cfg?.image_data_delivery_enabled) ?? true,
      embeddingData: bool(cfg?.embedding_data_delivery_enabled) ?? true,
      s3Bucket: s3?.bucket_name,
      s3Prefix: s3?.key_prefix,
      cloudwatchLogGroup: cw?.log_group_name,
    }),
  });
};

const customModel: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.custom_model_name);
  const m = e.asset({
    kind: 'model',
    key: bedrockModelKey(n.name),
    name: n.name,
    provider: 'aws-bedrock',
    attrs: { ...n.attrs, modelId: n.name, custom: true, customizationType: b.customization_type, baseModel: b.base_model_identifier, kmsKeyId: b.custom_model_kms_key_id, jobName: b.job_name, outputUri: dig(b, 'output_data_config', 's3_uri') },
  });
  const base = bedrockModel(e, b.base_model_identifier);
  if (base) e.edge(m, 'fine-tunes-from', base);
  for (const uri of [dig(b, 'training_data_config', 's3_uri'), ...blocks(dig(b, 'validation_data_config', 'validator')).map((v) => v.s3_uri)]) {
    const s = str(uri);
    if (s?.startsWith('s3://')) trainsOn(e, m, s);
  }
  const role = e.roleKey(b.role_arn);
  if (role) e.edge(m, 'assumes', { kind: 'identity', key: role });
  e.edge(platform(e, BEDROCK, 'AWS Bedrock'), 'serves', m);
};

const provisioned: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.provisioned_model_name);
  const custom = e.referencedName(b.model_arn, 'aws_bedrock_custom_model', 'custom_model_name');
  const ep = e.asset({ kind: 'endpoint', key: `aws-bedrock:${n.name}`, name: n.name, provider: 'aws-bedrock', attrs: { ...n.attrs, platform: 'aws-bedrock', provisionedThroughput: true, modelUnits: b.model_units, commitment: b.commitment_duration, model: b.model_arn } });
  const m = custom ? { kind: 'model' as const, key: bedrockModelKey(custom) } : bedrockModel(e, b.model_arn);
  if (m) e.edge(ep, 'serves', m);
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

