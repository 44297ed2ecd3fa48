// Evaluates the expressions hcl2json leaves as `${...}` strings, as far as the configuration states
// Evaluation is sequential on purpose: a resource being evaluated is then certainly part of a cycle.
// them: variables (defaults and tfvars), locals, `each` / `count`, other resources' arguments, module
// outputs and a handful of pure functions. Anything else stays an `Unresolved` with its source text.
// Structure (tuples, objects, function arguments) is parsed by the HCL parser itself; only traversals
// (`var.a["b"].c`) and template splitting are handled here.

import { loadHcl2Json, parseExpressionLiteral } from './hcl.js';
import { bool, isRecord, ResourceRef, str, Unresolved, type Value } from './values.js';

export type Segment = string | number;

export interface Scope {
  variable(name: string): Value | undefined;
  local(name: string): Promise<Value | undefined>;
  each?: { key: Value; value: Value };
  countIndex?: number;
  /** `type.name` followed by the remaining segments (instance key, attribute...). */
  resource(type: string, name: string, rest: Segment[], text: string): Promise<Value>;
  data(type: string, name: string, rest: Segment[], text: string): Promise<Value>;
  module(name: string, rest: Segment[], text: string): Promise<Value>;
  pathModule: string;
}

// `var.a`, `aws_s3_bucket.b.arn`, `each.value["x"]`, `var.list[0].name` (no splats, no nesting)
const TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\.\d+|\[(?:"[^"\\]*"|\d+)\])*$/;
const SEGMENT = /\.([A-Za-z_][\w-]*)|\.(\d+)|\["([^"\\]*)"\]|\[(\d+)\]/g;
const CALL = /^([a-z][\w]*)\(/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

export function parseTraversal(text: string): Segment[] | undefined {
  if (!TRAVERSAL.test(text)) return undefined;
  const first = /^[A-Za-z_][\w-]*/.exec(text)![0];
  const out: Segment[] = [first];
  for (const m of text.slice(first.length).matchAll(SEGMENT)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
    else out.push(Number(m[4]));
  }
  return out;
}

/** Applies attribute / index segments to a value; blocks (lists of bodies) are entered by name. */
export function index(v: Value | undefined, rest: Segment[], text: string): Value {
  if (v === undefined) return new Unresolved(text);
  let cur: Value | undefined = v;
  for (const s of rest) {
    if (cur instanceof Unresolved || cur instanceof ResourceRef) return cur instanceof ResourceRef ? cur : new Unresolved(text);
    if (Array.isArray(cur)) cur = typeof s === 'number' ? cur[s] : isRecord(cur[0]) ? cur[0][s] : undefined;
    else if (isRecord(cur)) cur = cur[String(s)];
    else cur = undefined;
    if (cur === undefined) return new Unresolved(text);
  }
  return cur;
}

interface TemplatePart {
  literal?: string;
  expr?: string;
}

/** Splits `a-${x}-b` into literal and interpolation parts, honouring nested braces and quotes. */
export function splitTemplate(s: string): TemplatePart[] | undefined {
  const parts: TemplatePart[] = [];
  let lit = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '$' && s[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      let quote = false;
      for (; j < s.length && depth > 0; j++) {
        const c = s[j];
        if (quote) {
          if (c === '\\') j++;
          else if (c === '"') quote = false;
        } else if (c === '"') quote = true;
        else if (c === '{') depth++;
        else if (c === '}') depth--;
      }
      if (depth !== 0) return undefined;
      if (lit) parts.push({ literal: lit });
      lit = '';
      parts.push({ expr: s.slice(i + 2, j - 1).trim() });
      i = j;
    } else if (s[i] === '%' && s[i + 1] === '{') {
      return undefined; // template directives (%{ if }) are not evaluated
    } else lit += s[i++];
  }
  if (lit) parts.push({ literal: lit });
  return parts;
}

/** The index of the parenthesis closing the one at `open`, skipping quoted strings. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  let quote = false;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

type Fn = (args: Value[], text: string) => Value;

const asList = (v: Value): Value[] | undefined => (Array.isArray(v) ? v : undefined);

// Pure functions worth evaluating: collection shaping and string building. `jsonencode` keeps the
// structure (policy readers accept structures as well as JSON text), so unresolved parts stay visible.
const FUNCTIONS: Record<string, Fn> = {
  jsonencode: (a) => a[0] ?? null,
  toset: (a, t) => (Array.isArray(a[0]) ? [...new Map(a[0].map((x) => [JSON.stringify(x), x])).values()] : new Unresolved(t)),
  tolist: (a, t) => asList(a[0]!) ?? new Unresolved(t),
  distinct: (a, t) => (Array.isArray(a[0]) ? [...new Map(a[0].map((x) => [JSON.stringify(x), x])).values()] : new Unresolved(t)),
  tomap: (a, t) => (isRecord(a[0]) ? a[0] : new Unresolved(t)),
  lower: (a, t) => str(a[0]!)?.toLowerCase() ?? new Unresolved(t),
  upper: (a, t) => str(a[0]!)?.toUpperCase() ?? new Unresolved(t),
  concat: (a, t) => (a.every(Array.isArray) ? (a as Value[][]).flat() : new Unresolved(t)),
  merge: (a, t) => (a.every(isRecord) ? Object.assign({}, ...(a as object[])) : new Unresolved(t)),
  keys: (a, t) => (isRecord(a[0]) ? Object.keys(a[0]) : new Unresolved(t)),
  values: (a, t) => (isRecord(a[0]) ? Object.values(a[0]) : new Unresolved(t)),
  lookup: (a, t) => {
    const k = str(a[1]!);
    return isRecord(a[0]) && k !== undefined && a[0][k] !== undefined ? a[0][k]! : a.length > 2 ? a[2]! : new Unresolved(t);
  },
  join: (a, t) => {
    const sep = str(a[0]!);
    const items = asList(a[1]!)?.map((x) => str(x));
    return sep !== undefined && items?.every((x) => x !== undefined) ? items.join(sep) : new Unresolved(t);
  },
  format: (a, t) => {
    const f = str(a[0]!);
    const rest = a.slice(1).map((x) => str(x));
    if (f === undefined || rest.some((x) => x === undefined)) return new Unresolved(t);
    let i = 0;
    return f.replace(/%[sd]/g, () => rest[i++] ?? '');
  },
  coalesce: (a, t) => a.find((x) => x !== null && x !== '' && !(x instanceof Unresolved)) ?? new Unresolved(t),
  try: (a, t) => a.find((x) => !(x instanceof Unresolved)) ?? new Unresolved(t),
  element: (a, t) => {
    const l = asList(a[0]!);
    const n = typeof a[1] === 'number' ? a[1] : undefined;
    return l?.length && n !== undefined ? l[n % l.length]! : new Unresolved(t);
  },
  replace: (a, t) => {
    const [s, from, to] = a.map((x) => str(x));
    return s !== undefined && from !== undefined && to !== undefined && !from.startsWith('/') ? s.split(from).join(to) : new Unresolved(t);
  },
};

export class Evaluator {
  /** Evaluates a value from hcl2json: strings may hold `${...}`, containers are evaluated deeply. */
  async value(raw: Value | undefined, scope: Scope): Promise<Value> {
    if (raw === undefined) return null;
    if (typeof raw === 'string') return this.template(raw, scope);
    if (Array.isArray(raw)) {
      const out: Value[] = [];
      for (const x of raw) out.push(await this.value(x, scope));
      return out;
    }
    if (isRecord(raw)) {
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(raw)) out[k] = await this.value(v, scope);
      return out;
    }
    return raw;
  }

  async template(s: string, scope: Scope): Promise<Value> {
    if (!s.includes('${') && !s.includes('%{')) return s;
    const parts = splitTemplate(s);
    if (!parts) return new Unresolved(s);
    if (parts.length === 1 && parts[0]!.expr !== undefined) return this.expression(parts[0]!.expr, scope);
    let out = '';
    for (const p of parts) {
      if (p.literal !== undefined) {
        out += p.literal;
        continue;
      }
      const v = await this.expression(p.expr!, scope);
      const text = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
      if (text === undefined) return new Unresolved(s);
      out += text;
    }
    return out;
  }

  async expression(e: string, scope: Scope): Promise<Value> {
    const text = e.trim();
    if (text === 'true' || text === 'false') return text === 'true';
    if (text === 'null') return null;
    if (NUMBER.test(text)) return Number(text);
    const path = parseTraversal(text);
    if (path) return this.traversal(path, text, scope);
    const call = CALL.exec(text);
    if (call && closingParen(text, call[0].length - 1) === text.length - 1) {
      const fn = FUNCTIONS[call[1]!];
      if (!fn) return new Unresolved(text);
      const args = await parseExpressionLiteral(`[${text.slice(call[0].length, -1)}]`);
      if (!Array.isArray(args)) return new Unresolved(text);
      const values: Value[] = [];
      for (const a of args) values.push(await this.value(a, scope));
      return fn(values, text);
    }
    if (text.startsWith('"') || text.startsWith('[') || text.startsWith('{')) {
      const lit = await parseExpressionLiteral(text);
      // a `for` expression comes back as a `${...}` string rather than a structure: it is not evaluated
      if (lit !== undefined && !(typeof lit === 'string' && !text.startsWith('"'))) return this.value(lit, scope);
      return new Unresolved(text);
    }
    return this.conditional(text, scope);
  }

  /** `cond ? a : b` with a condition that evaluates to a boolean; the parser splits the three parts. */
  private async conditional(text: string, scope: Scope): Promise<Value> {
    if (!text.includes('?')) return new Unresolved(text);
    try {
      const { getExpressionAst } = await loadHcl2Json();
      const ast = await getExpressionAst('expression.tf', `"\${${text}}"`);
      const node = ast?.children?.[0];
      if (node?.type !== 'conditional' || node.children.length !== 3) return new Unresolved(text);
      const [c, t, f] = node.children.map((n) => (n as { meta?: { value?: string } }).meta?.value);
      if (c === undefined || t === undefined || f === undefined) return new Unresolved(text);
      const cond = await this.comparison(c, scope);
      if (cond === undefined) return new Unresolved(text);
      return this.expression(cond ? t : f, scope);
    } catch {
      return new Unresolved(text);
    }
  }

  private async comparison(c: string, scope: Scope): Promise<boolean | undefined> {
    const text = c.trim();
    const at = [text.indexOf('=='), text.indexOf('!=')].filter((i) => i > 0).sort((a, b) => a - b)[0];
    if (at === undefined) return bool(await this.expression(text, scope));
    const op = text.slice(at, at + 2);
    const l = await this.expression(text.slice(0, at), scope);
    const r = await this.expression(text.slice(at + 2), scope);
    if (l instanceof Unresolved || r instanceof Unresolved || l instanceof ResourceRef || r instanceof ResourceRef) return undefined;
    const eq = JSON.stringify(l) === JSON.stringify(r);
    return op === '==' ? eq : !eq;
  }

  private async traversal(p: Segment[], text: string, scope: Scope): Promise<Value> {
    const [head, a, ...rest] = p;
    switch (head) {
      case 'var':
        return index(scope.variable(String(a)), rest, text);
      case 'local':
        return index(await scope.local(String(a)), rest, text);
      case 'each':
        if (!scope.each) return new Unresolved(text);
        return a === 'key' ? index(scope.each.key, rest, text) : a === 'value' ? index(scope.each.value, rest, text) : new Unresolved(text);
      case 'count':
        return a === 'index' && scope.countIndex !== undefined ? scope.countIndex : new Unresolved(text);
      case 'path':
        return a === 'module' || a === 'root' || a === 'cwd' ? scope.pathModule : new Unresolved(text);
      case 'module':
        return scope.module(String(a), rest, text);
      case 'data':
        return p.length >= 3 ? scope.data(String(a), String(rest[0]), rest.slice(1), text) : new Unresolved(text);
      default:
        // resource types always contain an underscore (`aws_s3_bucket`); anything else is a loop variable
        if (typeof head === 'string' && head.includes('_') && typeof a === 'string') return scope.resource(head, a, rest, text);
        return new Unresolved(text);
    }
  }
}
