// A parsed YAML file with line lookups by path, for CI definitions where evidence must point at the job,
// the step or the first line of a `run: |` script.

import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export type Json = Record<string, unknown>;
export type YamlPath = Array<string | number>;

export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export interface YamlFile {
  rel: string;
  /** Line of the key that holds `path` (the job name line for `['jobs', 'train']`), else of its value. */
  lineOf(path: YamlPath): number | undefined;
  /** First line of a scalar's content: the line after `|` / `>` for block scalars. */
  contentLine(path: YamlPath): number | undefined;
}

export function parseYaml(rel: string, text: string): { file: YamlFile; doc: unknown; error?: { message: string; line?: number } } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, strict: false });
  const at = (offset: number) => lc.linePos(offset).line;
  const file: YamlFile = {
    rel,
    lineOf: (path) => {
      const key = keyNode(doc, path);
      if (key?.range) return at(key.range[0]);
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      return node?.range ? at(node.range[0]) : undefined;
    },
    contentLine: (path) => {
      const node = doc.getIn(path, true);
      if (!isScalar(node) || !node.range) return undefined;
      const line = at(node.range[0]);
      return node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? line + 1 : line;
    },
  };
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return { file, doc: undefined, error: { message: `malformed YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, line: e.linePos?.[0]?.line } };
  }
  return { file, doc: doc.toJS({ maxAliasCount: 100 }) };
}

function keyNode(doc: Document, path: YamlPath): { range?: [number, number, number] | null } | undefined {
  if (!path.length) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = path[path.length - 1];
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}
