// Judges a dotted name a pickle (or a Keras config) imports. Order: names reaching Python internals,
// the deny-list of known-dangerous callables, the allow-list of globals ordinary model files need, then
// everything else is "unknown" (reported with lower severity), raised to high when its name says it runs,
// loads or writes something. Tables, not code, so that new advisories are one line each.

import { canonical } from './pickle-calls.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface Judgement {
  verdict: 'dangerous' | 'unknown' | 'safe';
  severity?: Severity;
  category?: string;
  reason: string;
}

interface DenyRule {
  /** Module (or dotted prefix) the rule covers; a name matches when it is the prefix or continues it with a dot. */
  prefix: string;
  /** When given, only these first names after the prefix match. */
  names?: readonly string[];
  severity: 'critical' | 'high';
  category: string;
}

const EXEC = 'code execution';
const IMPORT = 'arbitrary import or attribute access';
const DESER = 'nested deserialisation';
const NET = 'network access';
const FS = 'file-system access';
const SYS = 'process or interpreter control';

// Matched against canonical names (`__builtin__` → `builtins`, `_operator` → `operator`, ...).
const DENY: DenyRule[] = [
  { prefix: 'builtins', names: ['eval', 'exec', 'execfile', 'compile', '__import__', 'apply', 'breakpoint', 'input', 'reload'], severity: 'critical', category: EXEC },
  { prefix: 'builtins', names: ['getattr', 'setattr', 'delattr', 'globals', 'locals', 'vars', 'dir', 'type', 'super', '__build_class__', 'classmethod', 'staticmethod', 'property'], severity: 'high', category: IMPORT },
  { prefix: 'builtins', names: ['open', 'file', 'exit', 'quit', 'help', 'print', 'memoryview'], severity: 'high', category: FS },
  ...['os', 'posix', 'nt', 'subprocess', '_posixsubprocess', '_winapi', 'pty', 'commands', 'popen2', 'platform.popen', 'spawn'].map((prefix) => ({ prefix, severity: 'critical' as const, category: EXEC })),
  ...['runpy', 'code', 'codeop', 'pdb', 'bdb', 'trace', 'profile', 'cProfile', 'timeit', 'doctest', 'idlelib', 'lib2to3', 'pydoc', 'test', 'unittest', '_aix_support', '_osx_support', '_pyrepl', 'asyncio', 'multiprocessing', 'concurrent', 'ctypes', '_ctypes', 'cffi', 'marshal', 'imp', 'importlib', 'pkgutil', 'zipimport', 'ensurepip', 'pip', 'venv', 'distutils', 'setuptools', 'sysconfig', 'site', 'builtins.__loader__', 'numpy.f2py', 'numpy.testing', 'numpy.distutils', 'numpy.ctypeslib', 'IPython', 'jinja2', 'mako', 'sympy.parsing', 'torch.hub', 'torch.jit', 'torch._dynamo', 'torch._inductor', 'torch.fx', 'torch.package', 'torch.utils.collect_env', 'torch.utils.bottleneck', 'torch.utils.data.datapipes', 'torch.utils._config_module', 'torch.utils.cpp_extension', 'torch._C', 'torch.ops', 'torch.compiler', 'cloudpickle', 'dill', 'types'].map((prefix) => ({ prefix, severity: 'critical' as const, category: EXEC })),
  ...['pickle', 'shelve', 'copyreg.Unpickler', 'joblib.load', 'joblib.numpy_pickle.load', 'torch.load', 'torch.serialization', 'torch.storage._load_from_bytes', 'numpy.load', 'numpy.loads', 'keras.models.load_model', 'tensorflow', 'yaml.load', 'yaml.unsafe_load'].map((prefix) => ({ prefix, severity: 'critical' as const, category: DESER })),
  ...['socket', '_socket', 'ssl', '_ssl', 'http', 'httplib', 'urllib', 'urllib2', 'urllib3', 'requests', 'aiohttp', 'httpx', 'ftplib', 'telnetlib', 'smtplib', 'poplib', 'imaplib', 'nntplib', 'xmlrpc', 'socketserver', 'asyncore', 'webbrowser', 'websocket', 'websockets', 'paramiko', 'dns', 'boto3', 'botocore'].map((prefix) => ({ prefix, severity: 'high' as const, category: NET })),
  ...['shutil', 'tempfile', 'glob', 'fileinput', 'io.FileIO', 'io.open', 'io.open_code', 'logging.FileHandler', 'logging.handlers', 'logging.config', 'zipfile', 'tarfile', 'sqlite3', 'dbm', 'mmap', 'pathlib.Path.write_text', 'pathlib.Path.write_bytes', 'pathlib.Path.unlink', 'numpy.save', 'numpy.savetxt', 'numpy.fromfile', 'numpy.loadtxt', 'numpy.genfromtxt', 'numpy.memmap', 'numpy.tofile'].map((prefix) => ({ prefix, severity: 'high' as const, category: FS })),
  ...['sys', 'signal', 'threading', '_thread', 'gc', 'atexit', 'resource', 'faulthandler', 'uuid._get_command_stdout', 'uuid._popen', 'operator.attrgetter', 'operator.methodcaller', 'operator.getitem', 'operator.setitem', 'operator.delitem', 'operator.call', 'functools.reduce', 'functools.partial', 'functools.partialmethod', 'base64', 'binascii', 'codecs.decode', 'zlib.decompress', 'bz2', 'lzma', 'gzip'].map((prefix) => ({ prefix, severity: 'high' as const, category: SYS })),
];

/** pandas readers and writers touch files and URLs; the rest of pandas is data classes. */
const PANDAS_IO = { prefix: 'pandas', severity: 'high' as const, category: FS };

// Globals ordinary model files need. Exact names unless the entry ends with `.*` (any class under it,
// i.e. a last segment starting with an upper-case letter) or `.**` (anything under it).
const ALLOW: readonly string[] = [
  'builtins.set', 'builtins.frozenset', 'builtins.list', 'builtins.dict', 'builtins.tuple', 'builtins.bytearray', 'builtins.bytes',
  'builtins.complex', 'builtins.int', 'builtins.float', 'builtins.str', 'builtins.bool', 'builtins.slice', 'builtins.range', 'builtins.object',
  'builtins.Ellipsis', 'builtins.NotImplemented', 'builtins.long', 'builtins.unicode',
  'copyreg._reconstructor', 'copyreg.__newobj__', 'copyreg.__newobj_ex__', 'copy_reg._reconstructor', 'copy_reg.__newobj__',
  'codecs.encode', 'collections.OrderedDict', 'collections.defaultdict', 'collections.deque', 'collections.Counter', 'collections.ChainMap',
  'datetime.datetime', 'datetime.date', 'datetime.time', 'datetime.timedelta', 'datetime.timezone', 'decimal.Decimal', 'fractions.Fraction',
  'uuid.UUID', 're._compile', 're.compile', 'array.array', 'array._array_reconstructor', 'enum.*', 'pathlib.PosixPath', 'pathlib.WindowsPath',
  'pathlib.PurePosixPath', 'pathlib.PureWindowsPath', 'pathlib.Path',
  'numpy.core.multiarray._reconstruct', 'numpy._core.multiarray._reconstruct', 'numpy.core.multiarray.scalar', 'numpy._core.multiarray.scalar',
  'numpy.core.numeric._frombuffer', 'numpy._core.numeric._frombuffer', 'numpy.ndarray', 'numpy.dtype', 'numpy.matrix', 'numpy.ma.core._mareconstruct',
  'numpy.ma.core.MaskedArray', 'numpy.dtypes.*', 'numpy.random._pickle.**', 'numpy.random.*', 'numpy.core.multiarray.dtype',
  'torch._utils._rebuild_tensor', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor_v3', 'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state', 'torch._utils._rebuild_qtensor', 'torch._utils._rebuild_sparse_tensor',
  'torch._utils._rebuild_nested_tensor', 'torch._utils._rebuild_device_tensor_from_numpy', 'torch._utils._rebuild_meta_tensor_no_storage',
  'torch._utils._rebuild_wrapper_subclass', 'torch._utils._rebuild_xla_tensor', 'torch._tensor._rebuild_from_type', 'torch._tensor._rebuild_from_type_v2',
  'torch.serialization._get_layout', 'torch.Size', 'torch.device', 'torch.dtype', 'torch.Tensor', 'torch.storage.*', 'torch.nn.parameter.*',
  'torch.nn.modules.**', 'torch.optim.**', 'torch.amp.grad_scaler.*', 'torch.cuda.amp.grad_scaler.*', 'torch.strided', 'torch.sparse_coo',
  'torch.per_tensor_affine', 'torch.per_channel_affine', 'torch.contiguous_format', 'torch.channels_last',
  'joblib.numpy_pickle.NumpyArrayWrapper', 'joblib.numpy_pickle.NDArrayWrapper', 'joblib.numpy_pickle.ZNDArrayWrapper',
  'sklearn.*', 'scipy.sparse.*', 'xgboost.*', 'lightgbm.*', 'catboost.*', 'transformers.*', 'tokenizers.*', 'sentence_transformers.*',
  'pandas.core.**', 'pandas._libs.**', 'pandas.*', 'pandas._config.**',
];

// torch dtypes and storages, numpy scalar types: families listed by pattern.
const TORCH_DTYPES = new Set(['float32', 'float', 'float64', 'double', 'float16', 'half', 'bfloat16', 'int8', 'uint8', 'int16', 'short', 'int32', 'int', 'int64', 'long', 'bool', 'complex64', 'cfloat', 'complex128', 'cdouble', 'qint8', 'quint8', 'qint32', 'quint4x2', 'float8_e4m3fn', 'float8_e5m2', 'uint16', 'uint32', 'uint64']);
const NUMPY_SCALARS = new Set(['bool_', 'bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'intc', 'intp', 'uintp', 'longlong', 'ulonglong', 'float16', 'float32', 'float64', 'float128', 'longdouble', 'half', 'single', 'double', 'complex64', 'complex128', 'complex256', 'str_', 'bytes_', 'unicode_', 'object_', 'void', 'datetime64', 'timedelta64', 'generic', 'number']);

const exact = new Set<string>();
const classUnder: string[] = [];
const anyUnder: string[] = [];
for (const a of ALLOW) {
  if (a.endsWith('.**')) anyUnder.push(a.slice(0, -2));
  else if (a.endsWith('.*')) classUnder.push(a.slice(0, -1));
  else exact.add(a);
}

// Dunder attributes that lead from any object to the interpreter's internals.
const INTERNALS = new Set(['__builtins__', '__globals__', '__import__', '__subclasses__', '__code__', '__getattribute__', '__dict__', '__class__', '__bases__', '__base__', '__mro__', '__loader__', '__spec__', '__reduce__', '__reduce_ex__', '__setstate__', '__init_subclass__', '__closure__', '__func__', '__self__', '__module__']);

// Word stems that, in the name of a callable nobody vetted, mean it runs, loads, writes or fetches.
const RISKY_STEMS = ['run', 'exec', 'eval', 'system', 'spawn', 'popen', 'shell', 'command', 'cmd', 'compile', 'load', 'import', 'write', 'pager', 'script', 'subprocess', 'launch', 'invoke', 'rmtree', 'unlink', 'remove', 'download', 'urlopen', 'connect', 'socket', 'fetch', 'pip', 'install', 'interpreter', 'inject', 'execute', 'setattr', 'getattr', 'locate'];

function matchesPrefix(name: string, prefix: string): string | undefined {
  if (name === prefix) return '';
  if (name.startsWith(prefix) && name[prefix.length] === '.') return name.slice(prefix.length + 1);
  return undefined;
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Lower-case words of a name: `_get_command_stdout` → get, command, stdout; `execWrapper` → exec, wrapper. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  for (const seg of name.split(/[._]/)) {
    let cur = '';
    for (const ch of seg) {
      if (ch >= 'A' && ch <= 'Z' && cur && !(cur[cur.length - 1]! >= 'A' && cur[cur.length - 1]! <= 'Z')) {
        words.push(cur.toLowerCase());
        cur = '';
      }
      cur += ch;
    }
    if (cur) words.push(cur.toLowerCase());
  }
  return words;
}

/** A risky word in the name of a function or method (classes are judged by their module alone). */
function riskyWord(name: string): string | undefined {
  if (/^[A-Z]/.test(lastSegment(name))) return undefined;
  for (const w of nameWords(name.slice(name.indexOf('.') + 1))) {
    for (const stem of RISKY_STEMS) if (w.startsWith(stem) || (w.length > stem.length + 2 && w.endsWith(stem))) return w;
  }
  return undefined;
}

function allowed(name: string): boolean {
  if (exact.has(name)) return true;
  const last = lastSegment(name);
  const owner = name.slice(0, name.length - last.length - 1);
  if (owner === 'torch' && (TORCH_DTYPES.has(last) || last.endsWith('Storage'))) return true;
  if (owner === 'numpy' && NUMPY_SCALARS.has(last)) return true;
  if (anyUnder.some((p) => name.startsWith(p) && !/[._](run|exec|eval|system|load|save|read|to)_?[a-z]*$/.test(name.slice(p.length)))) return true;
  // A class (upper-case last segment) directly or deeper under an allowed family; methods of it are not.
  return /^[A-Z]/.test(last) && classUnder.some((p) => name.startsWith(p));
}

/** Judges one imported dotted name. */
export function judgeGlobal(rawName: string): Judgement {
  const name = canonical(rawName);
  const internal = name.split('.').find((seg) => INTERNALS.has(seg));
  if (internal) return { verdict: 'dangerous', severity: 'critical', category: IMPORT, reason: `reaches interpreter internals through ${internal}` };
  for (const rule of DENY) {
    const rest = matchesPrefix(name, rule.prefix);
    if (rest === undefined) continue;
    if (rule.names && !rule.names.includes(rest.split('.')[0] ?? '')) continue;
    return { verdict: 'dangerous', severity: rule.severity, category: rule.category, reason: `${rule.prefix}${rule.names ? '.' + rest.split('.')[0] : ''} is on the deny-list (${rule.category})` };
  }
  const pandasRest = matchesPrefix(name, 'pandas');
  if (pandasRest !== undefined && /(^|\.)(io|read_[a-z_]*|to_[a-z_]*|eval|query)(\.|$)/.test(pandasRest)) {
    return { verdict: 'dangerous', severity: PANDAS_IO.severity, category: PANDAS_IO.category, reason: 'pandas input/output reaches files and URLs' };
  }
  if (allowed(name)) return { verdict: 'safe', reason: 'on the allow-list of globals model files need' };
  const risky = riskyWord(name);
  if (risky) return { verdict: 'dangerous', severity: 'high', category: 'suspicious callable', reason: `not on the allow-list, and its name ("${risky}") suggests it runs, loads or writes something` };
  return { verdict: 'unknown', severity: 'medium', category: 'unknown global', reason: 'not on the allow-list of globals model files need' };
}
