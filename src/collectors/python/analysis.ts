// Shared state of one file's analysis: the file model, the emitter and what each call produced (a
// client, a model, a vector store, a tool...), so that later detectors can follow a variable back to
// the thing it holds (`retriever = store.as_retriever()` → the store).

import { recogniseModelId, type ModelIdMatch } from '../../model/index.js';
import type { KeyRef, Ref } from '../types.js';
import { descendants, type Node } from '../code-common/tree-sitter.js';
import type { Emitter } from './emit.js';
import { FileModel, UNKNOWN } from './file-model.js';
import { COLON_PROVIDERS, type ModelStyle } from './tables.js';

export interface Produced {
  services: KeyRef[];
  models: KeyRef[];
  vectorStores: KeyRef[];
  prompts: Ref[];
  tools: KeyRef[];
  agents: KeyRef[];
  datasets: Ref[];
  /** Provider of a client object, for method calls made on it. */
  provider?: string;
  /** Framework of the object (for tools given as plain functions). */
  framework?: string;
  /** A path the object was read from (`open(p)`, `Path(p)`), for prompts and loaders. */
  path?: string;
  /** A vector database client whose collections are named by later method calls. */
  vectorClient?: { product: string; host?: string; persistPath?: string; node: Node };
}

export function emptyProduced(): Produced {
  return { services: [], models: [], vectorStores: [], prompts: [], tools: [], agents: [], datasets: [] };
}

const MAX_DEPTH = 8;
const MAX_BINDINGS = 4;

export class Analysis {
  private readonly produced = new Map<number, Produced>();
  /** refsOf results, valid until the next record() (a version bump). */
  private readonly cache = new Map<number, { version: number; value: Produced }>();
  private version = 0;
  /** Tool key → the vector stores it queries (retriever tools, tools whose body searches a store). */
  readonly toolStores = new Map<string, KeyRef[]>();
  /** Tool key → the tool requires a human's approval before it acts. */
  readonly approvalTools = new Set<string>();
  /** Providers given an explicit credential somewhere in the file (no implicit env var then). */
  readonly explicitKeys = new Set<string>();

  constructor(
    readonly fm: FileModel,
    readonly out: Emitter,
  ) {}

  /** Records what a node (a call, a function definition, a class) produces. */
  record(node: Node, p: Partial<Produced>): Produced {
    this.version++;
    const cur = this.produced.get(node.id) ?? emptyProduced();
    merge(cur, p);
    this.produced.set(node.id, cur);
    return cur;
  }

  producedBy(node: Node): Produced | undefined {
    return this.produced.get(node.id);
  }

  /**
   * What an expression holds, following names to their assignments, method calls to their receivers
   * (`store.as_retriever()`), and lists / `+` to their parts.
   */
  refsOf(expr: Node | null | undefined, depth = 0, seen = new Set<number>()): Produced {
    if (expr && depth === 0) {
      const hit = this.cache.get(expr.id);
      if (hit && hit.version === this.version) return hit.value;
      const value = this.walkRefs(expr, 0, seen);
      this.cache.set(expr.id, { version: this.version, value });
      return value;
    }
    return this.walkRefs(expr, depth, seen);
  }

  private walkRefs(expr: Node | null | undefined, depth: number, seen: Set<number>): Produced {
    const acc = emptyProduced();
    if (!expr || depth > MAX_DEPTH || seen.has(expr.id)) return acc;
    seen.add(expr.id);
    const own = this.produced.get(expr.id);
    if (own) merge(acc, own);
    switch (expr.type) {
      case 'identifier': {
        const fn = this.fm.functionNamed(expr);
        if (fn) merge(acc, this.refsOf(fn, depth + 1, seen));
        // the last few assignments are what the name can hold here; older ones were overwritten
        for (const b of (this.fm.bindings(expr.text, expr) ?? []).slice(-MAX_BINDINGS)) if (b !== UNKNOWN) merge(acc, this.refsOf(b, depth + 1, seen));
        const cls = this.fm.classes.get(expr.text);
        if (cls) merge(acc, this.produced.get(cls.id) ?? emptyProduced());
        break;
      }
      case 'call': {
        if (!own) {
          const fn = expr.childForFieldName('function');
          if (fn?.type === 'attribute') merge(acc, this.refsOf(fn.childForFieldName('object'), depth + 1, seen));
          else if (fn?.type === 'identifier') {
            const cls = this.fm.classes.get(fn.text);
            if (cls) merge(acc, this.produced.get(cls.id) ?? emptyProduced());
            // a helper of this file returns what its `return` statements hold
            const def = this.fm.functionNamed(fn);
            const body = def && !this.produced.get(def.id) ? def.childForFieldName('body') : undefined;
            if (body) for (const r of descendants(body)) if (r.type === 'return_statement') merge(acc, this.refsOf(r.namedChildren[0], depth + 1, seen));
          }
          // data flows through conversions: Dataset.from_pandas(df), tokenize(ds)
          const args = expr.childForFieldName('arguments')?.namedChildren ?? [];
          for (const arg of args) if (arg.type !== 'keyword_argument') merge(acc, { datasets: this.refsOf(arg, depth + 1, seen).datasets });
        }
        break;
      }
      case 'attribute':
        merge(acc, this.refsOf(expr.childForFieldName('object'), depth + 1, seen));
        break;
      case 'subscript':
        merge(acc, this.refsOf(expr.childForFieldName('value'), depth + 1, seen));
        break;
      case 'await':
      case 'parenthesized_expression':
        for (const c of expr.namedChildren) merge(acc, this.refsOf(c, depth + 1, seen));
        break;
      case 'binary_operator':
        merge(acc, this.refsOf(expr.childForFieldName('left'), depth + 1, seen));
        merge(acc, this.refsOf(expr.childForFieldName('right'), depth + 1, seen));
        break;
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        for (const c of expr.namedChildren) merge(acc, this.refsOf(c, depth + 1, seen));
        break;
      case 'list_splat':
        for (const c of expr.namedChildren) merge(acc, this.refsOf(c, depth + 1, seen));
        break;
    }
    return acc;
  }

  /**
   * A model id passed at a call site, validated by `recogniseModelId`. Only literals and names bound to
   * literals count: f-strings and other expressions are not model ids.
   */
  modelId(expr: Node | null | undefined, hint: string | undefined, style: ModelStyle = 'plain'): (ModelIdMatch & { provider: string; via?: string }) | undefined {
    const v = this.fm.stringValue(expr);
    if (!v || v.interpolated) return undefined;
    const m = recogniseModel(v.value, hint, style);
    return m ? { ...m, ...(v.via ? { via: v.via } : {}) } : undefined;
  }
}

// Hinted positions accept any plausible identifier; these guard against test doubles and words.
const NOT_A_MODEL = /^(?:mock|fake|dummy|stub|test|sample|placeholder|foo|bar|model|llm|chat|default|auto|none|string|str)(?:[-_]?\w*)?$/i;
const MODEL_SHAPE = /[\d.:/-]/;

/** Recognises a model string as written at a call site (`gpt-4o`, `openai:gpt-4o`, `ollama/llama3`). */
export function recogniseModel(raw: string, hint: string | undefined, style: ModelStyle = 'plain'): (ModelIdMatch & { provider: string }) | undefined {
  let value = raw.trim();
  if (hint === 'huggingface' && style === 'plain') {
    const id = hfRepoId(value);
    return id ? { provider: 'huggingface', id, task: recogniseModelId(value, hint)?.task } : undefined;
  }
  let provider = hint === 'langchain' ? undefined : hint;
  if (style === 'colon') {
    const colon = value.indexOf(':');
    const prefix = colon > 0 ? value.slice(0, colon) : '';
    if (COLON_PROVIDERS[prefix]) {
      provider = COLON_PROVIDERS[prefix];
      value = value.slice(colon + 1);
    }
  }
  const m = recogniseModelId(value, provider);
  if (!m) return undefined;
  const known = recogniseModelId(value); // recognised without the call site's help: a known family
  if (!known && (NOT_A_MODEL.test(value) || !MODEL_SHAPE.test(value))) return undefined;
  const p = m.provider ?? provider;
  if (!p || p === 'litellm') {
    // a LiteLLM string without a provider prefix names its provider by family
    if (known?.provider) return { ...m, provider: known.provider };
    return undefined;
  }
  return { ...m, provider: p };
}

const HUB_ID = /^[A-Za-z0-9][\w.-]{0,95}(?:\/[A-Za-z0-9][\w.-]{0,95})?$/;
const WEIGHT_FILE = /\.(?:bin|pt|pth|safetensors|json|ckpt|h5|keras|onnx|gguf|pkl|joblib|msgpack)$/i;

/**
 * A Hugging Face Hub repo id as the Hub spells it (`org/name`, or a legacy root name like `gpt2`);
 * local paths and file names are not. Sentence-transformers short names get their organisation.
 */
export function hfRepoId(raw: string | undefined): string | undefined {
  const s = raw?.trim();
  if (!s || !HUB_ID.test(s) || WEIGHT_FILE.test(s) || s.includes('..')) return undefined;
  if (!s.includes('/') && (NOT_A_MODEL.test(s) || !/[\d-]/.test(s))) return undefined;
  const st = recogniseModelId(s, 'huggingface');
  return st?.id.startsWith('sentence-transformers/') ? st.id : s;
}

export function merge(into: Produced, from: Partial<Produced>): void {
  for (const k of ['services', 'models', 'vectorStores', 'prompts', 'tools', 'agents', 'datasets'] as const) {
    const add = from[k];
    if (!add?.length) continue;
    const list = into[k] as Ref[];
    for (const r of add) if (!list.some((x) => JSON.stringify(x) === JSON.stringify(r))) list.push(r);
  }
  into.provider ??= from.provider;
  into.framework ??= from.framework;
  into.path ??= from.path;
  into.vectorClient ??= from.vectorClient;
}
