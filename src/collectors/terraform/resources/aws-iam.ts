// IAM in Terraform: roles, inline policies (in the role or as aws_iam_role_policy), customer-managed
// policies attached to roles and AWS-managed policies by ARN, read into the shared builders
// (src/collectors/aws/iam.ts owns the identities, summaries and access edges).

import { attachManaged, grant, role as roleAsset } from '../../aws/iam.js';
import { policyStatements } from '../../aws/iam-policy.js';
import type { Handler, ResourceEmit } from '../emit.js';
import { blocks, ResourceRef, str, type Value } from '../values.js';

/** A role given as `aws_iam_role.x.name`, `.id`, a name or an ARN. */
function roleName(e: ResourceEmit, v: Value | undefined): string | undefined {
  return e.roleKey(v)?.slice('aws-iam-role:'.length);
}

const role: Handler = async (e) => {
  const b = e.body;
  const n = e.named(b.name);
  const managed = (Array.isArray(b.managed_policy_arns) ? b.managed_policy_arns : []).map((x) => str(x)).filter((x): x is string => !!x);
  roleAsset(e, { named: n, trust: policyStatements(b.assume_role_policy) ?? [], managedPolicyArns: managed });
  const buckets = await e.knownBuckets();
  for (const p of blocks(b.inline_policy)) {
    const st = policyStatements(p.policy);
    if (st) grant(e, n.name, st, { name: str(p.name), source: 'inline' }, buckets);
  }
  for (const arn of managed) attachManaged(e, n.name, arn, buckets);
};

const rolePolicy: Handler = async (e) => {
  const r = roleName(e, e.body.role);
  const st = policyStatements(e.body.policy);
  if (r && st) grant(e, r, st, { name: str(e.body.name) ?? e.inst.address, source: 'inline' }, await e.knownBuckets());
};

async function attach(e: ResourceEmit, r: string, policyArn: Value | undefined): Promise<void> {
  if (policyArn instanceof ResourceRef && policyArn.type === 'aws_iam_policy') {
    const st = policyStatements(policyArn.body.policy);
    if (st) grant(e, r, st, { name: str(policyArn.body.name) ?? policyArn.address, source: 'customer-managed' }, await e.knownBuckets());
    return;
  }
  const arn = str(policyArn);
  if (arn) attachManaged(e, r, arn, await e.knownBuckets());
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
