// Static evaluation of path expressions: `"data/x.csv"`, `Path(__file__).parent / "prompts" / "a.md"`,
// `os.path.join(os.path.dirname(__file__), "a.md")`. Anything dynamic gives up (undefined).

import path from 'node:path/posix';
import type { Node } from '../code-common/tree-sitter.js';
import type { FileModel } from './file-model.js';
import { callArgs } from './syntax.js';

/** A path as written, relative to the file's folder when it starts from `__file__`. */
export interface StaticPath {
  path: string;
  fromFile: boolean;
}

const PATH_CTORS = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'os.fspath']);
const NO_OPS = new Set(['resolve', 'absolute', 'expanduser']);

export function staticPath(fm: FileModel, expr: Node | null | undefined, depth = 0): StaticPath | undefined {
  if (!expr || depth > 16) return undefined;
  const lit = fm.stringValue(expr);
  if (lit) return lit.interpolated ? undefined : { path: lit.value, fromFile: false };
  switch (expr.type) {
    case 'identifier': {
      if (expr.text === '__file__') return { path: '__file__', fromFile: true };
      const v = fm.boundValue(expr);
      return v ? staticPath(fm, v, depth + 1) : undefined;
    }
    case 'parenthesized_expression':
      return staticPath(fm, expr.namedChildren[0], depth + 1);
    case 'binary_operator': {
      if (expr.childForFieldName('operator')?.text !== '/') return undefined;
      const left = staticPath(fm, expr.childForFieldName('left'), depth + 1);
      const right = staticPath(fm, expr.childForFieldName('right'), depth + 1);
      return left && right && !right.fromFile ? join(left, right.path) : undefined;
    }
    case 'attribute': {
      const attr = expr.childForFieldName('attribute')?.text;
      const base = staticPath(fm, expr.childForFieldName('object'), depth + 1);
      if (!base) return undefined;
      if (attr === 'parent') return parent(base);
      return undefined;
    }
    case 'call': {
      const fn = expr.childForFieldName('function');
      const q = fm.qualify(fn);
      const args = callArgs(expr);
      if (q && PATH_CTORS.has(q)) {
        const parts = args.positional.map((p) => staticPath(fm, p, depth + 1));
        if (!parts.length || parts.some((p) => !p)) return undefined;
        return parts.slice(1).reduce<StaticPath>((acc, p) => join(acc, p!.path), parts[0]!);
      }
      if (q === 'os.path.join') {
        const parts = args.positional.map((p) => staticPath(fm, p, depth + 1));
        if (!parts.length || parts.some((p) => !p)) return undefined;
        return parts.slice(1).reduce<StaticPath>((acc, p) => join(acc, p!.path), parts[0]!);
      }
      if (q === 'os.path.dirname') {
        const p = staticPath(fm, args.positional[0], depth + 1);
        return p ? parent(p) : undefined;
      }
      if (q === 'os.path.abspath' || q === 'os.path.realpath' || q === 'os.path.normpath') return staticPath(fm, args.positional[0], depth + 1);
      // Path(...).resolve() and friends
      if (fn?.type === 'attribute' && NO_OPS.has(fn.childForFieldName('attribute')?.text ?? '')) return staticPath(fm, fn.childForFieldName('object'), depth + 1);
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'joinpath') {
        const base = staticPath(fm, fn.childForFieldName('object'), depth + 1);
        const parts = args.positional.map((p) => staticPath(fm, p, depth + 1));
        if (!base || parts.some((p) => !p)) return undefined;
        return parts.reduce<StaticPath>((acc, p) => join(acc, p!.path), base);
      }
      return undefined;
    }
  }
  return undefined;
}

function join(base: StaticPath, rel: string): StaticPath {
  if (base.path === '__file__') return { path: rel, fromFile: true }; // `__file__ / x` is nonsense; be lenient
  return { path: path.join(base.path, rel), fromFile: base.fromFile };
}

function parent(p: StaticPath): StaticPath {
  if (p.path === '__file__') return { path: '.', fromFile: true };
  return { path: path.join(p.path, '..'), fromFile: p.fromFile };
}

/** The path to put in a PathRef: folder-relative for `__file__` paths; undefined for absolute or URI paths. */
export function refPath(p: StaticPath | undefined): string | undefined {
  if (!p || p.path === '__file__' || !p.path) return undefined;
  if (p.path.startsWith('/') || /^[a-z][a-z0-9+.-]*:\/\//i.test(p.path) || /^[A-Za-z]:[\\/]/.test(p.path)) return undefined;
  const norm = path.normalize(p.path);
  return p.fromFile && !norm.startsWith('.') ? `./${norm}` : norm;
}

/** The file a read expression reads: `open(p).read()`, `Path(p).read_text()`, `open(p)` used by `f.read()`. */
export function readSource(fm: FileModel, expr: Node | null | undefined, depth = 0): StaticPath | undefined {
  if (!expr || depth > 6) return undefined;
  if (expr.type === 'identifier') {
    const v = fm.boundValue(expr);
    return v ? readSource(fm, v, depth + 1) : undefined;
  }
  if (expr.type === 'call') {
    const fn = expr.childForFieldName('function');
    if (fn?.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text;
      const obj = fn.childForFieldName('object');
      if (method === 'read_text' || method === 'read_bytes') return staticPath(fm, obj, depth + 1);
      if (method === 'read' || method === 'readlines' || method === 'strip' || method === 'format') return readSource(fm, obj, depth + 1) ?? openedPath(fm, obj);
    }
    return openedPath(fm, expr);
  }
  return undefined;
}

/** `open(p, ...)` (or a name bound to one, e.g. by `with open(p) as f`) → p. */
export function openedPath(fm: FileModel, expr: Node | null | undefined, depth = 0): StaticPath | undefined {
  if (!expr || depth > 4) return undefined;
  if (expr.type === 'identifier') {
    const v = fm.boundValue(expr);
    return v ? openedPath(fm, v, depth + 1) : undefined;
  }
  if (expr.type !== 'call') return undefined;
  const q = fm.qualify(expr.childForFieldName('function'));
  if (q !== 'builtins.open' && q !== 'io.open' && q !== 'codecs.open' && q !== 'gzip.open' && q !== 'bz2.open') return undefined;
  const args = callArgs(expr);
  return staticPath(fm, args.positional[0] ?? args.keywords.get('file'));
}
