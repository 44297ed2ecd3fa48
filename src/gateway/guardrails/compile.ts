// Guardrail policies compiled once at config load, and resolved per request context (team, key, route, model)
// through the scope chain global → team → key → route/model. Entries with the same `id` are one guardrail:
// a narrower entry restates only what it changes. It may always tighten (a stricter action); it may relax (a
// laxer action, or `enabled: false`) only where the definition it narrows is `relaxable` — checked against the
// global definition when the file is loaded, and along the whole chain when a request's set is resolved.
// Resolved sets are cached per context, so a request pays one map lookup.

import { Environment } from '@marcbachmann/cel-js';
import { compile as compileCel, type Program } from '../../policy/cel-env.js';
import type { GuardrailAction, GuardrailDetector, GuardrailEntry, GuardrailHook, LoadedConfig } from '../config.js';
import { globToRegExp } from '../glob.js';

export const STRICTNESS: Record<GuardrailAction, number> = { allow: 0, flag: 1, redact: 2, block: 3 };
const SCOPE_RANK = { global: 0, team: 1, key: 2, route: 3, model: 3 } as const;
type ScopeKind = keyof typeof SCOPE_RANK;

export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** A guardrail as it applies to one request: every field resolved. */
export interface Guardrail {
  id: string;
  hooks: ReadonlySet<GuardrailHook>;
  detector: GuardrailDetector;
  types?: ReadonlySet<string>;
  minScore: number;
  patterns?: RegExp[];
  webhook?: { url: string; headers?: Record<string, string> };
  condition?: Program;
  conditionText?: string;
  action: GuardrailAction;
  restore: boolean;
  severity: Severity;
  message?: string;
  onError: 'fail_open' | 'fail_closed';
  latencyBudgetMs: number;
  relaxable: boolean;
  /** The scope of the narrowest entry that shaped it, for events (`global`, `team:payments`, ...). */
  scope: string;
}

/** One config entry, compiled: only the fields it states. */
interface Entry {
  index: number;
  id: string;
  scopeKind: ScopeKind;
  scopeValue: string;
  scopeMatch?: RegExp;
  rank: number;
  enabled?: boolean;
  fields: Partial<Omit<Guardrail, 'id' | 'scope'>>;
}

export interface RequestScope {
  team: string;
  keyId: string;
  keyName: string;
  route: string;
  model: string;
}

export interface ResolvedGuardrails {
  request: Guardrail[];
  response: Guardrail[];
  tool: Guardrail[];
  /** Nothing to run: the pipeline takes its fast path. */
  empty: boolean;
}

const EMPTY: ResolvedGuardrails = { request: [], response: [], tool: [], empty: true };

/** The CEL environment of guardrail conditions. */
export function guardrailEnvironment(): Environment {
  return new Environment({ homogeneousAggregateLiterals: false, enableOptionalTypes: true })
    .registerVariable('request', 'map')
    .registerVariable('detections', 'list')
    .registerVariable('tool', 'map')
    .registerVariable('hook', 'string');
}

const DEFAULT_SEVERITY: Record<GuardrailAction, Severity> = { allow: 'informational', flag: 'medium', redact: 'medium', block: 'high' };

function compileEntry(env: Environment, e: GuardrailEntry, index: number, loaded: LoadedConfig): Entry {
  const at = (k: string) => ['guardrails', index, k];
  const scope = e.scope;
  const scopeKind: ScopeKind = scope === 'global' ? 'global' : (Object.keys(scope)[0] as ScopeKind);
  const scopeValue = scope === 'global' ? '' : String(Object.values(scope)[0]);
  const fields: Entry['fields'] = {};
  if (e.hooks) fields.hooks = new Set(e.hooks);
  if (e.detector) fields.detector = e.detector;
  if (e.types) fields.types = new Set(e.types);
  if (e.min_score !== undefined) fields.minScore = e.min_score;
  if (e.patterns) {
    fields.patterns = e.patterns.map((p, i) => {
      try {
        return new RegExp(p, 'gu');
      } catch (err) {
        throw loaded.error(['guardrails', index, 'patterns', i], `invalid regular expression: ${(err as Error).message}`);
      }
    });
  }
  if (e.webhook) fields.webhook = e.webhook;
  if (e.condition) {
    const c = compileCel(env, e.condition, 'bool');
    if (!c.program) throw loaded.error(at('condition'), `${c.error} (variables: request, detections, tool, hook)`);
    fields.condition = c.program;
    fields.conditionText = e.condition;
  }
  if (e.action) fields.action = e.action;
  if (e.restore !== undefined) fields.restore = e.restore;
  if (e.severity) fields.severity = e.severity;
  if (e.message) fields.message = e.message;
  if (e.on_error) fields.onError = e.on_error;
  if (e.latency_budget_ms) fields.latencyBudgetMs = e.latency_budget_ms;
  if (e.relaxable !== undefined) fields.relaxable = e.relaxable;
  return {
    index,
    id: e.id,
    scopeKind,
    scopeValue,
    scopeMatch: scopeKind === 'model' ? globToRegExp(scopeValue) : undefined,
    rank: SCOPE_RANK[scopeKind],
    enabled: e.enabled,
    fields,
  };
}

function strictness(g: { enabled: boolean; action: GuardrailAction }): number {
  return g.enabled ? STRICTNESS[g.action] : -1;
}

interface Draft extends Omit<Guardrail, 'id' | 'scope'> {
  enabled: boolean;
}

function merge(base: Draft | undefined, e: Entry, defaults: { onError: 'fail_open' | 'fail_closed'; latencyBudgetMs: number }): Draft {
  const merged = {
    hooks: new Set<GuardrailHook>(['request']),
    detector: 'none' as GuardrailDetector,
    minScore: 0,
    action: 'flag' as GuardrailAction,
    restore: false,
    severity: undefined as unknown as Severity,
    onError: defaults.onError,
    latencyBudgetMs: defaults.latencyBudgetMs,
    relaxable: false,
    enabled: true,
    ...base,
    ...e.fields,
  } as Draft;
  if (e.enabled !== undefined) merged.enabled = e.enabled;
  if (!e.fields.severity && (!base || e.fields.action)) merged.severity = DEFAULT_SEVERITY[merged.action];
  return merged;
}

export class GuardrailSet {
  private readonly order: string[] = [];
  private readonly entries = new Map<string, Entry[]>();
  private readonly cache = new Map<string, ResolvedGuardrails>();
  /** Whether any guardrail exists at all (the pipeline skips resolution otherwise). */
  readonly any: boolean;

  constructor(
    list: GuardrailEntry[],
    private readonly defaults: { onError: 'fail_open' | 'fail_closed'; latencyBudgetMs: number },
    loaded: LoadedConfig,
  ) {
    const env = guardrailEnvironment();
    list.forEach((raw, i) => {
      const e = compileEntry(env, raw, i, loaded);
      const group = this.entries.get(e.id);
      if (!group) {
        this.order.push(e.id);
        this.entries.set(e.id, [e]);
      } else {
        const same = group.find((g) => g.scopeKind === e.scopeKind && g.scopeValue === e.scopeValue);
        if (same) throw loaded.error(['guardrails', i, 'scope'], `guardrail ${e.id} is already defined for this scope at guardrails[${same.index}]`);
        group.push(e);
      }
    });
    for (const id of this.order) this.validate(this.entries.get(id)!, loaded);
    this.any = list.length > 0;
  }

  private validate(group: Entry[], loaded: LoadedConfig): void {
    const global = group.find((e) => e.rank === 0);
    const globalDraft = global ? merge(undefined, global, this.defaults) : undefined;
    for (const e of group) {
      const d = e === global ? globalDraft! : merge(globalDraft, e, this.defaults);
      const base = e === global ? undefined : globalDraft;
      if (!base && e.fields.action === undefined) throw loaded.error(['guardrails', e.index], `guardrail ${e.id} needs an action (allow, flag, redact or block)`);
      if (d.detector === 'regex' && !d.patterns?.length) throw loaded.error(['guardrails', e.index, 'patterns'], 'detector regex needs at least one pattern');
      if (d.detector === 'webhook' && !d.webhook) throw loaded.error(['guardrails', e.index, 'webhook'], 'detector webhook needs webhook.url');
      if (d.detector === 'none' && !d.condition && d.action !== 'allow') {
        throw loaded.error(['guardrails', e.index, 'condition'], 'a guardrail without a detector needs a condition');
      }
      if (d.restore && d.action !== 'redact') throw loaded.error(['guardrails', e.index, 'restore'], 'restore applies to action redact only');
      if (base && strictness(d) < strictness(base) && !base.relaxable) {
        const what = d.enabled ? `action ${d.action}` : 'enabled: false';
        throw loaded.error(['guardrails', e.index, d.enabled ? 'action' : 'enabled'], `cannot relax guardrail ${e.id} to ${what}: its global definition (action ${base.action}) is not relaxable`);
      }
    }
  }

  /** The guardrails that apply to a request context, per hook, strictest first. */
  resolve(s: RequestScope): ResolvedGuardrails {
    if (!this.any) return EMPTY;
    const cacheKey = `${s.team}\u0000${s.keyId}\u0000${s.route}\u0000${s.model}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const resolved: ResolvedGuardrails = { request: [], response: [], tool: [], empty: true };
    for (const id of this.order) {
      const chain = this.entries
        .get(id)!
        .filter((e) => matches(e, s))
        .sort((a, b) => a.rank - b.rank || a.index - b.index);
      let eff: Draft | undefined;
      let scope = 'global';
      for (const e of chain) {
        const next = merge(eff, e, this.defaults);
        // a narrower scope relaxes only what the one it narrows allows to be relaxed
        if (eff && strictness(next) < strictness(eff) && !eff.relaxable) continue;
        eff = next;
        scope = e.scopeKind === 'global' ? 'global' : `${e.scopeKind}:${e.scopeValue}`;
      }
      if (!eff || !eff.enabled) continue;
      const { enabled: _e, ...rest } = eff;
      const g: Guardrail = { id, scope, ...rest };
      if (g.hooks.has('request')) resolved.request.push(g);
      if (g.hooks.has('response')) resolved.response.push(g);
      if (g.hooks.has('tool_call')) resolved.tool.push(g);
    }
    const byStrictness = (a: Guardrail, b: Guardrail) => STRICTNESS[b.action] - STRICTNESS[a.action];
    resolved.request.sort(byStrictness);
    resolved.response.sort(byStrictness);
    resolved.tool.sort(byStrictness);
    resolved.empty = !resolved.request.length && !resolved.response.length && !resolved.tool.length;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(cacheKey, resolved);
    return resolved;
  }
}

function matches(e: Entry, s: RequestScope): boolean {
  switch (e.scopeKind) {
    case 'global':
      return true;
    case 'team':
      return e.scopeValue === s.team;
    case 'key':
      return e.scopeValue === s.keyId || e.scopeValue === s.keyName;
    case 'route':
      return e.scopeValue === s.route;
    case 'model':
      return e.scopeMatch!.test(s.model);
  }
}
