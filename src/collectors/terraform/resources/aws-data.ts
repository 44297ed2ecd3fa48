// S3 and OpenSearch in Terraform: reads each resource's arguments into the shared builders' specs
// (src/collectors/aws/storage.ts owns the assets, attributes and edges).

import * as st from '../../aws/storage.js';
import type { Handler } from '../emit.js';
import { block, bool, dig, str, type Value } from '../values.js';

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const acl = (v: Value | undefined) => {
  const a = str(v);
  return a ? { acl: a, publicAcl: PUBLIC_ACLS.has(a) } : {};
};

const bucket: Handler = (e) => {
  const b = e.body;
  const sse = block(dig(b, 'server_side_encryption_configuration', 'rule', 'apply_server_side_encryption_by_default'));
  st.bucket(e, e.named(b.bucket), {
    forceDestroy: b.force_destroy,
    objectLock: b.object_lock_enabled,
    ...acl(b.acl),
    versioning: bool(dig(b, 'versioning', 'enabled')),
    encryption: sse ? { algorithm: sse.sse_algorithm, kmsKeyId: sse.kms_master_key_id } : undefined,
    policy: b.policy,
    accessLogging: block(b.logging) !== undefined || undefined,
  });
};

// Resources that configure a bucket named by their `bucket` argument
const S3_CONFIG: Record<string, (b: Record<string, Value>) => st.BucketSettings> = {
  aws_s3_bucket_public_access_block: (b) => ({
    publicAccessBlock: { blockPublicAcls: b.block_public_acls, blockPublicPolicy: b.block_public_policy, ignorePublicAcls: b.ignore_public_acls, restrictPublicBuckets: b.restrict_public_buckets },
  }),
  aws_s3_bucket_policy: (b) => ({ policy: b.policy }),
  aws_s3_bucket_server_side_encryption_configuration: (b) => {
    const rule = block(b.rule);
    const d = block(rule?.apply_server_side_encryption_by_default);
    return { encryption: { algorithm: d?.sse_algorithm, kmsKeyId: d?.kms_master_key_id, bucketKey: rule?.bucket_key_enabled } };
  },
  aws_s3_bucket_versioning: (b) => ({ versioning: str(dig(b, 'versioning_configuration', 'status')) === 'Enabled' }),
  aws_s3_bucket_acl: (b) => ({ acl: str(b.acl), publicAcl: PUBLIC_ACLS.has(str(b.acl) ?? '') }),
  aws_s3_bucket_logging: (b) => ({ accessLogging: true, accessLogTarget: b.target_bucket }),
};

const s3Config =
  (type: string): Handler =>
  (e) =>
    st.bucketConfig(e, str(e.body.bucket), S3_CONFIG[type]!(e.body));

const domain: Handler = (e) => {
  const b = e.body;
  const sec = block(b.advanced_security_options);
  st.domain(e, {
    named: e.named(b.domain_name),
    engineVersion: b.engine_version,
    encryptionAtRest: dig(b, 'encrypt_at_rest', 'enabled'),
    kmsKeyId: dig(b, 'encrypt_at_rest', 'kms_key_id'),
    nodeToNodeEncryption: dig(b, 'node_to_node_encryption', 'enabled'),
    enforceHttps: dig(b, 'domain_endpoint_options', 'enforce_https'),
    // the AWS provider requires HTTPS unless told otherwise
    httpsDefault: true,
    tlsPolicy: dig(b, 'domain_endpoint_options', 'tls_security_policy'),
    fineGrainedAccessControl: sec?.enabled,
    internalUserDatabase: sec?.internal_user_database_enabled,
    vpc: block(b.vpc_options) !== undefined,
    accessPolicy: b.access_policies,
  });
};

const domainPolicy: Handler = (e) => st.domainPolicy(e, str(e.body.domain_name), e.body.access_policies);

const collection: Handler = (e) => st.collection(e, e.named(e.body.name), e.body.type, e.body.standby_replicas);

const securityPolicy: Handler = async (e) => {
  const collections: string[] = [];
  for (let u: typeof e.unit | undefined = e.unit; u; u = u.parent)
    for (const i of await u.instancesOfType('aws_opensearchserverless_collection')) {
      const n = str(i.body.name);
      if (n) collections.push(n);
    }
  st.serverlessSecurityPolicy(e, str(e.body.type), e.body.policy, collections);
};

export const AWS_DATA_HANDLERS: Record<string, Handler> = {
  aws_s3_bucket: bucket,
  ...Object.fromEntries(Object.keys(S3_CONFIG).map((t) => [t, s3Config(t)])),
  aws_opensearch_domain: domain,
  aws_opensearch_domain_policy: domainPolicy,
  aws_opensearchserverless_collection: collection,
  aws_opensearchserverless_security_policy: securityPolicy,
};
