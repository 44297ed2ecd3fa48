// System prompts and prompt templates written in code (inline prompts, keyed by a hash of the text),
// prompts loaded from files (a PathRef to the file, which the prompts collector describes), and
// prompts pulled from the LangChain hub.

import { appRef, type Ref } from '../types.js';
import type { Node } from '../code-common/tree-sitter.js';
import type { Analysis } from './analysis.js';
import { findRule } from './file-model.js';
import { readSource, refPath } from './paths.js';
import { argument, dictPairs, elements, stringLiteral } from './syntax.js';
import { PROMPT_MESSAGES } from './tables.js';

const SYSTEM_ROLES = new Set(['system', 'developer']);
const PROMPT_PATH = /(?:^|\/)prompts?\/|prompt[^/]*$/i;
const PROMPT_NAME = /prompt|instruction|system/i;

export function detectPrompts(a: Analysis): void {
  for (const call of a.fm.calls) {
    const callee = call.childForFieldName('function');
    const q = a.fm.qualify(callee);
    const args = a.fm.args(call);
    if (q === 'langchain.hub.pull' || q === 'langchainhub.pull' || q === 'langsmith.Client.pull_prompt') {
      const ref = a.fm.stringValue(argument(args, ['owner_repo_commit', 0]));
      if (ref && !ref.interpolated) {
        const p = a.out.asset('prompt', `hub:${ref.value}`, call, { name: ref.value, attrs: { role: 'template', hubRef: ref.value } });
        a.record(call, { prompts: [p] });
      }
      continue;
    }
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    if (method === 'from_messages' && /PromptTemplate$/.test(a.fm.qualify(callee!.childForFieldName('object')) ?? '')) {
      a.record(call, { prompts: messagesPrompts(a, args.positional[0] ?? args.keywords.get('messages'), call) });
      continue;
    }
    const rule = findRule(q, PROMPT_MESSAGES);
    if (!rule || !rule.textArgs.length) continue;
    const p = promptFrom(a, argument(args, rule.textArgs), rule.role, call);
    if (p.length) a.record(call, { prompts: p });
  }
  // prompt files read into a variable (`SYSTEM = (HERE / "prompts" / "system.md").read_text()`)
  for (const call of a.fm.calls) {
    const method = call.childForFieldName('function')?.childForFieldName('attribute')?.text;
    if (method !== 'read_text' && method !== 'read') continue;
    const file = refPath(readSource(a.fm, call));
    const target = call.parent?.type === 'assignment' ? call.parent.childForFieldName('left')?.text ?? '' : '';
    if (file && (PROMPT_PATH.test(file) || PROMPT_NAME.test(target))) promptFrom(a, call, 'system', call);
  }
  // {"role": "system", "content": ...} message dicts
  for (const d of a.fm.dicts) {
    const pairs = dictPairs(d);
    const role = stringLiteral(pairs.find((p) => p.key === 'role')?.value);
    const content = pairs.find((p) => p.key === 'content')?.value;
    if (!role || !content || !SYSTEM_ROLES.has(role.value)) continue;
    const p = promptFrom(a, content, 'system', d);
    if (p.length) a.record(d, { prompts: p });
  }
}

/** `[("system", "..."), ("human", "{q}")]` or message objects: one prompt per system message. */
function messagesPrompts(a: Analysis, list: Node | undefined, call: Node): Ref[] {
  if (!list) return [];
  const out: Ref[] = [];
  for (const el of elements(list)) {
    if (el.type === 'tuple') {
      const [role, content] = el.namedChildren;
      const r = stringLiteral(role);
      if (r && SYSTEM_ROLES.has(r.value)) out.push(...promptFrom(a, content, 'system', el));
      else if (r && content && a.fm.stringValue(content)?.value.trim()) out.push(...promptFrom(a, content, 'template', el));
    } else out.push(...a.refsOf(el).prompts);
  }
  if (!out.length) out.push(...a.refsOf(list).prompts);
  return out.length ? out : [];
}

/**
 * The prompt an expression holds: inline text (a literal, a constant, an f-string), a file the code
 * reads, or a prompt built earlier. Emits inline prompts; file prompts become a PathRef used by the app.
 */
export function promptFrom(a: Analysis, expr: Node | null | undefined, role: string, at: Node): Ref[] {
  if (!expr) return [];
  const v = a.fm.stringValue(expr);
  if (v) {
    if (!v.value.trim()) return [];
    return [a.out.prompt(v.value, role, at, { format: v.interpolated ? 'f-string' : 'text', ...(v.via ? { valueFrom: v.via } : {}) })];
  }
  const file = refPath(readSource(a.fm, expr));
  if (file) {
    const ref = a.out.pathRef(file, ['prompt']);
    a.out.edge(appRef(a.out.file), 'uses-prompt', ref, at, { role });
    return [ref];
  }
  return a.refsOf(expr).prompts;
}
