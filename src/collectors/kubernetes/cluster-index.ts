// What a Service or Ingress needs to know about the rest of the cluster: which workloads carry which pod
// labels (to match selectors) and which Services select what. Built from the file being read plus the
// manifests beside it, because a chart or kustomize base keeps deployment.yaml and service.yaml apart.
// Sibling folders are read once per scan worker (cached by the folder's listing), only regular files.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileInput } from '../types.js';
import { looksLikeManifest, parseManifests, type K8sObject } from './documents.js';
import { stringMap } from './pods.js';
import { workloadsOf, type WorkloadInfo } from './workloads.js';

export interface WorkloadSummary {
  key: string;
  namespace: string;
  /** Pod labels of each pod template. */
  labels: Array<Record<string, string>>;
  ai: boolean;
  models: string[];
  roles: string[];
}

export interface ServiceSummary {
  namespace: string;
  name: string;
  selector: Record<string, string>;
}

export interface ClusterIndex {
  workloads: WorkloadSummary[];
  services: ServiceSummary[];
}

export function summarise(objects: K8sObject[], workloads: WorkloadInfo[] = workloadsOf(objects)): ClusterIndex {
  return {
    workloads: workloads.map((w) => ({ key: w.key, namespace: w.o.namespace, labels: w.templates.map((t) => t.labels), ai: w.ai, models: w.models, roles: w.roles })),
    services: objects
      .filter((o) => o.kind === 'Service')
      .map((o) => ({ namespace: o.namespace, name: o.name, selector: stringMap((o.obj.spec as Record<string, unknown> | undefined)?.selector) })),
  };
}

export function mergeIndexes(a: ClusterIndex, b: ClusterIndex | undefined): ClusterIndex {
  if (!b) return a;
  const seen = new Set(a.workloads.map((w) => w.key));
  const seenSvc = new Set(a.services.map((s) => `${s.namespace}/${s.name}`));
  return {
    workloads: [...a.workloads, ...b.workloads.filter((w) => !seen.has(w.key))],
    services: [...a.services, ...b.services.filter((s) => !seenSvc.has(`${s.namespace}/${s.name}`))],
  };
}

// Workloads by `namespace NUL label=value`, built once per index: a chart with thousands of Services
// would otherwise compare every selector with every workload.
const byLabel = new WeakMap<ClusterIndex, Map<string, WorkloadSummary[]>>();

function labelIndex(idx: ClusterIndex): Map<string, WorkloadSummary[]> {
  let m = byLabel.get(idx);
  if (m) return m;
  m = new Map();
  for (const w of idx.workloads) {
    for (const k of new Set(w.labels.flatMap((l) => Object.entries(l).map(([name, v]) => `${w.namespace}\0${name}=${v}`)))) {
      const list = m.get(k);
      if (list) list.push(w);
      else m.set(k, [w]);
    }
  }
  byLabel.set(idx, m);
  return m;
}

/** Workloads in `namespace` whose pod labels satisfy every key of a non-empty selector. */
export function selectWorkloads(idx: ClusterIndex, namespace: string, selector: Record<string, string>): WorkloadSummary[] {
  const entries = Object.entries(selector);
  if (!entries.length) return [];
  const [k0, v0] = entries[0]!;
  const candidates = labelIndex(idx).get(`${namespace}\0${k0}=${v0}`) ?? [];
  return candidates.filter((w) => w.labels.some((l) => entries.every(([k, v]) => l[k] === v)));
}

export function findService(idx: ClusterIndex, namespace: string, name: string): ServiceSummary | undefined {
  return idx.services.find((s) => s.namespace === namespace && s.name === name);
}

const MAX_SIBLINGS = 200;
const MAX_SIBLING_BYTES = 2 * 1024 * 1024;
const CACHE_DIRS = 32;
const cache = new Map<string, { signature: string; index: Promise<ClusterIndex> }>();

/** The index of the manifests beside `file` (not the file itself), or undefined for in-memory inputs. */
export async function siblingIndex(file: FileInput): Promise<ClusterIndex | undefined> {
  if (!path.isAbsolute(file.abs)) return undefined;
  const dir = path.dirname(file.abs);
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/i.test(n)).sort().slice(0, MAX_SIBLINGS);
  const stats = await Promise.all(names.map(async (n) => [n, await fs.lstat(path.join(dir, n)).catch(() => undefined)] as const));
  const files = stats.filter(([, st]) => st?.isFile() && st.size <= MAX_SIBLING_BYTES);
  const signature = files.map(([n, st]) => `${n}:${st!.size}:${st!.mtimeMs}`).join('|');
  let entry = cache.get(dir);
  if (!entry || entry.signature !== signature) {
    entry = { signature, index: buildIndex(dir, files.map(([n]) => n)) };
    cache.set(dir, entry);
    if (cache.size > CACHE_DIRS) cache.delete(cache.keys().next().value!);
  }
  const all = await entry.index;
  // the file's own objects are described from its own parse; drop them here
  const own = path.basename(file.abs);
  return { workloads: all.workloads.filter((w) => (w as WorkloadSummary & { file?: string }).file !== own), services: all.services.filter((s) => (s as ServiceSummary & { file?: string }).file !== own) };
}

async function buildIndex(dir: string, names: string[]): Promise<ClusterIndex> {
  const out: ClusterIndex = { workloads: [], services: [] };
  for (const name of names) {
    const text = await fs.readFile(path.join(dir, name), 'utf8').catch(() => undefined);
    if (!text || !looksLikeManifest(text)) continue;
    // a sibling's own problems are reported when the scan reaches it
    const idx = summarise(parseManifests(text).objects);
    out.workloads.push(...idx.workloads.map((w) => ({ ...w, file: name })));
    out.services.push(...idx.services.map((s) => ({ ...s, file: name })));
  }
  return out;
}
