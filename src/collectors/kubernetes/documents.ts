// Kubernetes manifests as objects with line numbers: multi-document YAML, `List` kinds flattened, Helm's
// `# Source:` comments kept so that evidence can name the chart template an object came from.

import { LineCounter, parseAllDocuments, type Document } from 'yaml';

export type Json = Record<string, unknown>;
export type Path = Array<string | number>;

export interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  obj: Json;
  /** 1-based line where the object starts. */
  line: number;
  /** The chart template that rendered it (`# Source: chart/templates/x.yaml`). */
  helmSource?: string;
  /** 1-based line of a path inside the object (e.g. `['spec', 'template']`), when it exists. */
  lineOf(path: Path): number | undefined;
}

/** Cheap test before parsing: a manifest has both fields as keys at the start of some line. */
export function looksLikeManifest(text: string): boolean {
  if (!text.includes('apiVersion') || !text.includes('kind')) return false;
  let api = false;
  let kind = false;
  for (const raw of text.split('\n')) {
    let line = raw.trimStart();
    if (line.startsWith('- ')) line = line.slice(2).trimStart();
    api ||= isKey(line, 'apiVersion');
    kind ||= isKey(line, 'kind');
    if (api && kind) return true;
  }
  return false;
}

function isKey(line: string, key: string): boolean {
  return line.startsWith(key) && line.slice(key.length).trimStart().startsWith(':');
}

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

export function get(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (Array.isArray(cur) && typeof p === 'number') cur = cur[p];
    else if (isRecord(cur) && typeof p === 'string') cur = cur[p];
    else return undefined;
  }
  return cur;
}

export function records(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

export interface ParsedManifests {
  objects: K8sObject[];
  errors: Array<{ message: string; line?: number }>;
}

/** Parses every document; a broken document is reported and skipped, the others are kept. */
export function parseManifests(text: string): ParsedManifests {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const objects: K8sObject[] = [];
  const errors: ParsedManifests['errors'] = [];
  for (const doc of list) {
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      errors.push({ message: `malformed YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, line: e.linePos?.[0]?.line ?? (e.pos ? lc.linePos(e.pos[0]).line : undefined) });
      continue;
    }
    const js = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!isRecord(js)) continue;
    const helmSource = sourceComment(doc);
    collectObjects(doc as Document, lc, js, [], helmSource, objects);
  }
  return { objects, errors };
}

function sourceComment(doc: Document): string | undefined {
  // the comment sits before the document or before its first node, depending on the `---` line
  const text = `${doc.commentBefore ?? ''}\n${(doc.contents as { commentBefore?: string } | null)?.commentBefore ?? ''}`;
  const m = /(?:^|\n)\s*Source:\s*(\S+)/.exec(text);
  return m?.[1];
}

function collectObjects(doc: Document, lc: LineCounter, js: Json, base: Path, helmSource: string | undefined, out: K8sObject[]): void {
  const apiVersion = str(js.apiVersion);
  const kind = str(js.kind);
  if (!apiVersion || !kind) return;
  // `kind: List` (kubectl get -o yaml) and `*List` kinds hold their objects in `items`
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(js.items))) {
    records(js.items).forEach((item, i) => collectObjects(doc, lc, item, [...base, 'items', i], helmSource, out));
    return;
  }
  const lineOf = (path: Path): number | undefined => {
    const node = doc.getIn([...base, ...path], true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lc.linePos(node.range[0]).line : undefined;
  };
  const metadata = isRecord(js.metadata) ? js.metadata : {};
  out.push({
    apiVersion,
    kind,
    name: str(metadata.name) ?? str(metadata.generateName) ?? '(unnamed)',
    namespace: str(metadata.namespace) ?? 'default',
    obj: js,
    line: lineOf(['apiVersion']) ?? lineOf([]) ?? 1,
    ...(helmSource ? { helmSource } : {}),
    lineOf,
  });
}
