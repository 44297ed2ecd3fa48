// What one Python file declares: its imports, the names it binds in each scope (module and functions),
// its functions and classes. Built in one walk over the tree; the detectors only read it.

import type { Node } from '../code-common/tree-sitter.js';
import { callArgs, dottedName, stringLiteral, type CallArgs, type StringLit } from './syntax.js';
import type { CalleeRule } from './tables.js';

/** Builtins whose calls matter to the detectors; qualified as `builtins.<name>`. */
const BUILTINS = new Set(['open', 'exec', 'eval', 'compile', '__import__']);

/** The node types `visit` reads. */
const VISITED = [
  'import_statement', 'import_from_statement', 'assignment', 'augmented_assignment', 'as_pattern', 'function_definition', 'class_definition',
  'for_statement', 'call', 'string', 'concatenated_string', 'subscript', 'dictionary', 'decorated_definition',
];

/** The ASCII name a source text starts with; none when the name goes on in non-ASCII letters. */
const LEADING_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_\u0080-\uffff])/;

/** A parameter without a default: binds a name to nothing we can know. */
export const UNKNOWN = Symbol('unknown');
type Binding = Node | typeof UNKNOWN;

export class FileModel {
  /** Local name → qualified module path (`np` → `numpy`, `OpenAI` → `openai.OpenAI`). */
  readonly imports = new Map<string, string>();
  /** Scope node id → name → every value assigned to it there. */
  private readonly scopes = new Map<number, Map<string, Binding[]>>();
  /** Function definitions by name (module level and methods). */
  readonly functions = new Map<string, Node>();
  readonly classes = new Map<string, Node>();
  readonly calls: Node[] = [];
  readonly strings: Node[] = [];
  readonly subscripts: Node[] = [];
  readonly dicts: Node[] = [];
  readonly decorated: Node[] = [];
  readonly moduleId: number;

  constructor(readonly root: Node) {
    this.moduleId = root.id;
    // The walk runs inside wasm and hands over only these nodes, in document order: walking every node
    // from JavaScript (a wasm call and a node object per node) cost more than parsing the file.
    for (const n of root.descendantsOfType(VISITED)) this.visit(n);
  }

  private visit(n: Node): void {
    switch (n.type) {
      case 'import_statement':
        for (const c of n.namedChildren) {
          if (c.type === 'dotted_name') this.imports.set(c.text.split('.')[0], c.text.split('.')[0]);
          else if (c.type === 'aliased_import') {
            const name = c.childForFieldName('name')?.text;
            const alias = c.childForFieldName('alias')?.text;
            if (name && alias) this.imports.set(alias, name);
          }
        }
        break;
      case 'import_from_statement': {
        const mod = n.childForFieldName('module_name')?.text;
        if (!mod || mod.startsWith('.')) break; // relative imports are the project's own code
        for (const c of n.childrenForFieldName('name')) {
          if (c.type === 'dotted_name') this.imports.set(c.text, `${mod}.${c.text}`);
          else if (c.type === 'aliased_import') {
            const name = c.childForFieldName('name')?.text;
            const alias = c.childForFieldName('alias')?.text;
            if (name && alias) this.imports.set(alias, `${mod}.${name}`);
          }
        }
        break;
      }
      case 'assignment': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left?.type === 'identifier' && right) this.bind(n, left.text, right);
        else if (left && right && (left.type === 'pattern_list' || left.type === 'tuple_pattern')) {
          // `a, b = x, y` binds pairwise; anything else binds to the unknown
          const names = left.namedChildren;
          const values = right.type === 'expression_list' || right.type === 'tuple' ? right.namedChildren : [];
          names.forEach((nm, i) => nm.type === 'identifier' && this.bind(n, nm.text, values.length === names.length ? values[i] : UNKNOWN));
        }
        break;
      }
      case 'augmented_assignment': {
        const left = n.childForFieldName('left');
        if (left?.type === 'identifier') this.bind(n, left.text, UNKNOWN);
        break;
      }
      case 'as_pattern': {
        // `with open(p) as f:` binds f to the call
        const target = n.childForFieldName('alias');
        const value = n.namedChildren[0];
        const id = target?.namedChildren[0] ?? target;
        if (id?.type === 'identifier' && value) this.bind(n, id.text, value);
        break;
      }
      case 'function_definition': {
        const name = n.childForFieldName('name')?.text;
        if (name && !this.functions.has(name)) this.functions.set(name, n);
        const params = n.childForFieldName('parameters');
        for (const p of params?.namedChildren ?? []) {
          const pname = p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier'))?.text;
          if (!pname) continue;
          const dflt = p.type === 'default_parameter' || p.type === 'typed_default_parameter' ? p.childForFieldName('value') : null;
          this.scopeOf(n, true).set(pname, [dflt ?? UNKNOWN]);
        }
        break;
      }
      case 'class_definition': {
        const name = n.childForFieldName('name')?.text;
        if (name) this.classes.set(name, n);
        break;
      }
      case 'for_statement': {
        const left = n.childForFieldName('left');
        if (left?.type === 'identifier') this.bind(n, left.text, UNKNOWN);
        break;
      }
      case 'call':
        this.calls.push(n);
        break;
      case 'string':
      case 'concatenated_string':
        if (n.parent?.type !== 'concatenated_string') this.strings.push(n);
        break;
      case 'subscript':
        this.subscripts.push(n);
        break;
      case 'dictionary':
        this.dicts.push(n);
        break;
      case 'decorated_definition':
        this.decorated.push(n);
        break;
    }
  }

  // Node navigation crosses into wasm; these caches keep repeated look-ups cheap (ids are stable per tree).
  private readonly enclosingCache = new Map<number, Node | null>();
  private readonly argsCache = new Map<number, CallArgs>();
  private readonly calleeCache = new Map<number, string | null>();

  /** The function that encloses a node (its scope), or undefined at module level. */
  enclosingFunction(n: Node): Node | undefined {
    const hit = this.enclosingCache.get(n.id);
    if (hit !== undefined) return hit ?? undefined;
    let found: Node | null = null;
    for (let p = n.parent; p; p = p.parent) {
      if (p.type === 'function_definition') {
        found = p;
        break;
      }
    }
    this.enclosingCache.set(n.id, found);
    return found ?? undefined;
  }

  /** Arguments of a call (cached). */
  args(call: Node): CallArgs {
    let a = this.argsCache.get(call.id);
    if (!a) this.argsCache.set(call.id, (a = callArgs(call)));
    return a;
  }

  /** The qualified name of a call's callee (cached). */
  callee(call: Node): string | undefined {
    let q = this.calleeCache.get(call.id);
    if (q === undefined) this.calleeCache.set(call.id, (q = this.qualify(call.childForFieldName('function')) ?? null));
    return q ?? undefined;
  }

  private scopeOf(fn: Node | undefined, own = false): Map<string, Binding[]> {
    const id = own ? fn!.id : fn?.id ?? this.moduleId;
    let s = this.scopes.get(id);
    if (!s) this.scopes.set(id, (s = new Map()));
    return s;
  }

  private bind(at: Node, name: string, value: Binding): void {
    const scope = this.scopeOf(this.enclosingFunction(at));
    const list = scope.get(name);
    if (list) list.push(value);
    else scope.set(name, [value]);
  }

  /** The values a name may hold where `at` uses it: the nearest enclosing scope that binds it. */
  bindings(name: string, at: Node): Binding[] | undefined {
    for (let fn = this.enclosingFunction(at); fn; fn = this.enclosingFunction(fn)) {
      const b = this.scopes.get(fn.id)?.get(name);
      if (b) return b;
    }
    return this.scopes.get(this.moduleId)?.get(name);
  }

  /** Where the binding a name refers to lives. */
  scopeOfName(name: string, at: Node): 'function' | 'module' | undefined {
    for (let fn = this.enclosingFunction(at); fn; fn = this.enclosingFunction(fn)) if (this.scopes.get(fn.id)?.has(name)) return 'function';
    return this.scopes.get(this.moduleId)?.has(name) ? 'module' : undefined;
  }

  /** The single value bound to a name, when there is exactly one known value. */
  boundValue(ident: Node): Node | undefined {
    const b = this.bindings(ident.text, ident);
    if (!b || b.length !== 1 || b[0] === UNKNOWN) return undefined;
    return b[0];
  }

  /** The dotted, import-resolved name of an expression (`np.load` → `numpy.load`), when it names an import. */
  qualify(expr: Node | null | undefined): string | undefined {
    if (!expr) return undefined;
    // Most expressions start with a name that is neither imported nor a builtin: their source text says so
    // without walking the attribute chain node by node (each step a call into wasm).
    const leading = LEADING_NAME.exec(expr.text)?.[0];
    if (leading !== undefined && !this.imports.has(leading) && !BUILTINS.has(leading)) return undefined;
    const dotted = dottedName(expr);
    if (!dotted) return undefined;
    const [head, ...rest] = dotted.split('.');
    if (this.isLocallyBound(head, expr!)) return undefined;
    const mod = this.imports.get(head);
    if (mod) return [mod, ...rest].join('.');
    if (BUILTINS.has(head) && rest.length === 0) return `builtins.${head}`;
    return undefined;
  }

  private isLocallyBound(name: string, at: Node): boolean {
    if (this.imports.has(name)) {
      // an import shadowed by a function-local assignment is not the import
      for (let fn = this.enclosingFunction(at); fn; fn = this.enclosingFunction(fn)) if (this.scopes.get(fn.id)?.has(name)) return true;
      return false;
    }
    return !!this.bindings(name, at);
  }

  /** Resolves a string-valued expression: a literal, or a name bound once to one (module constants). */
  stringValue(expr: Node | null | undefined, depth = 0): (StringLit & { via?: 'constant' | 'env-default' }) | undefined {
    if (!expr || depth > 4) return undefined;
    const lit = stringLiteral(expr);
    if (lit) return lit;
    if (expr.type === 'parenthesized_expression' && expr.namedChildren.length === 1) return this.stringValue(expr.namedChildren[0], depth + 1);
    if (expr.type === 'identifier') {
      const b = this.bindings(expr.text, expr);
      if (!b?.length || b.some((v) => v === UNKNOWN)) return undefined;
      const values = (b as Node[]).map((v) => this.stringValue(v, depth + 1));
      const first = values[0];
      if (!first || values.some((v) => !v || v.value !== first.value)) return undefined;
      return { ...first, via: first.via ?? 'constant' };
    }
    // os.getenv("MODEL", "gpt-4o"): the default is the value the code runs with unless configured
    const env = this.envRef(expr);
    if (env?.default) return { ...env.default, via: 'env-default' };
    return undefined;
  }

  /** `os.environ["X"]`, `os.environ.get("X", d)`, `os.getenv("X", d)` → the variable name (and default). */
  envRef(expr: Node | null | undefined): { name: string; default?: StringLit } | undefined {
    if (!expr) return undefined;
    if (expr.type === 'subscript') {
      const q = this.qualify(expr.childForFieldName('value'));
      if (q !== 'os.environ') return undefined;
      const key = stringLiteral(expr.childForFieldName('subscript'));
      return key && !key.interpolated ? { name: key.value } : undefined;
    }
    if (expr.type !== 'call') return undefined;
    const q = this.qualify(expr.childForFieldName('function'));
    if (q !== 'os.getenv' && q !== 'os.environ.get' && q !== 'os.environ.setdefault') return undefined;
    const args = callArgs(expr);
    const key = stringLiteral(args.positional[0] ?? args.keywords.get('key'));
    if (!key || key.interpolated) return undefined;
    const d = stringLiteral(args.positional[1] ?? args.keywords.get('default'));
    return { name: key.value, ...(d && !d.interpolated ? { default: d } : {}) };
  }

  /** The function definition a name refers to, when it is one of this file's functions. */
  functionNamed(expr: Node | null | undefined): Node | undefined {
    if (expr?.type !== 'identifier') return undefined;
    return this.functions.get(expr.text);
  }
}

/** Does a qualified name match a rule (`langchain_openai.ChatOpenAI` matches names [ChatOpenAI], modules [langchain])? */
export function matches(q: string | undefined, rule: CalleeRule): boolean {
  if (!q) return false;
  const dot = q.lastIndexOf('.');
  if (dot < 0) return false;
  if (!rule.names.includes(q.slice(dot + 1))) return false;
  return rule.modules.some((m) => q.startsWith(m + '.') || q.startsWith(m + '_'));
}

export function findRule<R extends CalleeRule>(q: string | undefined, rules: R[]): R | undefined {
  if (!q) return undefined;
  return rules.find((r) => matches(q, r));
}
