// Emission shared by the container and CI collectors: the secret, service, model, storage and internet
// assets that workloads and pipelines link to, spelled with the same keys everywhere.

import { ENV_VAR_PROVIDER, PROVIDERS, type AttrValue, type Evidence } from '../../model/index.js';
import { maskValue } from '../../util/mask.js';
import type { CollectContext, KeyRef } from '../types.js';
import { storageOfUri, type ContainerAnalysis, type SecretUse } from './container.js';

/**
 * Emits what a container's analysis links to: the credentials it authenticates with, the hosted services
 * it calls, the models it uses and the object stores it loads models from, all from `from` (a workload).
 */
export function emitContainerLinks(ctx: CollectContext, from: KeyRef, a: Pick<ContainerAnalysis, 'secrets' | 'services' | 'models'> & Partial<Pick<ContainerAnalysis, 'modelUris'>>, fallbackLine?: number, place?: SecretPlace): void {
  for (const s of a.secrets) emitSecretUse(ctx, from, s, s.line ?? fallbackLine, place);
  const seenServices = new Set<string>();
  for (const s of a.services) {
    if (seenServices.has(s.provider)) continue;
    seenServices.add(s.provider);
    const svc = emitService(ctx, s.provider, s.line ?? fallbackLine, s.endpoint);
    ctx.edge(from, 'calls-service', svc, { line: s.line ?? fallbackLine }, { via: s.via });
  }
  const seenModels = new Set<string>();
  for (const m of a.models) {
    const key = `${m.provider}/${m.id}`;
    if (seenModels.has(key)) continue;
    seenModels.add(key);
    const model = emitModel(ctx, m, m.line ?? fallbackLine);
    ctx.edge(from, 'uses-model', model, { line: m.line ?? fallbackLine }, { via: m.via });
  }
  for (const u of a.modelUris ?? []) {
    const storage = emitStorage(ctx, u.uri, u.line ?? fallbackLine);
    if (storage) ctx.edge(from, 'loads', storage, { line: u.line ?? fallbackLine }, { via: u.via, uri: u.uri });
  }
}

/**
 * Where a credential's value is written, recorded as `literalIn` so that checks can tell a key in a
 * Kubernetes manifest from one in a CI workflow (the remediation differs).
 */
export type SecretPlace = 'kubernetes' | 'kubernetes-configmap' | 'kubernetes-secret' | 'compose' | 'dockerfile' | 'github-actions' | 'gitlab-ci';

/** A credential `from` is given, keyed by the env var name so that it merges with code references. */
export function emitSecretUse(ctx: CollectContext, from: KeyRef | undefined, s: SecretUse, line?: number, place?: SecretPlace): KeyRef {
  const hasValue = s.literal !== undefined;
  const provider = s.provider ?? ENV_VAR_PROVIDER[s.envVar];
  const attrs: Record<string, AttrValue> = { envVar: s.envVar, hasValue };
  if (provider) attrs.provider = provider;
  if (hasValue) {
    attrs.valueMasked = maskValue(s.literal!);
    attrs.definedIn = [ctx.at().file!];
    if (place) attrs.literalIn = [place];
  }
  if (s.source) attrs.sources = [s.source];
  const secret = ctx.asset({
    kind: 'secret',
    key: `env:${s.envVar}`,
    name: s.envVar,
    ...(provider ? { provider } : {}),
    attrs,
    evidence: [ctx.at(line, `${s.envVar}${s.source ? ` from ${describeSource(s.source)}` : ''}`)],
  });
  if (from) ctx.edge(from, 'authenticates-with', secret, { line });
  return secret;
}

/** A source reference as prose for snippets (`k8s-secret:` would read as an assignment to the masker). */
function describeSource(source: string): string {
  const i = source.indexOf(':');
  return i > 0 ? `${source.slice(0, i).replace(/^k8s-/, '')} ${source.slice(i + 1)}` : source;
}

export function emitService(ctx: CollectContext, provider: string, line?: number, endpoint?: string): KeyRef {
  return ctx.asset({
    kind: 'ai-service',
    key: provider,
    name: PROVIDERS[provider]?.name ?? provider,
    provider,
    ...(endpoint ? { attrs: { endpoint } } : {}),
    evidence: [ctx.at(line)],
  });
}

export function emitModel(ctx: CollectContext, m: { provider: string; id: string; task?: string; revision?: string }, line?: number, evidence?: Evidence): KeyRef {
  return ctx.asset({
    kind: 'model',
    key: `${m.provider}/${m.id}`,
    name: m.id,
    provider: m.provider,
    attrs: { modelId: m.id, ...(m.task ? { task: m.task } : {}), ...(m.revision ? { revision: m.revision } : {}) },
    evidence: [evidence ?? ctx.at(line, m.id)],
  });
}

/** The internet node every exposure starts from. */
export function internet(ctx: CollectContext): KeyRef {
  return ctx.asset({ kind: 'network', key: 'internet', name: 'internet', evidence: [ctx.at()] });
}

export function emitStorage(ctx: CollectContext, uri: string, line?: number): KeyRef | undefined {
  const s = storageOfUri(uri);
  if (!s) return undefined;
  const attrs: Record<string, AttrValue> = { scheme: s.scheme };
  if (s.bucket) attrs.bucket = s.bucket;
  if (s.account) attrs.account = s.account;
  return ctx.asset({ kind: 'storage', key: s.key, name: s.key, attrs, evidence: [ctx.at(line, uri)] });
}
