// The AI allow-list (`security/ai-allowlist.yaml`): which AI services are sanctioned, optionally only for
// some categories, destination hosts or groups of users and machines. A request is sanctioned when any
// rule matches it; a rule matches when every condition it states holds.
//
//   groups:
//     app-servers: { hosts: ['app-*', '10.10.0.0/16'] }     # source machines: names (wildcards) or CIDR
//     engineering: { users: ['alice', '*@eng.acme.example'] }
//   allow:
//     - openai                                   # shorthand: a provider id...
//     - '*.openai.azure.com'                     # ...or a destination host pattern
//     - provider: openai
//       categories: [api]                        # chat, api, coding, media, web, infra
//       groups: [app-servers]                    # only for these requesters
//     - provider: github-copilot
//       groups: [engineering]

import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { ServiceCategory } from './catalogue.js';
import { NamePattern, isValidPattern } from './match.js';

const CATEGORIES = ['chat', 'api', 'coding', 'media', 'web', 'infra'] as const satisfies readonly ServiceCategory[];

const pattern = z.string().refine(isValidPattern, 'not a valid name pattern or CIDR range');
const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]);

const GroupSchema = z.strictObject({ users: z.array(pattern).optional(), hosts: z.array(pattern).optional() });
const RuleSchema = z
  .strictObject({
    provider: oneOrMany(z.string().min(1)).optional(),
    providers: z.array(z.string().min(1)).optional(),
    host: oneOrMany(pattern).optional(),
    hosts: z.array(pattern).optional(),
    categories: z.array(z.enum(CATEGORIES)).optional(),
    groups: z.array(z.string().min(1)).optional(),
    note: z.string().optional(),
  })
  .refine((r) => r.provider || r.providers || r.host || r.hosts, 'a rule names a provider or a host pattern');
const FileSchema = z.strictObject({
  version: z.literal(1).optional(),
  groups: z.record(z.string(), GroupSchema).optional(),
  // items are checked one by one below, so that an error points into the rule, not at the union
  allow: z.array(z.unknown()).default([]),
});
const ItemSchema = z.union([z.string().min(1), RuleSchema]);
type Item = z.infer<typeof ItemSchema>;

export interface Requester {
  user?: string;
  source?: string;
}

export interface RequestFacts extends Requester {
  service: string;
  category: ServiceCategory;
  host: string;
}

interface CompiledRule {
  providers?: Set<string>;
  hosts?: NamePattern[];
  categories?: Set<ServiceCategory>;
  groups?: string[];
  /** 1-based index in `allow`, for explanations. */
  index: number;
}

interface CompiledGroup {
  users: NamePattern[];
  hosts: NamePattern[];
}

export class AllowListError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
  }
}

const CACHE_MAX = 50_000;

export class AllowList {
  private readonly cache = new Map<string, boolean>();

  constructor(
    private readonly rules: CompiledRule[],
    private readonly groups: Map<string, CompiledGroup>,
    /** Where the list came from (shown in reports). */
    readonly origin: string,
  ) {}

  /** True when some rule sanctions this request. */
  sanctions(r: RequestFacts): boolean {
    const key = `${r.service}\0${r.category}\0${r.host}\0${r.user ?? ''}\0${r.source ?? ''}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const ok = this.rules.some((rule) => this.ruleMatches(rule, r));
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, ok);
    return ok;
  }

  /** Providers named by some rule (whatever its conditions): for summaries. */
  get providers(): string[] {
    return [...new Set(this.rules.flatMap((r) => [...(r.providers ?? [])]))].sort();
  }

  private ruleMatches(rule: CompiledRule, r: RequestFacts): boolean {
    if (rule.providers && !rule.providers.has(r.service)) return false;
    if (rule.hosts && !rule.hosts.some((p) => p.matches(r.host))) return false;
    if (rule.categories && !rule.categories.has(r.category)) return false;
    if (rule.groups && !rule.groups.some((g) => this.inGroup(g, r))) return false;
    return true;
  }

  private inGroup(name: string, r: Requester): boolean {
    const g = this.groups.get(name);
    if (!g) return false;
    return (!!r.user && g.users.some((p) => p.matches(r.user!))) || (!!r.source && g.hosts.some((p) => p.matches(r.source!)));
  }
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A shorthand string is a host pattern when it has a dot or a wildcard, else a provider id. */
function shorthand(s: string): { provider?: string; host?: string } {
  return /[.*?]/.test(s) ? { host: s } : { provider: s };
}

/** Parses and validates an allow-list; errors name the file and line. */
export function parseAllowList(text: string, file: string): AllowList {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new AllowListError(e.message.split('\n')[0], file, lc.linePos(e.pos[0]).line);
  }
  const fail = (issue: z.core.$ZodIssue, prefix: Array<string | number> = []): never => {
    const at = [...prefix, ...issue.path] as Array<string | number>;
    const node = doc.getIn(at, true) as { range?: [number, number] } | undefined;
    const line = node?.range ? lc.linePos(node.range[0]).line : undefined;
    throw new AllowListError(`${issue.message}${at.length ? ` (at ${at.join('.')})` : ''}`, file, line);
  };
  const parsed = FileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) fail(parsed.error.issues[0]);
  const items: Item[] = parsed.data!.allow.map((raw, i) => {
    const r = typeof raw === 'string' ? ItemSchema.safeParse(raw) : RuleSchema.safeParse(raw);
    if (!r.success) fail(r.error.issues[0], ['allow', i]);
    return r.data as Item;
  });
  const groups = new Map<string, CompiledGroup>();
  for (const [name, g] of Object.entries(parsed.data!.groups ?? {})) {
    groups.set(name, { users: (g.users ?? []).map((p) => new NamePattern(p)), hosts: (g.hosts ?? []).map((p) => new NamePattern(p)) });
  }
  const rules: CompiledRule[] = items.map((raw, i) => {
    const r = typeof raw === 'string' ? shorthand(raw) : raw;
    const providers = [...list(r.provider), ...('providers' in r ? list(r.providers) : [])];
    const hosts = [...list(r.host), ...('hosts' in r ? list(r.hosts) : [])];
    const rule: CompiledRule = { index: i + 1 };
    if (providers.length) rule.providers = new Set(providers.map((p) => p.toLowerCase()));
    if (hosts.length) rule.hosts = hosts.map((h) => new NamePattern(h));
    if ('categories' in r && r.categories?.length) rule.categories = new Set(r.categories);
    if ('groups' in r && r.groups?.length) {
      for (const g of r.groups) {
        if (!groups.has(g)) {
          const node = doc.getIn(['allow', i, 'groups'], true) as { range?: [number, number] } | undefined;
          throw new AllowListError(`rule ${i + 1} names group "${g}", which is not defined under groups`, file, node?.range ? lc.linePos(node.range[0]).line : undefined);
        }
      }
      rule.groups = r.groups;
    }
    return rule;
  });
  return new AllowList(rules, groups, file);
}

/** An allow-list that sanctions nothing: every AI request counts as unsanctioned. */
export const EMPTY_ALLOWLIST = new AllowList([], new Map(), '(none)');
