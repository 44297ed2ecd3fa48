import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { dotQuote, graphView, mermaidText, renderDot, renderGraphJson, renderMermaid } from './graph.js';
import { TRICKY, idOf, sampleReport } from './testdata/sample-report.js';
import { assetId, type Asset, type Edge, type Report } from '../model/index.js';

const report = sampleReport();
const mermaidId = (id: string) => `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;

test('graph JSON: every asset and edge, with the listed fields, in a stable order', () => {
  const g = JSON.parse(renderGraphJson(report)) as ReturnType<typeof graphView>;
  assert.equal(g.nodes.length, report.assets.length);
  assert.equal(g.edges.length, report.edges.length);
  const gpt = g.nodes.find((n) => n.id === idOf('gpt4o'));
  assert.deepEqual(gpt, { id: idOf('gpt4o'), kind: 'model', name: 'gpt-4o', provider: 'openai', owner: '@acme/support' });
  const ep = g.nodes.find((n) => n.id === idOf('endpoint'));
  assert.deepEqual(ep, { id: idOf('endpoint'), kind: 'endpoint', name: 'chat endpoint', owner: '@acme/platform', environment: 'production' });
  assert.ok(g.edges.some((e) => e.from === idOf('agent') && e.to === idOf('tool') && e.kind === 'has-tool'));
  assert.ok(g.edges.some((e) => e.from === idOf('internet') && e.to === idOf('endpoint') && e.kind === 'exposes'));
  // stable: shuffling the report changes nothing
  const shuffled: Report = { ...report, assets: [...report.assets].reverse(), edges: [...report.edges].reverse() };
  assert.equal(renderGraphJson(shuffled), renderGraphJson(report));
  assert.equal(g.nodes[0]!.kind, 'application');
  assert.equal(g.nodes.at(-1)!.kind, 'network');
});

test('graph view drops duplicate assets and edges whose ends are unknown', () => {
  const extra: Edge = { from: idOf('agent'), to: 'model:doesnotexist', kind: 'uses-model' };
  const r: Report = { ...report, assets: [...report.assets, report.assets[3]!], edges: [...report.edges, report.edges[0]!, extra] };
  const g = graphView(r);
  assert.equal(g.nodes.length, report.assets.length);
  assert.equal(g.edges.length, report.edges.length);
});

test('DOT quoting escapes quotes, backslashes and newlines', () => {
  assert.equal(dotQuote(TRICKY.agent), '"support \\"helper\\" [beta]"');
  assert.equal(dotQuote(TRICKY.tool), '"run|shell {cmd} C:\\\\tools\\\\x"');
  assert.equal(dotQuote(TRICKY.prompt), '"system prompt\\nline two (v2); #1 & <b>"');
  assert.equal(dotQuote('a\r\nb'), '"a\\nb"');
});

test('DOT: one styled node per asset with "name\\n(kind)" labels, every edge labelled', () => {
  const dot = renderDot(report);
  const lines = dot.split('\n');
  assert.equal(lines[0], 'digraph aispm {');
  assert.ok(lines.includes(`  "${idOf('agent')}" [label="support \\"helper\\" [beta]\\n(agent)", shape=doubleoctagon, fillcolor="#c7d2fe"];`));
  assert.ok(lines.includes(`  "${idOf('tool')}" [label="run|shell {cmd} C:\\\\tools\\\\x\\n(tool)", shape=invhouse, fillcolor="#ddd6fe"];`));
  assert.ok(lines.includes(`  "${idOf('prompt')}" [label="system prompt\\nline two (v2); #1 & <b>\\n(prompt)", shape=note, fillcolor="#fef9c3"];`));
  assert.ok(lines.includes(`  "${idOf('bucket')}" [label="acme-ml\\n(storage)", shape=cylinder, fillcolor="#d1fae5"];`));
  for (const e of report.edges) assert.ok(lines.includes(`  "${e.from}" -> "${e.to}" [label="${e.kind}"];`), `${e.from} -${e.kind}-> ${e.to}`);
  assert.equal(lines.filter((l) => l.includes(' -> ')).length, report.edges.length);
  assert.equal(lines.filter((l) => / \[label=.*shape=/.test(l)).length, report.assets.length);
});

/** DOT escString as Graphviz draws it: `\\` is a backslash, `\n` a line break, `\"` a quote. */
function drawnLabel(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

test('DOT is read back by real Graphviz with the original names and all edges', async () => {
  const gv = await Graphviz.load();
  const parsed = JSON.parse(gv.layout(renderDot(report), 'json', 'dot')) as {
    objects: Array<{ _gvid: number; name: string; label: string }>;
    edges?: Array<{ tail: number; head: number; label: string }>;
  };
  assert.equal(parsed.objects.length, report.assets.length);
  const byName = new Map(parsed.objects.map((o) => [o.name, o]));
  for (const a of report.assets) assert.equal(drawnLabel(byName.get(a.id)!.label), `${a.name}\n(${a.kind})`, a.id);
  const drawn = new Set((parsed.edges ?? []).map((e) => `${parsed.objects[e.tail]!.name}|${e.label}|${parsed.objects[e.head]!.name}`));
  assert.equal(drawn.size, report.edges.length);
  for (const e of report.edges) assert.ok(drawn.has(`${e.from}|${e.kind}|${e.to}`));
});

test('Mermaid text escaping: quotes, brackets, pipes, entity characters and newlines', () => {
  assert.equal(mermaidText(TRICKY.agent), 'support #quot;helper#quot; #91;beta#93;');
  assert.equal(mermaidText(TRICKY.tool), 'run#124;shell #123;cmd#125; C:\\tools\\x');
  assert.equal(mermaidText(TRICKY.prompt), 'system prompt<br/>line two #40;v2#41;#59; #35;1 #amp; #lt;b#gt;');
  assert.equal(mermaidText('a\r\nb`c'), 'a<br/>b#96;c');
});

test('Mermaid: flowchart LR, safe ids, shaped and classed nodes, every edge labelled', () => {
  const mmd = renderMermaid(report);
  const lines = mmd.split('\n');
  assert.equal(lines[0], 'flowchart LR');
  const agent = mermaidId(idOf('agent'));
  assert.match(agent, /^n_agent_[0-9a-f]{16}$/);
  assert.ok(lines.includes(`  ${agent}("support #quot;helper#quot; #91;beta#93;<br/>(agent)"):::k_agent`));
  assert.ok(lines.includes(`  ${mermaidId(idOf('tool'))}[/"run#124;shell #123;cmd#125; C:\\tools\\x<br/>(tool)"\\]:::k_tool`));
  assert.ok(lines.includes(`  ${mermaidId(idOf('kb'))}[("Support #124; FAQ #lt;b#gt;<br/>(knowledge-base)")]:::k_knowledge_base`));
  assert.ok(lines.includes(`  ${mermaidId(idOf('openai'))}{{"OpenAI<br/>(ai-service)"}}:::k_ai_service`));
  assert.ok(lines.includes(`  ${mermaidId(idOf('internet'))}((("internet<br/>(network)"))):::k_network`));
  for (const e of report.edges) assert.ok(lines.includes(`  ${mermaidId(e.from)} -->|"${e.kind}"| ${mermaidId(e.to)}`), `${e.from} -${e.kind}-> ${e.to}`);
  assert.equal(lines.filter((l) => l.includes(' -->|')).length, report.edges.length);
  assert.ok(lines.includes('  classDef k_ai_service fill:#fde68a,stroke:#374151'));
  // no raw label-breaking character survives inside any label
  for (const l of lines.filter((x) => x.includes(':::'))) {
    const label = l.slice(l.indexOf('"') + 1, l.lastIndexOf('<br/>('));
    assert.doesNotMatch(label, /["|[\]{}()\n]/, l);
  }
});

test('Mermaid ids stay unique when sanitising makes two ids equal', () => {
  const mk = (id: string, name: string): Asset => ({ id, kind: 'tool', key: name, name, attrs: {}, evidence: [], tags: [] });
  const r: Report = { ...report, assets: [mk('tool:a-b', 'one'), mk('tool:a_b', 'two')], edges: [{ from: 'tool:a-b', to: 'tool:a_b', kind: 'derived-from' }] };
  const lines = renderMermaid(r).split('\n');
  assert.ok(lines.includes('  n_tool_a_b[/"one<br/>(tool)"\\]:::k_tool'));
  assert.ok(lines.includes('  n_tool_a_b_2[/"two<br/>(tool)"\\]:::k_tool'));
  assert.ok(lines.includes('  n_tool_a_b -->|"derived-from"| n_tool_a_b_2'));
});

test('large graphs render in linear size and time', () => {
  const n = 10_000;
  const assets: Asset[] = [];
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) {
    const id = assetId('model', `m${i}`);
    assets.push({ id, kind: 'model', key: `m${i}`, name: `model "${i}" [x]`, attrs: {}, evidence: [], tags: [] });
    if (i > 0) edges.push({ from: assets[i - 1]!.id, to: id, kind: 'fine-tunes-from' });
  }
  const big: Report = { ...report, assets, edges };
  const started = Date.now();
  const dot = renderDot(big);
  const mmd = renderMermaid(big);
  const json = renderGraphJson(big);
  assert.ok(Date.now() - started < 5000, 'renders 10k nodes in well under 5 s');
  for (const out of [dot, mmd, json]) assert.ok(out.length < 250 * (assets.length + edges.length), `${out.length} bytes`);
  assert.equal(mmd.split('\n').filter((l) => l.startsWith('  classDef')).length, 1, 'styling lines do not grow with the graph');
});
