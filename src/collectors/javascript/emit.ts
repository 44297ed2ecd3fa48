// Turns what the analysis found into asset and edge drafts with the natural keys of the collectors'
// README, once per thing and line, and remembers per-file state (services, their credentials).

import { createHash } from 'node:crypto';
import { ENV_VAR_PROVIDER, PROVIDERS, recogniseModelId } from '../../model/providers.js';
import { isSecretName, maskSecrets } from '../../util/mask.js';
import type { Attrs, EdgeKind } from '../../model/index.js';
import type { AssetDraft, CollectContext, KeyRef, Ref } from '../types.js';

interface ServiceState {
  ref: KeyRef;
  /** Env vars passed explicitly to a client of this service. */
  explicit: Map<string, number>;
  /** A client got a credential that is not an env var (a config value): no implicit env var then. */
  explicitOther: boolean;
  /** Reached through an SDK (which reads its env var when given no key), not just a model id string. */
  viaSdk: boolean;
  line: number;
}

export class Emitter {
  private readonly seen = new Set<string>();
  readonly services = new Map<string, ServiceState>();
  readonly embeddingModels: KeyRef[] = [];
  readonly vectorStores: KeyRef[] = [];
  readonly envRefs = new Map<string, number>();

  constructor(
    readonly ctx: CollectContext,
    /** The source line for evidence snippets (masked by the context). */
    private readonly snippetAt: (line: number) => string,
  ) {}

  asset(d: AssetDraft, line: number | undefined, snippet?: string): KeyRef {
    const id = `${d.kind}|${d.key.toLowerCase()}|${line ?? ''}`;
    if (!this.seen.has(id)) {
      this.seen.add(id);
      this.ctx.asset({ ...d, evidence: [this.ctx.at(line, snippet)] });
    }
    return { kind: d.kind, key: d.key };
  }

  edge(from: Ref, kind: EdgeKind, to: Ref, line?: number, snippet?: string, attrs?: Attrs): void {
    const id = `${JSON.stringify(from)}|${kind}|${JSON.stringify(to)}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.ctx.edge(from, kind, to, line !== undefined ? { line, ...(snippet ? { snippet } : {}) } : undefined, attrs);
  }

  service(provider: string, line: number, snippet: string, viaSdk: boolean, attrs: Attrs = {}): ServiceState {
    const ref = this.asset({ kind: 'ai-service', key: provider, name: PROVIDERS[provider]?.name ?? provider, provider, attrs }, line, snippet);
    let s = this.services.get(provider);
    if (!s) this.services.set(provider, (s = { ref, explicit: new Map(), explicitOther: false, viaSdk, line }));
    s.viaSdk ||= viaSdk;
    return s;
  }

  /** A model id at a model position; `hint` is the provider the call site implies. */
  model(raw: string, hint: string | undefined, task: string | undefined, line: number, snippet: string, servedBy?: string): KeyRef | undefined {
    const m = recogniseModelId(raw, hint);
    const provider = m?.provider ?? hint;
    if (!m || !provider) return undefined;
    const modelTask = m.task ?? task ?? (/embed/i.test(m.id) ? 'embedding' : undefined);
    const ref = this.asset(
      { kind: 'model', key: `${provider}/${m.id}`, name: m.id, provider, attrs: { modelId: m.id, ...(modelTask ? { task: modelTask } : {}) } },
      line,
      snippet,
    );
    const service = this.service(servedBy ?? provider, line, snippet, false);
    this.edge(service.ref, 'serves', ref, line, snippet);
    if (modelTask === 'embedding' && !this.embeddingModels.some((r) => r.key === ref.key)) this.embeddingModels.push(ref);
    return ref;
  }

  secret(envVar: string, line: number | undefined, snippet: string | undefined, implicit = false): KeyRef {
    const provider = ENV_VAR_PROVIDER[envVar];
    return this.asset(
      { kind: 'secret', key: `env:${envVar}`, name: envVar, attrs: { envVar, ...(provider ? { provider } : {}), hasValue: false, ...(implicit ? { implicit: true } : {}) } },
      line,
      snippet,
    );
  }

  prompt(text: string, role: string, line: number, snippet: string, variables: string[], format: string): KeyRef {
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    const preview = maskSecrets(text.replace(/\s+/g, ' ').trim()).slice(0, 120);
    return this.asset(
      { kind: 'prompt', key: `inline:${hash}`, name: preview.slice(0, 60), attrs: { role, preview, length: text.length, variables, format } },
      line,
      snippet,
    );
  }

  vectorStore(product: string, name: string | undefined, line: number, snippet: string, attrs: Attrs = {}): KeyRef {
    const ref = this.asset(
      { kind: 'vector-store', key: `${product.toLowerCase().replace(/\s+/g, '-')}:${(name ?? 'default').toLowerCase()}`, name: name ? `${product} ${name}` : product, attrs: { product, ...(name ? { collection: name } : {}), ...attrs } },
      line,
      snippet,
    );
    if (!this.vectorStores.some((r) => r.key === ref.key)) this.vectorStores.push(ref);
    return ref;
  }

  /** Links each service to the credential that unlocks it: explicit env vars, else the SDK's own. */
  finishServices(): void {
    for (const [provider, s] of this.services) {
      const explicit = new Map(s.explicit);
      if (!explicit.size) {
        for (const [name, line] of this.envRefs) if (ENV_VAR_PROVIDER[name] === provider) explicit.set(name, line);
      }
      for (const [name, line] of explicit) this.edge(s.ref, 'authenticates-with', this.secret(name, line, this.snippetAt(line)), line);
      if (explicit.size || s.explicitOther || !s.viaSdk) continue;
      const implicit = PROVIDERS[provider]?.envVars.find(isSecretName);
      if (implicit) this.edge(s.ref, 'authenticates-with', this.secret(implicit, s.line, this.snippetAt(s.line), true), s.line);
    }
  }
}
