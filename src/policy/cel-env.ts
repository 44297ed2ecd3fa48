// The CEL environment every condition is compiled in: the `asset` variable and the graph helpers.
// Conditions are compiled once at load; the helpers read the graph of the evaluation in progress through
// a scope object, so one compiled program serves every report.

import { Environment } from '@marcbachmann/cel-js';
import { type AdvisoryIndex, bundledAdvisories } from './advisories.js';
import { isSensitiveData, isSideEffectTool, isUntrustedSource } from './flow-rules.js';
import type { AssetView, GraphIndex } from './graph-index.js';

export interface EvalScope {
  graph?: GraphIndex;
  advisories?: AdvisoryIndex;
}

/** A compiled condition or expression: call it with an asset view. */
export type Program = (activation: { asset: AssetView }) => unknown;

/** One line per helper, for error messages and the policy README. */
export const HELPERS: Record<string, string> = {
  'attr(asset, "a.b", default)': 'attribute at a dotted path, or default when any part is missing',
  'attr(asset, "a.b")': 'attribute at a dotted path, or null',
  'hasAttr(asset, "a.b")': 'whether the attribute path exists',
  'out(asset, "edge-kind")': 'assets this asset points to over that edge kind (out(asset) for all kinds)',
  'incoming(asset, "edge-kind")': 'assets pointing to this asset over that edge kind (`in` is a CEL keyword)',
  'reachableFromInternet(asset)': 'a path from the internet node over exposure edges',
  'reachableFromUntrusted(asset)': 'a path from untrusted content (internet, untrusted sources, web/mail/chat tools)',
  'reachesSensitiveData(asset)': 'a path to confidential/restricted or PII data',
  'reachesSideEffects(asset)': 'can make a shell/code/file-write/email/messaging/payments/database tool run',
  'hasAnyCapability(asset, ["shell", ...])': 'the asset (a tool) has one of these capabilities',
  'isSensitive(asset)': 'the asset itself is sensitive data',
  'isUntrustedSource(asset)': 'the asset itself is an untrusted entry point',
  'isSideEffectTool(asset)': 'the asset itself has a side-effecting capability',
  'advisories(asset)': 'known advisories for a library at its version: list of {id, summary, fixed, affected}',
  'count(list)': 'number of elements (same as size)',
};

/** Dotted-path lookup that never throws. */
export function attrAt(view: { attrs?: Record<string, unknown> } | undefined, dotted: string): unknown {
  let v: unknown = view?.attrs;
  for (const part of dotted.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function graphOf(scope: EvalScope): GraphIndex {
  if (!scope.graph) throw new Error('graph helpers called outside an evaluation');
  return scope.graph;
}

function capabilities(view: AssetView): unknown[] {
  const c = view?.attrs?.capabilities;
  return Array.isArray(c) ? c : [];
}

/** Helpers that test the asset itself use the engine's own predicates on the underlying asset. */
function viewAsAsset(v: AssetView) {
  return { ...v, kind: v.kind as never, sensitivity: (v.sensitivity || undefined) as never, attrs: v.attrs as never, evidence: [] };
}

export function createEnvironment(scope: EvalScope): Environment {
  return new Environment({ homogeneousAggregateLiterals: false, enableOptionalTypes: true })
    .registerVariable('asset', 'map')
    .registerFunction('attr(map, string, dyn): dyn', (a: AssetView, p: string, d: unknown) => attrAt(a, p) ?? d)
    .registerFunction('attr(map, string): dyn', (a: AssetView, p: string) => attrAt(a, p) ?? null)
    .registerFunction('hasAttr(map, string): bool', (a: AssetView, p: string) => attrAt(a, p) !== undefined)
    .registerFunction('out(map, string): list<map>', (a: AssetView, k: string) => graphOf(scope).neighbours(a.id, 'out', k))
    .registerFunction('out(map): list<map>', (a: AssetView) => graphOf(scope).neighbours(a.id, 'out'))
    .registerFunction('incoming(map, string): list<map>', (a: AssetView, k: string) => graphOf(scope).neighbours(a.id, 'in', k))
    .registerFunction('incoming(map): list<map>', (a: AssetView) => graphOf(scope).neighbours(a.id, 'in'))
    .registerFunction('reachableFromInternet(map): bool', (a: AssetView) => graphOf(scope).reachableFromInternet(a.id))
    .registerFunction('reachableFromUntrusted(map): bool', (a: AssetView) => graphOf(scope).reachableFromUntrusted(a.id))
    .registerFunction('reachesSensitiveData(map): bool', (a: AssetView) => graphOf(scope).reachesSensitiveData(a.id))
    .registerFunction('reachesSideEffects(map): bool', (a: AssetView) => graphOf(scope).reachesSideEffects(a.id))
    .registerFunction('hasAnyCapability(map, list): bool', (a: AssetView, caps: unknown[]) => capabilities(a).some((c) => caps.includes(c)))
    .registerFunction('isSensitive(map): bool', (a: AssetView) => isSensitiveData(viewAsAsset(a)))
    .registerFunction('isUntrustedSource(map): bool', (a: AssetView) => isUntrustedSource(viewAsAsset(a)))
    .registerFunction('isSideEffectTool(map): bool', (a: AssetView) => isSideEffectTool(viewAsAsset(a)))
    .registerFunction('advisories(map): list<map>', (a: AssetView) =>
      (scope.advisories ?? bundledAdvisories()).forLibrary(a).map((x) => ({ id: x.id, summary: x.summary, fixed: x.fixed ?? '', affected: x.affected })),
    )
    .registerFunction('count(list): int', (l: unknown[]) => BigInt(l.length));
}

export interface CompileResult {
  program?: Program;
  error?: string;
}

/** Parses and type-checks an expression; `bool` requires a boolean (or dynamic) result. */
export function compile(env: Environment, expression: string, want: 'bool' | 'any'): CompileResult {
  try {
    const parsed = env.parse(expression);
    const checked = env.check(expression);
    if (!checked.valid) return { error: firstLine(checked.error?.message ?? 'type error') };
    if (want === 'bool' && checked.type !== 'bool' && checked.type !== 'dyn') return { error: `must be a boolean expression, not ${checked.type}` };
    return { program: parsed as unknown as Program };
  } catch (e) {
    return { error: firstLine((e as Error).message) };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
