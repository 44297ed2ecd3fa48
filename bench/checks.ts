// Checks benchmark: a deterministic graph of 100,000 assets shaped like a large organisation (applications
// with agents, tools, models, libraries, prompts, datasets, MCP servers, secrets, endpoints), then the whole
// built-in library evaluated over it, attack paths enumerated and every finding scored. Prints time and memory;
// `--write` saves bench/results/checks.md.
//   node --import tsx bench/checks.ts [--assets N] [--seed S] [--write]

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { assetId, INTERNET_ID, type Asset, type AssetKind, type Edge, type EdgeKind } from '../src/model/index.js';
import { evaluate, findAttackPaths, GraphIndex, loadChecks, prioritise } from '../src/policy/index.js';
import { fromPackageRoot } from '../src/policy/package-root.js';
import { Rng } from '../src/util/rng.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const TARGET = Number(opt('--assets', '100000'));
const SEED = opt('--seed', 'aispm-checks-1');
const LOAD_AT_START = os.loadavg()[0]!;

const CAPS = ['shell', 'code-execution', 'file-write', 'file-read', 'network', 'email', 'messaging', 'database', 'payments', 'browser'];
const FORMATS = ['pickle', 'pytorch-zip', 'safetensors', 'gguf', 'onnx', 'joblib'];
const PACKAGES: [string, string, string][] = [
  ['pypi', 'torch', '2.5.1'], ['pypi', 'torch', '2.6.0'], ['pypi', 'transformers', '4.47.1'], ['pypi', 'transformers', '4.48.0'],
  ['pypi', 'langchain-core', '0.3.28'], ['pypi', 'langchain-core', '0.3.81'], ['pypi', 'openai', '1.51.2'], ['npm', 'openai', '4.67.0'],
  ['pypi', 'mlflow', '2.16.2'], ['npm', 'ai', '*'],
];

function generate(target: number, seed: string): { assets: Asset[]; edges: Edge[] } {
  const rng = new Rng(seed);
  const assets: Asset[] = [];
  const edges: Edge[] = [];
  const add = (kind: AssetKind, key: string, attrs: Asset['attrs'] = {}, extra: Partial<Asset> = {}): string => {
    const id = assetId(kind, key);
    assets.push({ id, kind, key, name: key.split(/[#/]/).pop()!, attrs, evidence: [{ file: key.split('#')[0], line: 1, collector: 'bench' }], tags: [], ...extra });
    return id;
  };
  const link = (from: string, kind: EdgeKind, to: string) => edges.push({ from, kind, to });
  const pick = <T>(xs: readonly T[]) => xs[rng.int(0, xs.length - 1)]!;
  const chance = (p: number) => rng.chance(p);

  add('network', 'internet');
  const models = Array.from({ length: 200 }, (_, i) =>
    add('model', `huggingface/org${i}/model`, { pinned: chance(0.5), trustRemoteCode: chance(0.1) }, { provider: 'huggingface' }),
  );
  const libs = PACKAGES.map(([eco, pkg, v]) => add('library', `${eco}:${pkg}@${v}`, { ecosystem: eco, package: pkg, version: v }));
  for (let app = 0; assets.length < target; app++) {
    const root = `repo${app}`;
    const appId = add('application', root, chance(0.2) ? { unsafeLoads: [{ file: `${root}/train.py`, line: 3, loader: 'torch.load', target: 'x.pt' }] } : {}, chance(0.8) ? { owner: '@team' } : {});
    if (chance(0.1)) link(INTERNET_ID, 'exposes', appId);
    for (const l of [pick(libs), pick(libs), pick(libs)]) link(appId, 'depends-on', l);
    const ds = add('dataset', `${root}/data.csv`, chance(0.3) ? { piiTypes: ['email'] } : {}, chance(0.2) ? { sensitivity: 'restricted' } : {});
    link(ds, 'defined-in', appId);
    const vs = add('vector-store', `chroma:${root}`, { product: 'chroma', authenticated: !chance(0.2) }, chance(0.1) ? { tags: ['untrusted'] } : {});
    for (let a = 0; a < rng.int(1, 3); a++) {
      const agent = add('agent', `${root}/agent${a}.py#agent`, { humanApproval: chance(0.3) });
      link(agent, 'defined-in', appId);
      link(agent, 'uses-model', pick(models));
      if (chance(0.5)) link(agent, 'retrieves-from', vs);
      for (let t = 0; t < rng.int(1, 5); t++) {
        const tool = add('tool', `${root}/agent${a}.py#tool${t}`, { capabilities: [pick(CAPS)], sqlStringFormatting: chance(0.05) });
        link(agent, 'has-tool', tool);
        if (chance(0.2)) link(tool, 'retrieves-from', ds);
      }
      const prompt = add('prompt', `${root}/prompts/p${a}.md`, { role: 'system', variables: chance(0.3) ? ['q'] : [], preview: 'You are a helpful assistant.' });
      link(agent, 'uses-prompt', prompt);
    }
    const mf = add('model-file', `${root}/model.${rng.int(0, 9)}`, { format: pick(FORMATS), importsGlobals: chance(0.5), globals: chance(0.02) ? ['posix.system'] : ['collections.OrderedDict'] });
    link(mf, 'defined-in', appId);
    const mcp = add('mcp-server', `${root}|npx server`, { pinned: chance(0.6), remote: chance(0.2), insecureTransport: chance(0.05), inlineSecrets: chance(0.05) ? ['TOKEN'] : [] });
    link(mcp, 'defined-in', appId);
    const secret = add('secret', `env:KEY_${app}`, { hasValue: chance(0.4), placeholder: chance(0.5), definedIn: [`${root}/.env`] });
    link(secret, 'defined-in', appId);
    if (chance(0.05)) link(models[app % models.length]!, 'trains-on', ds);
  }
  return { assets, edges };
}

const mb = (n: number) => Math.round(n / (1024 * 1024));
const t0 = performance.now();
const graph = generate(TARGET, SEED);
const tGen = performance.now();
const set = loadChecks();
const tLoad = performance.now();
global.gc?.();
const before = process.memoryUsage();
const index = new GraphIndex(graph);
const tIndex = performance.now();
// CPU time beside wall time: on a shared machine the wall clock also counts waiting for a core
const cpu0 = process.cpuUsage();
const result = evaluate(graph, set, { graph: index });
const tEval = performance.now();
const cpuEval = process.cpuUsage(cpu0);
const afterEval = process.memoryUsage();
const cpu1 = process.cpuUsage();
const attack = findAttackPaths(index, { findings: result.findings });
const tPaths = performance.now();
const cpuPaths = process.cpuUsage(cpu1);
const cpu2 = process.cpuUsage();
prioritise(result.findings, index, attack.paths);
const tScore = performance.now();
const cpuScore = process.cpuUsage(cpu2);
const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);
const after = process.memoryUsage();
const onPath = result.findings.filter((f) => f.pathId).length;
const scores = result.findings.map((f) => f.score).sort((a, b) => a - b);
const pct = (p: number) => scores[Math.min(scores.length - 1, Math.floor(p * scores.length))] ?? 0;

const rows: [string, string][] = [
  ['assets / edges', `${graph.assets.length.toLocaleString('en')} / ${graph.edges.length.toLocaleString('en')}`],
  ['checks', String(set.checks.length)],
  ['generate graph', `${Math.round(tGen - t0)} ms`],
  ['load + compile checks', `${Math.round(tLoad - tGen)} ms`],
  ['build graph index', `${Math.round(tIndex - tLoad)} ms`],
  ['evaluate all checks (incl. reachability)', `${Math.round(tEval - tIndex)} ms (CPU ${cpuMs(cpuEval)} ms)`],
  ['findings', result.findings.length.toLocaleString('en')],
  ['evaluation problems', String(result.problems.length)],
  ['heap used after checks / growth', `${mb(afterEval.heapUsed)} MB / ${mb(afterEval.heapUsed - before.heapUsed)} MB`],
  ['attack paths: entries / crown jewels', `${attack.entries.toLocaleString('en')} / ${attack.targets.toLocaleString('en')}`],
  ['attack paths: found / kept (cap) / truncated', `${attack.candidates.toLocaleString('en')} / ${attack.paths.length} / ${attack.truncated ? 'yes' : 'no'}`],
  ['find attack paths', `${Math.round(tPaths - tEval)} ms (CPU ${cpuMs(cpuPaths)} ms)`],
  ['score findings (context + paths)', `${Math.round(tScore - tPaths)} ms (CPU ${cpuMs(cpuScore)} ms)`],
  ['findings on a kept path', onPath.toLocaleString('en')],
  ['score p10 / p50 / p90 / max', `${pct(0.1)} / ${pct(0.5)} / ${pct(0.9)} / ${scores.at(-1) ?? 0}`],
  ['heap used after paths + scores / growth', `${mb(after.heapUsed)} MB / ${mb(after.heapUsed - afterEval.heapUsed)} MB`],
  ['RSS after', `${mb(after.rss)} MB`],
];
for (const [k, v] of rows) console.log(`${k.padEnd(46)} ${v}`);
if (result.problems.length) console.error(result.problems);

if (args.includes('--write')) {
  const md = [
    '# Checks benchmark',
    '',
    `\`node --import tsx bench/checks.ts --write\` (seed \`${SEED}\`): a deterministic graph of ${TARGET.toLocaleString('en')} assets, every built-in check evaluated over it, then attack paths enumerated and every finding scored with its context.`,
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${LOAD_AT_START.toFixed(1)} at the start. Measured ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ].join('\n');
  writeFileSync(fromPackageRoot('bench', 'results', 'checks.md'), md);
  console.log('wrote bench/results/checks.md');
}
