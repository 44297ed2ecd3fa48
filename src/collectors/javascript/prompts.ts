// Prompts written in code (system messages, `system:` / `instructions` options, LangChain templates)
// and prompts read from files, which become path references the graph builder resolves.

import path from 'node:path/posix';
import { appRef, type KeyRef, type PathRef } from '../types.js';
import type { FileAnalysis } from './context.js';
import { resolveConstant } from './scope.js';
import { callArgs, lineOf, memberChain, objectProps, stringLiteral, templateParts, unwrap, type Node } from './syntax.js';

const FSTRING_VARIABLE = /\{(\w+)\}/g;
const PROMPT_FILE = /\.(?:md|txt|prompt|prompty|j2|jinja2?|hbs|mustache|tmpl|tpl)$|prompt/i;
const FS_READS = new Set(['readFile', 'readFileSync']);
const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra']);

/** A prompt from an expression: a literal, a template literal, a const, a variable holding a prompt. */
export function promptRef(a: FileAnalysis, n: Node | null | undefined, role: string, format?: 'f-string'): KeyRef | PathRef | undefined {
  let v = unwrap(n);
  if (!v) return undefined;
  if (v.type === 'identifier' || v.type === 'member_expression') {
    const o = v.type === 'identifier' ? a.r.vars.get(v.text) : undefined;
    if (o?.kind === 'prompt') return o.ref;
    v = resolveConstant(a.r.scope, v);
    if (!v) return undefined;
  }
  const line = lineOf(v);
  if (v.type === 'string') {
    const text = unescape(stringLiteral(v) ?? '');
    if (!text.trim()) return undefined;
    return a.em.prompt(text, role, line, a.snippet(line), format ? fstringVariables(text) : [], format ?? 'text');
  }
  if (v.type === 'template_string') {
    const t = templateParts(v)!;
    if (!t.text.trim()) return undefined;
    return a.em.prompt(t.text, role, line, a.snippet(line), t.substitutions, t.substitutions.length ? 'template-literal' : 'text');
  }
  if (v.type === 'call_expression' || v.type === 'new_expression') {
    const o = a.evaluate(v);
    return o?.kind === 'prompt' ? o.ref : undefined;
  }
  return undefined;
}

function unescape(s: string): string {
  return s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(['"\\])/g, '$1');
}

function fstringVariables(text: string): string[] {
  return [...new Set([...text.matchAll(FSTRING_VARIABLE)].map((m) => m[1]!))];
}

/** `ChatPromptTemplate.fromMessages([...])`, `PromptTemplate.fromTemplate('...')`, `new SystemMessage('...')`. */
export function langchainPrompt(a: FileAnalysis, n: Node, className: string, members: string[]): KeyRef | undefined {
  const args = callArgs(n);
  const method = members[0];
  if (className === 'SystemMessage') {
    const first = unwrap(args[0]);
    const content = first?.type === 'object' ? objectProps(first).get('content') : first;
    const ref = promptRef(a, content, 'system');
    return ref && !('path' in ref) ? ref : undefined;
  }
  const role = className === 'SystemMessagePromptTemplate' ? 'system' : 'template';
  if (method === 'fromMessages') {
    const list = unwrap(args[0]);
    if (list?.type !== 'array') return undefined;
    const parts: string[] = [];
    const placeholders: string[] = [];
    for (const el of list.namedChildren) {
      const e = unwrap(el);
      if (!e) continue;
      if (e.type === 'array') {
        const [r, t] = e.namedChildren.map((x) => unwrap(x));
        const textNode = t && (t.type === 'identifier' ? resolveConstant(a.r.scope, t) : t);
        const text = textNode?.type === 'string' ? unescape(stringLiteral(textNode) ?? '') : textNode?.type === 'template_string' ? templateParts(textNode)!.text : undefined;
        if (text !== undefined) parts.push(`${stringLiteral(r) ?? 'message'}: ${text}`);
      } else if (e.type === 'new_expression' && memberChain(e.childForFieldName('constructor'))?.at(-1) === 'MessagesPlaceholder') {
        const name = stringLiteral(callArgs(e)[0]);
        if (name) placeholders.push(name);
      }
    }
    if (!parts.length) return undefined;
    const text = parts.join('\n');
    const line = lineOf(n);
    return a.em.prompt(text, role, line, a.snippet(line), [...fstringVariables(text), ...placeholders], 'f-string');
  }
  if (method === 'fromTemplate') {
    const ref = promptRef(a, args[0], role, 'f-string');
    return ref && !('path' in ref) ? ref : undefined;
  }
  if (!method) {
    const opts = objectProps(args[0]);
    const ref = promptRef(a, opts.get('template'), role, 'f-string');
    return ref && !('path' in ref) ? ref : undefined;
  }
  return undefined;
}

/** `readFileSync('prompts/system.md')`: a reference to the prompt file, used by the file's application. */
export function promptFileRead(a: FileAnalysis, n: Node, module: string, fn: string): PathRef | undefined {
  if (!FS_MODULES.has(module) || !FS_READS.has(fn)) return undefined;
  const p = pathArgument(a, callArgs(n)[0]);
  if (!p || !PROMPT_FILE.test(p)) return undefined;
  const ref: PathRef = { path: p, from: a.rel, kinds: ['prompt'] };
  const line = lineOf(n);
  a.em.edge(appRef(a.rel), 'uses-prompt', ref, line, a.snippet(line));
  return ref;
}

/** A relative path from a literal, `path.join(__dirname, 'a', 'b.md')` or `new URL('./a.md', import.meta.url)`. */
function pathArgument(a: FileAnalysis, n: Node | undefined): string | undefined {
  const v = unwrap(n);
  if (!v) return undefined;
  const literal = stringLiteral(v) ?? stringLiteral(resolveConstant(a.r.scope, v));
  if (literal !== undefined) return literal;
  if (v.type === 'new_expression' && v.childForFieldName('constructor')?.text === 'URL') return stringLiteral(callArgs(v)[0]);
  if (v.type === 'call_expression') {
    const res = a.r.resolve(v.childForFieldName('function'));
    if (res?.module === 'path' && ['join', 'resolve'].includes(res.members.at(-1) ?? res.exportName)) {
      const parts: string[] = [];
      for (const arg of callArgs(v)) {
        const s = stringLiteral(arg) ?? stringLiteral(resolveConstant(a.r.scope, arg));
        if (s !== undefined) parts.push(s);
        else if (parts.length) return undefined; // a variable after a literal: not a fixed path
      }
      return parts.length ? path.join(...parts) : undefined;
    }
  }
  return undefined;
}
