// IAM roles and what their policies grant: each role is an identity; its trust policy says who may
// assume it; every policy that reaches it (inline, customer-managed, AWS-managed by ARN) adds a summary
// and `can-access` edges with the actions and whether a wildcard got them there. Tool-neutral.

import { compact } from '../terraform/emit.js';
import { accessGrants, statementSummary, trustedPrincipals, type Statement } from './iam-policy.js';
import { roleKey } from './keys.js';
import type { AwsSink, Named } from './sink.js';

const wild = (actions: string[], resources = ['*']): Statement[] => [{ effect: 'Allow', actions, notActions: false, resources, principals: [], conditional: false }];

// What the AWS-managed policies that matter for AI grant (by policy name at the end of the ARN)
export const MANAGED_POLICIES: Record<string, Statement[]> = {
  AdministratorAccess: wild(['*']),
  PowerUserAccess: wild(['*']),
  AmazonS3FullAccess: wild(['s3:*']),
  AmazonS3ReadOnlyAccess: wild(['s3:Get*', 's3:List*']),
  AmazonSageMakerFullAccess: wild(['sagemaker:*']),
  AmazonBedrockFullAccess: wild(['bedrock:*']),
  AmazonBedrockReadOnly: wild(['bedrock:Get*', 'bedrock:List*']),
};

export function managedPolicyStatements(arn: string): Statement[] | undefined {
  const m = /^arn:aws[\w-]*:iam::aws:policy\/(?:[\w-]+\/)*([\w+=,.@-]+)$/.exec(arn);
  return m ? MANAGED_POLICIES[m[1]!] : undefined;
}

export interface RoleSpec {
  named: Named;
  trust: Statement[];
  managedPolicyArns: string[];
}

/** The role resource and its trust; its policies (inline, then the managed ones it lists) go through `grant` and `attachManaged`. */
export function role(s: AwsSink, r: RoleSpec): void {
  s.asset({
    kind: 'identity',
    key: roleKey(r.named.name),
    name: r.named.name,
    provider: 'aws',
    attrs: {
      ...r.named.attrs,
      identityType: 'aws-iam-role',
      trustedPrincipals: trustedPrincipals(r.trust),
      trustPublic: r.trust.some((st) => st.principals.includes('*') && !st.conditional),
      managedPolicies: r.managedPolicyArns.length ? r.managedPolicyArns : undefined,
    },
  });
}

/** Emits the role identity with a policy's summary and the access edges its statements grant. */
export function grant(s: AwsSink, role: string, statements: Statement[], policy: { name?: string; source: string; arn?: string }, knownBuckets: string[]): void {
  const id = s.asset(
    {
      kind: 'identity',
      key: roleKey(role),
      name: role,
      provider: 'aws',
      attrs: { identityType: 'aws-iam-role', policies: [compact({ name: policy.name ?? null, source: policy.source, arn: policy.arn })], ...statementSummary(statements) },
    },
    false,
  );
  for (const g of accessGrants(statements, knownBuckets)) s.edge(id, 'can-access', { kind: g.kind, key: g.key }, { actions: g.actions, wildcard: g.wildcard, policy: policy.name });
}

/** An AWS-managed policy attached by ARN: listed on the role, and granted when its content is known. */
export function attachManaged(s: AwsSink, role: string, arn: string, knownBuckets: string[]): void {
  s.asset({ kind: 'identity', key: roleKey(role), name: role, provider: 'aws', attrs: { identityType: 'aws-iam-role', managedPolicies: [arn] } }, false);
  const st = managedPolicyStatements(arn);
  if (st) grant(s, role, st, { name: arn.split('/').pop(), source: 'aws-managed', arn }, knownBuckets);
}
