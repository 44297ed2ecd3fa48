// Graph explorer (cytoscape, loaded with this view only): starts from one asset's neighbourhood and grows by
// expanding nodes, so a graph of thousands of assets is never drawn whole. An attack path is drawn as a path: its
// steps in a row from the entry point to the target, numbered, the rest of the graph faded. The node list beside the
// canvas is the keyboard and screen-reader way through the same graph.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { get, useGet, withQuery } from '../api.js';
import { useSources } from '../components/Shell.js';
import { Card, Empty, ErrorNote, KindBadge, Score } from '../components/ui.js';
import { KIND_STYLE, kindColor } from '../kinds.js';
import { href, Link, useQueryState } from '../router.js';
import type { AssetKind, AssetSummary, AttackPath, GraphNode, Neighbourhood, Page } from '../types.js';

/** Nodes drawn at most; expanding past this asks to start again from a narrower place. */
const MAX_DRAWN = 1500;
const EXPAND_NODES = 120;

interface Drawn {
  nodes: Map<string, GraphNode>;
  edges: Map<string, { from: string; to: string; kind: string }>;
  expanded: Set<string>;
  truncated: boolean;
}

const edgeId = (e: { from: string; kind: string; to: string }) => `${e.from}|${e.kind}|${e.to}`;
const emptyDrawn = (): Drawn => ({ nodes: new Map(), edges: new Map(), expanded: new Set(), truncated: false });

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function styles(): cytoscape.StylesheetJson {
  const text = cssVar('--text');
  const muted = cssVar('--muted');
  const danger = cssVar('--sev-critical');
  const accent = cssVar('--accent');
  return [
    { selector: 'node', style: { 'background-color': 'data(color)', shape: 'data(shape)' as never, label: 'data(label)', color: text, 'font-size': 10,
      'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22, 'text-wrap': 'ellipsis', 'text-max-width': '120px', 'border-width': 0 } },
    { selector: 'node.center', style: { width: 32, height: 32, 'border-width': 3, 'border-color': accent } },
    { selector: 'node.expandable', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': muted } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': accent, 'border-style': 'solid' } },
    { selector: 'edge', style: { width: 1.5, 'line-color': muted, 'target-arrow-color': muted, 'target-arrow-shape': 'triangle', 'curve-style': 'bezier',
      label: 'data(kind)', 'font-size': 8, color: muted, 'text-rotation': 'autorotate', 'text-background-opacity': 0 } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.on-path', style: { width: 34, height: 34, 'border-width': 4, 'border-color': danger, 'font-size': 12, 'font-weight': 'bold' } },
    { selector: 'edge.on-path', style: { width: 5, 'line-color': danger, 'target-arrow-color': danger, color: danger, 'font-size': 10, 'z-index': 10 } },
  ];
}

function nodeElement(n: GraphNode, extra: { center?: boolean; expanded?: boolean; step?: number }): ElementDefinition {
  const style = KIND_STYLE[n.kind as AssetKind];
  return {
    group: 'nodes',
    data: { id: n.id, label: `${extra.step !== undefined ? `${extra.step}. ` : ''}${n.name}`, color: style?.color ?? '#adb5bd', shape: style?.shape ?? 'ellipse' },
    classes: [extra.center ? 'center' : '', extra.expanded ? '' : 'expandable'].filter(Boolean).join(' '),
  };
}

export function GraphView() {
  const [q, setQ] = useQueryState();
  const sources = useSources();
  const scanned = (sources.data?.items ?? []).filter((s) => s.lastScanId);
  const source = q.source || (scanned.length === 1 ? scanned[0].name : undefined);
  const paths = useGet<Page<AttackPath>>(source ? withQuery('/api/graph/paths', { source, limit: 50 }) : null);
  const path = useMemo(() => paths.data?.items.find((p) => p.id === q.path), [paths.data, q.path]);
  const [drawn, setDrawn] = useState<Drawn>(emptyDrawn);
  const [selected, setSelected] = useState<string>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | undefined>(undefined);

  // the canvas: created once, restyled when the theme changes
  useEffect(() => {
    const c = cytoscape({ container: box.current, style: styles(), wheelSensitivity: 0.3, minZoom: 0.1, maxZoom: 3, boxSelectionEnabled: false });
    cy.current = c;
    c.on('tap', 'node', (e) => setSelected(e.target.id()));
    c.on('tap', (e) => { if (e.target === c) setSelected(undefined); });
    c.on('dbltap', 'node', (e) => void expandRef.current(e.target.id()));
    const themeWatch = new MutationObserver(() => c.style(styles()));
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      themeWatch.disconnect();
      c.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const fetchHood = (asset: string, hops: number, maxNodes: number) =>
    get<Neighbourhood>(withQuery('/api/graph/neighbourhood', { asset, source, hops, maxNodes }));

  // what to draw: an attack path, or one asset's neighbourhood
  useEffect(() => {
    setError(undefined);
    setSelected(undefined);
    // a new starting point starts a new drawing
    setDrawn(emptyDrawn());
    if (!source) return;
    let live = true;
    (async () => {
      if (q.path) {
        if (!path) return;
        const centers = await Promise.all(path.steps.map((s) => fetchHood(s.assetId, 1, 1)));
        const d = emptyDrawn();
        centers.forEach((h) => h.nodes.filter((n) => n.id === h.center).forEach((n) => d.nodes.set(n.id, n)));
        path.steps.forEach((s) => s.via && d.edges.set(edgeId(s.via), s.via));
        if (live) setDrawn(d);
      } else if (q.asset) {
        const h = await fetchHood(q.asset, Number(q.hops ?? 1), 200);
        const d = emptyDrawn();
        h.nodes.forEach((n) => d.nodes.set(n.id, n));
        h.edges.forEach((e) => d.edges.set(edgeId(e), e));
        d.expanded.add(q.asset);
        d.truncated = h.truncated;
        if (live) {
          setDrawn(d);
          setSelected(q.asset);
        }
      } else setDrawn(emptyDrawn());
    })().catch((e: Error) => live && setError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, q.asset, q.path, q.hops, path]);

  // draw: a path in a row, a neighbourhood in rings around its centre; an expansion adds nodes beside the node they
  // hang off and lets a force layout settle them while what was drawn keeps its place
  const drawnFor = useRef('');
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    const showPath = !!(q.path && path);
    const mode = showPath ? `path:${path!.id}` : `asset:${q.asset ?? ''}`;
    const fresh = drawnFor.current !== mode || c.nodes().length === 0;
    drawnFor.current = mode;
    const stepOf = new Map(showPath ? path!.steps.map((s, i) => [s.assetId, i + 1]) : []);
    const edges = [...drawn.edges.values()].filter((e) => drawn.nodes.has(e.from) && drawn.nodes.has(e.to));
    const edgeIds = new Set(edges.map(edgeId));
    const added: string[] = [];
    c.batch(() => {
      if (fresh) c.elements().remove();
      c.edges().forEach((e) => { if (!edgeIds.has(e.id())) e.remove(); });
      c.nodes().forEach((n) => { if (!drawn.nodes.has(n.id())) n.remove(); });
      for (const n of drawn.nodes.values()) {
        const el = nodeElement(n, { center: n.id === q.asset, expanded: drawn.expanded.has(n.id), step: stepOf.get(n.id) });
        const existing = c.getElementById(n.id);
        if (existing.nonempty()) {
          existing.data(el.data);
          existing.classes(el.classes as string);
          continue;
        }
        // start beside a drawn neighbour, so the layout moves it a little instead of from nowhere
        const link = edges.find((e) => (e.from === n.id && c.getElementById(e.to).nonempty()) || (e.to === n.id && c.getElementById(e.from).nonempty()));
        const anchor = link ? c.getElementById(link.from === n.id ? link.to : link.from).position() : { x: 0, y: 0 };
        c.add({ ...el, position: { x: anchor.x + (Math.random() - 0.5) * 80, y: anchor.y + (Math.random() - 0.5) * 80 } });
        added.push(n.id);
      }
      for (const e of edges) if (c.getElementById(edgeId(e)).empty()) c.add({ group: 'edges', data: { id: edgeId(e), source: e.from, target: e.to, kind: e.kind } });
    });
    c.nodes().unlock();
    if (showPath) {
      const onPath = new Set(path!.steps.map((s) => s.assetId));
      const pathEdges = new Set(path!.steps.filter((s) => s.via).map((s) => edgeId(s.via!)));
      c.elements().forEach((el: cytoscape.SingularElementReturnValue) => {
        const on = el.group() === 'nodes' ? onPath.has(el.id()) : pathEdges.has(el.id());
        el.toggleClass('on-path', on);
        el.toggleClass('faded', !on);
      });
      if (fresh) {
        const row = new Map(path!.steps.map((s, i) => [s.assetId, { x: i * 190, y: i % 2 ? 50 : -50 }] as const));
        c.layout({ name: 'preset', positions: (n: cytoscape.NodeSingular) => row.get(n.id()) ?? n.position(), fit: true, padding: 40 } as cytoscape.LayoutOptions).run();
      } else if (added.length) {
        // the path keeps its row; what an expansion added settles around it
        c.nodes().filter((n) => onPath.has(n.id())).lock();
        c.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 30 } as cytoscape.LayoutOptions).run();
      }
      return;
    }
    if (!drawn.nodes.size) return;
    if (fresh) {
      c.layout({ name: 'concentric', concentric: (n: cytoscape.NodeSingular) => (n.id() === q.asset ? 10 : 1), levelWidth: () => 1, minNodeSpacing: 40,
        fit: true, padding: 30 } as cytoscape.LayoutOptions).run();
    } else if (added.length) {
      c.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, fit: true, padding: 30 } as cytoscape.LayoutOptions).run();
    }
  }, [drawn, path, q.path, q.asset]);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.$(':selected').unselect();
    if (selected) c.getElementById(selected).select();
  }, [selected, drawn]);

  const expandRef = useRef<(id: string) => Promise<void>>(async () => undefined);
  expandRef.current = expand;
  async function expand(id: string) {
    if (!source) return;
    setBusy(true);
    setError(undefined);
    try {
      const h = await fetchHood(id, 1, EXPAND_NODES);
      setDrawn((d) => {
        const next: Drawn = { nodes: new Map(d.nodes), edges: new Map(d.edges), expanded: new Set(d.expanded).add(id), truncated: d.truncated || h.truncated };
        for (const n of h.nodes) if (!next.nodes.has(n.id) && next.nodes.size < MAX_DRAWN) next.nodes.set(n.id, n);
        for (const e of h.edges) next.edges.set(edgeId(e), e);
        if (h.nodes.some((n) => !next.nodes.has(n.id))) next.truncated = true;
        return next;
      });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  const focusNode = (id: string) => {
    setSelected(id);
    const n = cy.current?.getElementById(id);
    if (n && n.nonempty()) cy.current?.animate({ center: { eles: n }, duration: 200 });
  };

  const sel = selected ? drawn.nodes.get(selected) : undefined;
  const nodeList = [...drawn.nodes.values()].sort((a, b) => (path && q.path ? 0 : a.name.localeCompare(b.name)));

  return (
    <div className="view graph-view">
      <header className="view-head">
        <h1>Graph explorer</h1>
        <p className="muted">{q.path && path ? `Attack path (score ${path.score}): ${path.summary}` : q.asset ? `Neighbourhood of ${drawn.nodes.get(q.asset)?.name ?? q.asset}` : 'Pick an asset or an attack path'}</p>
      </header>
      {!source && (
        <Empty title={scanned.length ? 'Choose a source' : 'Nothing to draw yet'}>
          {scanned.length ? 'The graph belongs to one source: pick it in the Source menu at the top.' : 'Scan a source first (Settings → Sources); its assets and their links appear here.'}
        </Empty>
      )}
      <ErrorNote error={error ?? paths.error} />
      <div className="graph-layout" hidden={!source}>
        <aside className="graph-side">
          <AssetFinder source={source} onPick={(a) => setQ({ asset: a.id, path: undefined }, { push: true })} />
          <Card title="Attack paths">
            {paths.data?.items.length === 0 && <p className="muted">No attack path in the latest scan of {source}.</p>}
            <ol className="path-list" aria-label="Attack paths">
              {paths.data?.items.slice(0, 20).map((p) => (
                <li key={p.id} className={p.id === q.path ? 'selected' : ''}>
                  <Score value={p.score} />
                  <Link to={href('/graph', { source, path: p.id })} aria-current={p.id === q.path ? 'true' : undefined}>{p.summary}</Link>
                </li>
              ))}
            </ol>
          </Card>
        </aside>
        <div className="graph-main">
          <div className="graph-canvas" ref={box} data-testid="graph-canvas" role="img"
            aria-label={`Graph of ${drawn.nodes.size} assets and ${drawn.edges.size} relationships; the node list beside it has the same content`} />
          <div className="graph-status muted small" role="status">
            {drawn.nodes.size} nodes, {drawn.edges.size} edges{drawn.truncated ? ' · some neighbours are not drawn (expand a node, or start from a narrower asset)' : ''}
            {busy ? ' · loading…' : ''} · double-click a node to expand it
          </div>
        </div>
        <aside className="graph-side">
          {sel && (
            <Card title={sel.name}>
              <p><KindBadge kind={sel.kind} /> {sel.provider && <span className="muted">{sel.provider}</span>}</p>
              <p className="small">Owner: {sel.owner ?? <span className="warn">none</span>}</p>
              <div className="button-row">
                <button type="button" onClick={() => void expand(sel.id)} disabled={busy || drawn.expanded.has(sel.id)}>
                  {drawn.expanded.has(sel.id) ? 'Neighbours shown' : 'Expand neighbours'}
                </button>
                <Link className="button" to={href(`/assets/${encodeURIComponent(sel.id)}`, { source })}>Asset page</Link>
                {sel.id !== q.asset && <Link className="button" to={href('/graph', { source, asset: sel.id })}>Centre here</Link>}
              </div>
            </Card>
          )}
          {q.path && path && (
            <Card title="Path steps">
              <ol className="steps">
                {path.steps.map((s, i) => (
                  <li key={s.assetId}>
                    <button type="button" className="link" onClick={() => focusNode(s.assetId)}>{drawn.nodes.get(s.assetId)?.name ?? s.assetId}</button>
                    {s.via && <span className="muted small"> via {s.via.kind}</span>}
                    {i === 0 && <span className="badge">entry: {path.entry.kind}</span>}
                    {i === path.steps.length - 1 && <span className="badge sev-critical">target: {path.target.kind}</span>}
                  </li>
                ))}
              </ol>
              <ul className="reasons small">{path.reasons?.map((r, i) => <li key={i}><b>{r.points >= 0 ? '+' : ''}{r.points}</b> {r.detail}</li>)}</ul>
              <Link to={href('/findings', { source, status: 'open' })}>{path.findings.length} findings on the way →</Link>
            </Card>
          )}
          <Card title={`Nodes (${drawn.nodes.size})`}>
            <ul className="node-list" aria-label="Nodes in the graph">
              {nodeList.slice(0, 300).map((n) => (
                <li key={n.id}>
                  <button type="button" className={`link${n.id === selected ? ' selected' : ''}`} onClick={() => focusNode(n.id)}
                    onKeyDown={(e) => { if (e.key === '+' ) void expand(n.id); }} aria-pressed={n.id === selected}>
                    <span className="dot" style={{ background: kindColor(n.kind) }} aria-hidden="true" />{n.name}
                  </button>
                </li>
              ))}
            </ul>
            {nodeList.length > 300 && <p className="muted small">and {nodeList.length - 300} more</p>}
          </Card>
        </aside>
      </div>
    </div>
  );
}

function AssetFinder({ source, onPick }: { source?: string; onPick(a: AssetSummary): void }) {
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(text.trim()), 200);
    return () => clearTimeout(t);
  }, [text]);
  const found = useGet<Page<AssetSummary>>(source && debounced ? withQuery('/api/assets', { source, q: debounced, limit: 8 }) : null);
  return (
    <Card title="Start from an asset">
      <label htmlFor="graph-search" className="sr-only">Find an asset</label>
      <input id="graph-search" type="search" data-search placeholder="name or key (press /)" value={text} onChange={(e) => setText(e.target.value)} disabled={!source} />
      {debounced && found.data && (
        <ul className="finder" aria-label="Matching assets">
          {found.data.items.length === 0 && <li className="muted">No match.</li>}
          {found.data.items.map((a) => (
            <li key={a.id}><button type="button" className="link" onClick={() => { onPick(a); setText(''); }}><KindBadge kind={a.kind} /> {a.name}</button></li>
          ))}
        </ul>
      )}
    </Card>
  );
}
