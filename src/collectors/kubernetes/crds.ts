// Resources that only exist to serve or run AI: KServe InferenceService, Seldon SeldonDeployment (v1) and
// Model (v2), the head service of KubeRay clusters, and ServiceAccounts bound to cloud identities (the
// join from a pod to the IAM role or Google service account it acts as).

import type { AttrValue } from '../../model/index.js';
import { recogniseModelId } from '../../model/index.js';
import { emitModel, emitStorage, internet } from '../dockerfile/emit.js';
import type { CollectContext, KeyRef } from '../types.js';
import { get, isRecord, records, str, type K8sObject, type Path } from './documents.js';
import { podSpecAt, readContainer, readPod, stringMap } from './pods.js';
import { emitWorkload, workloadKey, type WorkloadInfo } from './workloads.js';

/** A served model artifact: a Hub id when the URI or args name one, otherwise the platform's own key. */
function emitServedModel(ctx: CollectContext, platform: string, key: string, uri: string | undefined, format: string | undefined, line?: number): KeyRef {
  const hf = uri ? /^hf:\/\/(.+)$/i.exec(uri) : null;
  const hub = hf ? recogniseModelId(hf[1]!, 'huggingface') : undefined;
  if (hub?.provider) return emitModel(ctx, { provider: hub.provider, id: hub.id, task: hub.task }, line);
  const attrs: Record<string, AttrValue> = { platform };
  if (format) attrs.format = format;
  if (uri) attrs.storageUri = uri;
  const model = ctx.asset({ kind: 'model', key, name: key.slice(key.indexOf('/') + 1), provider: platform, attrs, evidence: [ctx.at(line, uri ?? key)] });
  const storage = uri ? emitStorage(ctx, uri, line) : undefined;
  if (storage) ctx.edge(model, 'loads', storage, { line });
  return model;
}

const KSERVE_FRAMEWORKS = ['model', 'sklearn', 'xgboost', 'lightgbm', 'tensorflow', 'pytorch', 'triton', 'onnx', 'huggingface', 'pmml', 'paddle'];

export function emitInferenceService(ctx: CollectContext, o: K8sObject): void {
  const predictorPath: Path = ['spec', 'predictor'];
  const tpl = podSpecAt(o, predictorPath, stringMap(get(o.obj, ['metadata', 'labels'])));
  if (!tpl) {
    ctx.warn(`InferenceService ${o.namespace}/${o.name} has no spec.predictor`, o.line);
    return;
  }
  const pod = readPod(o, tpl);
  const fw = KSERVE_FRAMEWORKS.find((k) => isRecord(tpl.spec[k]));
  const modelSpec = fw ? (tpl.spec[fw] as Record<string, unknown>) : undefined;
  if (fw && modelSpec) {
    const c = readContainer(o, modelSpec, [...predictorPath, fw], false);
    // KServe names the container it builds from `predictor.model` this way
    if (!c.attrs.name) c.attrs.name = c.name = 'kserve-container';
    pod.containers.push(c);
  }
  const storageUri = str(modelSpec?.storageUri) ?? str(modelSpec?.storageURI);
  const format = str(get(modelSpec, ['modelFormat', 'name'])) ?? (fw && fw !== 'model' ? fw : undefined);
  const labels = stringMap(get(o.obj, ['metadata', 'labels']));
  const visibility = labels['networking.kserve.io/visibility'] ?? labels['serving.knative.dev/visibility'] ?? 'external';
  const isPublic = visibility !== 'cluster-local';
  const w: WorkloadInfo = { key: workloadKey(o), o, templates: [tpl], pods: [pod], ai: true, models: [], roles: ['model-server'] };
  const workload = emitWorkload(ctx, w);
  const attrs: Record<string, AttrValue> = { platform: 'kserve', kind: 'InferenceService', namespace: o.namespace, name: o.name, visibility, public: isPublic };
  if (format) attrs.modelFormat = format;
  const runtime = str(modelSpec?.runtime);
  if (runtime) attrs.runtime = runtime;
  if (storageUri) attrs.storageUri = storageUri;
  for (const f of ['minReplicas', 'maxReplicas'] as const) if (typeof tpl.spec[f] === 'number') attrs[f] = tpl.spec[f] as number;
  // KServe's payload logger sends every request and response to a sink; without it nothing records use
  attrs.requestLogging = isRecord(tpl.spec.logger);
  const loggerMode = str(get(tpl.spec, ['logger', 'mode']));
  if (loggerMode) attrs.requestLoggingMode = loggerMode;
  // `hf://org/model:<revision>`: a model pulled from the Hub without a commit hash can change under the endpoint
  if (storageUri && /^hf:\/\//i.test(storageUri)) {
    const [repo, revision] = storageUri.slice(5).split(':');
    if (!/^[0-9a-f]{40}$/.test(revision ?? '')) attrs.unpinnedModels = [repo!];
  }
  const endpoint = ctx.asset({ kind: 'endpoint', key: `kserve:${o.namespace}/${o.name}`, name: `${o.namespace}/${o.name}`, attrs, evidence: [ctx.at(o.line, `InferenceService ${o.namespace}/${o.name}`)] });
  ctx.edge(endpoint, 'exposes', workload, { line: o.line });
  if (isPublic) ctx.edge(internet(ctx), 'exposes', endpoint, { line: o.line }, { via: 'kserve-ingress' });
  const uriLine = o.lineOf([...predictorPath, fw ?? 'model', 'storageUri']) ?? o.line;
  const named = pod.containers.flatMap((c) => c.analysis.models);
  if (named.length) for (const m of named) ctx.edge(endpoint, 'serves', { kind: 'model', key: `${m.provider}/${m.id}` }, { line: uriLine });
  if (storageUri || !named.length) {
    const model = emitServedModel(ctx, 'kserve', `kserve/${o.namespace}/${o.name}`, storageUri, format, uriLine);
    ctx.edge(endpoint, 'serves', model, { line: uriLine });
  }
}

export function emitSeldonDeployment(ctx: CollectContext, o: K8sObject): void {
  const predictors = records(get(o.obj, ['spec', 'predictors']));
  const w: WorkloadInfo = { key: workloadKey(o), o, templates: [], pods: [], ai: true, models: [], roles: ['model-server'] };
  predictors.forEach((p, i) => {
    records(p.componentSpecs).forEach((_, j) => {
      const tpl = podSpecAt(o, ['spec', 'predictors', i, 'componentSpecs', j, 'spec']);
      if (tpl) {
        w.templates.push(tpl);
        w.pods.push(readPod(o, tpl));
      }
    });
  });
  const workload = emitWorkload(ctx, w);
  const endpoint = ctx.asset({
    kind: 'endpoint',
    key: `seldon:${o.namespace}/${o.name}`,
    name: `${o.namespace}/${o.name}`,
    attrs: { platform: 'seldon', kind: 'SeldonDeployment', namespace: o.namespace, name: o.name, predictors: predictors.map((p) => str(p.name) ?? ''), requestLogging: predictors.some((p) => graphHasLogger(p.graph)) },
    evidence: [ctx.at(o.line, `SeldonDeployment ${o.namespace}/${o.name}`)],
  });
  ctx.edge(endpoint, 'exposes', workload, { line: o.line });
  predictors.forEach((p, i) => {
    // the inference graph: each node with a model URI is a served model
    const stack: Array<{ node: unknown; path: Path }> = [{ node: p.graph, path: ['spec', 'predictors', i, 'graph'] }];
    while (stack.length) {
      const { node, path } = stack.pop()!;
      if (!isRecord(node)) continue;
      const uri = str(node.modelUri);
      if (uri) {
        const line = o.lineOf([...path, 'modelUri']) ?? o.line;
        const model = emitServedModel(ctx, 'seldon', `seldon/${o.namespace}/${o.name}/${str(node.name) ?? i}`, uri, str(node.implementation)?.toLowerCase(), line);
        ctx.edge(endpoint, 'serves', model, { line });
      }
      records(node.children).forEach((c, k) => stack.push({ node: c, path: [...path, 'children', k] }));
    }
  });
}

/** Seldon Core v1 logs requests from the inference-graph nodes that carry a `logger`. */
function graphHasLogger(node: unknown): boolean {
  if (!isRecord(node)) return false;
  return isRecord(node.logger) || records(node.children).some(graphHasLogger);
}

/** Seldon Core v2 `Model`: an artifact scheduled onto a shared inference server. */
export function emitSeldonModel(ctx: CollectContext, o: K8sObject): void {
  const uri = str(get(o.obj, ['spec', 'storageUri']));
  const reqs = get(o.obj, ['spec', 'requirements']);
  emitServedModel(ctx, 'seldon', `seldon/${o.namespace}/${o.name}`, uri, Array.isArray(reqs) ? reqs.map(String).join(',') : undefined, o.lineOf(['spec', 'storageUri']) ?? o.line);
}

/** KubeRay exposes the head (dashboard, client, serve ports) through the service type it is given. */
export function rayHeadExposure(o: K8sObject): string | undefined {
  const base: Path = o.kind === 'RayService' ? ['spec', 'rayClusterConfig'] : o.kind === 'RayJob' ? ['spec', 'rayClusterSpec'] : ['spec'];
  const type = str(get(o.obj, [...base, 'headGroupSpec', 'serviceType']));
  return type === 'LoadBalancer' || type === 'NodePort' ? type : undefined;
}

export function emitRayExposure(ctx: CollectContext, o: K8sObject, workload: KeyRef): void {
  const type = rayHeadExposure(o);
  if (type) ctx.edge(internet(ctx), 'exposes', workload, { line: o.line }, { via: `ray-head-${type}` });
}

/** Cloud identities a ServiceAccount is bound to (IRSA, GKE and Azure workload identity). */
export function emitServiceAccount(ctx: CollectContext, o: K8sObject): void {
  const ann = stringMap(get(o.obj, ['metadata', 'annotations']));
  const roleArn = ann['eks.amazonaws.com/role-arn'];
  const gcpSa = ann['iam.gke.io/gcp-service-account'];
  const azureClient = ann['azure.workload.identity/client-id'];
  if (!roleArn && !gcpSa && !azureClient) return;
  const attrs: Record<string, AttrValue> = { platform: 'kubernetes', type: 'service-account', namespace: o.namespace, name: o.name };
  if (roleArn) attrs.awsRoleArn = roleArn;
  if (gcpSa) attrs.gcpServiceAccount = gcpSa;
  if (azureClient) attrs.azureClientId = azureClient;
  if (typeof o.obj.automountServiceAccountToken === 'boolean') attrs.automountServiceAccountToken = o.obj.automountServiceAccountToken;
  const sa = ctx.asset({ kind: 'identity', key: `k8s-sa:${o.namespace}/${o.name}`, name: `${o.namespace}/${o.name}`, attrs, evidence: [ctx.at(o.line, `ServiceAccount ${o.namespace}/${o.name}`)] });
  if (roleArn) {
    // `arn:aws:iam::<account>:role/<optional path/>name`: the name is the last path segment
    const role = roleArn.split(':role/')[1]?.split('/').pop();
    if (role) {
      const id = ctx.asset({ kind: 'identity', key: `aws-iam-role:${role}`, name: role, attrs: { arn: roleArn }, evidence: [ctx.at(o.line, roleArn)] });
      ctx.edge(sa, 'assumes', id, { line: o.line }, { via: 'irsa' });
    }
  }
  if (gcpSa) {
    const id = ctx.asset({ kind: 'identity', key: `gcp-sa:${gcpSa}`, name: gcpSa, attrs: { email: gcpSa }, evidence: [ctx.at(o.line, gcpSa)] });
    ctx.edge(sa, 'assumes', id, { line: o.line }, { via: 'gke-workload-identity' });
  }
}
