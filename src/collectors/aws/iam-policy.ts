// IAM policy documents, as JSON text or as structures (Terraform `jsonencode`, CloudFormation YAML):
// normalised statements, what they grant access to (buckets, Bedrock, SageMaker) with wildcards
// resolved against the buckets the IaC defines, and who a trust policy lets assume a role.
// Values the IaC leaves unresolved are passed in as their expression text.

import type { AttrValue } from '../../model/index.js';
import { awsGlob, bedrockModelIdOf, bedrockModelKey, bucketOf, s3Key } from './keys.js';

export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: boolean;
  resources: string[];
  /** `*`, `AWS:<arn>`, `Service:<service>`, `Federated:<provider>`. */
  principals: string[];
  conditional: boolean;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(strings) : typeof v === 'string' ? [v] : v == null ? [] : [String(v)]);
const rec = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Statements of a policy given as JSON text or as a structure; undefined when it is neither. */
export function policyStatements(doc: unknown): Statement[] | undefined {
  let d: unknown = doc;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d) as Json;
    } catch {
      return undefined;
    }
  }
  const body = rec(d);
  if (!body) return undefined;
  const raw = body.Statement ?? body.statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map(rec).filter((s): s is Record<string, unknown> => !!s).map(statementOf);
}

function statementOf(s: Record<string, unknown>): Statement {
  const principal = s.Principal ?? s.principal;
  const principals: string[] = [];
  if (principal === '*') principals.push('*');
  else
    for (const [k, v] of Object.entries(rec(principal) ?? {}))
      for (const p of strings(v)) principals.push(p === '*' ? '*' : `${k}:${p}`);
  const notActions = s.NotAction !== undefined;
  return {
    effect: String(s.Effect ?? s.effect ?? 'Allow') === 'Deny' ? 'Deny' : 'Allow',
    actions: strings(s.Action ?? s.action ?? s.NotAction),
    notActions,
    resources: strings(s.Resource ?? s.resource ?? s.NotResource),
    principals,
    conditional: s.Condition !== undefined || s.condition !== undefined,
  };
}

const actionMatches = (action: string, service: string) => action === '*' || action.toLowerCase().startsWith(`${service}:`);

export interface AccessGrant {
  kind: 'storage' | 'ai-service' | 'model';
  key: string;
  actions: string[];
  /** The grant reached this target through a wildcard in the action or resource. */
  wildcard: boolean;
}

/** What the Allow statements grant, keyed by target; `knownBuckets` resolves resource wildcards. */
export function accessGrants(statements: Statement[], knownBuckets: string[]): AccessGrant[] {
  const grants = new Map<string, AccessGrant>();
  const add = (kind: AccessGrant['kind'], key: string, actions: string[], wildcard: boolean) => {
    const k = `${kind}|${key}`;
    const g = grants.get(k);
    if (!g) grants.set(k, { kind, key, actions: [...new Set(actions)], wildcard });
    else {
      for (const a of actions) if (!g.actions.includes(a)) g.actions.push(a);
      g.wildcard ||= wildcard;
    }
  };
  for (const s of statements) {
    if (s.effect !== 'Allow' || s.notActions) continue;
    const actionWildcard = s.actions.some((a) => a.includes('*'));
    const s3 = s.actions.filter((a) => actionMatches(a, 's3'));
    if (s3.length) {
      for (const r of s.resources) {
        const pattern = r === '*' ? '*' : bucketOf(r);
        if (!pattern) continue;
        if (!pattern.includes('*') && !pattern.includes('?')) add('storage', s3Key(pattern), s3, actionWildcard);
        else for (const b of knownBuckets) if (awsGlob(pattern, b)) add('storage', s3Key(b), s3, true);
      }
    }
    for (const [service, key] of [['bedrock', 'aws-bedrock'], ['sagemaker', 'aws-sagemaker']] as const) {
      const acts = s.actions.filter((a) => actionMatches(a, service));
      if (!acts.length) continue;
      add('ai-service', key, acts, actionWildcard || s.resources.some((r) => r === '*'));
      if (service === 'bedrock')
        for (const r of s.resources) {
          const id = r.includes(':foundation-model/') ? bedrockModelIdOf(r) : undefined;
          if (id && !id.includes('*')) add('model', bedrockModelKey(id), acts, actionWildcard);
        }
    }
  }
  return [...grants.values()];
}

/** Summary attributes of a set of statements, for the identity or resource that carries them. */
export function statementSummary(statements: Statement[]): Record<string, AttrValue> {
  const allow = statements.filter((s) => s.effect === 'Allow');
  // whole-service grants (`s3:*`, `bedrock:*`, `*`); NotAction allows everything but the listed actions
  const serviceWildcards = [...new Set(allow.flatMap((s) => (s.notActions ? ['*'] : s.actions.filter((a) => a === '*' || /^[\w-]+:\*$/.test(a)).map((a) => a.toLowerCase()))))];
  return {
    actions: [...new Set(allow.flatMap((s) => s.actions))],
    wildcardActions: allow.some((s) => s.actions.some((a) => a.includes('*')) || s.notActions),
    wildcardResources: allow.some((s) => s.resources.includes('*')),
    adminAccess: allow.some((s) => s.actions.includes('*') && s.resources.includes('*')),
    ...(serviceWildcards.length ? { serviceWildcards } : {}),
  };
}

/** Principals a trust policy lets assume the role (`Service:sagemaker.amazonaws.com`, `*`...). */
export function trustedPrincipals(statements: Statement[]): string[] {
  return [...new Set(statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.principals))];
}

/** Allow statements open to everyone (`Principal: "*"`), e.g. in a bucket or domain policy. */
export function publicStatements(statements: Statement[]): Statement[] {
  return statements.filter((s) => s.effect === 'Allow' && s.principals.some((p) => p === '*' || p === 'AWS:*'));
}
