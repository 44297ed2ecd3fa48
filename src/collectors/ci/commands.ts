// What shell commands do with AI: train, evaluate, deploy, publish or download models, install AI
// packages. Shared by the CI collector (run steps and scripts) and the Dockerfile collector (RUN).
// Commands are read as text and split into simple commands; nothing is executed.

import { recogniseModelId } from '../../model/index.js';
import { lookupPackage, type CatalogueEntry } from '../catalogue.js';
import { modelArguments, splitWords } from '../dockerfile/container.js';

export type Purpose = 'train' | 'evaluate' | 'deploy' | 'publish-model' | 'download-model';

export interface ModelRef {
  provider: string;
  id: string;
  task?: string;
  via: string;
  line?: number;
}

export interface CommandFacts {
  purposes: Set<Purpose>;
  /** The tools that showed each purpose (`huggingface-cli upload`, `python train.py`). */
  tools: Set<string>;
  models: ModelRef[];
  packages: Array<{ name: string; version?: string; entry: CatalogueEntry; line?: number }>;
  /** Python scripts run, as written. */
  scripts: string[];
  /** Manifests or charts applied to a cluster (`kubectl apply -f x.yaml`) and Dockerfiles built. */
  manifests: Array<{ path: string; line?: number }>;
  /** Object-store locations the commands name (`s3://bucket/data`, `gs://...`). */
  uris: Array<{ uri: string; line?: number }>;
}

export function emptyFacts(): CommandFacts {
  return { purposes: new Set(), tools: new Set(), models: [], packages: [], scripts: [], manifests: [], uris: [] };
}

/** Script names and module names that say what a python run is for. */
const SCRIPT_PURPOSE: Array<[RegExp, Purpose]> = [
  [/(?:^|[/_.-])(?:train|training|finetune|fine_tune|fine-tune|pretrain|sft|dpo)(?:[/_.-]|$)/i, 'train'],
  [/(?:^|[/_.-])(?:eval|evaluate|evaluation|evals|benchmark|red_team|redteam)(?:[/_.-]|$)/i, 'evaluate'],
  [/(?:^|[/_.-])(?:deploy|serve|register_model|publish|push_to_hub)(?:[/_.-]|$)/i, 'deploy'],
];

/** `<tool> <sub-command>` pairs (the sub-command `*` matches any) with the purpose they show. */
const TOOL_PURPOSE: Array<[string, string, Purpose]> = [
  ['accelerate', 'launch', 'train'],
  ['torchrun', '*', 'train'],
  ['deepspeed', '*', 'train'],
  ['llamafactory-cli', 'train', 'train'],
  ['axolotl', 'train', 'train'],
  ['tune', 'run', 'train'],
  ['autotrain', '*', 'train'],
  ['dvc', 'repro', 'train'],
  ['mlflow', 'run', 'train'],
  ['mlflow', 'models', 'deploy'],
  ['mlflow', 'deployments', 'deploy'],
  ['huggingface-cli', 'upload', 'publish-model'],
  ['hf', 'upload', 'publish-model'],
  ['huggingface-cli', 'download', 'download-model'],
  ['hf', 'download', 'download-model'],
  ['ollama', 'pull', 'download-model'],
  ['ollama', 'create', 'publish-model'],
  ['ollama', 'push', 'publish-model'],
  ['modal', 'deploy', 'deploy'],
  ['cog', 'push', 'deploy'],
  ['bentoml', 'deploy', 'deploy'],
  ['bentoml', 'containerize', 'deploy'],
  ['promptfoo', 'eval', 'evaluate'],
  ['lm_eval', '*', 'evaluate'],
  ['lm-eval', '*', 'evaluate'],
  ['deepeval', 'test', 'evaluate'],
  ['inspect', 'eval', 'evaluate'],
  ['garak', '*', 'evaluate'],
];

/** Cloud CLIs: `<tool> <service> <verb>`; the verb pattern decides the purpose. */
const CLOUD_PURPOSE: Array<[string, string, RegExp, Purpose]> = [
  ['aws', 'sagemaker', /^create-training-job$|^create-hyper-parameter-tuning-job$/, 'train'],
  ['aws', 'sagemaker', /^(?:create|update)-(?:endpoint|endpoint-config|model)$/, 'deploy'],
  ['aws', 'bedrock', /^create-model-customization-job$/, 'train'],
  ['gcloud', 'ai', /^custom-jobs$|^hp-tuning-jobs$/, 'train'],
  ['gcloud', 'ai', /^endpoints$|^models$/, 'deploy'],
  ['az', 'ml', /^job$/, 'train'],
  ['az', 'ml', /^online-(?:endpoint|deployment)$|^model$/, 'deploy'],
];

const DEPLOY_TOOLS: Array<[string, RegExp]> = [
  ['kubectl', /^(?:apply|create|replace)$/],
  ['helm', /^(?:install|upgrade)$/],
  ['kustomize', /^build$/],
];

const HF_HOST = /^https?:\/\/(?:huggingface\.co|hf\.co)\//;
const HUB_NAME = /^[A-Za-z0-9][\w.-]{0,95}$/;

/** `https://huggingface.co/<org>/<model>[.git][/resolve/...]` → `<org>/<model>`; datasets and Spaces are not models. */
export function hubModelOfUrl(url: string): string | undefined {
  const host = HF_HOST.exec(url);
  if (!host) return undefined;
  const [org, name] = url.slice(host[0].length).split(/[/?#]/);
  if (!org || !name || org === 'datasets' || org === 'spaces' || org === 'api') return undefined;
  const repo = name.endsWith('.git') ? name.slice(0, -4) : name;
  return HUB_NAME.test(org) && HUB_NAME.test(repo) ? `${org}/${repo}` : undefined;
}

/** `s3://bucket/key`, `gs://...` in a token, also after `--flag=`. */
export function objectStoreUri(token: string): string | undefined {
  const m = /(?:^|=)(?:s3a?|gs):\/\//.exec(token);
  if (!m) return undefined;
  const uri = token.slice(m.index + (m[0].startsWith('=') ? 1 : 0));
  const bucket = uri.slice(uri.indexOf('://') + 3).split('/')[0];
  return bucket && !uri.includes('$') ? uri : undefined;
}

/** Analyses a script (several lines); `firstLine` is the line of its first line in the file. */
export function analyseScript(script: string, firstLine?: number, into: CommandFacts = emptyFacts()): CommandFacts {
  const lines = script.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  lines.forEach((text, i) => {
    const line = firstLine !== undefined ? firstLine + i : undefined;
    for (const simple of text.split(/&&|\|\||[;|]/)) analyseCommand(splitWords(simple.trim()), line, into);
  });
  return into;
}

const WRAPPERS = new Set(['sudo', 'exec', 'time', 'nohup', 'env', 'npx', 'pnpx', 'bunx', 'uvx', '-y', '--yes']);
const RUNNERS: Array<[string, string]> = [
  ['uv', 'run'],
  ['poetry', 'run'],
  ['pipenv', 'run'],
  ['conda', 'run'],
  ['pdm', 'run'],
];

function analyseCommand(tokens: string[], line: number | undefined, f: CommandFacts): void {
  let t = tokens;
  // strip `VAR=x`, wrappers and package-manager runners down to the real command
  for (;;) {
    if (t.length && /^[A-Za-z_]\w*=/.test(t[0]!)) t = t.slice(1);
    else if (t.length && WRAPPERS.has(t[0]!)) t = t.slice(1);
    else if (t.length > 1 && RUNNERS.some(([a, b]) => a === t[0] && b === t[1])) t = t.slice(2);
    else break;
  }
  if (!t.length || t[0]!.startsWith('#')) return;
  // `npx promptfoo@0.96.0` runs the package's command
  const cmd = t[0]!.split('/').pop()!.replace(/@[\w.^~-]*$/, '');
  const sub = t[1] ?? '';
  for (const a of t) {
    const uri = objectStoreUri(a);
    if (uri) f.uris.push({ uri, line });
  }
  if (cmd === 'docker' && (sub === 'build' || (sub === 'buildx' && t[2] === 'build'))) {
    dockerBuild(t.slice(sub === 'build' ? 2 : 3), line, f);
    return;
  }

  if (/^python[\d.]*$/.test(cmd)) {
    const mod = sub === '-m' ? t[2] : undefined;
    const script = mod ?? t.slice(1).find((a) => /\.py$/.test(a));
    if (script) {
      if (!mod) f.scripts.push(script);
      for (const [re, purpose] of SCRIPT_PURPOSE) {
        if (re.test(script)) {
          f.purposes.add(purpose);
          f.tools.add(`python ${script}`);
        }
      }
      // `python -m pip install ...`
      if (mod === 'pip' && t[3] === 'install') packagesOf(t.slice(4), line, f);
    }
    modelsFromArgs(t, line, f);
    return;
  }
  if ((cmd === 'pip' || cmd === 'pip3' || cmd === 'uv') && (sub === 'install' || (sub === 'pip' && t[2] === 'install') || sub === 'add')) {
    packagesOf(t.slice(sub === 'pip' ? 3 : 2), line, f);
    return;
  }
  for (const [tool, subcommand, purpose] of TOOL_PURPOSE) {
    if (cmd !== tool || (subcommand !== '*' && sub !== subcommand)) continue;
    f.purposes.add(purpose);
    f.tools.add(subcommand === '*' ? tool : `${tool} ${subcommand}`);
    const repo = t.slice(2).find((a) => !a.startsWith('-'));
    if (repo && (purpose === 'publish-model' || purpose === 'download-model')) {
      const hint = tool === 'ollama' ? 'ollama' : 'huggingface';
      const m = recogniseModelId(repo, hint);
      if (m?.provider) f.models.push({ provider: m.provider, id: m.id, task: m.task, via: `${tool} ${subcommand}`, line });
    }
    modelsFromArgs(t, line, f);
  }
  for (const [tool, service, verb, purpose] of CLOUD_PURPOSE) {
    if (cmd === tool && sub === service && verb.test(t[2] ?? '')) {
      f.purposes.add(purpose);
      f.tools.add(`${tool} ${service} ${t[2]}`);
    }
  }
  for (const [tool, verb] of DEPLOY_TOOLS) {
    if (cmd !== tool || !verb.test(sub)) continue;
    f.tools.add(`${tool} ${sub}`);
    if (tool === 'helm') {
      // `helm upgrade --install RELEASE CHART -f values.yaml`: the chart is the second positional
      const chart = positionals(t.slice(2), HELM_VALUE_FLAGS)[1];
      if (chart) f.manifests.push({ path: chart, line });
      continue;
    }
    for (let i = 2; i < t.length; i++) {
      const a = t[i]!;
      if ((a === '-f' || a === '--filename' || a === '-k') && t[i + 1]) f.manifests.push({ path: t[++i]!, line });
      else if (a.startsWith('--filename=')) f.manifests.push({ path: a.slice(11), line });
      else if (tool === 'kustomize' && i === 2 && !a.startsWith('-')) f.manifests.push({ path: a, line });
    }
  }
  if (cmd === 'curl' || cmd === 'wget' || cmd === 'git') {
    for (const a of t) {
      const id = hubModelOfUrl(a);
      if (!id) continue;
      f.purposes.add('download-model');
      f.tools.add(cmd);
      f.models.push({ provider: 'huggingface', id, via: cmd, line });
    }
  }
}

const HELM_VALUE_FLAGS = /^(?:-f|--values|--set|--set-string|--set-file|--set-json|-n|--namespace|--version|--repo|--timeout|-o|--output|--kube-context|--post-renderer)$/;

/** Arguments that are neither flags nor the values of flags that take one. */
function positionals(args: string[], valueFlags: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (valueFlags.test(a)) i++;
    else if (!a.startsWith('-')) out.push(a);
  }
  return out;
}

/** `docker build [-f file] context`: the Dockerfile the pipeline builds. */
function dockerBuild(args: string[], line: number | undefined, f: CommandFacts): void {
  let file: string | undefined;
  let context: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-f' || a === '--file') file = args[++i];
    else if (a.startsWith('--file=')) file = a.slice(7);
    else if (a.startsWith('-')) {
      // flags with a separate value
      if (/^(?:-t|--tag|--build-arg|--target|--platform|--label|--secret|--cache-from|--cache-to|--output|-o)$/.test(a)) i++;
    } else context = a;
  }
  f.tools.add('docker build');
  const dockerfile = file ?? (context ? `${context.replace(/\/$/, '')}/Dockerfile` : undefined);
  if (dockerfile && !dockerfile.includes('$')) f.manifests.push({ path: dockerfile.replace(/^\.\//, ''), line });
}

function modelsFromArgs(t: string[], line: number | undefined, f: CommandFacts): void {
  // flags only: sub-command positions (`ollama pull X`) are read by the tool table with the right hint
  for (const { value, via } of modelArguments(t).filter((a) => a.via.startsWith('arg:-'))) {
    const m = recogniseModelId(value, 'huggingface');
    if (m?.provider && !value.startsWith('.') && !value.startsWith('/')) f.models.push({ provider: m.provider, id: m.id, task: m.task, via, line });
  }
}

function packagesOf(args: string[], line: number | undefined, f: CommandFacts): void {
  for (const a of args) {
    if (a.startsWith('-') || a.includes('/') || a.endsWith('.txt')) continue;
    // `vllm==0.6.3`, `torch>=2`, `transformers[torch]`
    const name = /^[A-Za-z0-9][\w.-]*/.exec(a)?.[0];
    if (!name) continue;
    let rest = a.slice(name.length);
    if (rest.startsWith('[')) rest = rest.slice(rest.indexOf(']') + 1);
    const version = rest.startsWith('==') ? rest.slice(2) : undefined;
    const entry = lookupPackage('pypi', name);
    if (entry) f.packages.push({ name, ...(version && /^\w[\w.+!-]*$/.test(version) ? { version } : {}), entry, line });
  }
}
