// Small readers over tree-sitter-python nodes: string literals, dotted names and call arguments.

import type { Node } from '../code-common/tree-sitter.js';

export interface StringLit {
  /** The text with escapes decoded; interpolations of f-strings kept as `{expr}`. */
  value: string;
  /** True when an f-string interpolates something: such a value is not a constant. */
  interpolated: boolean;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** Reads a `string` or `concatenated_string` node; undefined for anything else (bytes included). */
export function stringLiteral(node: Node | null | undefined): StringLit | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => stringLiteral(c));
    if (parts.some((p) => !p)) return undefined;
    return { value: parts.map((p) => p!.value).join(''), interpolated: parts.some((p) => p!.interpolated) };
  }
  if (node.type !== 'string') return undefined;
  const start = node.namedChildren.find((c) => c.type === 'string_start')?.text ?? '';
  const prefix = start.replace(/["']+$/, '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  const raw = prefix.includes('r');
  let value = '';
  let interpolated = false;
  for (const c of node.namedChildren) {
    if (c.type === 'string_content') value += raw ? c.text : decodeEscapes(c.text);
    else if (c.type === 'interpolation') {
      interpolated = true;
      value += c.text;
    } else if (c.type === 'escape_sequence') value += raw ? c.text : decodeEscapes(c.text);
  }
  return { value, interpolated };
}

function decodeEscapes(s: string): string {
  return s.replace(/\\(.)/gs, (m, ch: string) => ESCAPES[ch] ?? m);
}

/** `a.b.c` for identifier/attribute chains; undefined when the chain contains calls or subscripts. */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const obj = dottedName(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute')?.text;
    return obj && attr ? `${obj}.${attr}` : undefined;
  }
  return undefined;
}

/** The leftmost node of an attribute / call / subscript chain (`a` in `a.b().c[0]`). */
export function chainRoot(node: Node): Node {
  let n = node;
  for (;;) {
    const next =
      n.type === 'attribute' ? n.childForFieldName('object') : n.type === 'call' ? n.childForFieldName('function') : n.type === 'subscript' ? n.childForFieldName('value') : null;
    if (!next) return n;
    n = next;
  }
}

export interface CallArgs {
  positional: Node[];
  keywords: Map<string, Node>;
}

export function callArgs(call: Node): CallArgs {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const list = call.childForFieldName('arguments');
  if (list?.type === 'argument_list') {
    for (const a of list.namedChildren) {
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text;
        const value = a.childForFieldName('value');
        if (name && value) keywords.set(name, value);
      } else if (a.type !== 'comment' && a.type !== 'list_splat' && a.type !== 'dictionary_splat') positional.push(a);
    }
  } else if (list) positional.push(list); // a generator argument: f(x for x in y)
  return { positional, keywords };
}

/** An argument given by keyword or position, whichever the call uses. */
export function argument(args: CallArgs, spec: ReadonlyArray<string | number>): Node | undefined {
  for (const s of spec) {
    const n = typeof s === 'number' ? args.positional[s] : args.keywords.get(s);
    if (n) return n;
  }
  return undefined;
}

/** True/False literals; undefined for anything else. */
export function boolLiteral(node: Node | null | undefined): boolean | undefined {
  if (node?.type === 'true') return true;
  if (node?.type === 'false') return false;
  return undefined;
}

/** 1-based line of a node. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** Elements of a list/tuple/set literal, or the node itself. */
export function elements(node: Node): Node[] {
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'set' || node.type === 'expression_list') {
    return node.namedChildren.filter((c) => c.type !== 'comment');
  }
  if (node.type === 'parenthesized_expression' && node.namedChildren.length === 1) return elements(node.namedChildren[0]);
  return [node];
}

/** Key/value pairs of a dict literal whose keys are plain strings. */
export function dictPairs(node: Node): Array<{ key: string; value: Node; pair: Node }> {
  if (node.type !== 'dictionary') return [];
  const out: Array<{ key: string; value: Node; pair: Node }> = [];
  for (const p of node.namedChildren) {
    if (p.type !== 'pair') continue;
    const k = stringLiteral(p.childForFieldName('key'));
    const v = p.childForFieldName('value');
    if (k && !k.interpolated && v) out.push({ key: k.value, value: v, pair: p });
  }
  return out;
}
