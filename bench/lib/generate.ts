// Plans and writes the benchmark tree: many repositories of ordinary code with some AI projects among
// them, then model files and datasets sized so the tree reaches the requested total. Every byte comes
// from a PRNG seeded by (seed, path), so the same options always give the same tree.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aiSource, type AiLanguage } from './code-ai.js';
import { plainBlocks, plainSource, type PlainLanguage } from './code-plain.js';
import { csvDataset, envExample, envFile, jsonlDataset, MCP_PATHS, mcpConfig, notebook, PROMPT_KINDS, promptFile } from './files-ai.js';
import { compose, doc, dockerfile, goMod, k8s, packageJson, pomXml, pyproject, readme, requirements, terraform } from './files-project.js';
import { ggufBytes, MODEL_EXTENSIONS, npyBytes, onnxBytes, pickleBytes, pytorchZip, safetensorsBytes, type ModelFormat } from './model-files.js';
import { Rng } from '../../src/util/rng.js';
import type { PlantedText } from './text-builder.js';
import { GENERATOR_VERSION, TruthRecorder, type Truth } from './truth.js';
import { noun, snake, TEAMS } from './words.js';

export interface GenOptions {
  out: string;
  files: number;
  mb: number;
  seed: number;
}

export const DEFAULTS = { files: 50_000, mb: 600, seed: 1 } as const;
export const QUICK = { files: 2_000, mb: 20, seed: 1 } as const;

const KB = 1024;
const MB = 1024 * 1024;
const MODEL_CAP = 40 * MB;
const DATASET_CAP = 24 * MB;

// The modules whose code decides the tree's bytes: a change to any of them makes old trees stale even
// when nobody remembered to bump GENERATOR_VERSION.
const GENERATOR_SOURCES = ['../../src/util/rng', 'text-builder', 'model-pool', 'words', 'code-plain', 'code-ai', 'files-project', 'files-ai', 'model-files', 'truth', 'generate'];

/** The stamp recorded in truth.json: the manual version plus a hash of the generator's source. */
export function generatorStamp(): string {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const f of GENERATOR_SOURCES) h.update(readFileSync(path.join(dir, `${f}.ts`)));
  return `${GENERATOR_VERSION}+${h.digest('hex').slice(0, 12)}`;
}

/** truth.json sits beside the tree (so give each tree its own parent folder). */
export function truthPath(out: string): string {
  return path.join(path.dirname(path.resolve(out)), 'truth.json');
}

/** The stored truth when the tree on disk was made by this generator version with these options. */
export function existingTree(opts: GenOptions): Truth | undefined {
  const tp = truthPath(opts.out);
  if (!existsSync(opts.out) || !existsSync(tp)) return undefined;
  try {
    const t = JSON.parse(readFileSync(tp, 'utf8')) as Truth;
    const g = t.generator;
    return g.version === generatorStamp() && g.seed === opts.seed && g.files === opts.files && g.mb === opts.mb ? t : undefined;
  } catch {
    return undefined;
  }
}

type Category = 'plain-code' | 'ai-code' | 'docs' | 'manifests' | 'lockfiles' | 'iac' | 'env' | 'mcp' | 'prompts' | 'notebooks' | 'model-files' | 'datasets';

interface BigSlot {
  rel: string;
  kind: 'model' | 'dataset';
  format: ModelFormat | 'csv' | 'jsonl';
  /** Small slots keep a KB-scale size; the others share what is left of the byte budget. */
  small: boolean;
  weight: number;
}

/** Writes files and keeps the counts; truth is fed from the builders' plants. */
class TreeWriter {
  files = 0;
  bytes = 0;
  readonly byCategory: Record<string, { files: number; bytes: number }> = {};
  readonly truth = new TruthRecorder();
  private dirs = new Set<string>();

  constructor(readonly root: string) {}

  write(rel: string, content: string | Buffer | PlantedText, category: Category): void {
    const abs = path.join(this.root, rel);
    const dir = path.dirname(abs);
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    let data: string | Buffer;
    if (typeof content === 'string' || Buffer.isBuffer(content)) data = content;
    else {
      data = content.toString();
      this.truth.addModels(rel, content.context, content.models);
      this.truth.addDecoys(rel, content.decoys);
    }
    writeFileSync(abs, data);
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    this.files++;
    this.bytes += size;
    const c = (this.byCategory[category] ??= { files: 0, bytes: 0 });
    c.files++;
    c.bytes += size;
  }
}

const LANGS: ReadonlyArray<readonly [PlainLanguage, number]> = [
  ['python', 35],
  ['typescript', 25],
  ['javascript', 8],
  ['go', 15],
  ['java', 17],
];

const AI_REPO_LANGS: PlainLanguage[] = ['python', 'typescript', 'python', 'javascript', 'python', 'typescript', 'go', 'java'];

const SOURCE_EXT: Record<PlainLanguage, string> = { python: 'py', typescript: 'ts', javascript: 'js', go: 'go', java: 'java' };
const AI_FILE_NAMES = ['assistant', 'agent', 'rag', 'embeddings', 'classifier', 'router', 'summariser', 'triage', 'copilot', 'extractor'];
const AREAS = ['api', 'core', 'db', 'jobs', 'handlers', 'services', 'domain', 'utils', 'clients', 'workers'];

export async function generateTree(opts: GenOptions, log: (msg: string) => void = () => {}): Promise<Truth> {
  const found = existingTree(opts);
  if (found) {
    log(`tree up to date (generator ${found.generator.version}, seed ${opts.seed}): ${found.tree.files} files, ${(found.tree.bytes / MB).toFixed(0)} MB`);
    return found;
  }
  const t0 = performance.now();
  rmSync(opts.out, { recursive: true, force: true });
  rmSync(truthPath(opts.out), { force: true });
  mkdirSync(opts.out, { recursive: true });
  const w = new TreeWriter(opts.out);
  aiCounter = { python: 0, typescript: 0, javascript: 0, go: 0 };
  const master = new Rng(`aispm-bench:${opts.seed}`);
  const slots: BigSlot[] = [];

  for (let i = 0; w.files + slots.length < opts.files; i++) {
    const remaining = opts.files - w.files - slots.length;
    writeRepo(master.fork(`repo:${i}`), i, w, slots, remaining);
    if (i % 50 === 49) log(`  ${w.files} files, ${(w.bytes / MB).toFixed(0)} MB`);
  }
  writeBigFiles(master, w, slots, opts.mb * MB - w.bytes);

  const truth: Truth = {
    generator: { version: generatorStamp(), seed: opts.seed, files: opts.files, mb: opts.mb },
    tree: { files: w.files, bytes: w.bytes, byCategory: sortKeys(w.byCategory) },
    ...w.truth.result(),
  };
  // Written last: a tree without its truth.json is an interrupted one and is regenerated.
  writeFileSync(truthPath(opts.out), JSON.stringify(truth, null, 2) + '\n');
  log(`generated ${w.files} files, ${(w.bytes / MB).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return truth;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One repository; `budget` is how many files the tree still needs (the last repo is cut to fit). */
function writeRepo(rng: Rng, index: number, w: TreeWriter, slots: BigSlot[], budget: number): void {
  const ai = index % 5 === 1; // one repository in five builds AI features
  // AI repositories take their language in turn, so that even a small tree has AI code in each.
  const lang = ai ? AI_REPO_LANGS[((index - 1) / 5) % AI_REPO_LANGS.length] : rng.weighted(LANGS);
  const infra = index % 10 === 5;
  const name = `${rng.pick(TEAMS)}-${noun(rng)}-${rng.pick(['service', 'api', 'worker', 'lib', 'app'])}-${index}`;
  const root = `${rng.pick(['services', 'libs', 'apps', 'platform'])}/${name}`;
  const pkg = snake(noun(rng), String(index));
  const fileRng = (rel: string) => rng.fork(rel);
  let left = Math.min(budget, rng.logUniform(20, 400));
  const put = (rel: string, content: string | Buffer | PlantedText, cat: Category) => {
    if (left <= 0) return;
    w.write(`${root}/${rel}`, content, cat);
    left--;
  };

  put('README.md', readme(fileRng('README.md'), name, ai), 'docs');
  if (lang === 'python') {
    if (rng.chance(0.5)) put('requirements.txt', requirements(fileRng('req'), ai), 'manifests');
    else put('pyproject.toml', pyproject(fileRng('pyproject'), name, ai), 'manifests');
  } else if (lang === 'typescript' || lang === 'javascript') {
    const { manifest, lock } = packageJson(fileRng('package.json'), name, ai);
    put('package.json', manifest, 'manifests');
    put('package-lock.json', lock, 'lockfiles');
  } else if (lang === 'go') {
    const { mod, sum } = goMod(fileRng('go.mod'), name);
    put('go.mod', mod, 'manifests');
    put('go.sum', sum, 'lockfiles');
  } else put('pom.xml', pomXml(fileRng('pom'), name), 'manifests');
  if (rng.chance(0.7)) put('Dockerfile', dockerfile(lang), 'iac');
  if (infra || rng.chance(0.3)) put('deploy/k8s.yaml', k8s(fileRng('k8s'), name, ai), 'iac');
  if (rng.chance(0.25)) put('docker-compose.yml', compose(fileRng('compose'), name, ai), 'iac');
  if (infra) for (const f of ['main.tf', 'network.tf', 'data.tf']) put(`terraform/${f}`, terraform(fileRng(f), `${name}-${f.split('.')[0]}`, ai && f === 'main.tf'), 'iac');

  if (ai) writeAiParts(rng, root, lang, pkg, put, slots, () => left, (n) => (left -= n));

  // The bulk: ordinary source files and a few docs.
  const ext = SOURCE_EXT[lang];
  for (let k = 0; left > 0; k++) {
    if (rng.chance(0.08)) {
      const rel = `docs/${noun(rng)}-${k}.md`;
      put(rel, doc(fileRng(rel), rng.logUniform(KB, 12 * KB)), 'docs');
      continue;
    }
    const area = rng.pick(AREAS);
    const base = `${noun(rng)}_${k}`;
    const rel =
      lang === 'python' ? `src/${pkg}/${area}/${base}.py`
      : lang === 'go' ? `internal/${area}/${base}.go`
      : lang === 'java' ? `src/main/java/com/example/${pkg}/${area}/${base}.java`
      : `src/${area}/${base}.${ext}`;
    put(rel, plainSource(fileRng(rel), lang, rng.logUniform(KB, 30 * KB), area), 'plain-code');
  }
}

type Put = (rel: string, content: string | Buffer | PlantedText, cat: Category) => void;

/** Per-language template counters, so that every AI template appears even in a small tree. */
let aiCounter: Record<AiLanguage, number> = { python: 0, typescript: 0, javascript: 0, go: 0 };

function writeAiParts(rng: Rng, root: string, lang: PlainLanguage, pkg: string, put: Put, slots: BigSlot[], left: () => number, reserve: (n: number) => void): void {
  const aiLang: AiLanguage = lang === 'java' ? 'python' : lang;
  const padLang: PlainLanguage = aiLang === 'go' ? 'go' : aiLang;
  const ext = SOURCE_EXT[padLang];
  const count = rng.int(3, 10);
  for (let k = 0; k < count; k++) {
    const rel = aiLang === 'python' ? `src/${pkg}/ai/${AI_FILE_NAMES[k]}.py` : aiLang === 'go' ? `internal/assistant/${AI_FILE_NAMES[k]}.go` : `src/ai/${AI_FILE_NAMES[k]}.${ext}`;
    const frng = rng.fork(rel);
    const b = aiSource(frng, aiLang, aiCounter[aiLang]++);
    if (aiLang !== 'go') plainBlocks(frng, padLang, b, frng.logUniform(2 * KB, 14 * KB));
    put(rel, b, 'ai-code');
  }
  put('.env.example', envExample(rng.fork('.env.example')), 'env');
  if (rng.chance(0.3)) put('.env', envFile(rng.fork('.env')), 'env');
  if (rng.chance(0.6)) {
    const p = rng.pick(MCP_PATHS);
    put(p, mcpConfig(rng.fork(p), p), 'mcp');
  }
  for (let k = 0; k < rng.int(2, 6); k++) {
    const kind = PROMPT_KINDS[k % PROMPT_KINDS.length];
    const rel = `prompts/${noun(rng)}-${k}.${kind === 'txt' ? 'system.txt' : kind === 'md' ? 'prompt.md' : kind}`;
    put(rel, promptFile(rng.fork(rel), kind), 'prompts');
  }
  for (let k = 0; k < rng.int(1, 3); k++) {
    const rel = `notebooks/${noun(rng)}-exploration-${k}.ipynb`;
    const nrng = rng.fork(rel);
    put(rel, notebook(nrng, nrng.logUniform(20 * KB, 300 * KB)), 'notebooks');
  }
  // Model files and datasets are written last, once the byte budget left for them is known.
  const formats = Object.keys(MODEL_EXTENSIONS) as ModelFormat[];
  const n = Math.min(Math.max(0, left() - 2), rng.int(1, 4));
  for (let k = 0; k < n; k++) {
    const format = rng.pick(formats);
    const ext2 = rng.pick(MODEL_EXTENSIONS[format]);
    slots.push({ rel: `${root}/models/${noun(rng)}-${k}.${ext2}`, kind: 'model', format, small: rng.chance(0.35), weight: rng.logUniform(1, 1000) });
  }
  const d = Math.min(Math.max(0, left() - n - 1), rng.int(1, 2));
  for (let k = 0; k < d; k++) {
    const format = rng.chance(0.5) ? 'csv' : 'jsonl';
    slots.push({ rel: `${root}/data/${noun(rng)}-${k}.${format}`, kind: 'dataset', format, small: rng.chance(0.3), weight: rng.logUniform(1, 1000) });
  }
  reserve(n + d);
}

/** Sizes the deferred model files and datasets to use `budget` bytes (within per-file caps), then writes them. */
function writeBigFiles(master: Rng, w: TreeWriter, slots: BigSlot[], budget: number): void {
  const cap = (s: BigSlot) => (s.kind === 'model' ? MODEL_CAP : DATASET_CAP);
  const sizes = new Map<BigSlot, number>();
  for (const s of slots) if (s.small || budget <= 0) sizes.set(s, master.fork(`size:${s.rel}`).logUniform(4 * KB, 512 * KB));
  const big = slots.filter((s) => !sizes.has(s));
  let left = budget - [...sizes.values()].reduce((a, b) => a + b, 0);
  // Water-filling: share what is left by weight; files that hit their cap pass the rest on.
  let open = big.slice();
  while (open.length && left > 0) {
    const totalWeight = open.reduce((a, s) => a + s.weight, 0);
    const next: BigSlot[] = [];
    let used = 0;
    for (const s of open) {
      const want = Math.floor((left * s.weight) / totalWeight);
      const size = Math.min(cap(s), (sizes.get(s) ?? 0) + want);
      used += size - (sizes.get(s) ?? 0);
      sizes.set(s, size);
      if (size < cap(s)) next.push(s);
    }
    left -= used;
    if (used === 0) break;
    open = next;
  }
  for (const s of big) if (!sizes.has(s) || sizes.get(s)! < 4 * KB) sizes.set(s, 4 * KB);
  for (const s of slots) {
    const rng = master.fork(`file:${s.rel}`);
    const size = sizes.get(s)!;
    if (s.kind === 'dataset') w.write(s.rel, s.format === 'csv' ? csvDataset(rng, size) : jsonlDataset(rng, size), 'datasets');
    else w.write(s.rel, modelFile(rng, s.format as ModelFormat, size), 'model-files');
  }
}

function modelFile(rng: Rng, format: ModelFormat, size: number): Buffer {
  switch (format) {
    case 'pickle':
      return pickleBytes(rng, size, rng.pick(['sklearn.linear_model._logistic.LogisticRegression', 'sklearn.ensemble._forest.RandomForestClassifier', 'xgboost.sklearn.XGBClassifier']), rng.chance(0.15));
    case 'pytorch':
      return pytorchZip(rng, size);
    case 'safetensors':
      return safetensorsBytes(rng, size, rng.pick(['LlamaForCausalLM', 'BertModel', 'MistralForCausalLM']));
    case 'gguf':
      return ggufBytes(rng, size, rng.pick(['llama', 'qwen2', 'phi3']), 'Acme Tuned 8B', rng.pick(['Q4_K_M', 'Q8_0']));
    case 'onnx':
      return onnxBytes(rng, size, 'main_graph');
    case 'npy':
      return npyBytes(rng, size);
  }
}
