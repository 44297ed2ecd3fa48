// Workloads: what each pod-running object is, whether it is AI (an AI image, a model named by its args or
// env, a provider credential, or a kind that only AI uses), and the asset that describes it.

import type { AttrValue } from '../../model/index.js';
import { unpinnedModels } from '../dockerfile/container.js';
import { emitContainerLinks } from '../dockerfile/emit.js';
import { imageRollup } from '../dockerfile/images.js';
import { serverAttrs } from '../dockerfile/server-auth.js';
import type { CollectContext, KeyRef } from '../types.js';
import { ownershipTags } from '../owner-tags.js';
import type { K8sObject } from './documents.js';
import { isWorkloadKind, podTemplates, readPod, type PodFacts, type PodTemplate } from './pods.js';

/** Kinds that only exist to run AI (KubeRay, Kubeflow, KServe, Seldon). */
const AI_KINDS = new Set(['RayCluster', 'RayService', 'RayJob', 'Notebook', 'PyTorchJob', 'TFJob', 'InferenceService', 'SeldonDeployment']);

export interface WorkloadInfo {
  key: string;
  o: K8sObject;
  templates: PodTemplate[];
  pods: PodFacts[];
  ai: boolean;
  /** Model keys (`provider/id`) its containers name. */
  models: string[];
  roles: string[];
}

export function workloadKey(o: Pick<K8sObject, 'namespace' | 'kind' | 'name'>): string {
  return `k8s:${o.namespace}/${o.kind}/${o.name}`;
}

export function describeWorkload(o: K8sObject, templates = podTemplates(o)): WorkloadInfo {
  const pods = templates.map((t) => readPod(o, t));
  const containers = pods.flatMap((p) => p.containers);
  const models = [...new Set(containers.flatMap((c) => c.analysis.models.map((m) => `${m.provider}/${m.id}`)))];
  const roles = [...new Set(containers.map((c) => c.analysis.ai?.role).filter((r): r is NonNullable<typeof r> => !!r))];
  const ai = AI_KINDS.has(o.kind) || containers.some((c) => c.analysis.ai || c.analysis.models.length || c.analysis.services.length || c.analysis.modelPaths.length || c.analysis.modelUris.length);
  return { key: workloadKey(o), o, templates, pods, ai, models, roles };
}

export function workloadsOf(objects: K8sObject[]): WorkloadInfo[] {
  return objects.filter((o) => isWorkloadKind(o.kind)).map((o) => describeWorkload(o));
}

/** Emits the workload asset with its containers' facts and links; returns its ref. */
export function emitWorkload(ctx: CollectContext, w: WorkloadInfo, extra: Record<string, AttrValue> = {}): KeyRef {
  const { o } = w;
  const containers = w.pods.flatMap((p) => p.containers);
  const env: Record<string, AttrValue> = {};
  for (const c of containers) for (const [k, v] of Object.entries(c.analysis.env)) env[k] ??= v;
  const attrs: Record<string, AttrValue> = {
    platform: 'kubernetes',
    kind: o.kind,
    namespace: o.namespace,
    name: o.name,
  };
  if (o.helmSource) attrs.helmSource = o.helmSource;
  const meta = (o.obj.metadata ?? {}) as Record<string, unknown>;
  const tags = ownershipTags(meta.labels, meta.annotations);
  if (tags) attrs.iacTags = tags;
  const replicas = (o.obj.spec as Record<string, unknown> | undefined)?.replicas;
  if (typeof replicas === 'number') attrs.replicas = replicas;
  const products = [...new Set(containers.map((c) => c.analysis.ai?.product).filter((p): p is string => !!p))];
  if (products.length) attrs.products = products;
  if (w.roles.length) attrs.roles = w.roles;
  attrs.images = [...new Set(containers.map((c) => c.attrs.image).filter((i): i is string => typeof i === 'string'))];
  attrs.containers = containers.map((c) => c.attrs);
  Object.assign(attrs, imageRollup(containers.map((c) => c.analysis)));
  // the AI container's own access settings speak for the workload (sidecars do not serve the model)
  const server = containers.find((c) => c.analysis.ai && c.analysis.server.auth) ?? containers.find((c) => c.analysis.server.auth || c.analysis.server.listensOnAllInterfaces !== undefined);
  if (server) Object.assign(attrs, serverAttrs(server.analysis.server, Array.isArray(server.attrs.envFrom) && server.attrs.envFrom.length > 0));
  const unpinned = [...new Set(containers.flatMap((c) => unpinnedModels(c.analysis)))];
  if (unpinned.length) attrs.unpinnedModels = unpinned;
  // Roll-ups that checks read without walking containers; explicit values only, never defaults.
  attrs.privileged = containers.some((c) => c.attrs.privileged === true);
  attrs.runsAsRoot = containers.some((c) => c.attrs.runAsUser === 0) || w.pods.some((p) => p.attrs.podRunAsUser === 0);
  if (containers.some((c) => c.attrs.allowPrivilegeEscalation === true)) attrs.allowPrivilegeEscalation = true;
  // several pod templates (Ray head and workers): flags OR together, lists union, the first number wins
  for (const p of w.pods) {
    for (const [k, v] of Object.entries(p.attrs)) {
      const cur = attrs[k];
      if (cur === undefined) attrs[k] = v;
      else if (typeof cur === 'boolean' && typeof v === 'boolean') attrs[k] = cur || v;
      else if (Array.isArray(cur) && Array.isArray(v)) attrs[k] = [...new Set([...cur, ...v] as string[])];
    }
  }
  const sa = w.pods.find((p) => p.serviceAccount)?.serviceAccount;
  if (sa) attrs.serviceAccount = sa;
  if (Object.keys(env).length) attrs.env = env;
  const modelPaths = [...new Set(containers.flatMap((c) => c.analysis.modelPaths))];
  if (modelPaths.length) attrs.modelPaths = modelPaths;
  const gpus = containers.reduce((n, c) => n + (typeof c.attrs.gpus === 'number' ? c.attrs.gpus : 0), 0);
  if (gpus) attrs.gpus = gpus;
  Object.assign(attrs, extra);

  const first = containers.find((c) => c.analysis.ai) ?? containers[0];
  const ref = ctx.asset({
    kind: 'workload',
    key: w.key,
    name: `${o.kind}/${o.name}`,
    attrs,
    evidence: [ctx.at(o.line, `${o.kind} ${o.namespace}/${o.name}${first?.attrs.image ? ` image ${first.attrs.image}` : ''}`)],
  });
  for (const c of containers) emitContainerLinks(ctx, ref, c.analysis, c.line, 'kubernetes');
  if (sa) {
    const id = ctx.asset({
      kind: 'identity',
      key: `k8s-sa:${o.namespace}/${sa}`,
      name: `${o.namespace}/${sa}`,
      attrs: { platform: 'kubernetes', type: 'service-account', namespace: o.namespace, name: sa },
      evidence: [ctx.at(o.lineOf([...(w.templates[0]?.specPath ?? []), 'serviceAccountName']) ?? o.line, `serviceAccountName: ${sa}`)],
    });
    ctx.edge(ref, 'assumes', id, { line: o.line });
  }
  return ref;
}
