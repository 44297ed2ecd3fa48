// Small helpers over tree-sitter nodes shared by the JavaScript analysis modules.

import type { Node } from 'web-tree-sitter';

export type { Node };

/** 1-based line of a node. */
export const lineOf = (n: Node): number => n.startPosition.row + 1;

/**
 * The nodes of the given types under `root`, in document order. Tree-sitter collects them natively;
 * walking node by node from JavaScript is an order of magnitude slower (every node crosses from WASM).
 */
export function nodesOfType(root: Node, types: readonly string[]): Node[] {
  return root.descendantsOfType(types as string[]).filter((n): n is Node => !!n);
}

/** Unwraps parentheses, `await`, TypeScript `as` / `satisfies` / non-null so values are seen plainly. */
export function unwrap(n: Node | null | undefined): Node | undefined {
  let cur = n ?? undefined;
  while (cur && ['parenthesized_expression', 'await_expression', 'as_expression', 'satisfies_expression', 'non_null_expression'].includes(cur.type)) {
    cur = cur.namedChildren[0] ?? undefined;
  }
  return cur;
}

/** The value of a plain string literal ('x' or "x"), escapes kept as written; undefined for anything else. */
export function stringLiteral(n: Node | null | undefined): string | undefined {
  const v = unwrap(n);
  if (!v || v.type !== 'string') return undefined;
  return v.text.slice(1, -1);
}

/** A template literal's text without the backticks, and the source of each substitution. */
export function templateParts(n: Node): { text: string; substitutions: string[] } | undefined {
  if (n.type !== 'template_string') return undefined;
  const substitutions = n.namedChildren.filter((c) => c?.type === 'template_substitution').map((c) => c!.text.slice(2, -1).trim());
  return { text: n.text.slice(1, -1), substitutions };
}

/** The property name of a pair key (`model`, `'model'`, `["model"]`). */
export function keyName(k: Node | null): string | undefined {
  if (!k) return undefined;
  if (k.type === 'property_identifier' || k.type === 'identifier') return k.text;
  if (k.type === 'string') return k.text.slice(1, -1);
  return undefined;
}

/** Properties of an object literal by name; shorthand `{ model }` maps to the identifier node. */
export function objectProps(n: Node | null | undefined): Map<string, Node> {
  const props = new Map<string, Node>();
  const o = unwrap(n);
  if (!o || o.type !== 'object') return props;
  for (const c of o.namedChildren) {
    if (!c) continue;
    if (c.type === 'pair') {
      const name = keyName(c.childForFieldName('key'));
      const value = c.childForFieldName('value');
      if (name && value) props.set(name, value);
    } else if (c.type === 'shorthand_property_identifier') props.set(c.text, c);
    else if (c.type === 'method_definition') {
      const name = keyName(c.childForFieldName('name'));
      if (name) props.set(name, c);
    }
  }
  return props;
}

export function callArgs(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'arguments') return [];
  return args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** `a.b.c` → ['a', 'b', 'c'] (optional chaining and `this` included); undefined when not a plain chain. */
export function memberChain(n: Node | null | undefined): string[] | undefined {
  const v = unwrap(n);
  if (!v) return undefined;
  if (v.type === 'identifier' || v.type === 'this') return [v.text];
  if (v.type === 'member_expression') {
    const obj = memberChain(v.childForFieldName('object'));
    const prop = v.childForFieldName('property');
    return obj && prop ? [...obj, prop.text] : undefined;
  }
  if (v.type === 'subscript_expression') {
    const obj = memberChain(v.childForFieldName('object'));
    const idx = stringLiteral(v.childForFieldName('index'));
    return obj && idx !== undefined ? [...obj, idx] : undefined;
  }
  return undefined;
}

/** The name a value is bound to: `const x = <value>`, `x = <value>`, `{ x: <value> }`. */
export function boundName(value: Node): string | undefined {
  let p = value.parent;
  while (p && ['await_expression', 'parenthesized_expression', 'as_expression', 'satisfies_expression'].includes(p.type)) p = p.parent;
  if (!p) return undefined;
  if (p.type === 'variable_declarator') return p.childForFieldName('name')?.type === 'identifier' ? p.childForFieldName('name')!.text : undefined;
  if (p.type === 'assignment_expression') return memberChain(p.childForFieldName('left'))?.at(-1);
  if (p.type === 'pair') return keyName(p.childForFieldName('key'));
  return undefined;
}

/** The name of the function (declaration, method or named const arrow) enclosing a node. */
export function enclosingFunctionName(n: Node): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_definition' || p.type === 'generator_function_declaration') {
      return p.childForFieldName('name')?.text;
    }
    if ((p.type === 'arrow_function' || p.type === 'function_expression') && p.parent?.type === 'variable_declarator') {
      return p.parent.childForFieldName('name')?.text;
    }
  }
  return undefined;
}
