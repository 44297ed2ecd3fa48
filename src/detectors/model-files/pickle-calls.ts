// What the simulator knows about calls: the few callables whose results decide which names a pickle
// reaches (getattr chains, import functions, name locators, operator helpers, partial, string joins,
// base64 and codec decoders) and the loaders whose byte arguments are pickles themselves. Everything
// else returns an opaque value; nothing is ever executed.

import { inflateSync } from 'node:zlib';
import { itemsOf, nameOf, opaque, strOf, type PyValue } from './pickle-values.js';

/** Facts a call can produce, collected by the simulator. */
export interface CallRecorder {
  /** A name reached at run time (getattr, import, locate), judged like an import. */
  dynamicGlobal(name: string, at: number, via: string): void;
  /** A byte string handed to a deserialiser: analysed as a nested pickle. */
  nested(bytes: Buffer, dataAt: number, at: number, via: string): void;
  /** Attribute values planted on globals by BUILD, consulted by getattr. */
  attrOverride(owner: string, attr: string): PyValue | undefined;
}

const MAX_DECODED = 16 * 1024 * 1024;

/** Module aliases that behave identically, so that one model covers both spellings. */
const ALIASES: Array<[string, string]> = [
  ['__builtin__.', 'builtins.'],
  ['_operator.', 'operator.'],
  ['_pickle.', 'pickle.'],
  ['cPickle.', 'pickle.'],
  ['_functools.', 'functools.'],
  ['_codecs.', 'codecs.'],
  ['_io.', 'io.'],
];

export function canonical(name: string): string {
  for (const [from, to] of ALIASES) if (name.startsWith(from)) return to + name.slice(from.length);
  return name;
}

/** getattr(obj, attr) on symbolic values. */
export function getAttr(obj: PyValue | undefined, attr: string, at: number, rec: CallRecorder, via: string): PyValue {
  if (!obj) return opaque('attribute');
  if (obj.t === 'global' || obj.t === 'module') {
    const planted = rec.attrOverride(obj.name, attr);
    if (planted) return planted;
    // `X.__builtins__` holds the builtins module: its items are builtins.
    const name = obj.name.endsWith('.__builtins__') ? `builtins.${attr}` : `${obj.name}.${attr}`;
    rec.dynamicGlobal(name, at, via);
    return { t: 'global', name };
  }
  if (obj.t === 'obj') return { t: 'method', self: obj, name: attr };
  return { t: 'method', self: obj, name: attr };
}

function decodeBase64(v: PyValue | undefined): PyValue {
  const s = strOf(v);
  if (s === undefined || s.length > MAX_DECODED * 2) return opaque('decoded bytes');
  return { t: 'bytes', v: Buffer.from(s.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64'), at: -1 };
}

function inflate(v: PyValue | undefined): PyValue {
  if (v?.t !== 'bytes') return opaque('decompressed bytes');
  try {
    return { t: 'bytes', v: inflateSync(v.v, { maxOutputLength: MAX_DECODED }), at: -1 };
  } catch {
    return opaque('decompressed bytes');
  }
}

type Model = (args: PyValue[], at: number, rec: CallRecorder) => PyValue;

const importModule: Model = (args, at, rec) => {
  const name = strOf(args[0]);
  if (name === undefined) return opaque('module');
  rec.dynamicGlobal(name, at, 'import');
  return { t: 'module', name };
};

const locate: Model = (args, at, rec) => {
  const path = strOf(args[0]);
  if (path === undefined) return opaque('located object');
  const name = path.replace(':', '.');
  rec.dynamicGlobal(name, at, 'locate');
  return { t: 'global', name };
};

const loadsNested =
  (via: string): Model =>
  (args, at, rec) => {
    const payload = args[0];
    if (payload?.t === 'bytes') rec.nested(payload.v, payload.at, at, via);
    else if (payload?.t === 'str') rec.nested(Buffer.from(payload.v, 'latin1'), -1, at, via);
    return opaque(`result of ${via}`);
  };

/** Models keyed by canonical dotted name. */
const MODELS: Record<string, Model> = {
  'builtins.getattr': (args, at, rec) => {
    const attr = strOf(args[1]);
    return attr === undefined ? opaque('attribute') : getAttr(args[0], attr, at, rec, 'getattr');
  },
  'builtins.__import__': importModule,
  'importlib.import_module': importModule,
  'importlib.__import__': importModule,
  'pydoc.locate': locate,
  'pkgutil.resolve_name': locate,
  'operator.attrgetter': (args) => ({ t: 'attrgetter', names: args.map((a) => strOf(a) ?? '?') }),
  'operator.methodcaller': (args) => ({ t: 'methodcaller', name: strOf(args[0]) ?? '?', args: args.slice(1) }),
  'operator.getitem': (args, at, rec) => {
    const [obj, key] = args;
    const k = strOf(key);
    if (k === undefined) return opaque('item');
    if (obj?.t === 'dict') {
      const hit = obj.entries.find(([ek]) => strOf(ek) === k);
      return hit ? hit[1] : opaque('item');
    }
    return getAttr(obj, k, at, rec, 'getitem');
  },
  'functools.partial': (args) => (args[0] ? { t: 'partial', fn: args[0], args: args.slice(1) } : opaque('partial')),
  'base64.b64decode': (args) => decodeBase64(args[0]),
  'base64.standard_b64decode': (args) => decodeBase64(args[0]),
  'base64.urlsafe_b64decode': (args) => decodeBase64(args[0]),
  'base64.decodebytes': (args) => decodeBase64(args[0]),
  'base64.decodestring': (args) => decodeBase64(args[0]),
  'binascii.a2b_base64': (args) => decodeBase64(args[0]),
  'codecs.encode': (args) => {
    const s = strOf(args[0]);
    return s === undefined ? opaque('encoded') : { t: 'bytes', v: Buffer.from(s, 'latin1'), at: -1 };
  },
  'codecs.decode': (args) => (/base64/i.test(strOf(args[1]) ?? '') ? decodeBase64(args[0]) : opaque('decoded')),
  'zlib.decompress': (args) => inflate(args[0]),
  'pickle.loads': loadsNested('pickle.loads'),
  'dill.loads': loadsNested('dill.loads'),
  'dill._dill.loads': loadsNested('dill.loads'),
  'cloudpickle.loads': loadsNested('cloudpickle.loads'),
  'numpy.loads': loadsNested('numpy.loads'),
  'torch.storage._load_from_bytes': loadsNested('torch.load'),
  'joblib.numpy_pickle.loads': loadsNested('joblib.loads'),
};

/** Methods of built-in values that build names out of pieces. */
function callMethod(self: PyValue, name: string, args: PyValue[]): PyValue {
  if (name === 'join' && (self.t === 'str' || self.t === 'bytes')) {
    const parts = itemsOf(args[0]).map(strOf);
    if (parts.every((p) => p !== undefined)) return { t: 'str', v: (parts as string[]).join(strOf(self)!) };
  }
  if ((name === 'decode' || name === 'encode' || name === 'lower' || name === 'strip') && (self.t === 'str' || self.t === 'bytes')) {
    const s = strOf(self)!;
    const v = name === 'lower' ? s.toLowerCase() : name === 'strip' ? s.trim() : s;
    return name === 'encode' ? { t: 'bytes', v: Buffer.from(v, 'latin1'), at: -1 } : { t: 'str', v };
  }
  return opaque(`result of .${name}()`);
}

const DTYPE_CLASSES = new Set(['numpy.dtype', 'numpy.core.multiarray.dtype', 'numpy._core.multiarray.dtype']);
const isClassName = (name: string) => /^[A-Z]/.test(name.slice(name.lastIndexOf('.') + 1));

/**
 * The symbolic result of calling `fn(*args)`, and the name of what was called (for call-site reports;
 * undefined when the callee has no importable name).
 */
export function applyCall(fn: PyValue | undefined, args: PyValue[], at: number, rec: CallRecorder, depth = 0): { result: PyValue; callee?: string } {
  if (!fn || depth > 8) return { result: opaque('call') };
  switch (fn.t) {
    case 'global':
    case 'module': {
      const model = MODELS[canonical(fn.name)];
      if (model) return { result: model(args, at, rec), callee: fn.name };
      if (isClassName(fn.name) || DTYPE_CLASSES.has(fn.name)) return { result: { t: 'obj', cls: fn.name, args }, callee: fn.name };
      return { result: opaque(`result of ${fn.name}`), callee: fn.name };
    }
    case 'method': {
      const callee = nameOf(fn);
      if (callee) return applyCall({ t: 'global', name: callee }, args, at, rec, depth + 1);
      return { result: callMethod(fn.self, fn.name, args) };
    }
    case 'attrgetter': {
      let v: PyValue = args[0] ?? opaque('object');
      for (const dotted of fn.names) for (const part of dotted.split('.')) v = getAttr(v, part, at, rec, 'attrgetter');
      return { result: v, callee: nameOf(v) };
    }
    case 'methodcaller': {
      const method = getAttr(args[0], fn.name, at, rec, 'methodcaller');
      return applyCall(method, fn.args, at, rec, depth + 1);
    }
    case 'partial':
      return applyCall(fn.fn, [...fn.args, ...args], at, rec, depth + 1);
    default:
      return { result: opaque('call') };
  }
}
