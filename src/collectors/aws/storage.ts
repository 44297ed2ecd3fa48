// Where AI data lives on AWS: S3 buckets (public access block, policy, encryption, versioning, ACL,
// logging, possibly set by separate resources) and OpenSearch domains and serverless collections used as
// vector stores (encryption, transport, public access, fine-grained access control). Tool-neutral: the
// Terraform and CloudFormation adapters fill the specs from their own field names.

import { compact } from '../terraform/emit.js';
import { bool, str, type Value } from '../terraform/values.js';
import { policyStatements, publicStatements } from './iam-policy.js';
import { awsGlob } from './keys.js';
import { bucketRef, internet, type AwsSink, type Named } from './sink.js';

/** Public-policy attributes of a resource policy (bucket, domain) given as JSON text or structure. */
export function policyExposure(policy: unknown): Record<string, unknown> {
  const st = policyStatements(policy);
  if (!st) return {};
  const pub = publicStatements(st);
  return {
    policyPublic: pub.some((s) => !s.conditional),
    policyPublicConditional: pub.some((s) => s.conditional) || undefined,
    publicActions: pub.length ? [...new Set(pub.flatMap((s) => s.actions))] : undefined,
  };
}

export interface PublicAccessBlockSpec {
  blockPublicAcls?: Value;
  blockPublicPolicy?: Value;
  ignorePublicAcls?: Value;
  restrictPublicBuckets?: Value;
}

export interface EncryptionSpec {
  algorithm?: Value;
  kmsKeyId?: Value;
  bucketKey?: Value;
}

/** What a bucket resource (or a resource configuring a bucket) states; every field is optional. */
export interface BucketSettings {
  acl?: string;
  /** Whether `acl` is one of the tool's public canned ACLs. */
  publicAcl?: boolean;
  versioning?: boolean;
  encryption?: EncryptionSpec;
  publicAccessBlock?: PublicAccessBlockSpec;
  /** The bucket policy, JSON text or structure. */
  policy?: unknown;
  accessLogging?: boolean;
  accessLogTarget?: Value;
  forceDestroy?: Value;
  objectLock?: Value;
}

function settingsAttrs(b: BucketSettings): Record<string, unknown> {
  const pab = b.publicAccessBlock;
  return {
    forceDestroy: bool(b.forceDestroy),
    objectLock: bool(b.objectLock),
    acl: b.acl,
    publicAcl: b.publicAcl,
    versioning: b.versioning,
    encryption: b.encryption ? compact({ algorithm: b.encryption.algorithm, kmsKeyId: b.encryption.kmsKeyId, bucketKey: bool(b.encryption.bucketKey) }) : undefined,
    publicAccessBlock: pab
      ? compact({
          blockPublicAcls: bool(pab.blockPublicAcls) ?? false,
          blockPublicPolicy: bool(pab.blockPublicPolicy) ?? false,
          ignorePublicAcls: bool(pab.ignorePublicAcls) ?? false,
          restrictPublicBuckets: bool(pab.restrictPublicBuckets) ?? false,
        })
      : undefined,
    accessLogging: b.accessLogging,
    accessLogTarget: b.accessLogTarget,
    ...(b.policy !== undefined ? { policy: true, ...policyExposure(b.policy) } : {}),
  };
}

/** The bucket resource itself. */
export function bucket(s: AwsSink, named: Named, b: BucketSettings): void {
  s.asset({ kind: 'storage', key: `s3://${named.name}`, name: named.name, attrs: { ...named.attrs, bucket: named.name, product: 'aws-s3', ...settingsAttrs(b) } });
}

/** A separate resource that configures a bucket (public access block, policy, encryption, versioning...). */
export function bucketConfig(s: AwsSink, bucketName: string | undefined, b: BucketSettings): void {
  if (bucketName) bucketRef(s, bucketName, settingsAttrs(b));
}

export interface DomainSpec {
  named: Named;
  engineVersion?: Value;
  encryptionAtRest?: Value;
  kmsKeyId?: Value;
  nodeToNodeEncryption?: Value;
  /** Whether HTTPS is required; unset means the tool's default (`httpsDefault`). */
  enforceHttps?: Value;
  httpsDefault: boolean;
  tlsPolicy?: Value;
  fineGrainedAccessControl?: Value;
  internalUserDatabase?: Value;
  vpc: boolean;
  accessPolicy?: unknown;
}

const domainKey = (name: string) => `opensearch:${name.toLowerCase()}`;
const collectionKey = (name: string) => `opensearch-serverless:${name.toLowerCase()}`;

export function domain(s: AwsSink, d: DomainSpec): void {
  const exposure = policyExposure(d.accessPolicy);
  const vs = s.asset({
    kind: 'vector-store',
    key: domainKey(d.named.name),
    name: d.named.name,
    provider: 'aws',
    attrs: {
      ...d.named.attrs,
      product: 'opensearch',
      engineVersion: d.engineVersion,
      encryptionAtRest: bool(d.encryptionAtRest) ?? false,
      kmsKeyId: d.kmsKeyId,
      nodeToNodeEncryption: bool(d.nodeToNodeEncryption) ?? false,
      enforceHttps: bool(d.enforceHttps) ?? d.httpsDefault,
      tlsPolicy: d.tlsPolicy,
      fineGrainedAccessControl: bool(d.fineGrainedAccessControl) ?? false,
      internalUserDatabase: bool(d.internalUserDatabase),
      vpc: d.vpc,
      ...exposure,
    },
  });
  if (!d.vpc && exposure.policyPublic) s.edge(internet(s), 'exposes', vs);
}

/** A separate access-policy resource of a domain. */
export function domainPolicy(s: AwsSink, name: string | undefined, policy: unknown): void {
  if (name) s.asset({ kind: 'vector-store', key: domainKey(name), name, attrs: { product: 'opensearch', ...policyExposure(policy) } }, false);
}

export function collection(s: AwsSink, named: Named, type?: Value, standbyReplicas?: Value): void {
  s.asset({ kind: 'vector-store', key: collectionKey(named.name), name: named.name, provider: 'aws', attrs: { ...named.attrs, product: 'opensearch-serverless', collectionType: type, standbyReplicas } });
}

/**
 * Network and encryption security policies of OpenSearch Serverless (JSON text or structure), applied to
 * the collections of the configuration whose names their `collection/<pattern>` rules match.
 */
export function serverlessSecurityPolicy(s: AwsSink, type: string | undefined, policy: unknown, collections: string[]): void {
  let doc: unknown = policy;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return;
    }
  }
  const rules = (Array.isArray(doc) ? doc : [doc]) as Array<Record<string, unknown>>;
  for (const r of rules) {
    if (!r || typeof r !== 'object') continue;
    const patterns = ((r.Rules as Array<Record<string, unknown>>) ?? []).filter((x) => x?.ResourceType === 'collection').flatMap((x) => (x.Resource as string[]) ?? []);
    const attrs = type === 'network' ? { publicNetworkAccess: r.AllowFromPublic === true } : type === 'encryption' ? { awsOwnedKey: r.AWSOwnedKey === true, kmsKeyArn: str(r.KmsARN as Value) } : undefined;
    if (!attrs) continue;
    for (const c of collections) {
      if (!patterns.some((p) => typeof p === 'string' && awsGlob(p.replace(/^collection\//, ''), c))) continue;
      const vs = s.asset({ kind: 'vector-store', key: collectionKey(c), name: c, attrs: { product: 'opensearch-serverless', ...attrs } }, false);
      if (type === 'network' && r.AllowFromPublic === true) s.edge(internet(s), 'exposes', vs);
    }
  }
}
