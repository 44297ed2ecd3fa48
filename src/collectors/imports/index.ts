// The import-level collector for Go, Java / Kotlin and C#: provider SDKs imported by a file become
// `ai-service` assets (evidence at the import line), recognisable model ids in the same file become
// models served by those services, and credentials read from env vars are linked to them.

import { ENV_VAR_PROVIDER, MODEL_ID_RULES, PROVIDERS, recogniseModelId, type ModelIdMatch } from '../../model/providers.js';
import { isSecretName } from '../../util/mask.js';
import { CATALOGUE, lookupPackage, type CatalogueEntry, type Ecosystem } from '../catalogue.js';
import type { CollectContext, Collector, KeyRef } from '../types.js';
import { envVarsOf, importsOf, LANGUAGE_BY_EXTENSION, type ImportedName } from './languages.js';
import { CSHARP_NAMESPACES, JAVA_PACKAGES, matchNamespace } from './namespaces.js';
import { tokenize } from './tokenize.js';

const MAX_SNIPPET = 200;

/** Azure's OpenAI SDKs build on the OpenAI SDK's types: with Azure imported, `OpenAI.Chat` is Azure too. */
const SUBSUMED_BY: Record<string, string[]> = { openai: ['azure-openai'] };

/** Where an imported name leads: the catalogue entry and the provider it reaches, if any. */
export function resolveImport(eco: Ecosystem, name: string): { entry: CatalogueEntry; provider?: string } | undefined {
  if (eco === 'go') {
    const entry = lookupPackage('go', name);
    return entry ? { entry, ...(entry.provider ? { provider: entry.provider } : {}) } : undefined;
  }
  const row = matchNamespace(eco, name);
  if (!row) return undefined;
  const entry = lookupPackage(eco, row.pkg);
  if (!entry) return undefined;
  const provider = row.provider ?? entry.provider;
  return { entry, ...(provider ? { provider } : {}) };
}

// Most Go, Java and C# files import nothing AI: one search for the module paths, package prefixes and
// namespaces of the tables decides whether a file is tokenized at all.
const escapeRe = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PREFILTER_NAMES = [
  ...CATALOGUE.go.map((e) => e.name),
  ...JAVA_PACKAGES.map((r) => r.prefix.replace(/\.$/, '')),
  ...CSHARP_NAMESPACES.map((r) => r.prefix.replace(/\.$/, '')),
];
const PREFILTER = new RegExp([...new Set(PREFILTER_NAMES)].sort((a, b) => b.length - a.length).map(escapeRe).join('|'));

export const importsCollector: Collector = {
  id: 'imports',
  version: '1',
  wants(_rel, base) {
    const ext = base.slice(base.lastIndexOf('.') + 1);
    return base.includes('.') && ext in LANGUAGE_BY_EXTENSION && !base.endsWith('_test.go');
  },
  async collect(file, ctx) {
    const lang = LANGUAGE_BY_EXTENSION[file.rel.slice(file.rel.lastIndexOf('.') + 1).toLowerCase()];
    if (!lang) return;
    const text = await file.text();
    if (!PREFILTER.test(text)) return;
    const tokens = tokenize(text, lang.dialect);
    if (tokens.unterminated !== undefined) ctx.warn('unterminated comment or string; imports after it may be missed', tokens.unterminated);
    const lines = text.split('\n');
    const services = new Map<string, KeyRef>();
    const emitService = (provider: string, imp: ImportedName) => {
      const ref = ctx.asset({
        kind: 'ai-service',
        key: provider,
        name: PROVIDERS[provider]?.name ?? provider,
        provider,
        evidence: [ctx.at(imp.line, imp.snippet.slice(0, MAX_SNIPPET))],
      });
      services.set(provider, ref);
    };
    const reached: Array<{ provider: string; imp: ImportedName }> = [];
    let aiImports = 0;
    const imports = importsOf(lang.dialect, tokens, lines);
    for (const imp of imports) {
      const hit = resolveImport(lang.ecosystem, imp.name);
      if (!hit) continue;
      aiImports++;
      if (hit.provider && (hit.entry.category === 'provider-sdk' || hit.entry.category === 'framework')) reached.push({ provider: hit.provider, imp });
    }
    if (!aiImports) return;
    const providers = new Set(reached.map((r) => r.provider));
    for (const { provider, imp } of reached) {
      if (!SUBSUMED_BY[provider]?.some((p) => providers.has(p))) emitService(provider, imp);
    }
    // import paths are strings too (Go), never model ids
    const importLines = new Set(imports.map((i) => i.line));
    collectModels(ctx, tokens.strings.filter((s) => !importLines.has(s.line)), services, lines);
    linkCredentials(ctx, envVarsOf(tokens), services, lines);
  },
};

export default importsCollector;

/** Known model ids among the file's string literals, served by the file's service for their provider. */
function collectModels(ctx: CollectContext, strings: Array<{ value: string; line: number }>, services: Map<string, KeyRef>, lines: string[]): void {
  const only = services.size === 1 ? [...services.keys()][0] : undefined;
  const seen = new Set<string>();
  for (const s of strings) {
    const known = knownFamily(s.value);
    if (!known?.provider) continue;
    // a single service in the file serves the id (gpt-4o through Azure is an Azure OpenAI model)
    const via = services.has(known.provider) ? known.provider : (only ?? known.provider);
    const m = via === known.provider ? known : (recogniseModelId(s.value, via) ?? known);
    const provider = m.provider ?? via;
    const key = `${provider}/${m.id}`;
    if (seen.has(`${key}@${s.line}`)) continue;
    seen.add(`${key}@${s.line}`);
    const snippet = (lines[s.line - 1] ?? '').trim().slice(0, MAX_SNIPPET);
    const task = m.task ?? (/embed/i.test(m.id) ? 'embedding' : undefined);
    const model = ctx.asset({ kind: 'model', key, name: m.id, provider, attrs: { modelId: m.id, ...(task ? { task } : {}) }, evidence: [ctx.at(s.line, snippet)] });
    let service = services.get(via);
    if (!service) {
      service = ctx.asset({ kind: 'ai-service', key: via, name: PROVIDERS[via]?.name ?? via, provider: via, evidence: [ctx.at(s.line, snippet)] });
      services.set(via, service);
    }
    ctx.edge(service, 'serves', model, { line: s.line, snippet });
  }
}

/**
 * A model id of a known family. Without a call site to vouch for it, an `org/name` string is a path
 * far more often than a Hugging Face repo id, so those only count with a provider prefix (`openai/gpt-4o`).
 */
function knownFamily(s: string): ModelIdMatch | undefined {
  const m = recogniseModelId(s);
  if (!m) return undefined;
  return !m.id.includes('/') || MODEL_ID_RULES.some((r) => r.re.test(m.id)) ? m : undefined;
}

/** `os.Getenv("OPENAI_API_KEY")`: a secret, linked to the service whose key it is. */
function linkCredentials(ctx: CollectContext, envVars: Array<{ name: string; line: number }>, services: Map<string, KeyRef>, lines: string[]): void {
  const only = services.size === 1 ? [...services.keys()][0] : undefined;
  for (const { name, line } of envVars) {
    const provider = ENV_VAR_PROVIDER[name];
    if (!provider && !isSecretName(name)) continue;
    const snippet = (lines[line - 1] ?? '').trim().slice(0, MAX_SNIPPET);
    const secret = ctx.asset({
      kind: 'secret',
      key: `env:${name}`,
      name,
      attrs: { envVar: name, ...(provider ? { provider } : {}), hasValue: false },
      evidence: [ctx.at(line, snippet)],
    });
    const target = provider && services.has(provider) ? provider : !provider ? only : undefined;
    if (target) ctx.edge(services.get(target)!, 'authenticates-with', secret, { line, snippet });
  }
}
