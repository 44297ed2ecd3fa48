// Collector `manifests`: dependency manifests and lockfiles of every ecosystem in the catalogue. Each
// manifest folder is an `application`; each AI package it names is a `library` (exact lockfile versions
// preferred, the manifest's range kept as versionSpec) that the application depends on; provider SDKs also
// bring the `ai-service` they talk to, so the inventory shows the service even without code analysis.

import path from 'node:path/posix';
import { PROVIDERS, type Attrs } from '../../model/index.js';
import { lookupPackage, type CatalogueEntry } from '../catalogue.js';
import type { AssetDraft, CollectContext, Collector, KeyRef } from '../types.js';
import { formatFor } from './formats.js';
import { canonicalName, matchName, purl } from './purl.js';
import { declaredOf, readSibling, siblingProjectName, versionsOf } from './siblings.js';
import type { Dependency } from './types.js';

export const manifestsCollector: Collector = {
  id: 'manifests',
  version: '1.0.0',
  wants: (_rel, base) => formatFor(base) !== undefined,
  async collect(file, ctx) {
    const base = path.basename(file.rel).toLowerCase();
    const fmt = formatFor(base);
    if (!fmt) return;
    const text = await file.text();
    const parsed = fmt.parse(text, (m, line) => ctx.warn(m, line), file.rel);
    const sibling = await readSibling(file, fmt.siblings);
    const locked = sibling && !fmt.lock ? { rel: sibling.rel, versions: versionsOf(sibling.parsed) } : undefined;
    if (sibling && fmt.lock) applyDeclarations(parsed.deps, declaredOf(sibling.parsed));

    const folder = path.dirname(file.rel);
    // the manifest's own name, else the one a sibling manifest declares, else the folder's name (the root's
    // display name is the scanned folder's, set by the graph builder)
    const name = parsed.name ?? (await siblingProjectName(file)) ?? (folder === '.' ? undefined : path.basename(folder));
    const app = ctx.asset({
      kind: 'application',
      key: folder,
      ...(name ? { name } : {}),
      attrs: { manifests: [file.rel], ecosystems: [fmt.ecosystem], ...(parsed.notes ?? {}) },
      evidence: [ctx.at(1)],
    });
    const lines = text.split(/\r?\n/);
    for (const lib of mergeDuplicates(parsed.deps, locked?.versions)) emitLibrary(ctx, app, lib, lines, locked?.rel);
  },
};

/** Lockfile entries the lockfile itself does not classify learn directness and dev use from the manifest. */
function applyDeclarations(deps: Dependency[], declared: Map<string, { dev: boolean }>): void {
  for (const d of deps) {
    const decl = declared.get(matchName(d.ecosystem, d.name));
    d.direct ??= decl !== undefined;
    if (decl) d.dev ??= decl.dev;
  }
}

interface ResolvedDependency extends Dependency {
  entry: CatalogueEntry;
  /** The exact version, from the file itself or the sibling lockfile. */
  resolved?: string;
}

/** Keeps AI packages only, resolves ranges through the lockfile, and folds repeats of one name@version. */
function mergeDuplicates(deps: Dependency[], locked: Map<string, string> | undefined): ResolvedDependency[] {
  const byKey = new Map<string, ResolvedDependency>();
  for (const d of deps) {
    const entry = lookupPackage(d.ecosystem, d.name);
    if (!entry) continue;
    const resolved = d.version ?? locked?.get(matchName(d.ecosystem, d.name));
    const k = `${matchName(d.ecosystem, d.name)}@${resolved ?? '*'}`;
    const prev = byKey.get(k);
    if (!prev) {
      byKey.set(k, { ...d, line: d.line ?? d.locate?.(), entry, resolved });
      continue;
    }
    // the same package listed twice (nested lockfile copies, several groups): direct and runtime win
    prev.direct = prev.direct || d.direct;
    if (prev.dev !== undefined || d.dev !== undefined) prev.dev = (prev.dev ?? true) && (d.dev ?? true);
    prev.spec ??= d.spec;
  }
  return [...byKey.values()];
}

function emitLibrary(ctx: CollectContext, app: KeyRef, d: ResolvedDependency, lines: string[], lockRel: string | undefined): void {
  const pkg = canonicalName(d.ecosystem, d.name);
  const version = d.resolved;
  const snippet = d.line ? lines[d.line - 1] : undefined;
  const evidence = ctx.at(d.line, snippet);
  const attrs: Attrs = {
    ecosystem: d.ecosystem,
    package: pkg,
    version,
    versionSpec: d.spec,
    category: d.entry.category,
    product: d.entry.product,
    provider: d.entry.provider,
    purl: purl(d.ecosystem, pkg, version),
    dev: d.dev,
    direct: d.direct,
    ...(version && !d.version && lockRel ? { lockfile: lockRel } : {}),
  };
  const draft: AssetDraft = {
    kind: 'library',
    key: `${d.ecosystem}:${pkg}@${version ?? '*'}`,
    name: pkg,
    attrs: dropUndefined(attrs),
    evidence: [evidence],
  };
  if (d.entry.provider) draft.provider = d.entry.provider;
  const lib = ctx.asset(draft);
  ctx.edge(app, 'depends-on', lib, { line: d.line, snippet: evidence.snippet }, dropUndefined({ dev: d.dev, direct: d.direct }));

  const provider = d.entry.category === 'provider-sdk' ? d.entry.provider : undefined;
  if (provider) {
    ctx.asset({ kind: 'ai-service', key: provider, name: PROVIDERS[provider]?.name ?? provider, provider, attrs: {}, evidence: [evidence] });
  }
}

function dropUndefined(a: Attrs): Attrs {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined));
}
