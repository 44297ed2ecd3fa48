// Where AI data lives on AWS: S3 buckets and the separate resources that configure them (public access
// block, policy, encryption, versioning, ACL, logging), and OpenSearch domains and serverless
// collections used as vector stores (encryption, public access, fine-grained access control).

import { awsGlob, s3Key } from '../aws-keys.js';
import { compact, type Handler, type ResourceEmit } from '../emit.js';
import { policyStatements, publicStatements } from '../iam-policy.js';
import { block, bool, dig, str, type Value } from '../values.js';

/** The bucket name a configuration resource points at (`bucket = aws_s3_bucket.b.id`). */
function bucketAsset(e: ResourceEmit, v: Value | undefined, attrs: Record<string, unknown>) {
  const bucket = str(v);
  if (!bucket) return;
  e.asset({ kind: 'storage', key: s3Key(bucket), name: bucket, attrs: { bucket, product: 'aws-s3', ...attrs } }, false);
}

/** Public-policy attributes of a resource policy (bucket, domain). */
export function policyExposure(policy: Value | undefined): Record<string, unknown> {
  const st = policyStatements(policy);
  if (!st) return {};
  const pub = publicStatements(st);
  return {
    policyPublic: pub.some((s) => !s.conditional),
    policyPublicConditional: pub.some((s) => s.conditional) || undefined,
    publicActions: pub.length ? [...new Set(pub.flatMap((s) => s.actions))] : undefined,
  };
}

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);

const bucket: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.bucket);
  const sse = block(dig(b, 'server_side_encryption_configuration', 'rule', 'apply_server_side_encryption_by_default'));
  const acl = str(b.acl);
  e.asset({
    kind: 'storage',
    key: s3Key(n.name),
    name: n.name,
    attrs: {
      ...n.attrs,
      bucket: n.name,
      product: 'aws-s3',
      forceDestroy: bool(b.force_destroy),
      objectLock: bool(b.object_lock_enabled),
      acl,
      publicAcl: acl ? PUBLIC_ACLS.has(acl) : undefined,
      versioning: bool(dig(b, 'versioning', 'enabled')),
      encryption: sse ? compact({ algorithm: sse.sse_algorithm, kmsKeyId: sse.kms_master_key_id }) : undefined,
      ...(b.policy !== undefined ? policyExposure(b.policy) : {}),
    },
  });
};

const S3_CONFIG: Record<string, (b: Record<string, Value>) => Record<string, unknown>> = {
  aws_s3_bucket_public_access_block: (b) => ({
    publicAccessBlock: compact({
      blockPublicAcls: bool(b.block_public_acls) ?? false,
      blockPublicPolicy: bool(b.block_public_policy) ?? false,
      ignorePublicAcls: bool(b.ignore_public_acls) ?? false,
      restrictPublicBuckets: bool(b.restrict_public_buckets) ?? false,
    }),
  }),
  aws_s3_bucket_policy: (b) => ({ policy: true, ...policyExposure(b.policy) }),
  aws_s3_bucket_server_side_encryption_configuration: (b) => {
    const rule = block(b.rule);
    const d = block(rule?.apply_server_side_encryption_by_default);
    return { encryption: compact({ algorithm: d?.sse_algorithm, kmsKeyId: d?.kms_master_key_id, bucketKey: bool(rule?.bucket_key_enabled) }) };
  },
  aws_s3_bucket_versioning: (b) => ({ versioning: str(dig(b, 'versioning_configuration', 'status')) === 'Enabled' }),
  aws_s3_bucket_acl: (b) => ({ acl: b.acl, publicAcl: PUBLIC_ACLS.has(str(b.acl) ?? '') }),
  aws_s3_bucket_logging: (b) => ({ accessLogging: true, accessLogTarget: b.target_bucket }),
};

const s3Config = (type: string): Handler => (e) => bucketAsset(e, e.body.bucket, S3_CONFIG[type]!(e.body));

const domain: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.domain_name);
  const sec = block(b.advanced_security_options);
  const vpc = block(b.vpc_options) !== undefined;
  const exposure = policyExposure(b.access_policies);
  const vs = e.asset({
    kind: 'vector-store',
    key: `opensearch:${n.name.toLowerCase()}`,
    name: n.name,
    provider: 'aws',
    attrs: {
      ...n.attrs,
      product: 'opensearch',
      engineVersion: b.engine_version,
      encryptionAtRest: bool(dig(b, 'encrypt_at_rest', 'enabled')) ?? false,
      kmsKeyId: dig(b, 'encrypt_at_rest', 'kms_key_id'),
      nodeToNodeEncryption: bool(dig(b, 'node_to_node_encryption', 'enabled')) ?? false,
      enforceHttps: bool(dig(b, 'domain_endpoint_options', 'enforce_https')),
      tlsPolicy: dig(b, 'domain_endpoint_options', 'tls_security_policy'),
      fineGrainedAccessControl: bool(sec?.enabled) ?? false,
      internalUserDatabase: bool(sec?.internal_user_database_enabled),
      vpc,
      ...exposure,
    },
  });
  if (!vpc && exposure.policyPublic) e.edge(internet(e), 'exposes', vs);
};

const domainPolicy: Handler = (e) => {
  const name = str(e.body.domain_name);
  if (name) e.asset({ kind: 'vector-store', key: `opensearch:${name.toLowerCase()}`, name, attrs: { product: 'opensearch', ...policyExposure(e.body.access_policies) } }, false);
};

const collection: Handler = (e) => {
  const b = e.body;
  const n = e.named(b.name);
  e.asset({
    kind: 'vector-store',
    key: `opensearch-serverless:${n.name.toLowerCase()}`,
    name: n.name,
    provider: 'aws',
    attrs: { ...n.attrs, product: 'opensearch-serverless', collectionType: b.type, standbyReplicas: b.standby_replicas },
  });
};

/** Network and encryption security policies of OpenSearch Serverless, applied to the collections they name. */
const securityPolicy: Handler = async (e) => {
  const type = str(e.body.type);
  let doc: unknown = e.body.policy;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return;
    }
  }
  const rules = (Array.isArray(doc) ? doc : [doc]) as Array<Record<string, unknown>>;
  const collections: string[] = [];
  for (let u: typeof e.unit | undefined = e.unit; u; u = u.parent)
    for (const i of await u.instancesOfType('aws_opensearchserverless_collection')) {
      const n = str(i.body.name);
      if (n) collections.push(n);
    }
  for (const r of rules) {
    if (!r || typeof r !== 'object') continue;
    const patterns = ((r.Rules as Array<Record<string, unknown>>) ?? []).filter((x) => x?.ResourceType === 'collection').flatMap((x) => (x.Resource as string[]) ?? []);
    const attrs =
      type === 'network' ? { publicNetworkAccess: r.AllowFromPublic === true } : type === 'encryption' ? { awsOwnedKey: r.AWSOwnedKey === true, kmsKeyArn: r.KmsARN as string | undefined } : undefined;
    if (!attrs) continue;
    for (const c of collections) {
      if (!patterns.some((p) => awsGlob(p.replace(/^collection\//, ''), c))) continue;
      const vs = e.asset({ kind: 'vector-store', key: `opensearch-serverless:${c.toLowerCase()}`, name: c, attrs: { product: 'opensearch-serverless', ...attrs } }, false);
      if (type === 'network' && r.AllowFromPublic === true) e.edge(internet(e), 'exposes', vs);
    }
  }
};

/** The special internet node. */
export function internet(e: ResourceEmit) {
  return e.asset({ kind: 'network', key: 'internet', name: 'internet' }, false);
}

export const AWS_DATA_HANDLERS: Record<string, Handler> = {
  aws_s3_bucket: bucket,
  ...Object.fromEntries(Object.keys(S3_CONFIG).map((t) => [t, s3Config(t)])),
  aws_opensearch_domain: domain,
  aws_opensearch_domain_policy: domainPolicy,
  aws_opensearchserverless_collection: collection,
  aws_opensearchserverless_security_policy: securityPolicy,
};

