// Agents: what builds them (create_react_agent, AgentExecutor, Agent(...), AssistantAgent, ...), and
// their edges: -uses-model->, -has-tool->, -uses-prompt->, -retrieves-from->, plus attrs.humanApproval
// when the code configures a human in the loop.

import { maskSecrets } from '../../util/mask.js';
import type { KeyRef, Ref } from '../types.js';
import { descendants, type Node } from '../code-common/tree-sitter.js';
import type { Analysis } from './analysis.js';
import { bodyFacts } from './capabilities.js';
import { emitTool } from './detect-tools.js';
import { promptFrom } from './detect-prompts.js';
import { findRule, matches } from './file-model.js';
import { argument, boolLiteral, dictPairs, elements, stringLiteral, type CallArgs } from './syntax.js';
import { AGENTS, APPROVAL_CLASSES, type AgentRule } from './tables.js';

const STATE_GRAPH = { names: ['StateGraph', 'MessageGraph'], modules: ['langgraph'] };
const TOOL_NODE = { names: ['ToolNode', 'ToolExecutor'], modules: ['langgraph'] };
const REGISTER_FUNCTION = { names: ['register_function'], modules: ['autogen'] };
const CREW_TASK = { names: ['Task'], modules: ['crewai'] };
const APPROVAL_MODES = new Set(['ALWAYS', 'TERMINATE']);

interface AgentParts {
  models: KeyRef[];
  tools: KeyRef[];
  prompts: Ref[];
  stores: KeyRef[];
  humanApproval: boolean;
}

export function detectAgents(a: Analysis): void {
  for (const call of a.fm.calls) {
    const q = a.fm.callee(call);
    const rule = findRule(q, AGENTS);
    if (rule) agent(a, call, rule);
    else if (matches(q, STATE_GRAPH)) stateGraph(a, call);
  }
  for (const call of a.fm.calls) {
    const q = a.fm.callee(call);
    const args = a.fm.args(call);
    if (matches(q, REGISTER_FUNCTION)) {
      const tools = a.producedBy(call)?.tools ?? [];
      for (const ag of a.refsOf(args.keywords.get('caller')).agents) for (const t of tools) a.out.edge(ag, 'has-tool', t, call);
    } else if (matches(q, CREW_TASK) && boolLiteral(args.keywords.get('human_input'))) {
      for (const ag of a.refsOf(args.keywords.get('agent')).agents) a.out.asset('agent', ag.key, call, { attrs: { humanApproval: true } });
    }
  }
  decoratorTools(a);
}

function agent(a: Analysis, call: Node, rule: AgentRule): void {
  const args = a.fm.args(call);
  const inner = rule.names.includes('AgentExecutor') ? a.refsOf(args.keywords.get('agent') ?? args.positional[0]).agents[0] : undefined;
  const name = a.fm.stringValue(argument(args, rule.nameArgs ?? []))?.value ?? assignedName(call) ?? `${rule.names[0]}@${a.out.line(call)}`;
  const key = inner?.key ?? `${a.out.file}#${name}`;
  const parts: AgentParts = { models: [], tools: [], prompts: [], stores: [], humanApproval: approvalConfigured(a, args) };

  const modelNode = argument(args, rule.modelArgs ?? []);
  if (modelNode) parts.models.push(...modelsOf(a, modelNode, rule));
  const toolsNode = argument(args, rule.toolsArgs ?? []);
  if (toolsNode) parts.tools.push(...toolsOf(a, toolsNode, rule.framework));
  parts.tools.push(...autogenTools(a, args, rule));
  const promptNode = argument(args, rule.promptArgs ?? []);
  if (promptNode) parts.prompts.push(...promptFrom(a, promptNode, 'system', call));
  const instructions = (rule.describeArgs ?? []).map((k) => a.fm.stringValue(args.keywords.get(k))?.value).filter((s): s is string => !!s);

  const ref = emitAgent(a, call, key, name, rule.framework, parts, {
    instructions: instructions.length ? maskSecrets(instructions.join(' ')).slice(0, 200) : undefined,
    executesCode: rule.executesCode || undefined,
    builtWith: rule.names.length === 1 ? rule.names[0] : undefined,
  });
  a.record(call, { agents: [ref] });
}

function emitAgent(a: Analysis, node: Node, key: string, name: string, framework: string, parts: AgentParts, extra: Record<string, string | boolean | undefined>): KeyRef {
  for (const t of parts.tools) {
    parts.stores.push(...(a.toolStores.get(t.key) ?? []));
    if (a.approvalTools.has(t.key)) parts.humanApproval = true;
  }
  const ref = a.out.asset('agent', key, node, { name, attrs: { framework, name, humanApproval: parts.humanApproval, ...extra } });
  for (const m of parts.models) a.out.edge(ref, 'uses-model', m, node);
  for (const t of parts.tools) a.out.edge(ref, 'has-tool', t, node);
  for (const p of parts.prompts) a.out.edge(ref, 'uses-prompt', p, node);
  for (const s of parts.stores) a.out.edge(ref, 'retrieves-from', s, node);
  return ref;
}

/** A model given as a string (`"openai:gpt-4o"`), an object built earlier, or an AutoGen llm_config dict. */
function modelsOf(a: Analysis, node: Node, rule: AgentRule): KeyRef[] {
  const m = a.modelId(node, rule.modelProvider, rule.modelStyle ?? 'plain');
  if (m) {
    const model = a.out.model(m, node, { framework: rule.framework, valueFrom: m.via });
    a.out.edge(a.out.service(m.provider, node), 'serves', model, node);
    return [model];
  }
  const dict = node.type === 'dictionary' ? node : node.type === 'identifier' ? a.fm.boundValue(node) : undefined;
  if (dict?.type === 'dictionary') {
    const out: KeyRef[] = [];
    for (const d of [dict, ...[...descendants(dict)].filter((n) => n.type === 'dictionary')]) {
      for (const p of dictPairs(d)) {
        if (p.key !== 'model') continue;
        const mm = a.modelId(p.value, undefined);
        if (mm) out.push(a.out.model(mm, p.pair, { framework: rule.framework }));
      }
    }
    return out;
  }
  return a.refsOf(node).models;
}

/** Tools in a list (or a name bound to one); plain functions handed to an agent become tools too. */
function toolsOf(a: Analysis, node: Node, framework: string): KeyRef[] {
  const out = [...a.refsOf(node).tools];
  for (const el of expand(a, node)) {
    const def = a.fm.functionNamed(el);
    if (!def || a.producedBy(def)?.tools.length) continue;
    const body = def.childForFieldName('body');
    const tool = emitTool(a, def, el.text, framework, body ? bodyFacts(a.fm, body) : undefined, { function: el.text, plainFunction: true }, [], body ?? undefined);
    a.record(def, { tools: [tool] });
    out.push(tool);
  }
  return out;
}

function expand(a: Analysis, node: Node, depth = 0): Node[] {
  if (depth > 4) return [];
  if (node.type === 'identifier' && !a.fm.functionNamed(node)) {
    const v = a.fm.boundValue(node);
    return v ? expand(a, v, depth + 1) : [];
  }
  if (node.type === 'binary_operator') return [node.childForFieldName('left'), node.childForFieldName('right')].flatMap((n) => (n ? expand(a, n, depth + 1) : []));
  if (node.type === 'list' || node.type === 'tuple') return elements(node).flatMap((n) => (n.type === 'list_splat' ? expand(a, n.namedChildren[0], depth + 1) : [n]));
  return [node];
}

/** AutoGen: `function_map={"name": fn}` and `code_execution_config={...}` give the agent tools. */
function autogenTools(a: Analysis, args: CallArgs, rule: AgentRule): KeyRef[] {
  if (rule.framework !== 'AutoGen') return [];
  const out: KeyRef[] = [];
  const fmap = args.keywords.get('function_map');
  if (fmap?.type === 'dictionary') {
    for (const p of dictPairs(fmap)) {
      const def = a.fm.functionNamed(p.value);
      const body = def?.childForFieldName('body');
      out.push(emitTool(a, p.pair, p.key, 'AutoGen', body ? bodyFacts(a.fm, body) : undefined, {}, [], body ?? undefined));
    }
  }
  const exec = args.keywords.get('code_execution_config');
  if (exec && boolLiteral(exec) !== false && exec.type !== 'none') {
    const dict = exec.type === 'dictionary' ? exec : exec.type === 'identifier' ? a.fm.boundValue(exec) : undefined;
    const docker = dict ? boolLiteral(dictPairs(dict).find((p) => p.key === 'use_docker')?.value) : undefined;
    out.push(emitTool(a, exec, 'code_execution', 'AutoGen', undefined, { useDocker: docker }, ['code-execution']));
  }
  const executor = args.keywords.get('code_executor');
  if (executor) out.push(...a.refsOf(executor).tools);
  return out;
}

function approvalConfigured(a: Analysis, args: CallArgs): boolean {
  for (const k of ['interrupt_before', 'interrupt_after']) {
    const v = args.keywords.get(k);
    if (v && v.type !== 'none' && !(v.type === 'list' && v.namedChildren.length === 0)) return true;
  }
  const mode = stringLiteral(args.keywords.get('human_input_mode'))?.value;
  if (mode && APPROVAL_MODES.has(mode)) return true;
  for (const k of ['middleware', 'callbacks']) {
    const v = args.keywords.get(k);
    if (!v) continue;
    for (const n of descendants(v)) if (n.type === 'identifier' && APPROVAL_CLASSES.has(n.text)) return true;
  }
  return false;
}

/** A LangGraph `StateGraph` with ToolNode tools, models bound with `bind_tools`, and `compile(interrupt_*)`. */
function stateGraph(a: Analysis, call: Node): void {
  const name = assignedName(call) ?? `graph@${a.out.line(call)}`;
  const parts: AgentParts = { models: [], tools: [], prompts: [], stores: [], humanApproval: false };
  for (const c of a.fm.calls) {
    const fn = c.childForFieldName('function');
    const args = a.fm.args(c);
    if (matches(a.fm.qualify(fn), TOOL_NODE)) parts.tools.push(...toolsOf(a, argument(args, ['tools', 0]) ?? c, 'LangGraph'));
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (method === 'bind_tools') {
      parts.models.push(...a.refsOf(fn!.childForFieldName('object')).models);
      const t = argument(args, ['tools', 0]);
      if (t) parts.tools.push(...toolsOf(a, t, 'LangGraph'));
    }
    if (method === 'compile' && a.refsOf(fn!.childForFieldName('object')).agents.length === 0 && approvalConfigured(a, args)) parts.humanApproval = true;
    if (method === 'compile') a.record(c, {});
  }
  for (const d of a.fm.dicts) parts.prompts.push(...(a.producedBy(d)?.prompts ?? []));
  for (const c of a.fm.calls) {
    const p = a.producedBy(c)?.prompts ?? [];
    if (p.length && /SystemMessage/.test(c.childForFieldName('function')?.text ?? '')) parts.prompts.push(...p);
  }
  if (!parts.tools.length && !parts.models.length) return;
  const ref = emitAgent(a, call, `${a.out.file}#${name}`, name, 'LangGraph', dedupe(parts), { builtWith: 'StateGraph' });
  a.record(call, { agents: [ref] });
}

/** pydantic-ai `@agent.tool` / `@agent.tool_plain` functions. */
function decoratorTools(a: Analysis): void {
  for (const d of a.fm.decorated) {
    const def = d.childForFieldName('definition');
    if (def?.type !== 'function_definition') continue;
    for (const dec of d.namedChildren.filter((c) => c.type === 'decorator')) {
      let expr = dec.namedChildren[0];
      if (expr?.type === 'call') expr = expr.childForFieldName('function')!;
      if (expr?.type !== 'attribute') continue;
      const attr = expr.childForFieldName('attribute')?.text;
      if (attr !== 'tool' && attr !== 'tool_plain') continue;
      const agents = a.refsOf(expr.childForFieldName('object')).agents;
      if (!agents.length) continue;
      const fname = def.childForFieldName('name')!.text;
      const body = def.childForFieldName('body');
      const tool = emitTool(a, def, fname, 'Pydantic AI', body ? bodyFacts(a.fm, body) : undefined, { function: fname }, [], body ?? undefined);
      for (const ag of agents) {
        a.out.edge(ag, 'has-tool', tool, def);
        for (const s of a.toolStores.get(tool.key) ?? []) a.out.edge(ag, 'retrieves-from', s, def);
      }
    }
  }
}

/** `x = Call(...)` → "x". */
function assignedName(call: Node): string | undefined {
  let n: Node | null = call;
  while (n?.parent && (n.parent.type === 'await' || n.parent.type === 'parenthesized_expression')) n = n.parent;
  const p = n?.parent;
  if (p?.type === 'assignment' && p.childForFieldName('right')?.id === n!.id) {
    const left = p.childForFieldName('left');
    if (left?.type === 'identifier') return left.text;
    if (left?.type === 'attribute') return left.childForFieldName('attribute')?.text;
  }
  return undefined;
}

function dedupe(parts: AgentParts): AgentParts {
  const uniq = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()];
  return { models: uniq(parts.models), tools: uniq(parts.tools), prompts: uniq(parts.prompts), stores: uniq(parts.stores), humanApproval: parts.humanApproval };
}
