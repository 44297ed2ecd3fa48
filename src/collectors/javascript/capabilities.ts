// What a tool can do, inferred from what its body calls: shell, code execution, files, network,
// messaging, databases, payments. Local helper functions are followed a few levels deep.

import type { KeyRef } from '../types.js';
import type { Resolver } from './resolve.js';
import { GLOBAL_CAPABILITIES, MODULE_CAPABILITIES, SQL_METHODS, SQL_TEXT } from './tables.js';
import { callArgs, memberChain, nodesOfType, stringLiteral, templateParts, unwrap, type Node } from './syntax.js';
import { resolveConstant } from './scope.js';

export interface ToolEffects {
  capabilities: Set<string>;
  /** SQL built from a template literal with substitutions or by string concatenation. */
  sqlStringFormatting: boolean;
  /** Vector stores the body reads from (retrieval). */
  vectorStores: KeyRef[];
}

const MAX_HELPER_DEPTH = 3;
const EFFECT_NODES = ['identifier', 'call_expression', 'new_expression'];

export function toolEffects(body: Node, r: Resolver): ToolEffects {
  const effects: ToolEffects = { capabilities: new Set(), sqlStringFormatting: false, vectorStores: [] };
  visit(body, r, effects, new Set(), 0);
  return effects;
}

function visit(body: Node, r: Resolver, fx: ToolEffects, followed: Set<string>, depth: number): void {
  for (const n of nodesOfType(body, EFFECT_NODES)) {
    if (n.type === 'identifier') {
      const o = r.vars.get(n.text);
      if (o?.kind === 'vector' && !fx.vectorStores.some((v) => v.key === o.ref.key)) fx.vectorStores.push(o.ref);
      continue;
    }
    if (n.type !== 'call_expression' && n.type !== 'new_expression') continue;
    const callee = n.childForFieldName(n.type === 'call_expression' ? 'function' : 'constructor');
    const chain = memberChain(callee);
    if (!chain) continue;
    const last = chain[chain.length - 1]!;
    if (n.type === 'new_expression' && chain.length === 1 && last === 'Function' && !r.scope.bindings.has('Function')) fx.capabilities.add('code-execution');
    if (chain.length === 1 && GLOBAL_CAPABILITIES[last] && !r.scope.bindings.has(last) && !r.vars.has(last)) fx.capabilities.add(GLOBAL_CAPABILITIES[last]!);
    const res = r.resolve(callee);
    const module = res?.module;
    if (module) {
      const caps = MODULE_CAPABILITIES[module];
      const promisified = res.origin?.kind === 'module' && !res.members.length ? res.origin.fn : undefined;
      const fn = promisified ?? (res.members.length ? res.members[res.members.length - 1]! : res.exportName);
      const cap = caps?.functions?.[fn] ?? caps?.any;
      if (cap) fx.capabilities.add(cap);
    }
    if (n.type === 'call_expression' && SQL_METHODS.has(last) && chain.length > 1) sqlCall(n, r, fx);
    // follow local helpers: execute: ({ cmd }) => runCommand(cmd)
    if (chain.length === 1 && depth < MAX_HELPER_DEPTH && !followed.has(last)) {
      const helper = r.scope.functions.get(last);
      if (helper && !isInside(n, helper)) {
        followed.add(last);
        visit(helper, r, fx, followed, depth + 1);
      }
    }
  }
}

function isInside(n: Node, outer: Node): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

/** `db.query(\`SELECT ... ${x}\`)`: database access, and whether the SQL is formatted from values. */
function sqlCall(call: Node, r: Resolver, fx: ToolEffects): void {
  const first = unwrap(callArgs(call)[0]);
  if (!first) return;
  const value = first.type === 'identifier' ? (resolveConstant(r.scope, first) ?? first) : first;
  const text = sqlText(value);
  if (text === undefined || !SQL_TEXT.test(text)) return;
  fx.capabilities.add('database');
  const formatted = (value.type === 'template_string' && (templateParts(value)?.substitutions.length ?? 0) > 0) || value.type === 'binary_expression';
  if (formatted) fx.sqlStringFormatting = true;
}

/** The leading literal text of a SQL argument: a string, a template, or the left end of a concatenation. */
function sqlText(n: Node): string | undefined {
  if (n.type === 'string') return stringLiteral(n);
  if (n.type === 'template_string') return templateParts(n)?.text;
  if (n.type === 'binary_expression' && n.child(1)?.text === '+') {
    const left = unwrap(n.childForFieldName('left'));
    return left ? sqlText(left) : undefined;
  }
  return undefined;
}
