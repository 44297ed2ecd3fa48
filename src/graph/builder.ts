// The graph builder turns collector drafts into one graph: one node per real thing (merged across
// files and collectors by stable id), references resolved, every asset tied to its application, owners
// and environments inferred where the evidence says so.

import path from 'node:path/posix';
import {
  assetId,
  edgeKey,
  ASSET_KINDS,
  type Asset,
  type AssetKind,
  type AttrValue,
  type Attrs,
  type Edge,
  type Evidence,
} from '../model/index.js';
import { isPathRef, type AssetDraft, type CollectorOutput, type EdgeDraft, type Ref } from '../collectors/types.js';
import { deriveAttrs } from './derived.js';
import { environmentOfTags, inferEnvironment } from './environment.js';
import { assignOwners, type GitAuthors } from './owners.js';

export const MAX_EVIDENCE_PER_ASSET = 100;

export interface BuildOptions {
  /** Display name of the root application (the scanned folder's name). */
  rootName: string;
  /** Contents of the CODEOWNERS file, when the tree has one. */
  codeowners?: string;
  /** Recent authors per file from git history (owners of last resort). */
  gitAuthors?: GitAuthors;
}

export interface Graph {
  assets: Asset[];
  edges: Edge[];
}

/** Kinds tied to their application by `uses-model` / `calls-service` (shared things the app consumes). */
const CONSUMED: Partial<Record<AssetKind, Edge['kind']>> = {
  model: 'uses-model',
  'ai-service': 'calls-service',
  'vector-store': 'stores-in',
};
/** Kinds that are part of the application that holds their file. */
const PART_OF_APP = new Set<AssetKind>(['agent', 'tool', 'prompt', 'notebook', 'model-file', 'dataset', 'mcp-server', 'secret', 'pipeline', 'knowledge-base', 'workload', 'endpoint']);

export function buildGraph(outputs: CollectorOutput[], opts: BuildOptions): Graph {
  const assets = new Map<string, Asset>();
  const evidenceCount = new Map<string, number>();

  const addDraft = (d: AssetDraft) => {
    const id = assetId(d.kind, d.key);
    const existing = assets.get(id);
    if (!existing) {
      const a: Asset = {
        id,
        kind: d.kind,
        key: d.key,
        name: d.name ?? d.key,
        attrs: { ...(d.attrs ?? {}) },
        evidence: [],
        tags: [...(d.tags ?? [])],
      };
      if (d.provider) a.provider = d.provider;
      if (d.owner) a.owner = d.owner;
      if (d.environment) a.environment = d.environment;
      if (d.sensitivity) a.sensitivity = d.sensitivity;
      assets.set(id, a);
      addEvidence(a, d.evidence ?? []);
      return;
    }
    if (!existing.provider && d.provider) existing.provider = d.provider;
    if (!existing.owner && d.owner) existing.owner = d.owner;
    if (!existing.environment && d.environment) existing.environment = d.environment;
    if (d.sensitivity && rank(d.sensitivity) > rank(existing.sensitivity)) existing.sensitivity = d.sensitivity;
    if (d.name && existing.name === existing.key && d.name !== d.key) existing.name = d.name;
    mergeAttrs(existing.attrs, d.attrs ?? {});
    for (const t of d.tags ?? []) if (!existing.tags.includes(t)) existing.tags.push(t);
    addEvidence(existing, d.evidence ?? []);
  };

  const seenEvidence = new Map<string, Set<string>>();
  const addEvidence = (a: Asset, evs: Evidence[]) => {
    let seen = seenEvidence.get(a.id);
    if (!seen) seenEvidence.set(a.id, (seen = new Set()));
    for (const e of evs) {
      const k = `${e.file ?? e.uri}:${e.line ?? ''}:${e.collector}`;
      if (seen.has(k)) continue;
      seen.add(k);
      evidenceCount.set(a.id, (evidenceCount.get(a.id) ?? 0) + 1);
      if (a.evidence.length < MAX_EVIDENCE_PER_ASSET) a.evidence.push(e);
    }
  };

  for (const o of outputs) for (const d of o.assets) addDraft(d);

  // The root application always exists: everything found belongs to some application.
  const rootApp: AssetDraft = { kind: 'application', key: '.', name: opts.rootName, evidence: [{ file: '.', collector: 'graph' }] };
  addDraft(rootApp);
  for (const a of assets.values()) deriveAttrs(a.attrs);
  for (const [id, n] of evidenceCount) {
    if (n > MAX_EVIDENCE_PER_ASSET) assets.get(id)!.attrs.occurrences = n;
  }

  // Indexes for resolving path references and for finding a file's application.
  // A file's application is the one whose folder is its nearest: its ancestors are looked up, longest first.
  const appDirs = new Set([...assets.values()].filter((a) => a.kind === 'application' && a.key !== '.').map((a) => a.key));
  const appIds = new Map<string, string>();
  const appOf = (file: string): string => {
    let id = appIds.get(file);
    if (id !== undefined) return id;
    let dir = '.';
    for (let p = file; ; p = p.slice(0, p.lastIndexOf('/'))) {
      if (appDirs.has(p)) {
        dir = p;
        break;
      }
      if (!p.includes('/')) break;
    }
    id = assetId('application', dir);
    appIds.set(file, id);
    return id;
  };
  const byFile = new Map<string, Asset[]>();
  for (const a of assets.values()) {
    for (const e of a.evidence) {
      if (!e.file) continue;
      const list = byFile.get(e.file);
      if (list) list.push(a);
      else byFile.set(e.file, [a]);
    }
    // a file-backed asset is also reachable by its key when the key is its path
    if (!byFile.get(a.key)?.includes(a)) {
      const list = byFile.get(a.key);
      if (list) list.push(a);
      else byFile.set(a.key, [a]);
    }
  }

  const resolve = (r: Ref): string | undefined => {
    if (!isPathRef(r)) {
      const id = assetId(r.kind, r.key);
      return assets.has(id) ? id : undefined;
    }
    if (r.path === '.' && r.kinds.includes('application')) return appOf(r.from);
    const p = r.path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (path.isAbsolute(p) || /^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return undefined;
    const appDir = assets.get(appOf(r.from))!.key;
    const candidates = [path.normalize(path.join(path.dirname(r.from), p)), path.normalize(p), path.normalize(path.join(appDir, p))];
    for (const c of candidates) {
      if (c.startsWith('..')) continue; // never outside the root
      const hit = byFile.get(c)?.find((a) => r.kinds.includes(a.kind));
      if (hit) return hit.id;
    }
    return undefined;
  };

  const edges = new Map<string, Edge>();
  const addEdge = (from: string, kind: Edge['kind'], to: string, evidence?: Evidence[], attrs?: Attrs) => {
    if (from === to) return;
    const k = edgeKey(from, kind, to);
    const e = edges.get(k);
    if (e) {
      if (evidence?.length) {
        e.evidence ??= [];
        for (const ev of evidence) {
          if (e.evidence.length >= MAX_EVIDENCE_PER_ASSET) break;
          if (!e.evidence.some((x) => x.file === ev.file && x.line === ev.line)) e.evidence.push(ev);
        }
      }
      if (attrs) mergeAttrs((e.attrs ??= {}), attrs);
      return;
    }
    edges.set(k, { from, to, kind, ...(evidence?.length ? { evidence: evidence.slice(0, MAX_EVIDENCE_PER_ASSET) } : {}), ...(attrs ? { attrs } : {}) });
  };

  for (const o of outputs) {
    for (const d of o.edges as EdgeDraft[]) {
      const from = resolve(d.from);
      const to = resolve(d.to);
      if (from && to) addEdge(from, d.kind, to, d.evidence, d.attrs);
    }
  }

  for (const o of outputs) for (const f of o.appFacts ?? []) mergeAttrs(assets.get(appOf(f.file))!.attrs, f.attrs);

  // Tie every asset to the application(s) whose files mention it.
  for (const a of assets.values()) {
    if (a.kind === 'application' || a.kind === 'network') continue;
    const consumed = CONSUMED[a.kind];
    const apps = new Set<string>();
    for (const e of a.evidence) if (e.file) apps.add(appOf(e.file));
    for (const app of apps) {
      if (consumed) addEdge(app, consumed, a.id);
      else if (PART_OF_APP.has(a.kind)) addEdge(a.id, 'defined-in', app);
    }
  }
  // Nested applications are part of the application that contains them.
  for (const a of assets.values()) {
    if (a.kind !== 'application' || a.key === '.') continue;
    const parent = appOf(path.dirname(a.key) === '.' ? '' : path.dirname(a.key));
    addEdge(a.id, 'defined-in', parent === a.id ? assetId('application', '.') : parent);
  }

  // Owners: CODEOWNERS > IaC tags > package metadata > git history (owners.ts); environments from paths, else
  // from an IaC `environment` tag.
  assignOwners(assets.values(), edges.values(), { codeowners: opts.codeowners, gitAuthors: opts.gitAuthors });
  for (const a of assets.values()) {
    if (!a.environment) {
      const env = inferEnvironment(a.evidence.map((e) => e.file).filter((f): f is string => !!f)) ?? environmentOfTags(a.attrs.iacTags);
      if (env) a.environment = env;
    }
  }

  const kindOrder = new Map(ASSET_KINDS.map((k, i) => [k, i]));
  const sortedAssets = [...assets.values()].sort(
    (x, y) => kindOrder.get(x.kind)! - kindOrder.get(y.kind)! || x.name.localeCompare(y.name) || x.id.localeCompare(y.id),
  );
  const sortedEdges = [...edges.values()].sort((x, y) => x.from.localeCompare(y.from) || x.kind.localeCompare(y.kind) || x.to.localeCompare(y.to));
  return { assets: sortedAssets, edges: sortedEdges };
}

const SENS_RANK = { public: 1, internal: 2, confidential: 3, restricted: 4 } as const;
function rank(s: keyof typeof SENS_RANK | undefined): number {
  return s ? SENS_RANK[s] : 0;
}

/** Merge rule: missing keys are filled, booleans OR (the riskier wins), arrays union, objects recurse. */
export function mergeAttrs(into: Attrs, from: Attrs): void {
  for (const [k, v] of Object.entries(from)) {
    if (v === undefined) continue;
    const cur = into[k];
    if (cur === undefined || cur === null) into[k] = typeof v === 'object' && v !== null ? structuredClone(v) : v;
    else if (typeof cur === 'boolean' && typeof v === 'boolean') into[k] = cur || v;
    else if (Array.isArray(cur) && Array.isArray(v)) {
      const seen = new Set(cur.map((x) => JSON.stringify(x)));
      for (const x of v) if (!seen.has(JSON.stringify(x))) (cur as AttrValue[]).push(x);
    } else if (isObj(cur) && isObj(v)) mergeAttrs(cur as Attrs, v as Attrs);
  }
}

function isObj(v: unknown): v is Record<string, AttrValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
