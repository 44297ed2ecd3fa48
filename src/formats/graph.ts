// The asset graph as data (JSON) and as pictures (Graphviz DOT, Mermaid flowchart). Pure renderings of
// the Report: one node per asset, one arrow per edge, output linear in the size of the graph.

import { ASSET_KINDS, type Asset, type AssetKind, type Edge, type Report } from '../model/index.js';

interface KindStyle {
  /** Graphviz node shape. */
  dot: string;
  /** Fill colour, shared by both pictures. */
  fill: string;
  /** Mermaid shape delimiters around the quoted label. */
  mermaid: readonly [open: string, close: string];
}

/** One look per kind, chosen so that kinds that flow into each other (model, data, services) read apart. */
const KIND_STYLES: Record<AssetKind, KindStyle> = {
  application: { dot: 'box', fill: '#dbeafe', mermaid: ['[', ']'] },
  'ai-service': { dot: 'hexagon', fill: '#fde68a', mermaid: ['{{', '}}'] },
  model: { dot: 'ellipse', fill: '#fbcfe8', mermaid: ['([', '])'] },
  'model-file': { dot: 'note', fill: '#f9a8d4', mermaid: ['[[', ']]'] },
  library: { dot: 'component', fill: '#e5e7eb', mermaid: ['[[', ']]'] },
  endpoint: { dot: 'house', fill: '#fed7aa', mermaid: ['>', ']'] },
  dataset: { dot: 'cylinder', fill: '#bbf7d0', mermaid: ['[(', ')]'] },
  'vector-store': { dot: 'cylinder', fill: '#99f6e4', mermaid: ['[(', ')]'] },
  'knowledge-base': { dot: 'cylinder', fill: '#a7f3d0', mermaid: ['[(', ')]'] },
  prompt: { dot: 'note', fill: '#fef9c3', mermaid: ['[/', '/]'] },
  agent: { dot: 'doubleoctagon', fill: '#c7d2fe', mermaid: ['(', ')'] },
  tool: { dot: 'invhouse', fill: '#ddd6fe', mermaid: ['[/', '\\]'] },
  'mcp-server': { dot: 'component', fill: '#e9d5ff', mermaid: ['[[', ']]'] },
  notebook: { dot: 'tab', fill: '#fef3c7', mermaid: ['[\\', '\\]'] },
  pipeline: { dot: 'cds', fill: '#e0e7ff', mermaid: ['>', ']'] },
  secret: { dot: 'octagon', fill: '#fecaca', mermaid: ['{', '}'] },
  identity: { dot: 'egg', fill: '#fee2e2', mermaid: ['((', '))'] },
  storage: { dot: 'cylinder', fill: '#d1fae5', mermaid: ['[(', ')]'] },
  workload: { dot: 'box3d', fill: '#cffafe', mermaid: ['[', ']'] },
  network: { dot: 'doublecircle', fill: '#fca5a5', mermaid: ['(((', ')))'] },
};
const FALLBACK_STYLE: KindStyle = { dot: 'box', fill: '#ffffff', mermaid: ['[', ']'] };

export interface GraphNode {
  id: string;
  kind: AssetKind;
  name: string;
  provider?: string;
  owner?: string;
  environment?: string;
}
export interface GraphEdge {
  from: string;
  to: string;
  kind: Edge['kind'];
}
export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * The graph in a stable order (kind, name, id for nodes; from, kind, to for edges), whatever order the
 * report holds. Duplicate assets and edges whose ends are not assets are left out, so every picture
 * drawn from it is a well-formed graph.
 */
export function graphView(report: Report): GraphView {
  const kindOrder = new Map<string, number>(ASSET_KINDS.map((k, i) => [k, i]));
  const byId = new Map<string, Asset>();
  for (const a of report.assets) if (!byId.has(a.id)) byId.set(a.id, a);
  const nodes = [...byId.values()]
    .sort((x, y) => (kindOrder.get(x.kind) ?? 99) - (kindOrder.get(y.kind) ?? 99) || cmp(x.name, y.name) || cmp(x.id, y.id))
    .map((a) => {
      const n: GraphNode = { id: a.id, kind: a.kind, name: a.name };
      if (a.provider) n.provider = a.provider;
      if (a.owner) n.owner = a.owner;
      if (a.environment) n.environment = a.environment;
      return n;
    });
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const e of report.edges) {
    const k = `${e.from}\0${e.kind}\0${e.to}`;
    if (seen.has(k) || !byId.has(e.from) || !byId.has(e.to)) continue;
    seen.add(k);
    edges.push({ from: e.from, to: e.to, kind: e.kind });
  }
  edges.sort((x, y) => cmp(x.from, y.from) || cmp(x.kind, y.kind) || cmp(x.to, y.to));
  return { nodes, edges };
}

/** `{ nodes, edges }` as JSON, for graph tools and the web UI. */
export function renderGraphJson(report: Report): string {
  return JSON.stringify(graphView(report), null, 2) + '\n';
}

// ---- Graphviz DOT ----

/**
 * Escapes text for a double-quoted DOT string. Backslashes are doubled so that names cannot smuggle in
 * DOT's label escapes (`\N`, `\l`, ...); newlines become `\n`, which DOT draws as a line break.
 */
export function dotQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n?|\n/g, '\\n')}"`;
}

export function renderDot(report: Report): string {
  const { nodes, edges } = graphView(report);
  const lines = [
    'digraph aispm {',
    '  rankdir=LR;',
    '  node [style=filled, fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9, color="#6b7280"];',
  ];
  for (const n of nodes) {
    const style = KIND_STYLES[n.kind] ?? FALLBACK_STYLE;
    // the `\n` between name and kind is DOT's own line break, written unescaped on purpose
    const label = `${dotQuote(n.name).slice(0, -1)}\\n(${n.kind})"`;
    lines.push(`  ${dotQuote(n.id)} [label=${label}, shape=${style.dot}, fillcolor=${dotQuote(style.fill)}];`);
  }
  for (const e of edges) lines.push(`  ${dotQuote(e.from)} -> ${dotQuote(e.to)} [label=${dotQuote(e.kind)}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

// ---- Mermaid ----

/**
 * Mermaid entity codes for everything that could end a quoted label or be read as markup: quotes,
 * brackets and braces (shape delimiters), pipes (edge label delimiters), `#` and `;` (entity syntax),
 * angle brackets and `&` (HTML labels). Newlines become `<br/>`, Mermaid's line break.
 */
const MERMAID_ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  ';': '#59;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '[': '#91;',
  ']': '#93;',
  '(': '#40;',
  ')': '#41;',
  '{': '#123;',
  '}': '#125;',
  '|': '#124;',
  '`': '#96;',
};
const MERMAID_SPECIAL = /["#;&<>[\](){}|`]|\r\n?|\n/g;

export function mermaidText(s: string): string {
  return s.replace(MERMAID_SPECIAL, (c) => MERMAID_ENTITIES[c] ?? '<br/>');
}

/** Asset ids (`model:3f2a…`) as Mermaid identifiers: letters, digits and `_`, unique, never a keyword. */
function mermaidIds(nodes: GraphNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const n of nodes) {
    const base = `n_${n.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    out.set(n.id, id);
  }
  return out;
}

function mermaidClass(kind: string): string {
  return `k_${kind.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

export function renderMermaid(report: Report): string {
  const { nodes, edges } = graphView(report);
  const ids = mermaidIds(nodes);
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    const [open, close] = (KIND_STYLES[n.kind] ?? FALLBACK_STYLE).mermaid;
    lines.push(`  ${ids.get(n.id)}${open}"${mermaidText(n.name)}<br/>(${mermaidText(n.kind)})"${close}:::${mermaidClass(n.kind)}`);
  }
  for (const e of edges) lines.push(`  ${ids.get(e.from)} -->|"${mermaidText(e.kind)}"| ${ids.get(e.to)}`);
  // one class per kind present, so the styling lines stay few however large the graph
  for (const kind of [...new Set(nodes.map((n) => n.kind))]) {
    lines.push(`  classDef ${mermaidClass(kind)} fill:${(KIND_STYLES[kind] ?? FALLBACK_STYLE).fill},stroke:#374151`);
  }
  return lines.join('\n') + '\n';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
