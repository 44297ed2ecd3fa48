// Data the code reads: cloud storage URIs anywhere in the code (dataset -stores-in-> storage) and local
// files read by pandas / polars / numpy / open() (PathRefs to datasets).

import type { Node } from '../code-common/tree-sitter.js';
import type { Analysis } from './analysis.js';
import { dataFile } from './detect-hf.js';
import { findRule } from './file-model.js';
import { argument, stringLiteral } from './syntax.js';
import { DATA_READERS, STORAGE_SCHEMES } from './tables.js';

const CLOUD_URI = new RegExp(`^(?:${STORAGE_SCHEMES.join('|')})://[^\\s'"]+$`, 'i');
const WRITE_MODE = /[wax+]/;

export function detectData(a: Analysis): void {
  for (const s of a.fm.strings) cloudString(a, s);
  for (const call of a.fm.calls) {
    const q = a.fm.callee(call);
    if (!q) continue;
    const args = a.fm.args(call);
    const reader = findRule(q, DATA_READERS);
    if (reader) {
      const node = argument(args, reader.pathArgs);
      const ref = node ? dataFile(a, node, call, q.replace(/^pandas\./, 'pd.')) : undefined;
      if (ref) a.record(call, { datasets: [ref] });
      continue;
    }
    if (q === 'builtins.open') {
      const mode = stringLiteral(args.positional[1] ?? args.keywords.get('mode'))?.value ?? 'r';
      const node = args.positional[0] ?? args.keywords.get('file');
      if (WRITE_MODE.test(mode) || !node) continue;
      const ref = dataFile(a, node, call, 'open');
      if (ref) a.record(call, { datasets: [ref] });
    }
  }
}

function cloudString(a: Analysis, node: Node): void {
  const lit = stringLiteral(node);
  if (!lit) return;
  let uri = lit.value.trim();
  if (lit.interpolated) {
    // f"s3://bucket/{run}/x": keep the static prefix up to its last folder
    const brace = uri.indexOf('{');
    uri = uri.slice(0, brace);
    uri = uri.slice(0, uri.lastIndexOf('/') + 1);
  }
  if (!CLOUD_URI.test(uri)) return;
  const found = a.out.cloudData(uri, node, lit.interpolated ? { templated: true } : {});
  if (found?.dataset) a.record(node, { datasets: [found.dataset] });
}
