// Runtime facts join the inventory: which application called which model, through which key and provider.
// Usage is counted in memory, added to the store's `gateway_usage` counters, and written every few seconds as a
// scan of source `gateway` (application → uses-model → model, application → authenticates-with → key identity,
// application → calls-service → ai-service), so drift, checks and the dashboard see runtime use like any other
// evidence. A model or provider that no other source declares is shadow AI: marked on the asset, and reported
// once per process as a Detection Finding when first seen.

import type { Asset, Edge } from '../model/asset.js';
import { assetId } from '../model/ids.js';
import { providerName } from '../model/providers.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../model/report.js';
import type { RuntimeStore, RuntimeUsageDelta, RuntimeUsageRow } from '../store/runtime.js';
import type { Store } from '../store/types.js';
import { VERSION } from '../version.js';
import { appAssetId, keyAssetId, modelAssetId, type KeyIdentity } from './events/ocsf.js';

export const GATEWAY_SOURCE = 'gateway';
export const GATEWAY_COLLECTOR = 'gateway';
/** Sources whose evidence is runtime use, not a declaration. */
const RUNTIME_SOURCES = new Set([GATEWAY_SOURCE, 'egress']);

export interface Declared {
  models: Set<string>;
  modelIds: Set<string>;
  providers: Set<string>;
}

export function isDeclaredModel(d: Declared, provider: string, model: string): boolean {
  return d.models.has(`${provider}/${model}`.toLowerCase()) || d.modelIds.has(model.toLowerCase());
}

/** Models and AI services that scans of other sources found (what code and IaC declare). */
export async function declaredInventory(store: Store): Promise<Declared> {
  const declared: Declared = { models: new Set(), modelIds: new Set(), providers: new Set() };
  for (const src of await store.listSources()) {
    if (RUNTIME_SOURCES.has(src.name)) continue;
    for (const a of await store.assets(src.name, { kind: 'model' })) {
      declared.models.add(a.key.toLowerCase());
      const slash = a.key.indexOf('/');
      declared.modelIds.add((slash === -1 ? a.key : a.key.slice(slash + 1)).toLowerCase());
      if (a.provider) declared.providers.add(a.provider);
    }
    for (const a of await store.assets(src.name, { kind: 'ai-service' })) declared.providers.add(a.key.toLowerCase());
  }
  return declared;
}

export interface UsageFact {
  key: KeyIdentity;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  blocked: boolean;
  time: number;
}

/** The `gateway` source as a report built from the accumulated usage rows. */
export function runtimeReport(rows: RuntimeUsageRow[], keys: Map<string, KeyIdentity>, declared: Declared | undefined, startedAt: Date): Report {
  const assets = new Map<string, Asset>();
  const edges = new Map<string, Edge>();
  const evidence = (uri: string) => [{ uri, collector: GATEWAY_COLLECTOR }];
  const edge = (from: string, kind: Edge['kind'], to: string, uri: string) => {
    const k = `${from}|${kind}|${to}`;
    if (!edges.has(k)) edges.set(k, { from, kind, to, evidence: evidence(uri) });
  };
  for (const r of rows) {
    const key = keys.get(r.keyId);
    const uri = `gateway:key/${r.keyId}`;
    const appId = appAssetId(r.app);
    if (!assets.has(appId)) assets.set(appId, { id: appId, kind: 'application', key: r.app, name: r.app, attrs: { runtime: true }, evidence: evidence(uri), tags: [] });
    const keyId = keyAssetId(r.keyId);
    if (!assets.has(keyId)) {
      assets.set(keyId, {
        id: keyId,
        kind: 'identity',
        key: `gateway-key:${r.keyId}`,
        name: key?.name ?? r.keyId,
        attrs: { identityType: 'gateway-virtual-key', keyId: r.keyId, ...(key?.team ? { team: key.team } : {}) },
        evidence: evidence(uri),
        tags: [],
        ...(key?.team ? { owner: key.team } : {}),
      });
    }
    const modelId = modelAssetId(r.provider, r.model);
    const shadowModel = declared ? !isDeclaredModel(declared, r.provider, r.model) : undefined;
    const prior = assets.get(modelId);
    const runtime = (prior?.attrs.runtime as Record<string, number | string> | undefined) ?? { requests: 0, inputTokens: 0, outputTokens: 0, blocked: 0, firstSeen: r.firstSeen, lastSeen: r.lastSeen };
    runtime.requests = Number(runtime.requests) + r.requests;
    runtime.inputTokens = Number(runtime.inputTokens) + r.inputTokens;
    runtime.outputTokens = Number(runtime.outputTokens) + r.outputTokens;
    runtime.blocked = Number(runtime.blocked) + r.blocked;
    if (r.firstSeen < String(runtime.firstSeen)) runtime.firstSeen = r.firstSeen;
    if (r.lastSeen > String(runtime.lastSeen)) runtime.lastSeen = r.lastSeen;
    assets.set(modelId, {
      id: modelId,
      kind: 'model',
      key: `${r.provider}/${r.model}`,
      name: r.model,
      provider: r.provider,
      attrs: { modelId: r.model, runtime, ...(shadowModel !== undefined ? { declared: !shadowModel, shadow: shadowModel } : {}) },
      evidence: evidence(uri),
      tags: shadowModel ? ['shadow-ai', 'runtime'] : ['runtime'],
    });
    const serviceId = assetId('ai-service', r.provider);
    const shadowService = declared ? !declared.providers.has(r.provider) : undefined;
    if (!assets.has(serviceId)) {
      assets.set(serviceId, {
        id: serviceId,
        kind: 'ai-service',
        key: r.provider,
        name: providerName(r.provider) ?? r.provider,
        provider: r.provider,
        attrs: { runtime: true, ...(shadowService !== undefined ? { declared: !shadowService, shadow: shadowService } : {}) },
        evidence: evidence(uri),
        tags: shadowService ? ['shadow-ai'] : [],
      });
    }
    edge(appId, 'uses-model', modelId, uri);
    edge(appId, 'authenticates-with', keyId, uri);
    edge(appId, 'calls-service', serviceId, uri);
  }
  const finishedAt = new Date();
  const list = [...assets.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'aispm', version: VERSION },
    scan: {
      root: GATEWAY_SOURCE,
      source: GATEWAY_SOURCE,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      stats: { files: 0, bytes: 0, skipped: 0, durationMs: finishedAt.getTime() - startedAt.getTime(), byCollector: { [GATEWAY_COLLECTOR]: { files: 0, assets: list.length, ms: 0 } } },
    },
    assets: list,
    edges: [...edges.values()],
    warnings: [],
  };
}

/** Accumulates runtime usage and writes it to the store; knows what is declared, to call out shadow AI. */
export class RuntimeInventory {
  private pending = new Map<string, RuntimeUsageDelta>();
  private readonly keys = new Map<string, KeyIdentity>();
  private declared: Declared | undefined;
  private readonly reportedShadow = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly store: Store,
    private readonly runtime: RuntimeStore,
    private readonly onError: (e: Error) => void,
  ) {}

  async start(inventorySeconds: number): Promise<void> {
    this.declared = await declaredInventory(this.store);
    this.timer = setInterval(() => void this.write().catch(this.onError), inventorySeconds * 1000);
    this.timer.unref();
  }

  /** Counts one request; returns true the first time an undeclared model or provider is seen. */
  record(u: UsageFact): { shadowModel: boolean; shadowProvider: boolean } {
    const app = u.key.app ?? u.key.name;
    this.keys.set(u.key.id, u.key);
    const k = `${app}\u0000${u.key.id}\u0000${u.provider}\u0000${u.model}`;
    const iso = new Date(u.time).toISOString();
    let d = this.pending.get(k);
    if (!d) this.pending.set(k, (d = { app, keyId: u.key.id, provider: u.provider, model: u.model, requests: 0, inputTokens: 0, outputTokens: 0, blocked: 0, firstSeen: iso, lastSeen: iso }));
    d.requests++;
    d.inputTokens += u.inputTokens;
    d.outputTokens += u.outputTokens;
    if (u.blocked) d.blocked++;
    d.lastSeen = iso;
    this.dirty = true;
    const out = { shadowModel: false, shadowProvider: false };
    if (!this.declared) return out;
    const mk = `model:${u.provider}/${u.model}`;
    if (!this.reportedShadow.has(mk) && !isDeclaredModel(this.declared, u.provider, u.model)) {
      this.reportedShadow.add(mk);
      out.shadowModel = true;
    }
    const pk = `provider:${u.provider}`;
    if (!this.reportedShadow.has(pk) && !this.declared.providers.has(u.provider)) {
      this.reportedShadow.add(pk);
      out.shadowProvider = true;
    }
    return out;
  }

  /** Adds pending usage to the store and rewrites the `gateway` source when anything changed. */
  write(): Promise<void> {
    this.writing ??= this.doWrite().finally(() => (this.writing = undefined));
    return this.writing;
  }

  private async doWrite(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const startedAt = new Date();
    const deltas = [...this.pending.values()];
    this.pending = new Map();
    await this.runtime.addRuntimeUsage(deltas);
    this.declared = await declaredInventory(this.store);
    const rows = await this.runtime.runtimeUsage();
    await this.store.saveScan(runtimeReport(rows, this.keys, this.declared, startedAt));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.writing?.catch(() => undefined);
    await this.write();
  }
}
