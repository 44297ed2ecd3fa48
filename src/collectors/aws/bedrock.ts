// Bedrock as assets: agents (foundation model, role, guardrail, action groups, knowledge bases),
// knowledge bases (embedding model, vector storage, S3 data sources and their keys), guardrails and
// invocation logging (attributes of the Bedrock service), custom models and provisioned throughput.
// Tool-neutral: the Terraform and CloudFormation adapters fill the specs from their own field names.

import { maskSecrets } from '../../util/mask.js';
import { compact } from '../terraform/emit.js';
import { bool, str, type Value } from '../terraform/values.js';
import type { KeyRef } from '../types.js';
import { bedrockAgentKey, bedrockModelIdOf, bedrockModelKey, knowledgeBaseKey } from './keys.js';
import { assumes, BEDROCK, bucketRef, platform, type AwsSink, type Named } from './sink.js';
import { trainsOn } from './sagemaker.js';

/** A Bedrock foundation model node served by the Bedrock service. */
export function bedrockModel(s: AwsSink, idOrArn: Value | undefined, extra?: Record<string, unknown>): KeyRef | undefined {
  const raw = str(idOrArn);
  const id = raw ? bedrockModelIdOf(raw) : undefined;
  if (!id) return undefined;
  const m = s.asset({ kind: 'model', key: bedrockModelKey(id), name: id, provider: 'aws-bedrock', attrs: { modelId: id, ...extra } }, false);
  s.edge(platform(s, BEDROCK, 'AWS Bedrock'), 'serves', m);
  return m;
}

export interface AgentSpec {
  named: Named;
  foundationModel?: Value;
  instruction?: Value;
  /** The guardrail's name (or its identifier when the IaC does not define it). */
  guardrail?: unknown;
  guardrailVersion?: Value;
  customerEncryptionKey?: Value;
  idleSessionTtl?: Value;
  memory?: boolean;
  collaboration?: Value;
  roleKey?: string;
}

export function agent(s: AwsSink, a: AgentSpec): KeyRef {
  const instruction = str(a.instruction);
  const ref = s.asset({
    kind: 'agent',
    key: bedrockAgentKey(a.named.name),
    name: a.named.name,
    provider: 'aws-bedrock',
    attrs: {
      ...a.named.attrs,
      framework: 'aws-bedrock-agents',
      name: a.named.name,
      foundationModel: a.foundationModel,
      instructions: instruction ? maskSecrets(instruction.slice(0, 120)) : undefined,
      guardrail: a.guardrail,
      guardrailVersion: a.guardrailVersion,
      customerEncryptionKey: a.customerEncryptionKey,
      idleSessionTtl: a.idleSessionTtl,
      memory: a.memory,
      collaboration: a.collaboration,
    },
  });
  const m = bedrockModel(s, a.foundationModel);
  if (m) s.edge(ref, 'uses-model', m);
  assumes(s, ref, a.roleKey);
  return ref;
}

// Built-in action groups that give an agent a capability without a Lambda of its own
const BUILT_IN_CAPABILITIES: Record<string, string[]> = { 'AMAZON.CodeInterpreter': ['code-execution'], 'AMAZON.UserInput': [] };

export interface ActionGroupSpec {
  agent: string;
  named: Named;
  description?: Value;
  executor?: unknown;
  /** `parent_action_group_signature`: a built-in action group such as `AMAZON.CodeInterpreter`. */
  signature?: string;
  functions: string[];
  apiSchema?: 's3' | 'inline';
  state?: Value;
}

export function actionGroup(s: AwsSink, g: ActionGroupSpec): void {
  const t = s.asset({
    kind: 'tool',
    key: `${bedrockAgentKey(g.agent)}#${g.named.name}`,
    name: g.named.name,
    attrs: {
      ...g.named.attrs,
      framework: 'aws-bedrock-agents',
      description: g.description,
      executor: g.executor,
      builtIn: g.signature,
      capabilities: g.signature ? BUILT_IN_CAPABILITIES[g.signature] : undefined,
      functions: g.functions.length ? g.functions : undefined,
      apiSchema: g.apiSchema,
      enabled: (str(g.state) ?? 'ENABLED') === 'ENABLED',
    },
  });
  s.edge({ kind: 'agent', key: bedrockAgentKey(g.agent) }, 'has-tool', t);
}

export function agentKnowledgeBase(s: AwsSink, agentName: string, kbName: string, state?: Value): void {
  s.edge({ kind: 'agent', key: bedrockAgentKey(agentName) }, 'retrieves-from', { kind: 'knowledge-base', key: knowledgeBaseKey(kbName) }, { state });
}

export interface KnowledgeBaseSpec {
  named: Named;
  type?: Value;
  embeddingModel?: Value;
  storageType?: Value;
  /** The vector store holding the embeddings: its product and the key of the collection or domain. */
  vectorStore?: { product: string; key?: string; index?: Value };
  role?: unknown;
  roleKey?: string;
}

export function knowledgeBase(s: AwsSink, k: KnowledgeBaseSpec): void {
  const kb = s.asset({
    kind: 'knowledge-base',
    key: knowledgeBaseKey(k.named.name),
    name: k.named.name,
    provider: 'aws-bedrock',
    attrs: { ...k.named.attrs, product: 'aws-bedrock', type: k.type, embeddingModel: k.embeddingModel, storageType: k.storageType, vectorStore: k.vectorStore?.product, vectorIndex: k.vectorStore?.index, role: k.role },
  });
  const em = bedrockModel(s, k.embeddingModel, { task: 'embedding' });
  if (em) s.edge(kb, 'embeds-with', em);
  const key = k.vectorStore?.key;
  if (k.vectorStore && key) s.edge(kb, 'stores-in', s.asset({ kind: 'vector-store', key, name: key.slice(key.indexOf(':') + 1), attrs: { product: k.vectorStore.product } }, false));
  assumes(s, kb, k.roleKey);
}

export interface DataSourceSpec {
  knowledgeBase: string;
  name?: string;
  bucket: string;
  prefixes?: Value;
  /** The key that encrypts the data source's transient data during ingestion. */
  kmsKeyArn?: Value;
}

/** An S3 data source of a knowledge base: the bucket it is derived from, and whether ingestion uses a customer key. */
export function dataSource(s: AwsSink, d: DataSourceSpec): void {
  const kb = s.asset({ kind: 'knowledge-base', key: knowledgeBaseKey(d.knowledgeBase), name: d.knowledgeBase, attrs: { dataSources: [compact({ name: d.name, bucket: d.bucket, kmsKeyArn: d.kmsKeyArn })] } }, false);
  s.edge(kb, 'derived-from', bucketRef(s, d.bucket), { dataSource: d.name, prefixes: d.prefixes, kmsKeyArn: d.kmsKeyArn });
}

export interface GuardrailSpec {
  named: Named;
  filters: Array<{ type?: Value; input?: Value; output?: Value }>;
  pii: Array<{ type?: Value; action?: Value }>;
  regexes: number;
  topics: string[];
  wordFilters: boolean;
  contextualGrounding: boolean;
  kmsKeyArn?: Value;
}

/** A guardrail, recorded on the Bedrock service (agents name the guardrail they apply). */
export function guardrail(s: AwsSink, g: GuardrailSpec): void {
  const filters = g.filters.map((f) => compact({ type: f.type, input: f.input, output: f.output }));
  const promptAttack = filters.find((f) => f.type === 'PROMPT_ATTACK');
  platform(s, BEDROCK, 'AWS Bedrock', {
    guardrails: [
      compact({
        name: g.named.name,
        ...s.origin,
        file: s.ev.file,
        contentFilters: filters,
        promptAttackFilter: promptAttack !== undefined,
        promptAttackStrength: promptAttack?.input ?? 'NONE',
        piiEntities: g.pii.map((p) => compact({ type: p.type, action: p.action })),
        regexFilters: g.regexes,
        sensitiveInformationFilter: g.pii.length + g.regexes > 0,
        deniedTopics: g.topics,
        wordFilters: g.wordFilters,
        contextualGrounding: g.contextualGrounding,
        kmsKeyArn: g.kmsKeyArn,
      }),
    ],
  });
}

export interface InvocationLoggingSpec {
  textData?: Value;
  imageData?: Value;
  embeddingData?: Value;
  videoData?: Value;
  s3Bucket?: Value;
  s3Prefix?: Value;
  cloudwatchLogGroup?: Value;
}

export function invocationLogging(s: AwsSink, l: InvocationLoggingSpec): void {
  platform(s, BEDROCK, 'AWS Bedrock', {
    invocationLogging: compact({
      enabled: true,
      file: s.ev.file,
      textData: bool(l.textData) ?? true,
      imageData: bool(l.imageData) ?? true,
      embeddingData: bool(l.embeddingData) ?? true,
      videoData: bool(l.videoData),
      s3Bucket: l.s3Bucket,
      s3Prefix: l.s3Prefix,
      cloudwatchLogGroup: l.cloudwatchLogGroup,
    }),
  });
}

export interface CustomModelSpec {
  named: Named;
  customizationType?: Value;
  baseModel?: Value;
  kmsKeyId?: Value;
  jobName?: Value;
  outputUri?: Value;
  trainingUris: Array<Value | undefined>;
  roleKey?: string;
}

export function customModel(s: AwsSink, c: CustomModelSpec): void {
  const m = s.asset({
    kind: 'model',
    key: bedrockModelKey(c.named.name),
    name: c.named.name,
    provider: 'aws-bedrock',
    attrs: { ...c.named.attrs, modelId: c.named.name, custom: true, customizationType: c.customizationType, baseModel: c.baseModel, kmsKeyId: c.kmsKeyId, jobName: c.jobName, outputUri: c.outputUri },
  });
  const base = bedrockModel(s, c.baseModel);
  if (base) s.edge(m, 'fine-tunes-from', base);
  for (const uri of c.trainingUris) {
    const u = str(uri);
    if (u?.startsWith('s3://')) trainsOn(s, m, u);
  }
  assumes(s, m, c.roleKey);
  s.edge(platform(s, BEDROCK, 'AWS Bedrock'), 'serves', m);
}

export interface ProvisionedSpec {
  named: Named;
  modelUnits?: Value;
  commitment?: Value;
  model?: unknown;
  /** The custom model it serves, by name, when the IaC defines it; else the model id or ARN. */
  customModel?: string;
  modelArn?: Value;
}

export function provisionedThroughput(s: AwsSink, p: ProvisionedSpec): void {
  const ep = s.asset({ kind: 'endpoint', key: `aws-bedrock:${p.named.name}`, name: p.named.name, provider: 'aws-bedrock', attrs: { ...p.named.attrs, platform: 'aws-bedrock', provisionedThroughput: true, modelUnits: p.modelUnits, commitment: p.commitment, model: p.model } });
  const m = p.customModel ? { kind: 'model' as const, key: bedrockModelKey(p.customModel) } : bedrockModel(s, p.modelArn);
  if (m) s.edge(ep, 'serves', m);
}
