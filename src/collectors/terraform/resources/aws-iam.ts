// IAM roles and the policies that reach them: inline policies (in the role or as aws_iam_role_policy),
// customer-managed policies attached to them, and AWS-managed policies known by ARN. Each role is an
// identity; what its Allow statements reach becomes `can-access` edges with the actions and whether a
// wildcard got them there.

import { roleKey } from '../aws-keys.js';
import { compact, type Handler, type ResourceEmit } from '../emit.js';
import { accessGrants, policyStatements, statementSummary, trustedPrincipals, type Statement } from '../iam-policy.js';
import { blocks, ResourceRef, str, type Value } from '../values.js';

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

/** Emits the role identity with a policy's summary and the access edges its statements grant. */
export async function grant(e: ResourceEmit, role: string, statements: Statement[], policy: { name?: string; source: string; arn?: string }): Promise<void> {
  const id = e.asset(
    {
      kind: 'identity',
      key: roleKey(role),
      name: role,
      provider: 'aws',
      attrs: { identityType: 'aws-iam-role', policies: [compact({ name: policy.name ?? null, source: policy.source, arn: policy.arn })], ...statementSummary(statements) },
    },
    false,
  );
  for (const g of accessGrants(statements, await e.knownBuckets())) e.edge(id, 'can-access', { kind: g.kind, key: g.key }, { actions: g.actions, wildcard: g.wildcard, policy: policy.name });
}

/** A role given as `aws_iam_role.x.name`, `.id`, a name or an ARN. */
function roleName(e: ResourceEmit, v: Value | undefined): string | undefined {
  const key = e.roleKey(v);
  return key?.slice('aws-iam-role:'.length);
}

const role: Handler = async (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const trust = policyStatements(b.assume_role_policy) ?? [];
  const managed = (Array.isArray(b.managed_policy_arns) ? b.managed_policy_arns : []).map((x) => str(x)).filter((x): x is string => !!x);
  e.asset({
    kind: 'identity',
    key: roleKey(n.name),
    name: n.name,
    provider: 'aws',
    attrs: { ...n.attrs, identityType: 'aws-iam-role', trustedPrincipals: trustedPrincipals(trust), trustPublic: trust.some((s) => s.principals.includes('*') && !s.conditional), managedPolicies: managed.length ? managed : undefined },
  });
  for (const p of blocks(b.inline_policy)) {
    const st = policyStatements(p.policy);
    if (st) await grant(e, n.name, st, { name: str(p.name), source: 'inline' });
  }
  for (const arn of managed) {
    const st = managedPolicyStatements(arn);
    if (st) await grant(e, n.name, st, { name: arn.split('/').pop(), source: 'aws-managed', arn });
  }
};

const rolePolicy: Handler = async (e) => {
  const r = roleName(e, e.body.role);
  const st = policyStatements(e.body.policy);
  if (r && st) await grant(e, r, st, { name: str(e.body.name) ?? e.inst.address, source: 'inline' });
};

async function attach(e: ResourceEmit, r: string, policyArn: Value | undefined): Promise<void> {
  if (policyArn instanceof ResourceRef && policyArn.type === 'aws_iam_policy') {
    const st = policyStatements(policyArn.body.policy);
    if (st) await grant(e, r, st, { name: str(policyArn.body.name) ?? policyArn.address, source: 'customer-managed' });
    return;
  }
  const arn = str(policyArn);
  const st = arn ? managedPolicyStatements(arn) : undefined;
  if (arn) {
    e.asset({ kind: 'identity', key: roleKey(r), name: r, provider: 'aws', attrs: { identityType: 'aws-iam-role', managedPolicies: [arn] } }, false);
    if (st) await grant(e, r, st, { name: arn.split('/').pop(), source: 'aws-managed', arn });
  }
}

const attachment: Handler = async (e) => {
  const r = roleName(e, e.body.role);
  if (r) await attach(e, r, e.body.policy_arn);
};

const policyAttachment: Handler = async (e) => {
  for (const x of Array.isArray(e.body.roles) ? e.body.roles : []) {
    const r = roleName(e, x);
    if (r) await attach(e, r, e.body.policy_arn);
  }
};

export const IAM_HANDLERS: Record<string, Handler> = {
  aws_iam_role: role,
  aws_iam_role_policy: rolePolicy,
  aws_iam_role_policy_attachment: attachment,
  aws_iam_policy_attachment: policyAttachment,
};
