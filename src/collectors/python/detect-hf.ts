// Hugging Face: models loaded with `from_pretrained` / `pipeline` / hub downloads, datasets from
// `load_dataset`, and fine-tuning (`Trainer(model, train_dataset)` → model -trains-on-> dataset, a model
// pushed to the hub -fine-tunes-from-> its base).

import type { Attrs } from '../../model/index.js';
import { appRef, type KeyRef, type Ref } from '../types.js';
import type { Node } from '../code-common/tree-sitter.js';
import { hfRepoId, type Analysis } from './analysis.js';
import { matches } from './file-model.js';
import { refPath, staticPath } from './paths.js';
import { argument, boolLiteral, dictPairs, elements, type CallArgs } from './syntax.js';
import { DATASET_BUILDERS, HF_DATASETS, HF_DOWNLOADS, HF_LOADER_MODULES, HF_PIPELINES, TRAINERS } from './tables.js';

const SHA = /^[0-9a-f]{40}$/;
const TRAINING_ARGS = { names: ['TrainingArguments', 'Seq2SeqTrainingArguments', 'SFTConfig', 'DPOConfig', 'GRPOConfig', 'ORPOConfig'], modules: ['transformers', 'trl'] };

export function detectHuggingFace(a: Analysis): void {
  for (const call of a.fm.calls) {
    const callee = call.childForFieldName('function');
    const args = a.fm.args(call);
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    const q = a.fm.qualify(callee);
    if (method === 'from_pretrained') {
      const owner = a.fm.qualify(callee!.childForFieldName('object'));
      if (!owner || !HF_LOADER_MODULES.some((m) => owner.startsWith(m + '.'))) continue;
      const cls = owner.slice(owner.lastIndexOf('.') + 1);
      // PeftModel.from_pretrained(base_model, "adapter-id")
      const idNode = cls.startsWith('Peft') ? argument(args, ['model_id', 1]) : argument(args, ['pretrained_model_name_or_path', 'model_name', 0]);
      const model = hubModel(a, idNode, call, args, { loader: cls });
      if (model) {
        a.record(call, { models: [model] });
        if (cls.startsWith('Peft')) for (const base of a.refsOf(args.positional[0] ?? args.keywords.get('model')).models) a.out.edge(model, 'fine-tunes-from', base, call);
      }
      continue;
    }
    if (matches(q, HF_PIPELINES)) {
      const task = a.fm.stringValue(argument(args, ['task', 0]))?.value;
      const model = hubModel(a, args.keywords.get('model'), call, args, { loader: 'pipeline', task });
      if (model) a.record(call, { models: [model] });
      continue;
    }
    const download = HF_DOWNLOADS.find((r) => matches(q, r));
    if (download) {
      const repoType = a.fm.stringValue(args.keywords.get('repo_type'))?.value;
      if (repoType === 'dataset') {
        const ds = hubDataset(a, argument(args, download.repoArgs), call, args);
        if (ds) a.record(call, { datasets: [ds] });
      } else {
        const filename = a.fm.stringValue(argument(args, ['filename', 1]))?.value;
        const model = hubModel(a, argument(args, download.repoArgs), call, args, { loader: q!.slice(q!.lastIndexOf('.') + 1), filename });
        if (model) a.record(call, { models: [model] });
      }
      continue;
    }
    if (matches(q, HF_DATASETS)) {
      a.record(call, { datasets: loadDataset(a, call, args) });
      continue;
    }
    if (matches(q, TRAINING_ARGS)) {
      const hubId = hfRepoId(a.fm.stringValue(args.keywords.get('hub_model_id'))?.value);
      if (hubId) a.record(call, { models: [a.out.model({ provider: 'huggingface', id: hubId }, call, { fineTuned: true })] });
      continue;
    }
    if (matches(q, TRAINERS)) {
      trainer(a, call, args);
      continue;
    }
    if (method === 'push_to_hub') {
      const id = hfRepoId(a.fm.stringValue(argument(args, ['repo_id', 0]))?.value);
      const held = a.refsOf(callee!.childForFieldName('object'));
      if (!id || !held.models.length) continue;
      const tuned = a.out.model({ provider: 'huggingface', id }, call, { fineTuned: true });
      for (const base of held.models) if (base.key !== tuned.key) a.out.edge(tuned, 'fine-tunes-from', base, call);
      for (const ds of held.datasets) a.out.edge(tuned, 'trains-on', ds, call);
    }
  }
}

function revisionAttrs(a: Analysis, args: CallArgs): Attrs {
  const rev = a.fm.stringValue(args.keywords.get('revision'));
  const revision = rev && !rev.interpolated ? rev.value : undefined;
  const trustNode = args.keywords.get('trust_remote_code');
  return { revision, pinned: !!revision && SHA.test(revision), trustRemoteCode: trustNode ? boolLiteral(trustNode) : undefined };
}

function hubModel(a: Analysis, idNode: Node | undefined, call: Node, args: CallArgs, extra: Attrs): KeyRef | undefined {
  const v = a.fm.stringValue(idNode);
  const id = v && !v.interpolated ? hfRepoId(v.value) : undefined;
  if (!id) return undefined;
  return a.out.model({ provider: 'huggingface', id }, call, { ...revisionAttrs(a, args), ...extra, valueFrom: v!.via });
}

function hubDataset(a: Analysis, idNode: Node | undefined, call: Node, args: CallArgs, extra: Attrs = {}): KeyRef | undefined {
  const v = a.fm.stringValue(idNode);
  const id = v && !v.interpolated ? hfRepoId(v.value) : undefined;
  if (!id) return undefined;
  return a.out.asset('dataset', `hf:${id}`, call, { name: id, attrs: { source: 'huggingface', ...revisionAttrs(a, args), ...extra } });
}

/** `load_dataset("org/name")` → hf dataset; `load_dataset("csv", data_files=...)` → the files. */
function loadDataset(a: Analysis, call: Node, args: CallArgs): Ref[] {
  const pathNode = argument(args, ['path', 0]);
  const builder = a.fm.stringValue(pathNode)?.value;
  if (builder && DATASET_BUILDERS.has(builder)) {
    const files = args.keywords.get('data_files') ?? args.keywords.get('data_dir');
    if (!files) return [];
    const nodes = files.type === 'dictionary' ? dictPairs(files).flatMap((p) => elements(p.value)) : elements(files);
    const out: Ref[] = [];
    for (const n of nodes) {
      const ref = dataFile(a, n, call, `load_dataset:${builder}`);
      if (ref) out.push(ref);
    }
    return out;
  }
  const hub = hubDataset(a, pathNode, call, args, { subset: a.fm.stringValue(argument(args, ['name', 1]))?.value });
  if (hub) return [hub];
  const local = builder?.startsWith('.') || builder?.startsWith('/') ? dataFile(a, pathNode!, call, 'load_dataset') : undefined;
  return local ? [local] : [];
}

/** A file a loader reads: a cloud dataset (already emitted for its string) or a local PathRef. */
export function dataFile(a: Analysis, node: Node, call: Node, reader: string): Ref | undefined {
  const cloud = a.refsOf(node).datasets[0];
  if (cloud) {
    a.out.edge(appRef(a.out.file), 'loads', cloud, call, { reader });
    return cloud;
  }
  const p = refPath(staticPath(a.fm, node));
  if (!p) return undefined;
  const ref = a.out.pathRef(p, ['dataset']);
  a.out.edge(appRef(a.out.file), 'loads', ref, call, { reader });
  return ref;
}

function trainer(a: Analysis, call: Node, args: CallArgs): void {
  const modelNode = argument(args, ['model', 0]);
  const models = [...a.refsOf(modelNode).models];
  const id = hubModel(a, modelNode, call, args, { loader: 'trainer' });
  if (id) models.push(id);
  const datasets = [...a.refsOf(args.keywords.get('train_dataset')).datasets, ...a.refsOf(args.keywords.get('eval_dataset')).datasets];
  for (const m of models) for (const d of datasets) a.out.edge(m, 'trains-on', d, call);
  // a fine-tuned model named in the training arguments comes from these base models
  const tuned = a.refsOf(args.keywords.get('args')).models;
  for (const t of tuned) {
    for (const m of models) if (m.key !== t.key) a.out.edge(t, 'fine-tunes-from', m, call);
    for (const d of datasets) a.out.edge(t, 'trains-on', d, call);
  }
  a.record(call, { models, datasets });
}
