// What a tool can do, inferred from what its body calls: `subprocess.run` → shell, `open(p, "w")` →
// file-write, `cursor.execute(f"...")` → database with SQL built by string formatting, and so on.
// Calls to the file's own functions are followed (once each).

import { descendants, type Node } from '../code-common/tree-sitter.js';
import type { FileModel } from './file-model.js';
import { chainRoot, stringLiteral } from './syntax.js';
import { CAPABILITY_CALLS, CAPABILITY_METHODS, SQL_METHODS, type Capability } from './tables.js';

export interface BodyFacts {
  capabilities: Set<Capability>;
  /** SQL text built with f-strings, `%`, `.format` or concatenation. */
  sqlStringFormatting: boolean;
  /** The body pauses for a human (LangGraph `interrupt`). */
  requiresApproval: boolean;
  /** Names the body uses from outside itself (module objects such as a retriever). */
  outerNames: Node[];
}

const SQL_START = /^\s*(?:select|insert|update|delete|create|drop|alter|with|replace|merge|pragma|truncate|grant)\b/i;
const WRITE_MODE = /[wax+]/;

export function bodyFacts(fm: FileModel, body: Node): BodyFacts {
  const facts: BodyFacts = { capabilities: new Set(), sqlStringFormatting: false, requiresApproval: false, outerNames: [] };
  scan(fm, body, facts, new Set([body.id]));
  return facts;
}

function scan(fm: FileModel, body: Node, facts: BodyFacts, visited: Set<number>): void {
  for (const n of descendants(body)) {
    if (n.type !== 'call') continue;
    const fn = n.childForFieldName('function');
    if (!fn) continue;
    const q = fm.qualify(fn);
    const args = fm.args(n);
    if (q === 'builtins.open' || q === 'io.open') {
      const mode = stringLiteral(args.positional[1] ?? args.keywords.get('mode'))?.value ?? 'r';
      facts.capabilities.add(WRITE_MODE.test(mode) ? 'file-write' : 'file-read');
      continue;
    }
    if (q === 'langgraph.types.interrupt' || q === 'langgraph.interrupt') facts.requiresApproval = true;
    const origin = q ?? originOf(fm, fn);
    if (origin) for (const [prefix, cap] of CAPABILITY_CALLS) if (origin.startsWith(prefix)) facts.capabilities.add(cap);
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const cap = CAPABILITY_METHODS[method];
      if (cap) facts.capabilities.add(cap);
      if (SQL_METHODS.has(method)) {
        const sql = args.positional[0] ?? args.keywords.get('sql') ?? args.keywords.get('query') ?? args.keywords.get('statement');
        const dbOrigin = !!origin && CAPABILITY_CALLS.some(([p, c]) => c === 'database' && origin.startsWith(p));
        if (dbOrigin || looksLikeSql(fm, sql)) {
          facts.capabilities.add('database');
          if (formatsSql(fm, sql)) facts.sqlStringFormatting = true;
        }
      }
      const root = chainRoot(fn);
      if (root.type === 'identifier' && fm.scopeOfName(root.text, root) === 'module') facts.outerNames.push(root);
    }
    // the file's own helpers: what they do, the tool does
    const local = fm.functionNamed(fn);
    if (local && !visited.has(local.id)) {
      visited.add(local.id);
      const b = local.childForFieldName('body');
      if (b) scan(fm, b, facts, visited);
    }
  }
}

/** `conn.cursor().execute` where `conn = sqlite3.connect(...)`: the qualified name of what built the receiver. */
function originOf(fm: FileModel, fn: Node, depth = 0): string | undefined {
  if (depth > 5) return undefined;
  const root = chainRoot(fn);
  if (root.type === 'call') {
    const f = root.childForFieldName('function');
    return f ? fm.qualify(f) ?? originOf(fm, f, depth + 1) : undefined;
  }
  if (root.type !== 'identifier') return undefined;
  const v = fm.boundValue(root);
  if (!v) return undefined;
  if (v.type === 'call') {
    const f = v.childForFieldName('function');
    return f ? fm.qualify(f) ?? originOf(fm, f, depth + 1) : undefined;
  }
  return v.type === 'attribute' || v.type === 'identifier' ? fm.qualify(v) ?? originOf(fm, v, depth + 1) : undefined;
}

function sqlText(fm: FileModel, n: Node | null | undefined, depth = 0): string | undefined {
  if (!n || depth > 3) return undefined;
  const s = fm.stringValue(n);
  if (s) return s.value;
  if (n.type === 'binary_operator') return sqlText(fm, n.childForFieldName('left'), depth + 1);
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') return sqlText(fm, fn.childForFieldName('object'), depth + 1);
    // sqlalchemy text("...")
    return sqlText(fm, fm.args(n).positional[0], depth + 1);
  }
  if (n.type === 'identifier') {
    const v = fm.boundValue(n);
    return v ? sqlText(fm, v, depth + 1) : undefined;
  }
  return undefined;
}

function looksLikeSql(fm: FileModel, n: Node | null | undefined): boolean {
  const t = sqlText(fm, n);
  return !!t && SQL_START.test(t);
}

/** SQL assembled from pieces at run time: f-string, `%`, `.format`, or `+`. */
function formatsSql(fm: FileModel, n: Node | null | undefined, depth = 0): boolean {
  if (!n || depth > 3) return false;
  const lit = stringLiteral(n);
  if (lit) return lit.interpolated;
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.text;
    return op === '%' || op === '+';
  }
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') return true;
    return formatsSql(fm, fm.args(n).positional[0], depth + 1);
  }
  if (n.type === 'identifier') {
    const v = fm.boundValue(n);
    return v ? formatsSql(fm, v, depth + 1) : false;
  }
  return false;
}
