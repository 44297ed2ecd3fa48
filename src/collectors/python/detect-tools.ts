// Agent tools: decorated functions (`@tool`, `@function_tool`, ...), functions wrapped by tool
// factories (`Tool(func=...)`, `StructuredTool.from_function`), `BaseTool` subclasses, ready-made tools
// and toolkits (ShellTool, FileManagementToolkit, ...). Capabilities come from what the code calls.

import type { Attrs } from '../../model/index.js';
import { maskSecrets } from '../../util/mask.js';
import type { KeyRef } from '../types.js';
import type { Node } from '../code-common/tree-sitter.js';
import type { Analysis } from './analysis.js';
import { bodyFacts, type BodyFacts } from './capabilities.js';
import { findRule, matches } from './file-model.js';
import { argument, elements, stringLiteral } from './syntax.js';
import { KNOWN_TOOLS, LOAD_TOOLS_NAMES, TOOL_DECORATORS, TOOL_FACTORIES, type Capability } from './tables.js';

const BASE_TOOL = { names: ['BaseTool'], modules: ['langchain', 'crewai', 'crewai_tools', 'smolagents'] };
const RETRIEVER_TOOL = { names: ['create_retriever_tool'], modules: ['langchain'] };
const LOAD_TOOLS = { names: ['load_tools'], modules: ['langchain'] };

export function detectTools(a: Analysis): void {
  for (const d of a.fm.decorated) decoratedTool(a, d);
  for (const [, cls] of a.fm.classes) classTool(a, cls);
  for (const call of a.fm.calls) {
    const q = a.fm.callee(call);
    if (!q) continue;
    const args = a.fm.args(call);
    const factory = findRule(q, TOOL_FACTORIES);
    if (factory) {
      const fnNode = argument(args, factory.funcArgs);
      const def = a.fm.functionNamed(fnNode);
      const name = a.fm.stringValue(argument(args, factory.nameArgs))?.value ?? def?.childForFieldName('name')?.text;
      if (!name) continue;
      const body = def?.childForFieldName('body') ?? (fnNode?.type === 'lambda' ? fnNode : undefined);
      const description = a.fm.stringValue(argument(args, factory.descArgs))?.value ?? (def ? docstring(def) : undefined);
      a.record(call, { tools: [emitTool(a, call, name, factory.framework, body ? bodyFacts(a.fm, body) : undefined, { description })] });
      continue;
    }
    const known = findRule(q, KNOWN_TOOLS);
    if (known) {
      const name = a.fm.stringValue(args.keywords.get('name'))?.value ?? q.slice(q.lastIndexOf('.') + 1);
      const attrs: Attrs = { toolClass: q.slice(q.lastIndexOf('.') + 1), rootDir: a.fm.stringValue(args.keywords.get('root_dir'))?.value };
      a.record(call, { tools: [emitTool(a, call, name, frameworkOf(q), undefined, attrs, known.capabilities)] });
      continue;
    }
    if (matches(q, RETRIEVER_TOOL)) {
      const name = a.fm.stringValue(argument(args, ['name', 1]))?.value ?? 'retriever';
      const description = a.fm.stringValue(argument(args, ['description', 2]))?.value;
      const stores = a.refsOf(argument(args, ['retriever', 0])).vectorStores;
      const tool = emitTool(a, call, name, 'LangChain', undefined, { description, retrieval: true });
      a.record(call, { tools: [tool], vectorStores: stores });
      a.toolStores.set(tool.key, stores);
      continue;
    }
    if (matches(q, LOAD_TOOLS)) {
      const tools: KeyRef[] = [];
      const list = argument(args, ['tool_names', 0]);
      for (const el of list ? elements(list) : []) {
        const n = stringLiteral(el)?.value;
        if (n) tools.push(emitTool(a, el, n, 'LangChain', undefined, { loadedBy: 'load_tools' }, LOAD_TOOLS_NAMES[n] ?? []));
      }
      a.record(call, { tools });
    }
  }
}

function decoratedTool(a: Analysis, d: Node): void {
  const def = d.childForFieldName('definition');
  if (def?.type !== 'function_definition') return;
  for (const dec of d.namedChildren.filter((c) => c.type === 'decorator')) {
    const expr = dec.namedChildren[0];
    const isCall = expr?.type === 'call';
    const q = a.fm.qualify(isCall ? expr.childForFieldName('function') : expr);
    const rule = findRule(q, TOOL_DECORATORS);
    if (!rule) continue;
    const args = isCall ? a.fm.args(expr) : { positional: [], keywords: new Map<string, Node>() };
    const name = a.fm.stringValue(argument(args, rule.nameArgs))?.value ?? def.childForFieldName('name')!.text;
    const description = a.fm.stringValue(args.keywords.get('description'))?.value ?? docstring(def);
    const body = def.childForFieldName('body');
    const tool = emitTool(a, def, name, rule.framework, body ? bodyFacts(a.fm, body) : undefined, { description, function: def.childForFieldName('name')!.text }, [], body ?? undefined);
    a.record(def, { tools: [tool] });
    return;
  }
}

/** `class SearchTool(BaseTool): name = "search"; def _run(...)` */
function classTool(a: Analysis, cls: Node): void {
  const supers = cls.childForFieldName('superclasses')?.namedChildren ?? [];
  const sup = supers.map((s) => a.fm.qualify(s)).find((q) => matches(q, BASE_TOOL));
  if (!sup) return;
  const body = cls.childForFieldName('body');
  if (!body) return;
  const field = (f: string) => {
    for (const st of body.namedChildren) {
      const asg = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
      if (asg?.type === 'assignment' && asg.childForFieldName('left')?.text === f) return a.fm.stringValue(asg.childForFieldName('right'))?.value;
    }
    return undefined;
  };
  const name = field('name') ?? cls.childForFieldName('name')!.text;
  const tool = emitTool(a, cls, name, frameworkOf(sup), bodyFacts(a.fm, body), { description: field('description'), toolClass: cls.childForFieldName('name')!.text }, [], body);
  a.record(cls, { tools: [tool] });
}

export function emitTool(a: Analysis, node: Node, name: string, framework: string | undefined, facts: BodyFacts | undefined, attrs: Attrs = {}, known: Capability[] = [], body?: Node): KeyRef {
  const caps = [...new Set([...known, ...(facts?.capabilities ?? [])])].sort();
  const tool = a.out.asset('tool', `${a.out.file}#${name}`, node, {
    name,
    attrs: {
      capabilities: caps,
      framework,
      ...attrs,
      description: typeof attrs.description === 'string' ? maskSecrets(attrs.description).slice(0, 200) : undefined,
      sqlStringFormatting: facts?.sqlStringFormatting || undefined,
      requiresApproval: facts?.requiresApproval || undefined,
    },
  });
  if (facts?.requiresApproval) a.approvalTools.add(tool.key);
  // a tool whose body queries a store built elsewhere in the file retrieves from it
  if (facts && body) {
    const stores = facts.outerNames.flatMap((n) => a.refsOf(n).vectorStores);
    if (stores.length) a.toolStores.set(tool.key, [...(a.toolStores.get(tool.key) ?? []), ...stores]);
  }
  return tool;
}

function docstring(def: Node): string | undefined {
  const first = def.childForFieldName('body')?.namedChildren[0];
  const s = first?.type === 'expression_statement' ? stringLiteral(first.namedChildren[0]) : undefined;
  return s?.value.trim().split('\n')[0] || undefined;
}

function frameworkOf(q: string): string | undefined {
  const head = q.split('.')[0];
  if (head.startsWith('langchain') || head.startsWith('langgraph')) return 'LangChain';
  if (head.startsWith('crewai')) return 'CrewAI';
  if (head === 'agents') return 'OpenAI Agents SDK';
  if (head.startsWith('autogen')) return 'AutoGen';
  if (head === 'smolagents') return 'smolagents';
  return undefined;
}
