// Provider SDK clients, framework model wrappers and the model ids passed to them: `ai-service`
// assets, `model` assets, `ai-service -serves-> model` and `ai-service -authenticates-with-> secret`.

import { PROVIDERS, isPlaceholder, type Attrs } from '../../model/index.js';
import { isSecretName, maskSecrets } from '../../util/mask.js';
import type { KeyRef } from '../types.js';
import type { Node } from '../code-common/tree-sitter.js';
import { Analysis, type Produced } from './analysis.js';
import { findRule } from './file-model.js';
import { argument, chainRoot, stringLiteral, type CallArgs } from './syntax.js';
import {
  API_KEY_KWARGS,
  BEDROCK_SERVICES,
  CLIENT_MODEL_KWARGS,
  ENDPOINT_KWARGS,
  MODEL_CTORS,
  MODEL_FUNCTIONS,
  SYSTEM_PROMPT_KWARGS,
  type ModelCtorRule,
} from './tables.js';

/** Routers that are not themselves the provider of the models they pass through. */
const ROUTERS = new Set(['litellm', 'langchain']);

export function detectServices(a: Analysis): void {
  const usesBoto3 = [...a.fm.imports.values()].some((m) => m.startsWith('boto3') || m.startsWith('aioboto3'));
  // Inner calls first (by end offset), so `Anthropic().messages.create(...)` sees the client its receiver built.
  const calls = [...a.fm.calls].sort((x, y) => x.endIndex - y.endIndex);
  for (const call of calls) {
    const callee = call.childForFieldName('function');
    const q = a.fm.qualify(callee);
    const args = a.fm.args(call);
    const ctor = findRule(q, MODEL_CTORS);
    if (ctor) {
      constructed(a, call, args, ctor);
      continue;
    }
    const fnRule = findRule(q, MODEL_FUNCTIONS);
    if (fnRule) {
      const m = a.modelId(argument(args, fnRule.modelArgs), ROUTERS.has(fnRule.provider) ? fnRule.provider : fnRule.provider, fnRule.style);
      const provider = m?.provider ?? (ROUTERS.has(fnRule.provider) ? undefined : fnRule.provider);
      const task = fnRule.task ?? (q!.includes('embed') ? 'embedding' : undefined);
      const p: Partial<Produced> = { provider };
      if (provider) {
        const svc = serviceWithKey(a, provider, call, args, {});
        p.services = [svc];
        if (m) {
          const model = a.out.model({ ...m, task: task ?? m.task }, call, m.via ? { valueFrom: m.via } : {});
          a.out.edge(svc, 'serves', model, call);
          p.models = [model];
        }
      }
      a.record(call, p);
      continue;
    }
    if (q === 'google.generativeai.configure') {
      a.record(call, { services: [serviceWithKey(a, 'google-gemini', call, args, {})], provider: 'google-gemini' });
      continue;
    }
    if (q === 'vertexai.init' || q === 'google.cloud.aiplatform.init') {
      const attrs = { project: a.fm.stringValue(args.keywords.get('project'))?.value, location: a.fm.stringValue(args.keywords.get('location'))?.value };
      a.record(call, { services: [a.out.service('google-vertex-ai', call, attrs)], provider: 'google-vertex-ai' });
      continue;
    }
    if (callee?.type !== 'attribute') continue;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (method === 'client' && usesBoto3) {
      const svcName = a.fm.stringValue(argument(args, ['service_name', 0]))?.value;
      if (svcName && BEDROCK_SERVICES.has(svcName)) {
        const region = a.fm.stringValue(args.keywords.get('region_name'))?.value;
        a.record(call, { services: [serviceWithKey(a, 'aws-bedrock', call, args, { awsService: svcName, region })], provider: 'aws-bedrock' });
      }
      continue;
    }
    methodOnClient(a, call, callee, args);
  }
}

/** A client or a model wrapper being built. */
function constructed(a: Analysis, call: Node, args: CallArgs, rule: ModelCtorRule): void {
  const endpointNode = argument(args, ENDPOINT_KWARGS);
  const endpoint = a.fm.stringValue(endpointNode);
  let provider = rule.provider;
  const viaHost = endpoint && !endpoint.interpolated ? providerOfHost(endpoint.value) : undefined;
  if (viaHost) provider = viaHost;
  const m = rule.modelArgs ? a.modelId(argument(args, rule.modelArgs), provider, rule.style) : undefined;
  // a router's service is the provider its model string names
  const serviceProvider = ROUTERS.has(provider) ? m?.provider : provider;
  const attrs: Attrs = {
    endpoint: endpoint && !endpoint.interpolated ? maskSecrets(endpoint.value) : undefined,
    endpointEnv: a.fm.envRef(endpointNode)?.name,
    deployment: provider === 'azure-openai' ? a.fm.stringValue(args.keywords.get('azure_deployment') ?? args.keywords.get('deployment_name'))?.value : undefined,
    apiVersion: a.fm.stringValue(args.keywords.get('api_version') ?? args.keywords.get('openai_api_version'))?.value,
    framework: rule.framework,
    compatibleApi: viaHost && viaHost !== rule.provider ? rule.provider : undefined,
  };
  const p: Partial<Produced> = { provider: serviceProvider ?? provider, framework: rule.framework };
  if (serviceProvider) {
    const svc = serviceWithKey(a, serviceProvider, call, args, attrs);
    p.services = [svc];
    if (m) {
      const task = rule.role === 'embedding' ? 'embedding' : m.task;
      const model = a.out.model({ ...m, task }, call, { framework: rule.framework, valueFrom: m.via });
      a.out.edge(svc, 'serves', model, call);
      p.models = [model];
    }
  }
  a.record(call, p);
}

/** `client.chat.completions.create(model=...)` and friends, on a client built earlier. */
function methodOnClient(a: Analysis, call: Node, callee: Node, args: CallArgs): void {
  // the receiver is the nearest call in the chain that built a client (`Anthropic().messages.create`), else its root name
  let root = chainRoot(callee);
  for (let n: Node | null = callee.childForFieldName('object'); n; ) {
    if (n.type === 'call' && a.producedBy(n)?.services.length) {
      root = n;
      break;
    }
    n = n.type === 'attribute' ? n.childForFieldName('object') : n.type === 'call' ? n.childForFieldName('function') : n.type === 'subscript' ? n.childForFieldName('value') : null;
  }
  const held = root.type === 'identifier' || root.type === 'call' ? a.refsOf(root) : undefined;
  if (!held?.provider || !held.services.length) return;
  const path = callee.text;
  const modelNode = argument(args, CLIENT_MODEL_KWARGS);
  const p: Partial<Produced> = { provider: held.provider };
  const m = a.modelId(modelNode, held.provider);
  if (m) {
    const task = /embed/i.test(path) ? 'embedding' : m.task;
    const model = a.out.model({ ...m, task }, call, m.via ? { valueFrom: m.via } : {});
    for (const svc of held.services) a.out.edge(svc, 'serves', model, call);
    p.models = [model];
  }
  for (const kw of SYSTEM_PROMPT_KWARGS) {
    const v = a.fm.stringValue(args.keywords.get(kw));
    if (v && v.value.trim()) p.prompts = [a.out.prompt(v.value, 'system', call, { format: v.interpolated ? 'f-string' : 'text' })];
  }
  a.record(call, p);
}

/** Emits the service and the credential that unlocks it (explicit `api_key=` or the SDK's implicit env var). */
export function serviceWithKey(a: Analysis, provider: string, call: Node, args: CallArgs, attrs: Attrs): KeyRef {
  const keyNode = argument(args, API_KEY_KWARGS);
  const literal = stringLiteral(keyNode);
  const hardcoded = !!literal && !literal.interpolated && literal.value.length > 0 && !isPlaceholder(literal.value);
  const svc = a.out.service(provider, call, { ...attrs, ...(hardcoded ? { hardcodedCredential: true } : {}) });
  const envVar = envVarOf(a, keyNode);
  if (keyNode) a.explicitKeys.add(provider);
  if (envVar) {
    a.out.edge(svc, 'authenticates-with', a.out.secret(envVar, call, { provider }), call);
  } else if (!keyNode && !a.explicitKeys.has(provider) && !args.keywords.has('azure_ad_token_provider') && !args.keywords.has('credential') && !args.keywords.has('credentials')) {
    const info = PROVIDERS[provider];
    if (info?.hosted) {
      for (const v of info.envVars) a.out.edge(svc, 'authenticates-with', a.out.secret(v, call, { provider, implicit: true }), call, { implicit: true });
    }
  }
  return svc;
}

/** The env var an expression reads, directly or through a name bound to `os.environ[...]`. */
export function envVarOf(a: Analysis, expr: Node | undefined): string | undefined {
  if (!expr) return undefined;
  const direct = a.fm.envRef(expr);
  if (direct) return direct.name;
  if (expr.type === 'identifier') {
    const v = a.fm.boundValue(expr);
    return v ? a.fm.envRef(v)?.name : undefined;
  }
  return undefined;
}

function providerOfHost(url: string): string | undefined {
  const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url)?.[1]?.toLowerCase();
  if (!host) return undefined;
  if ((host === 'localhost' || host === '127.0.0.1') && /:11434\b/.test(url)) return 'ollama';
  for (const p of Object.values(PROVIDERS)) if (p.hosts.some((h) => host === h || host.endsWith('.' + h))) return p.id;
  return undefined;
}

/** Env var reads of secret-like names anywhere in the file become `secret` assets. */
export function detectEnvSecrets(a: Analysis): void {
  for (const n of [...a.fm.calls, ...a.fm.subscripts]) {
    const ref = a.fm.envRef(n);
    if (ref && (isSecretName(ref.name) || PROVIDERS_BY_ENV.has(ref.name))) a.out.secret(ref.name, n);
  }
}

const PROVIDERS_BY_ENV = new Set(Object.values(PROVIDERS).filter((p) => p.hosted).flatMap((p) => p.envVars));
