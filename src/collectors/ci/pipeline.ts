// One CI job, whichever CI system defined it, and the `pipeline` asset it becomes when it trains,
// evaluates, deploys, publishes or downloads models, or holds AI credentials. The CI readers fill a
// JobFacts; everything about what the job means for the graph is decided here, once.

import { ENV_VAR_PROVIDER, type AttrValue } from '../../model/index.js';
import { analyseContainer, isCredentialEnv, providerOfEnvName, type EnvEntry } from '../dockerfile/container.js';
import { emitModel, emitSecretUse, emitService, emitStorage } from '../dockerfile/emit.js';
import { classifyImage, parseImageRef } from '../dockerfile/images.js';
import { maskSecrets } from '../../util/mask.js';
import type { CollectContext } from '../types.js';
import type { CommandFacts } from './commands.js';

export interface SecretRef {
  /** The CI secret / variable name. */
  name: string;
  /** The environment variable it is exposed as, when mapped (`env: { OPENAI_API_KEY: ${{ secrets.OAI }} }`). */
  envVar?: string;
  /** A value written in the CI file itself (only ever emitted masked). */
  literal?: string;
  line?: number;
}

export interface JobFacts {
  ci: 'github-actions' | 'gitlab-ci';
  file: string;
  job: string;
  line: number;
  commands: CommandFacts;
  secrets: SecretRef[];
  /** Container and service images the job runs in. */
  images: string[];
  /** Environment / CI variables the job sets (models and provider endpoints named there count). */
  env: EnvEntry[];
  /** CI-specific facts: triggers, permissions, actions, rules. */
  attrs: Record<string, AttrValue>;
}

// Credentials that belong to ML tooling rather than a model provider.
const ML_SECRET = /^(?:WANDB|MLFLOW|COMET|NEPTUNE|LANGCHAIN|LANGSMITH|LANGFUSE|SAGEMAKER|BEDROCK|VERTEX|REPLICATE|MODAL|HF|HUGGING)/i;

export function isAiSecret(name: string): boolean {
  return !!providerOfEnvName(name) || ML_SECRET.test(name);
}

// Cloud credentials that unlock AI platforms (Bedrock, SageMaker, Azure OpenAI, Vertex AI) and their data.
const CLOUD_CREDENTIAL = /^(?:AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AZURE_CLIENT_SECRET|AZURE_STORAGE_KEY|AZURE_STORAGE_CONNECTION_STRING|AZURE_OPENAI_KEY|GOOGLE_API_KEY|GOOGLE_CREDENTIALS|GCP_SERVICE_ACCOUNT_KEY|GCP_SA_KEY)$/;

/** An AI or cloud credential by its variable name (`OPENAI_API_KEY`, `HF_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
export function isPrintableCredential(name: string): boolean {
  return (isAiSecret(name) && isCredentialEnv({ name })) || CLOUD_CREDENTIAL.test(name);
}

/** A path that names a serving or ML manifest (`infra/k8s/vllm.yaml`, `deploy/model-server/`). */
const AI_PATH = /(?:^|[/_.-])(?:ml|ai|llm|llms|models?|serving|inference|vllm|tgi|triton|kserve|seldon|ollama|ray|rag|embeddings?)(?:[/_.-]|$)/i;

export function emitJob(ctx: CollectContext, j: JobFacts): void {
  const c = j.commands;
  // the job's variables may name models and endpoints; their credentials are handled as secrets below
  const fromEnv = analyseContainer({ env: j.env });
  c.models.push(...fromEnv.models);
  const aiSecrets = j.secrets.filter((s) => isAiSecret(s.envVar ?? s.name) || isAiSecret(s.name));
  const aiImages = j.images.map((i) => parseImageRef(i)).filter((r) => r && classifyImage(r));
  const aiManifests = c.manifests.filter((m) => AI_PATH.test(m.path));
  const purposes = new Set(c.purposes);
  if (aiManifests.length) purposes.add('deploy');
  const isAi = purposes.size > 0 || c.models.length > 0 || c.packages.length > 0 || aiSecrets.length > 0 || aiImages.length > 0 || fromEnv.services.length > 0;
  if (!isAi) return;

  const attrs: Record<string, AttrValue> = { ci: j.ci, file: j.file, job: j.job };
  Object.assign(attrs, j.attrs);
  attrs.purposes = [...purposes].sort();
  if (c.tools.size) attrs.tools = [...c.tools].sort();
  if (c.scripts.length) attrs.scripts = [...new Set(c.scripts)];
  if (c.manifests.length) attrs.deploys = [...new Set(c.manifests.map((m) => m.path))];
  if (c.packages.length) attrs.aiPackages = [...new Set(c.packages.map((p) => p.name))];
  attrs.secrets = [...new Set(j.secrets.map((s) => s.name))].sort();
  if (j.images.length) attrs.images = j.images;
  if (c.uris.length) attrs.storageUris = [...new Set(c.uris.map((u) => maskSecrets(u.uri)))];

  const pipeline = ctx.asset({
    kind: 'pipeline',
    key: `${j.ci}:${j.file}#${j.job}`,
    name: `${j.file}#${j.job}`,
    attrs,
    evidence: [ctx.at(j.line, `${j.job}: ${[...purposes].join(', ') || 'AI credentials'}`)],
  });

  const services = new Set<string>();
  for (const s of aiSecrets) {
    const envVar = s.envVar ?? s.name;
    emitSecretUse(ctx, pipeline, { envVar, provider: ENV_VAR_PROVIDER[envVar] ?? ENV_VAR_PROVIDER[s.name], ...(s.literal !== undefined ? { literal: s.literal } : { source: `${j.ci}-secret:${s.name}` }) }, s.line, j.ci);
    const provider = providerOfEnvName(envVar) ?? providerOfEnvName(s.name);
    if (provider && !services.has(provider)) {
      services.add(provider);
      ctx.edge(pipeline, 'calls-service', emitService(ctx, provider, s.line), { line: s.line }, { via: `secret:${s.name}` });
    }
  }
  for (const s of fromEnv.services) {
    if (services.has(s.provider)) continue;
    services.add(s.provider);
    ctx.edge(pipeline, 'calls-service', emitService(ctx, s.provider, s.line, s.endpoint), { line: s.line }, { via: s.via });
  }
  const models = new Set<string>();
  for (const m of c.models) {
    const key = `${m.provider}/${m.id}`;
    if (models.has(key)) continue;
    models.add(key);
    ctx.edge(pipeline, 'uses-model', emitModel(ctx, m, m.line), { line: m.line }, { via: m.via });
  }
  // what the job deploys is deployed by it (the builder resolves the path to the workload defined there)
  for (const m of c.manifests) ctx.edge({ path: m.path, from: j.file, kinds: ['workload', 'endpoint'] }, 'deployed-by', pipeline, { line: m.line });
  if (purposes.has('train')) {
    for (const u of c.uris) {
      const storage = emitStorage(ctx, u.uri, u.line);
      if (storage) ctx.edge(pipeline, 'trains-on', storage, { line: u.line }, { uri: u.uri });
    }
  }
}
