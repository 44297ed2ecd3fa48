// The asset graph as an index for evaluation: integer node numbers, adjacency by (node, edge kind), CEL views
// built once per asset, and each reachability question answered for every node by one breadth-first search
// the first time it is asked (memoised), so evaluating many checks over 100,000 assets stays linear.

import { EDGE_KINDS, INTERNET_ID, type Asset, type Edge, type EdgeKind, type Report } from '../model/index.js';
import { CONTENT_FLOW, CONTROL, DATA_ACCESS, EXPOSURE, isSensitiveData, isSideEffectTool, isUntrustedSource, type FlowRule } from './flow-rules.js';

/** What a CEL condition sees of an asset: every top-level field present (empty string or list when unknown). */
export interface AssetView {
  id: string;
  kind: string;
  key: string;
  name: string;
  provider: string;
  owner: string;
  environment: string;
  sensitivity: string;
  tags: string[];
  attrs: Record<string, unknown>;
}

const KIND_INDEX = new Map<string, number>(EDGE_KINDS.map((k, i) => [k, i]));
const KIND_SLOTS = 32; // > EDGE_KINDS.length; node * KIND_SLOTS + kind is the adjacency key

export class GraphIndex {
  readonly assets: Asset[];
  private readonly nodeOf = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly assetAt: (Asset | undefined)[] = [];
  private readonly outAdj = new Map<number, number[]>();
  private readonly inAdj = new Map<number, number[]>();
  private readonly views: (AssetView | undefined)[] = [];
  private readonly memo = new Map<string, Uint8Array>();
  private readonly originMemo = new Map<string, Int32Array>();

  constructor(report: Pick<Report, 'assets' | 'edges'>) {
    this.assets = report.assets;
    for (const a of report.assets) this.assetAt[this.node(a.id)] = a;
    for (const e of report.edges) this.addEdge(e);
  }

  private node(id: string): number {
    let n = this.nodeOf.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.nodeOf.set(id, n);
    }
    return n;
  }

  private addEdge(e: Edge): void {
    const k = KIND_INDEX.get(e.kind);
    if (k === undefined) return; // an edge kind this version does not know: nothing can ask for it
    const from = this.node(e.from);
    const to = this.node(e.to);
    push(this.outAdj, from * KIND_SLOTS + k, to);
    push(this.inAdj, to * KIND_SLOTS + k, from);
  }

  asset(id: string): Asset | undefined {
    const n = this.nodeOf.get(id);
    return n === undefined ? undefined : this.assetAt[n];
  }

  /** The CEL view of an asset, built once. */
  view(id: string): AssetView | undefined {
    const n = this.nodeOf.get(id);
    return n === undefined ? undefined : this.viewAt(n);
  }

  private viewAt(n: number): AssetView | undefined {
    const cached = this.views[n];
    if (cached) return cached;
    const a = this.assetAt[n];
    if (!a) return undefined;
    const attrs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(a.attrs)) if (v !== undefined) attrs[k] = v;
    const v: AssetView = {
      id: a.id,
      kind: a.kind,
      key: a.key,
      name: a.name,
      provider: a.provider ?? '',
      owner: a.owner ?? '',
      environment: a.environment ?? '',
      sensitivity: a.sensitivity ?? '',
      tags: a.tags ?? [],
      attrs,
    };
    this.views[n] = v;
    return v;
  }

  /** Neighbours over one edge kind (or every kind when none is given), as CEL views, in edge order. */
  neighbours(id: string, dir: 'out' | 'in', kind?: string): AssetView[] {
    const n = this.nodeOf.get(id);
    if (n === undefined) return [];
    const adj = dir === 'out' ? this.outAdj : this.inAdj;
    const kinds = kind === undefined ? EDGE_KINDS.map((_, i) => i) : [KIND_INDEX.get(kind)].filter((k): k is number => k !== undefined);
    const out: AssetView[] = [];
    const seen = new Set<number>();
    for (const k of kinds) {
      for (const m of adj.get(n * KIND_SLOTS + k) ?? []) {
        if (seen.has(m)) continue;
        seen.add(m);
        const v = this.viewAt(m);
        if (v) out.push(v);
      }
    }
    return out;
  }

  reachableFromInternet(id: string): boolean {
    return this.test('internet', id, () => this.search(this.internetNodes(), EXPOSURE, 'forward', true));
  }

  reachableFromUntrusted(id: string): boolean {
    return this.test('untrusted', id, () => {
      const entries = [...this.internetNodes(), ...this.nodesWhere(isUntrustedSource)];
      return this.search(entries, CONTENT_FLOW, 'forward', true);
    });
  }

  /** Has a path to sensitive data (the data asset itself does not count unless it reaches other sensitive data). */
  reachesSensitiveData(id: string): boolean {
    return this.test('sensitive', id, () => this.search(this.nodesWhere(isSensitiveData), DATA_ACCESS, 'backward', false));
  }

  /** Can make a side-effecting tool run (the tool itself does not count). */
  reachesSideEffects(id: string): boolean {
    return this.test('side-effects', id, () => this.search(this.nodesWhere(isSideEffectTool), CONTROL, 'backward', false));
  }

  // Node-level access for searches outside the CEL helpers (attack paths, scoring): integer node numbers and
  // adjacency by edge kind, so they walk this index instead of building a second graph model.

  get nodeCount(): number {
    return this.ids.length;
  }

  nodeNumber(id: string): number | undefined {
    return this.nodeOf.get(id);
  }

  idAt(n: number): string {
    return this.ids[n]!;
  }

  assetAtNode(n: number): Asset | undefined {
    return this.assetAt[n];
  }

  /** Node numbers one edge of `kind` away from node `n`, following it forwards (`out`) or backwards (`in`). */
  adjacent(n: number, kind: EdgeKind, dir: 'out' | 'in'): readonly number[] {
    const k = KIND_INDEX.get(kind);
    if (k === undefined) return NO_NODES;
    return (dir === 'out' ? this.outAdj : this.inAdj).get(n * KIND_SLOTS + k) ?? NO_NODES;
  }

  /**
   * A named, memoised multi-source search (see `search`) that also says which source reached each node first:
   * `origin[n]` is that source's node number, or -1 when no source reaches `n`.
   */
  originsOf(name: string, sources: (a: Asset) => boolean, rules: FlowRule[], mode: 'forward' | 'backward', includeSources: boolean): Int32Array {
    let origins = this.originMemo.get(name);
    if (!origins) {
      origins = new Int32Array(this.ids.length).fill(-1);
      this.search(this.nodesWhere(sources), rules, mode, includeSources, origins);
      this.originMemo.set(name, origins);
    }
    return origins;
  }

  private test(name: string, id: string, compute: () => Uint8Array): boolean {
    let set = this.memo.get(name);
    if (!set) {
      set = compute();
      this.memo.set(name, set);
    }
    const n = this.nodeOf.get(id);
    return n !== undefined && set[n] === 1;
  }

  private internetNodes(): number[] {
    const out: number[] = [];
    const n = this.nodeOf.get(INTERNET_ID);
    if (n !== undefined) out.push(n);
    for (const a of this.assets) if (a.kind === 'network' && a.key === 'internet' && a.id !== INTERNET_ID) out.push(this.nodeOf.get(a.id)!);
    return out;
  }

  private nodesWhere(pred: (a: Asset) => boolean): number[] {
    const out: number[] = [];
    for (const a of this.assets) if (pred(a)) out.push(this.nodeOf.get(a.id)!);
    return out;
  }

  /**
   * Multi-source breadth-first search. `forward` walks each rule as written (from the sources outwards);
   * `backward` walks each rule reversed (the sources are the targets, the result is who reaches them).
   * `includeSources` marks the starting nodes themselves.
   */
  private search(sources: number[], rules: FlowRule[], mode: 'forward' | 'backward', includeSources: boolean, origins?: Int32Array): Uint8Array {
    const reached = new Uint8Array(this.ids.length);
    const isSource = new Uint8Array(this.ids.length);
    const queue: number[] = [];
    const origin = origins ?? new Int32Array(this.ids.length);
    for (const s of sources) {
      if (isSource[s]) continue;
      isSource[s] = 1;
      origin[s] = s;
      if (includeSources) reached[s] = 1;
      queue.push(s);
    }
    const steps = rules.map((r) => ({
      k: KIND_INDEX.get(r.kind)!,
      adj: (r.dir === 'out') === (mode === 'forward') ? this.outAdj : this.inAdj,
      fromEntryOnly: r.fromEntryOnly === true,
      reach: r.reach ? new Set<string>(r.reach) : undefined,
    }));
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i]!;
      for (const st of steps) {
        if (st.fromEntryOnly && !isSource[n]) continue;
        const next = st.adj.get(n * KIND_SLOTS + st.k);
        if (!next) continue;
        for (const m of next) {
          if (reached[m]) continue;
          if (st.reach && !st.reach.has(this.assetAt[m]?.kind ?? '')) continue;
          reached[m] = 1;
          origin[m] = origin[n]!;
          queue.push(m);
        }
      }
    }
    if (origins && !includeSources) for (const s of sources) if (!reached[s]) origins[s] = -1;
    return reached;
  }
}

const NO_NODES: readonly number[] = Object.freeze([]);

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

