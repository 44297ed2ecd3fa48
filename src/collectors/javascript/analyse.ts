// The analysis of one parsed JavaScript / TypeScript file: walks the syntax tree once, evaluates every
// call and constructor against the tables (clients, models, agents, tools, prompts, vector stores) and
// emits assets and edges through the Emitter.

import { ENV_VAR_PROVIDER } from '../../model/providers.js';
import { isSecretName, maskSecrets } from '../../util/mask.js';
import { lookupPackage } from '../catalogue.js';
import type { CollectContext, KeyRef } from '../types.js';
import { toolEffects, type ToolEffects } from './capabilities.js';
import type { FileAnalysis } from './context.js';
import { Emitter } from './emit.js';
import { providerOfUrl } from './endpoints.js';
import { siblingModuleFiles } from './module-files.js';
import { langchainPrompt, promptFileRead, promptRef } from './prompts.js';
import { packageName, Resolver, type Origin } from './resolve.js';
import { buildScope, resolveConstant } from './scope.js';
import { boundName, callArgs, enclosingFunctionName, lineOf, memberChain, nodesOfType, objectProps, stringLiteral, unwrap, type Node } from './syntax.js';
import {
  AGENT_FACTORIES,
  API_KEY_OPTIONS,
  APPROVAL_OPTIONS,
  BASE_URL_OPTIONS,
  CLIENT_CLASS_PROVIDER,
  DEPLOYMENT_OPTIONS,
  EMBEDDING_FACTORIES,
  FRAMEWORK_BY_MODULE,
  FRAMEWORK_MODEL_CLASSES,
  HOSTED_TOOLS,
  MODEL_OPTIONS,
  PREBUILT_TOOLS,
  PROMPT_TEMPLATE_CLASSES,
  SYSTEM_MESSAGE_CLASSES,
  TOOL_FACTORIES,
  VECTOR_CLIENT_FACTORIES,
  VERCEL_EMBED_CALLS,
  VERCEL_MODEL_CALLS,
} from './tables.js';
import { collectionCall, frameworkVectorProduct, frameworkVectorStore, vectorClient, vectorProductOfModule } from './vectors.js';

/** Modules whose classes are framework model wrappers (LangChain / LlamaIndex), not raw SDK clients. */
const FRAMEWORK_MODULE = /^(?:@langchain\/|langchain|llamaindex|@llamaindex\/)/;
/** Vercel AI SDK provider packages: their exports are provider instances or `createX` factories. */
const VERCEL_PROVIDER_MODULE = /^(?:@ai-sdk\/|@openrouter\/ai-sdk-provider)/;
/** Methods of the first Azure OpenAI SDK that take the deployment name first. */
const AZURE_DEPLOYMENT_METHODS = new Set(['getChatCompletions', 'streamChatCompletions', 'getCompletions', 'streamCompletions', 'getEmbeddings']);
const S3_OR_GCS_URI = /\b(s3|s3a|gs):\/\/([a-z0-9][a-z0-9._-]{1,62})(\/[^\s'"`]*)?/g;
const MAX_SNIPPET_LINE = 200;
/** The node types the analysis looks at; everything else is only reached through them. */
const WALKED_NODES = ['call_expression', 'new_expression', 'object', 'string', 'member_expression', 'subscript_expression'];
const ENV_NODES = ['member_expression', 'subscript_expression'];

interface PendingAgent {
  key: string;
  tools?: Node;
  line: number;
}

export function analyseJavaScript(root: Node, source: string, rel: string, ctx: CollectContext): void {
  new Analysis(root, source, rel, ctx).run();
}

class Analysis implements FileAnalysis {
  readonly r: Resolver;
  readonly em: Emitter;
  private readonly lines: string[];
  private readonly memo = new Map<number, Origin | null>();
  private readonly toolByNode = new Map<number, string>();
  private readonly effectsByTool = new Map<string, ToolEffects>();
  private readonly agents: PendingAgent[] = [];
  /** Providers clients of each SDK module were pointed at (an `openai` client aimed at OpenRouter). */
  private readonly clientProviders = new Map<string, Set<string>>();
  private readonly vectorClients: Array<Extract<Origin, { kind: 'vector-client' }>> = [];

  constructor(
    private readonly root: Node,
    source: string,
    readonly rel: string,
    ctx: CollectContext,
  ) {
    this.r = new Resolver(buildScope(root));
    this.lines = source.split('\n');
    this.em = new Emitter(ctx, (line) => this.snippet(line));
  }

  snippet(line: number): string {
    return (this.lines[line - 1] ?? '').trim().slice(0, MAX_SNIPPET_LINE);
  }

  run(): void {
    // one native walk for the declarators, read twice (each walk hands every node over from wasm)
    const declarators = nodesOfType(this.root, ['variable_declarator']);
    this.bindModuleOrigins(declarators);
    // variables first, in document order: a function may use a client declared below it
    for (const d of declarators) {
      const value = unwrap(d.childForFieldName('value'));
      if (value?.type === 'call_expression' || value?.type === 'new_expression') this.evaluate(value);
      else this.conditionalModel(d);
    }
    for (const n of nodesOfType(this.root, WALKED_NODES)) {
      switch (n.type) {
        case 'call_expression':
        case 'new_expression':
          this.evaluate(n);
          break;
        case 'object':
          this.messageObject(n);
          break;
        case 'string':
          this.uri(n);
          break;
        case 'member_expression':
        case 'subscript_expression':
          this.envReference(n);
          break;
      }
    }
    this.finish();
  }

  /** Variables built from any module (`const pool = new Pool()`), known before tools that use them are read. */
  private bindModuleOrigins(declarators: Node[]): void {
    for (const n of declarators) {
      const name = n.childForFieldName('name');
      const value = unwrap(n.childForFieldName('value'));
      if (name?.type !== 'identifier' || !value || (value.type !== 'call_expression' && value.type !== 'new_expression')) continue;
      const res = this.r.resolve(calleeOf(value));
      if (!res?.module) continue;
      // promisify(exec): the promisified function keeps the side effect of the original
      const wrapped = res.module === 'util' && res.exportName === 'promisify' ? unwrap(callArgs(value)[0]) : undefined;
      const inner = wrapped ? this.r.resolve(wrapped) : undefined;
      if (inner?.module) this.r.vars.set(name.text, { kind: 'module', module: inner.module, fn: inner.members.at(-1) ?? inner.exportName });
      else this.r.vars.set(name.text, { kind: 'module', module: res.module });
    }
  }

  evaluate(n: Node): Origin | undefined {
    const cached = this.memo.get(n.id);
    if (cached !== undefined) return cached ?? undefined;
    this.memo.set(n.id, null); // guards against re-entry through nested evaluation
    const origin = this.evaluateUncached(n);
    this.memo.set(n.id, origin ?? null);
    if (origin && origin.kind !== 'module') {
      const parent = n.parent?.type === 'await_expression' ? n.parent.parent : n.parent;
      if (parent?.type === 'variable_declarator' && parent.childForFieldName('name')?.type === 'identifier') {
        this.r.vars.set(parent.childForFieldName('name')!.text, origin);
      } else if (parent?.type === 'assignment_expression') {
        // `client = new OpenAI()` and `this.client = new OpenAI()`
        const target = memberChain(parent.childForFieldName('left'));
        if (target?.length === 1) this.r.vars.set(target[0]!, origin);
        else if (target?.length === 2 && target[0] === 'this') this.r.vars.set(`this.${target[1]!.replace(/^#/, '')}`, origin);
      } else if (parent?.type === 'public_field_definition' || parent?.type === 'field_definition') {
        // class fields: `private client = new OpenAI()`
        const field = parent.childForFieldName('name') ?? parent.childForFieldName('property');
        if (field) this.r.vars.set(`this.${field.text.replace(/^#/, '')}`, origin);
      }
    }
    return origin;
  }

  private evaluateUncached(n: Node): Origin | undefined {
    const callee = calleeOf(n);
    // a factory's result called directly: createOpenAI({...})('gpt-4o')
    const inner = unwrap(callee);
    if (n.type === 'call_expression' && inner && (inner.type === 'call_expression' || inner.type === 'new_expression')) {
      const o = this.evaluate(inner);
      if (o?.kind === 'client') return this.clientCall(n, o, []);
      return undefined;
    }
    const res = this.r.resolve(callee);
    if (!res) return undefined;
    const line = lineOf(n);
    if (res.origin) return this.onOrigin(n, res.origin, res.members);
    const module = res.module!;
    const entry = lookupPackage('npm', packageName(module) ?? module);
    const name = res.exportName;
    const members = res.members;
    const isNew = n.type === 'new_expression';

    const agent = AGENT_FACTORIES[name];
    if (agent && agent.modules.test(module) && !members.length) {
      // `Agent` is a class name several frameworks share: the module says whose it is
      const framework = name === 'Agent' ? (FRAMEWORK_BY_MODULE.find(([re]) => re.test(module))?.[1] ?? agent.framework) : agent.framework;
      return this.agent(n, framework, module, name);
    }
    const toolFactory = TOOL_FACTORIES[name];
    if (toolFactory && toolFactory.modules.test(module) && !members.length) return this.tool(n, module);
    if (name === 'FunctionTool' && members[0] === 'from') return this.tool(n, module);
    if (name === 'createRetrieverTool') return this.tool(n, module);
    if (HOSTED_TOOLS[name] && /^@openai\/agents/.test(module)) return this.namedTool(n, name, 'OpenAI Agents SDK', [HOSTED_TOOLS[name]!], { hosted: true });
    if (PREBUILT_TOOLS[name] && FRAMEWORK_MODULE.test(module) && isNew) return this.namedTool(n, name, 'LangChain', [PREBUILT_TOOLS[name]!], { prebuilt: true });
    if (name === 'McpServer' && module.startsWith('@modelcontextprotocol/sdk')) {
      return { kind: 'mcp-server', name: literalOf(this, objectProps(callArgs(n)[0]).get('name')) ?? 'mcp-server' };
    }
    if (PROMPT_TEMPLATE_CLASSES.has(name) || SYSTEM_MESSAGE_CLASSES.has(name)) {
      const ref = langchainPrompt(this, n, name, members);
      return ref ? { kind: 'prompt', ref } : undefined;
    }
    const prompt = promptFileRead(this, n, module, members.at(-1) ?? name);
    if (prompt) return { kind: 'prompt', ref: prompt };

    if (module === 'ai' && !members.length) {
      if (VERCEL_MODEL_CALLS.has(name)) return this.vercelCall(n, name);
      if (name === 'wrapLanguageModel') return modelOrigin(this.modelValue(objectProps(callArgs(n)[0]).get('model')));
    }
    const vectorProduct = frameworkVectorProduct(module, name);
    if (vectorProduct && FRAMEWORK_MODULE.test(module)) return frameworkVectorStore(this, n, vectorProduct);
    const modelClass = FRAMEWORK_MODEL_CLASSES[name];
    if (modelClass && FRAMEWORK_MODULE.test(module) && isNew) return this.frameworkModel(n, module, modelClass.provider, modelClass.task);

    const product = vectorProductOfModule(module);
    if (product) {
      if (isNew || VECTOR_CLIENT_FACTORIES.has(members.at(-1) ?? name)) {
        const o = vectorClient(this, n, product) as Extract<Origin, { kind: 'vector-client' }>;
        this.vectorClients.push(o);
        return o;
      }
      return undefined;
    }
    if (entry?.category === 'provider-sdk' && entry.provider) {
      if (VERCEL_PROVIDER_MODULE.test(module)) {
        if (/^create[A-Z]/.test(name) && !members.length) return this.construct(n, entry.provider, module, name);
        this.em.service(entry.provider, line, this.snippet(line), true);
        this.aimedAt(module, entry.provider);
        return this.clientCall(n, { kind: 'client', provider: entry.provider, module }, members);
      }
      if (isNew && /Command$/.test(name)) return modelOrigin(this.optionModels(n, entry.provider, undefined, entry.provider));
      if (isNew) return this.construct(n, entry.provider, module, name);
      if (members.length) return this.clientCall(n, { kind: 'client', provider: entry.provider, module }, members);
    }
    return undefined;
  }

  private onOrigin(n: Node, o: Origin, members: string[]): Origin | undefined {
    switch (o.kind) {
      case 'client':
        return this.clientCall(n, o, members);
      case 'vector-client':
        return collectionCall(this, n, o, members);
      case 'vector':
      case 'model':
        return o; // index.namespace('x'), store.asRetriever(), llm.bindTools(...)
      case 'mcp-server':
        if (members.length === 1 && (members[0] === 'tool' || members[0] === 'registerTool')) return this.mcpTool(n, o.name);
        return undefined;
      default:
        return undefined;
    }
  }

  /** An SDK client or a provider factory: where it goes and with which credential. */
  private construct(n: Node, defaultProvider: string, module: string, className: string): Origin {
    const line = lineOf(n);
    const args = callArgs(n);
    const opts = objectProps(args.find((x) => unwrap(x)?.type === 'object'));
    const nested = objectProps(opts.get('configuration'));
    let provider = CLIENT_CLASS_PROVIDER[className] ?? defaultProvider;
    if (opts.get('vertexai')?.text === 'true') provider = 'google-vertex-ai'; // new GoogleGenAI({ vertexai: true })
    let endpoint: string | undefined;
    for (const [k, v] of [...opts, ...nested]) {
      if (!BASE_URL_OPTIONS.has(k)) continue;
      const lit = literalOf(this, v);
      const env = this.r.envName(unwrap(v)?.type === 'binary_expression' ? unwrap(v)!.childForFieldName('left') : v);
      endpoint ??= lit ? maskSecrets(lit) : undefined;
      const target = providerOfUrl(lit ?? env ?? '');
      if (target) provider = target;
    }
    // env vars in a credential position are credentials whatever their name; elsewhere only secret-like names
    const credentialNodes = [...args.filter((x) => unwrap(x)?.type !== 'object'), ...[...opts, ...nested].filter(([k]) => API_KEY_OPTIONS.has(k)).map(([, v]) => v)];
    const envKeys = new Map([...this.envRefsIn(args)].filter(([name]) => isSecretName(name)));
    for (const [name, l] of this.envRefsIn(credentialNodes)) envKeys.set(name, l);
    // an OpenAI-compatible client given another provider's key goes to that provider
    for (const name of envKeys.keys()) {
      const p = ENV_VAR_PROVIDER[name];
      if (p && p !== defaultProvider && provider === defaultProvider && module === 'openai') provider = p;
    }
    const deployment = [...opts].find(([k]) => DEPLOYMENT_OPTIONS.has(k));
    const attrs = { ...(endpoint ? { endpoint } : {}), ...(deployment && literalOf(this, deployment[1]) ? { deployment: literalOf(this, deployment[1]) } : {}) };
    const service = this.em.service(provider, line, this.snippet(line), true, attrs);
    for (const [name, l] of envKeys) service.explicit.set(name, l);
    if (!envKeys.size && credentialNodes.length) service.explicitOther = true;
    this.aimedAt(module, provider);
    return { kind: 'client', provider, module };
  }

  private aimedAt(module: string, provider: string): void {
    const set = this.clientProviders.get(module);
    if (set) set.add(provider);
    else this.clientProviders.set(module, new Set([provider]));
  }

  /** LangChain / LlamaIndex model classes: a client and the model it is configured with. */
  private frameworkModel(n: Node, module: string, provider: string, task?: string): Origin {
    const client = this.construct(n, provider, module, '') as Extract<Origin, { kind: 'client' }>;
    return { kind: 'model', refs: this.optionModels(n, client.provider, task, client.provider) };
  }

  /** Calls on a client: `openai('gpt-4o')`, `openai.embedding('...')`, `client.chat.completions.create({ model })`. */
  private clientCall(n: Node, c: Extract<Origin, { kind: 'client' }>, members: string[]): Origin | undefined {
    const args = callArgs(n);
    const embedding = members.some((m) => EMBEDDING_FACTORIES.has(m) || /embed/i.test(m)) ? 'embedding' : undefined;
    if (VERCEL_PROVIDER_MODULE.test(c.module) && unwrap(args[0])?.type !== 'object') {
      return modelOrigin(this.modelValue(args[0], c.provider, embedding, c.provider));
    }
    // @azure/openai (v1): client.getChatCompletions('deployment', messages)
    if (c.provider === 'azure-openai' && AZURE_DEPLOYMENT_METHODS.has(members.at(-1) ?? '') && unwrap(args[0])?.type === 'string') {
      return modelOrigin(this.modelValue(args[0], c.provider, embedding, c.provider));
    }
    for (const arg of args) {
      const system = objectProps(arg).get('system');
      if (system) promptRef(this, system, 'system');
    }
    return modelOrigin(this.optionModels(n, c.provider, embedding, c.provider));
  }

  /** Model ids in the option objects of a call (`{ model: 'gpt-4o' }`, `{ modelId }`). */
  private optionModels(n: Node, hint: string | undefined, task: string | undefined, servedBy: string | undefined): KeyRef[] {
    const refs: KeyRef[] = [];
    for (const arg of callArgs(n)) {
      for (const [k, v] of objectProps(arg)) if (MODEL_OPTIONS.has(k)) refs.push(...this.modelValue(v, hint, task, servedBy));
    }
    return refs;
  }

  /** Model ids an expression stands for; template literals and unknown identifiers are not model ids. */
  modelValue(n: Node | null | undefined, hint?: string, task?: string, servedBy?: string): KeyRef[] {
    const v = unwrap(n);
    if (!v) return [];
    if (v.type === 'identifier' || v.type === 'shorthand_property_identifier' || v.type === 'member_expression') {
      const o = this.r.vars.get(v.text);
      if (o?.kind === 'model') return o.refs;
      const c = resolveConstant(this.r.scope, v);
      return c?.type === 'string' ? this.modelValue(c, hint, task, servedBy) : [];
    }
    if (v.type === 'string') {
      const line = lineOf(v);
      const ref = this.em.model(stringLiteral(v)!, hint, task, line, this.snippet(line), servedBy);
      return ref ? [ref] : [];
    }
    if (v.type === 'binary_expression' && ['??', '||'].includes(v.child(1)?.text ?? '')) return this.modelValue(v.childForFieldName('right'), hint, task, servedBy);
    if (v.type === 'ternary_expression') {
      return [...this.modelValue(v.childForFieldName('consequence'), hint, task, servedBy), ...this.modelValue(v.childForFieldName('alternative'), hint, task, servedBy)];
    }
    if (v.type === 'call_expression' || v.type === 'new_expression') {
      const o = this.evaluate(v);
      return o?.kind === 'model' ? o.refs : [];
    }
    return [];
  }

  /** `generateText({ model, system, tools })` and friends; with tools the call is an agent loop. */
  private vercelCall(n: Node, fn: string): Origin | undefined {
    const opts = objectProps(callArgs(n)[0]);
    const models = this.modelValue(opts.get('model'), undefined, VERCEL_EMBED_CALLS.has(fn) ? 'embedding' : undefined);
    const prompt = promptRef(this, opts.get('system'), 'system');
    const tools = opts.get('tools');
    if (!tools) return undefined;
    const name = enclosingFunctionName(n) ?? fn;
    const line = lineOf(n);
    const key = `${this.rel}#${name}`;
    const attrs: Record<string, string | number | boolean> = { framework: 'Vercel AI SDK', name };
    const steps = numberLiteral(opts.get('maxSteps'));
    if (steps !== undefined) attrs.maxSteps = steps;
    const ref = this.em.asset({ kind: 'agent', key, name, attrs }, line, this.snippet(line));
    for (const m of models) this.em.edge(ref, 'uses-model', m, line);
    if (prompt) this.em.edge(ref, 'uses-prompt', prompt, line);
    this.agents.push({ key, tools, line });
    return { kind: 'agent', key };
  }

  private agent(n: Node, framework: string, module: string, fn: string): Origin {
    const line = lineOf(n);
    const args = callArgs(n);
    const opts = objectProps(args.find((x) => unwrap(x)?.type === 'object'));
    const inner = unwrap(opts.get('agent'));
    const wrapped = inner?.type === 'identifier' ? this.r.vars.get(inner.text) : undefined;
    if (wrapped?.kind === 'agent') {
      // AgentExecutor({ agent, tools }): the tools belong to the agent it runs
      if (opts.get('tools')) this.agents.push({ key: wrapped.key, tools: opts.get('tools'), line });
      return wrapped;
    }
    const name = literalOf(this, opts.get('name')) ?? boundVariable(n) ?? enclosingFunctionName(n) ?? fn;
    const key = `${this.rel}#${name}`;
    const hint = framework === 'OpenAI Agents SDK' && module.startsWith('@openai/') ? 'openai' : undefined;
    if (hint) this.em.service(hint, line, this.snippet(line), true); // the SDK calls OpenAI with OPENAI_API_KEY
    const models = this.modelValue(opts.get('model') ?? opts.get('llm'), hint, undefined, hint);
    const promptNode = ['instructions', 'systemPrompt', 'prompt', 'stateModifier', 'messageModifier'].map((k) => opts.get(k)).find(Boolean);
    const prompt = promptRef(this, promptNode, 'system');
    const instructions = literalOf(this, opts.get('instructions') ?? opts.get('systemPrompt'));
    const attrs: Record<string, string | boolean> = { framework, name };
    if (instructions) attrs.instructions = maskSecrets(instructions.replace(/\s+/g, ' ').trim()).slice(0, 120);
    if (opts.has('interruptBefore') || opts.has('interruptAfter')) attrs.humanApproval = true;
    const ref = this.em.asset({ kind: 'agent', key, name, attrs }, line, this.snippet(line));
    for (const m of models) this.em.edge(ref, 'uses-model', m, line);
    if (prompt) this.em.edge(ref, 'uses-prompt', prompt, line);
    this.agents.push({ key, tools: opts.get('tools'), line });
    return { kind: 'agent', key };
  }

  /** `tool({...})`, `tool(fn, {...})`, `new DynamicTool({...})`, `FunctionTool.from(fn, {...})`. */
  private tool(n: Node, module: string): Origin {
    const args = callArgs(n);
    const objects = args.map((a) => unwrap(a)).filter((a): a is Node => a?.type === 'object');
    const opts = objectProps(objects[objects.length - 1]);
    const name = literalOf(this, opts.get('name')) ?? boundName(n) ?? `tool-${lineOf(n)}`;
    const framework = FRAMEWORK_BY_MODULE.find(([re]) => re.test(module))?.[1] ?? module;
    return this.emitTool(n, name, framework, opts);
  }

  /** `server.tool('name', 'description', schema, handler)`, `server.registerTool('name', { description }, handler)`. */
  private mcpTool(n: Node, server: string): Origin | undefined {
    const args = callArgs(n);
    const name = literalOf(this, args[0]);
    if (!name) return undefined;
    const opts = objectProps(args[1]);
    const description = literalOf(this, args[1]) ?? literalOf(this, opts.get('description'));
    return this.emitTool(n, name, 'MCP SDK', opts, { mcpServer: server, ...(description ? { description: maskSecrets(description).slice(0, 200) } : {}) });
  }

  private namedTool(n: Node, name: string, framework: string, capabilities: string[], extra: Record<string, boolean>): Origin {
    const line = lineOf(n);
    const key = `${this.rel}#${name}`;
    this.em.asset({ kind: 'tool', key, name, attrs: { name, framework, capabilities, ...extra } }, line, this.snippet(line));
    this.toolByNode.set(n.id, key);
    return { kind: 'tool', key };
  }

  private emitTool(n: Node, name: string, framework: string, opts: Map<string, Node>, extra: Record<string, string> = {}): Origin {
    const line = lineOf(n);
    const key = `${this.rel}#${name}`;
    const fx = toolEffects(n, this.r);
    const description = literalOf(this, opts.get('description'));
    const approval = APPROVAL_OPTIONS.map((k) => opts.get(k)).find(Boolean);
    const attrs: Record<string, string | boolean | string[]> = {
      name,
      framework,
      capabilities: [...fx.capabilities].sort(),
      ...(description ? { description: maskSecrets(description).slice(0, 200) } : {}),
      ...extra,
    };
    if (approval && approval.text !== 'false') attrs.requiresApproval = true;
    if (fx.sqlStringFormatting) attrs.sqlStringFormatting = true;
    this.em.asset({ kind: 'tool', key, name, attrs }, line, this.snippet(line));
    this.toolByNode.set(n.id, key);
    this.effectsByTool.set(key, fx);
    // the tool's own link keeps retrieval visible when its agent is defined in another file
    for (const v of fx.vectorStores) this.em.edge({ kind: 'tool', key }, 'retrieves-from', v, line);
    return { kind: 'tool', key };
  }

  /** `const model = cond ? anthropic('...') : openai('...')`: the variable stands for every branch's model. */
  private conditionalModel(n: Node): void {
    const name = n.childForFieldName('name');
    const value = unwrap(n.childForFieldName('value'));
    if (name?.type !== 'identifier' || (value?.type !== 'ternary_expression' && value?.type !== 'binary_expression')) return;
    const refs = this.modelValue(value);
    if (refs.length) this.r.vars.set(name.text, { kind: 'model', refs });
  }

  /** `{ role: 'system', content: '...' }` in a messages array. */
  private messageObject(n: Node): void {
    const props = objectProps(n);
    const role = literalOf(this, props.get('role'));
    if ((role === 'system' || role === 'developer') && props.has('content')) promptRef(this, props.get('content'), 'system');
  }

  private uri(n: Node): void {
    const text = stringLiteral(n);
    if (!text || !text.includes('://')) return;
    for (const m of text.matchAll(S3_OR_GCS_URI)) this.dataUri(m, lineOf(n));
  }

  /** `s3://bucket/path` → a dataset on a storage bucket; a bare bucket → the storage alone. */
  private dataUri(m: RegExpMatchArray, line: number): void {
    const scheme = m[1] === 's3a' ? 's3' : m[1];
    const storage = this.em.asset({ kind: 'storage', key: `${scheme}://${m[2]}`, name: m[2], attrs: { uri: `${scheme}://${m[2]}` } }, line, this.snippet(line));
    if (!m[3] || m[3] === '/') return;
    const uri = m[0];
    const dataset = this.em.asset({ kind: 'dataset', key: uri, name: uri, attrs: { uri } }, line, this.snippet(line));
    this.em.edge(dataset, 'stores-in', storage, line);
  }

  private envReference(n: Node): void {
    const name = this.r.envName(n);
    if (!name) return;
    const line = lineOf(n);
    if (!this.em.envRefs.has(name)) this.em.envRefs.set(name, line);
    if (isSecretName(name) || ENV_VAR_PROVIDER[name]) this.em.secret(name, line, this.snippet(line));
  }

  /** Env var names referenced under the given nodes, with the line of their first reference. */
  private envRefsIn(nodes: Node[]): Map<string, number> {
    const names = new Map<string, number>();
    for (const root of nodes) {
      for (const d of [root, ...nodesOfType(root, ENV_NODES)]) {
        const name = this.r.envName(d);
        if (name && !names.has(name)) names.set(name, lineOf(d));
      }
    }
    return names;
  }

  private finish(): void {
    // services known from imports alone (no client built) or whose clients kept the SDK's own provider
    for (const imp of this.r.scope.imports) {
      const entry = lookupPackage('npm', packageName(imp.module) ?? imp.module);
      if (entry?.category === 'provider-sdk' && entry.provider) {
        const aimed = this.clientProviders.get(imp.module);
        if (!aimed || aimed.has(entry.provider)) this.em.service(entry.provider, imp.line, imp.snippet, true);
      }
      const product = vectorProductOfModule(imp.module);
      if (product && !this.em.vectorStores.length && !this.vectorClients.length) this.em.vectorStore(product, undefined, imp.line, imp.snippet);
    }
    for (const c of this.vectorClients) {
      if (!this.em.vectorStores.some((v) => v.key.startsWith(`${c.product.toLowerCase()}:`))) {
        this.em.vectorStore(c.product, c.host ?? c.persistPath, c.line, this.snippet(c.line), {
          ...(c.host ? { host: c.host } : {}),
          ...(c.persistPath ? { persistPath: c.persistPath } : {}),
        });
      }
    }
    for (const a of this.agents) {
      const agentRef: KeyRef = { kind: 'agent', key: a.key };
      for (const toolKey of this.toolKeys(a.tools, new Set())) {
        this.em.edge(agentRef, 'has-tool', { kind: 'tool', key: toolKey }, a.line);
        for (const v of this.effectsByTool.get(toolKey)?.vectorStores ?? []) this.em.edge(agentRef, 'retrieves-from', v, a.line);
      }
    }
    for (const v of this.em.vectorStores) for (const m of this.em.embeddingModels) this.em.edge(v, 'embeds-with', m);
    this.em.finishServices();
  }

  /** The tool keys a `tools` option lists: inline tools, variables, imported tools of sibling modules. */
  private toolKeys(n: Node | null | undefined, visiting: Set<number>): string[] {
    const v = unwrap(n);
    if (!v || visiting.has(v.id)) return [];
    visiting.add(v.id);
    if (v.type === 'array') return v.namedChildren.flatMap((c) => this.toolKeys(c, visiting));
    if (v.type === 'spread_element') return this.toolKeys(v.namedChildren[0], visiting);
    if (v.type === 'object') {
      return v.namedChildren.flatMap((c) => {
        if (c?.type === 'pair') return this.toolKeys(c.childForFieldName('value'), visiting);
        if (c?.type === 'shorthand_property_identifier' || c?.type === 'spread_element') return this.toolKeys(c, visiting);
        return [];
      });
    }
    if (v.type === 'call_expression' || v.type === 'new_expression') {
      this.evaluate(v);
      const key = this.toolByNode.get(v.id);
      return key ? [key] : [];
    }
    if (v.type === 'identifier' || v.type === 'shorthand_property_identifier') {
      const o = this.r.vars.get(v.text);
      if (o?.kind === 'tool') return [o.key];
      const c = this.r.scope.constants.get(v.text);
      if (c) return this.toolKeys(c, visiting);
      const b = this.r.scope.bindings.get(v.text);
      if (b) return siblingModuleFiles(this.rel, b.module).map((f) => `${f}#${b.name === 'default' ? v.text : b.name}`);
    }
    return [];
  }
}

function calleeOf(n: Node): Node | null {
  return n.childForFieldName(n.type === 'new_expression' ? 'constructor' : 'function');
}

function modelOrigin(refs: KeyRef[]): Origin | undefined {
  return refs.length ? { kind: 'model', refs } : undefined;
}

function literalOf(a: FileAnalysis, n: Node | null | undefined): string | undefined {
  const v = unwrap(n);
  return stringLiteral(v) ?? stringLiteral(resolveConstant(a.r.scope, v));
}

function numberLiteral(n: Node | undefined): number | undefined {
  const v = unwrap(n);
  return v?.type === 'number' ? Number(v.text) : undefined;
}

function boundVariable(n: Node): string | undefined {
  const parent = n.parent?.type === 'await_expression' ? n.parent.parent : n.parent;
  return parent?.type === 'variable_declarator' ? parent.childForFieldName('name')?.text : undefined;
}
