// Where each workload kind keeps its pod templates, and what a pod template says: containers with their
// images, arguments, environment (values masked, secret references named) and security settings, and the
// pod-level host access, volumes and service account.

import type { AttrValue } from '../../model/index.js';
import { analyseContainer, maskArgv, type ContainerAnalysis, type EnvEntry } from '../dockerfile/container.js';
import { imageAttrs } from '../dockerfile/images.js';
import { get, isRecord, records, str, type Json, type K8sObject, type Path } from './documents.js';

/** Paths (inside the object) of the pod templates of each workload kind; `*` expands an array. */
const POD_TEMPLATES: Record<string, Path[]> = {
  Pod: [[]],
  Deployment: [['spec', 'template']],
  StatefulSet: [['spec', 'template']],
  DaemonSet: [['spec', 'template']],
  ReplicaSet: [['spec', 'template']],
  Job: [['spec', 'template']],
  CronJob: [['spec', 'jobTemplate', 'spec', 'template']],
  // KubeRay
  RayCluster: [['spec', 'headGroupSpec', 'template'], ['spec', 'workerGroupSpecs', '*', 'template']],
  RayService: [['spec', 'rayClusterConfig', 'headGroupSpec', 'template'], ['spec', 'rayClusterConfig', 'workerGroupSpecs', '*', 'template']],
  RayJob: [['spec', 'rayClusterSpec', 'headGroupSpec', 'template'], ['spec', 'rayClusterSpec', 'workerGroupSpecs', '*', 'template']],
  // Kubeflow notebooks and training jobs
  Notebook: [['spec', 'template']],
  PyTorchJob: [['spec', 'pytorchReplicaSpecs', '*', 'template']],
  TFJob: [['spec', 'tfReplicaSpecs', '*', 'template']],
};

export function isWorkloadKind(kind: string): boolean {
  return kind in POD_TEMPLATES;
}

export interface PodTemplate {
  /** Path of the template inside the object; `[]` for a bare Pod. */
  path: Path;
  /** The pod spec's own path (`template.spec`, or `spec` for a Pod). */
  specPath: Path;
  labels: Record<string, string>;
  spec: Json;
}

/** Pod templates of a workload object, with their concrete paths. */
export function podTemplates(o: K8sObject): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const pattern of POD_TEMPLATES[o.kind] ?? []) {
    for (const path of expand(o.obj, pattern)) {
      const tpl = path.length ? get(o.obj, path) : o.obj;
      if (!isRecord(tpl) || !isRecord(tpl.spec)) continue;
      out.push({ path, specPath: [...path, 'spec'], labels: stringMap(get(tpl, ['metadata', 'labels'])), spec: tpl.spec });
    }
  }
  return out;
}

/** Pod spec fields of a custom resource that embeds one (KServe predictors, Seldon component specs). */
export function podSpecAt(o: K8sObject, specPath: Path, labels: Record<string, string> = {}): PodTemplate | undefined {
  const spec = get(o.obj, specPath);
  return isRecord(spec) ? { path: specPath.slice(0, -1), specPath, labels, spec } : undefined;
}

function expand(obj: unknown, pattern: Path): Path[] {
  const star = pattern.indexOf('*');
  if (star < 0) return [pattern];
  const head = pattern.slice(0, star);
  const arr = get(obj, head);
  if (!Array.isArray(arr)) return [];
  return arr.flatMap((_, i) => expand(obj, [...head, i, ...pattern.slice(star + 1)]));
}

export function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    const s = str(val);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

export interface ContainerFacts {
  name: string;
  init: boolean;
  line?: number;
  analysis: ContainerAnalysis;
  attrs: Record<string, AttrValue>;
}

export interface PodFacts {
  containers: ContainerFacts[];
  attrs: Record<string, AttrValue>;
  serviceAccount?: string;
}

/** Reads one pod spec (of object `o` at `specPath`). */
export function readPod(o: K8sObject, t: PodTemplate): PodFacts {
  const spec = t.spec;
  const containers: ContainerFacts[] = [];
  for (const [field, init] of [['initContainers', true], ['containers', false]] as const) {
    records(spec[field]).forEach((c, i) => containers.push(readContainer(o, c, [...t.specPath, field, i], init)));
  }
  const podSec = isRecord(spec.securityContext) ? spec.securityContext : {};
  const volumes = records(spec.volumes);
  const hostPaths = volumes.map((v) => str(get(v, ['hostPath', 'path']))).filter((p): p is string => !!p);
  const serviceAccount = str(spec.serviceAccountName) ?? str(spec.serviceAccount);
  const attrs: Record<string, AttrValue> = {};
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC', 'automountServiceAccountToken'] as const) if (typeof spec[f] === 'boolean') attrs[f] = spec[f] as boolean;
  if (typeof podSec.runAsUser === 'number') attrs.podRunAsUser = podSec.runAsUser;
  if (typeof podSec.runAsNonRoot === 'boolean') attrs.podRunAsNonRoot = podSec.runAsNonRoot;
  if (hostPaths.length) attrs.hostPathMounts = hostPaths;
  // the container runtime's socket is control of the node
  if (hostPaths.some((p) => /(?:docker|containerd|crio)\.sock$/.test(p))) attrs.runtimeSocketMounted = true;
  const secretVolumes = volumes.map((v) => str(get(v, ['secret', 'secretName']))).filter((p): p is string => !!p);
  if (secretVolumes.length) attrs.secretVolumes = secretVolumes;
  const claims = volumes.map((v) => str(get(v, ['persistentVolumeClaim', 'claimName']))).filter((p): p is string => !!p);
  if (claims.length) attrs.volumeClaims = claims;
  return { containers, attrs, ...(serviceAccount ? { serviceAccount } : {}) };
}

/** Reads the container at `path` (also used for KServe's `predictor.model`, which is a container spec). */
export function readContainer(o: K8sObject, c: Json, path: Path, init: boolean): ContainerFacts {
  const line = o.lineOf(path);
  const env: EnvEntry[] = records(c.env).map((e, i) => envEntry(o, e, [...path, 'env', i]));
  const analysis = analyseContainer({ image: str(c.image), command: strings(c.command), args: strings(c.args), env, line });
  const sec = isRecord(c.securityContext) ? c.securityContext : {};
  const attrs: Record<string, AttrValue> = { name: str(c.name) ?? '' };
  if (init) attrs.init = true;
  if (analysis.ref) Object.assign(attrs, imageAttrs(analysis.ref, analysis.ai));
  else if (str(c.image)) attrs.image = str(c.image)!;
  for (const f of ['privileged', 'allowPrivilegeEscalation', 'runAsNonRoot', 'readOnlyRootFilesystem'] as const) if (typeof sec[f] === 'boolean') attrs[f] = sec[f] as boolean;
  if (typeof sec.runAsUser === 'number') attrs.runAsUser = sec.runAsUser;
  const caps = strings(get(sec, ['capabilities', 'add']));
  if (caps.length) attrs.capabilitiesAdded = caps;
  const ports = records(c.ports).map((p) => Number(p.containerPort)).filter((n) => Number.isFinite(n));
  if (ports.length) attrs.ports = ports;
  const gpus = Number(get(c, ['resources', 'limits', 'nvidia.com/gpu']) ?? get(c, ['resources', 'requests', 'nvidia.com/gpu']));
  if (Number.isFinite(gpus) && gpus > 0) attrs.gpus = gpus;
  const envFrom = records(c.envFrom)
    .map((e) => (str(get(e, ['secretRef', 'name'])) ? `secretRef:${str(get(e, ['secretRef', 'name']))}` : str(get(e, ['configMapRef', 'name'])) ? `configMapRef:${str(get(e, ['configMapRef', 'name']))}` : undefined))
    .filter((s): s is string => !!s);
  if (envFrom.length) attrs.envFrom = envFrom;
  const argv = [...strings(c.command), ...strings(c.args)];
  if (argv.length) attrs.args = maskArgv(argv);
  return { name: str(c.name) ?? '', init, line, analysis, attrs };
}

function envEntry(o: K8sObject, e: Json, path: Path): EnvEntry {
  const name = str(e.name) ?? '';
  const line = o.lineOf(path);
  const secretRef = get(e, ['valueFrom', 'secretKeyRef']);
  if (isRecord(secretRef)) {
    return { name, from: `k8s-secret:${o.namespace}/${str(secretRef.name) ?? '?'}#${str(secretRef.key) ?? '?'}`, fromSecret: true, line };
  }
  const cmRef = get(e, ['valueFrom', 'configMapKeyRef']);
  if (isRecord(cmRef)) return { name, from: `k8s-configmap:${o.namespace}/${str(cmRef.name) ?? '?'}#${str(cmRef.key) ?? '?'}`, line };
  const field = str(get(e, ['valueFrom', 'fieldRef', 'fieldPath']));
  if (field) return { name, from: `fieldRef:${field}`, line };
  return { name, value: str(e.value) ?? '', line };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str).filter((s): s is string => s !== undefined) : [];
}
