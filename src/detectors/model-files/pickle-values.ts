// The symbolic values the pickle simulator keeps on its stack and memo. Only what matters for judging
// imports is modelled exactly (strings, bytes, names of globals and modules, containers of those); numbers
// and results of calls that cannot be modelled are opaque.

export type PyValue =
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: Buffer; at: number } // `at`: file offset of the literal's data, -1 when computed
  | { t: 'num'; v: number }
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'list'; items: PyValue[] }
  | { t: 'tuple'; items: PyValue[] }
  | { t: 'dict'; entries: Array<[PyValue, PyValue]> }
  | { t: 'set'; items: PyValue[] }
  /** An imported object (function, class or module attribute) known by its dotted name. */
  | { t: 'global'; name: string }
  /** A module object returned by `__import__` / `importlib.import_module`. */
  | { t: 'module'; name: string }
  /** An instance built by calling a class; `cls` is the class's dotted name. */
  | { t: 'obj'; cls: string; args?: PyValue[]; state?: PyValue }
  /** An attribute of a non-global value (`getattr('', 'join')`). */
  | { t: 'method'; self: PyValue; name: string }
  | { t: 'attrgetter'; names: string[] }
  | { t: 'methodcaller'; name: string; args: PyValue[] }
  | { t: 'partial'; fn: PyValue; args: PyValue[] }
  | { t: 'opaque'; what: string };

export const NONE: PyValue = { t: 'none' };
export const opaque = (what: string): PyValue => ({ t: 'opaque', what });

/** The dotted name of a value that names something importable, for judging; undefined otherwise. */
export function nameOf(v: PyValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.t === 'global' || v.t === 'module') return v.name;
  if (v.t === 'method') {
    const base = nameOf(v.self);
    return base ? `${base}.${v.name}` : undefined;
  }
  if (v.t === 'partial') return nameOf(v.fn);
  return undefined;
}

export function strOf(v: PyValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.t === 'str') return v.v;
  if (v.t === 'bytes') return v.v.toString('latin1');
  return undefined;
}

export function itemsOf(v: PyValue | undefined): PyValue[] {
  if (!v) return [];
  if (v.t === 'tuple' || v.t === 'list' || v.t === 'set') return v.items;
  return [];
}

/** A short, bounded description of a value for reasons (never the full payload). */
export function describe(v: PyValue | undefined): string {
  if (!v) return 'nothing';
  switch (v.t) {
    case 'str':
      return `str(${v.v.length})`;
    case 'bytes':
      return `bytes(${v.v.length})`;
    case 'num':
      return String(v.v);
    case 'global':
    case 'module':
      return v.name;
    case 'obj':
      return `${v.cls}()`;
    case 'opaque':
      return v.what;
    default:
      return v.t;
  }
}
