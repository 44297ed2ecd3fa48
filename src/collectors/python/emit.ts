// Turns what the detectors find into asset and edge drafts, following the natural keys of
// collectors/README.md. Lines are mapped through a callback so that notebooks report lines of the
// .ipynb file, not of the concatenated code.

import { createHash } from 'node:crypto';
import { ENV_VAR_PROVIDER, PROVIDERS, type Attrs, type EdgeKind, type ModelIdMatch } from '../../model/index.js';
import { maskSecrets } from '../../util/mask.js';
import type { CollectContext, KeyRef, PathRef, Ref } from '../types.js';
import type { Node } from '../code-common/tree-sitter.js';
import { STORAGE_SCHEMES } from './tables.js';

/** Maps a 1-based line of the analysed Python text to the line reported to the user. */
export type LineMap = (line: number) => number;

const PREVIEW_MAX = 120;

export class Emitter {
  private readonly seen = new Set<string>();
  private readonly lines: string[];

  constructor(
    readonly ctx: CollectContext,
    readonly file: string,
    text: string,
    private readonly mapLine: LineMap,
  ) {
    this.lines = text.split('\n');
  }

  line(node: Node): number {
    return this.mapLine(node.startPosition.row + 1);
  }

  /** Evidence at a node: the mapped line and that source line as the (masked) snippet. */
  evidence(node: Node) {
    return this.ctx.at(this.line(node), this.lines[node.startPosition.row]);
  }

  warn(message: string, node?: Node): void {
    this.ctx.warn(message, node ? this.line(node) : undefined);
  }

  asset(kind: KeyRef['kind'], key: string, node: Node, extra: { name?: string; provider?: string; attrs?: Attrs } = {}): KeyRef {
    const ref: KeyRef = { kind, key };
    const sig = `${kind}\0${key}\0${node.startPosition.row}\0${JSON.stringify(extra.attrs ?? {})}`;
    if (this.seen.has(sig)) return ref;
    this.seen.add(sig);
    return this.ctx.asset({ kind, key, ...extra, attrs: stripUndefined(extra.attrs), evidence: [this.evidence(node)] });
  }

  edge(from: Ref, kind: EdgeKind, to: Ref, node: Node, attrs?: Attrs): void {
    const sig = `${JSON.stringify(from)}\0${kind}\0${JSON.stringify(to)}\0${node.startPosition.row}`;
    if (this.seen.has(sig)) return;
    this.seen.add(sig);
    this.ctx.edge(from, kind, to, { line: this.line(node), snippet: this.lines[node.startPosition.row] }, attrs ? stripUndefined(attrs) : undefined);
  }

  service(provider: string, node: Node, attrs: Attrs = {}): KeyRef {
    return this.asset('ai-service', provider, node, { name: PROVIDERS[provider]?.name ?? provider, provider, attrs });
  }

  model(m: ModelIdMatch & { provider: string }, node: Node, attrs: Attrs = {}): KeyRef {
    const key = `${m.provider}/${m.id}`;
    return this.asset('model', key, node, { name: m.id, provider: m.provider, attrs: { modelId: m.id, task: m.task, ...attrs } });
  }

  secret(envVar: string, node: Node, attrs: Attrs = {}): KeyRef {
    return this.asset('secret', `env:${envVar}`, node, { name: envVar, attrs: { envVar, provider: ENV_VAR_PROVIDER[envVar], ...attrs } });
  }

  /** An inline prompt (text written in the code). */
  prompt(text: string, role: string, node: Node, attrs: Attrs = {}): KeyRef {
    const key = `inline:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    const masked = maskSecrets(text.replace(/\s+/g, ' ').trim());
    return this.asset('prompt', key, node, {
      name: masked.slice(0, 60) || key,
      attrs: { role, preview: masked.slice(0, PREVIEW_MAX), length: text.length, variables: templateVariables(text), ...attrs },
    });
  }

  pathRef(path: string, kinds: PathRef['kinds']): PathRef {
    return { path, from: this.file, kinds };
  }

  /** `s3://bucket/key` → dataset (the URI) stored in storage (the bucket). */
  cloudData(uri: string, node: Node, attrs: Attrs = {}): { dataset?: KeyRef; storage: KeyRef } | undefined {
    const parsed = parseStorageUri(uri);
    if (!parsed) return undefined;
    const storage = this.asset('storage', parsed.storageKey, node, { name: parsed.storageKey, attrs: { scheme: parsed.scheme, bucket: parsed.bucket, account: parsed.account } });
    if (!parsed.path) return { storage };
    const dataset = this.asset('dataset', uri, node, { name: uri, attrs: { uri, format: formatOf(parsed.path), ...attrs } });
    this.edge(dataset, 'stores-in', storage, node);
    return { dataset, storage };
  }
}

/** `{name}` placeholders of a template (f-string style and Jinja `{{ name }}`), bounded. */
export function templateVariables(text: string): string[] | undefined {
  const out = new Set<string>();
  for (const m of text.matchAll(/\{\{?\s*([A-Za-z_]\w{0,40})\s*\}?\}/g)) {
    out.add(m[1]);
    if (out.size >= 20) break;
  }
  return out.size ? [...out] : undefined;
}

export interface StorageUri {
  scheme: string;
  bucket: string;
  account?: string;
  storageKey: string;
  path: string;
}

export function parseStorageUri(uri: string): StorageUri | undefined {
  const m = /^([a-z0-9]+):\/\/([^/\s]+)\/?(.*)$/i.exec(uri);
  if (!m || !STORAGE_SCHEMES.includes(m[1].toLowerCase())) return undefined;
  const scheme = m[1].toLowerCase();
  const authority = m[2];
  const path = m[3];
  if (/[{}]/.test(authority)) return undefined;
  if (scheme === 'abfss' || scheme === 'abfs' || scheme === 'wasbs') {
    const at = authority.indexOf('@');
    if (at < 0) return undefined;
    const container = authority.slice(0, at);
    const account = authority.slice(at + 1).split('.')[0];
    return { scheme, bucket: container, account, storageKey: `${scheme}://${container}@${account}`, path };
  }
  return { scheme, bucket: authority, storageKey: `${scheme}://${authority}`, path };
}

const FORMATS: Record<string, string> = {
  csv: 'csv',
  tsv: 'tsv',
  parquet: 'parquet',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  txt: 'text',
  arrow: 'arrow',
  feather: 'feather',
  xlsx: 'excel',
  xls: 'excel',
  avro: 'avro',
  orc: 'orc',
  pkl: 'pickle',
  pickle: 'pickle',
  pt: 'pytorch',
  pth: 'pytorch',
  bin: 'binary',
  safetensors: 'safetensors',
  tar: 'tar',
  gz: 'gzip',
  zip: 'zip',
};

export function formatOf(path: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  return ext ? FORMATS[ext] : undefined;
}

function stripUndefined(attrs: Attrs | undefined): Attrs | undefined {
  if (!attrs) return undefined;
  const out: Attrs = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}
