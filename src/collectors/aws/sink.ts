// What the shared AWS builders need from a collector: emit assets (with the resource's evidence and
// common attributes) and edges. Terraform's `ResourceEmit` and CloudFormation's `CfnEmit` both provide
// it; each adapter translates its tool's field names into the builders' specs, the builders own the
// keys, attribute names, defaults and edges, so one check serves both tools.

import type { EdgeKind, Evidence } from '../../model/index.js';
import type { Draft } from '../terraform/emit.js';
import type { KeyRef } from '../types.js';

export interface AwsSink {
  readonly ev: Evidence;
  /** Where the resource is declared, recorded on attributes that several resources contribute to (`{ address }` or `{ logicalId }`). */
  readonly origin: Record<string, unknown>;
  /** Emits an asset with this resource's evidence; `withBase` adds the IaC attributes (tool, type, address). */
  asset(d: Draft, withBase?: boolean): KeyRef;
  edge(from: KeyRef, kind: EdgeKind, to: KeyRef, attrs?: Record<string, unknown>): void;
}

/** A resource's name and the attributes recording how it was derived (unresolved expressions). */
export interface Named {
  name: string;
  attrs: Record<string, unknown>;
}

export const SAGEMAKER: KeyRef = { kind: 'ai-service', key: 'aws-sagemaker' };
export const BEDROCK: KeyRef = { kind: 'ai-service', key: 'aws-bedrock' };

/**
 * The hosted platform node. `declaredInIac` records that the scanned IaC manages the platform, so that
 * account-level settings it does not declare (invocation logging) can be told apart from a platform seen
 * only in code.
 */
export function platform(s: AwsSink, ref: KeyRef, name: string, attrs?: Record<string, unknown>): KeyRef {
  return s.asset({ kind: 'ai-service', key: ref.key, name, provider: ref.key, attrs: { declaredInIac: true, ...attrs } }, false);
}

/** The special internet node. */
export function internet(s: AwsSink): KeyRef {
  return s.asset({ kind: 'network', key: 'internet', name: 'internet' }, false);
}

/** `s3://<bucket>` as a storage asset (the key the code collectors use too). */
export function bucketRef(s: AwsSink, bucket: string, attrs: Record<string, unknown> = {}): KeyRef {
  return s.asset({ kind: 'storage', key: `s3://${bucket}`, name: bucket, attrs: { bucket, product: 'aws-s3', ...attrs } }, false);
}

export function assumes(s: AwsSink, from: KeyRef, roleKey: string | undefined): void {
  if (roleKey) s.edge(from, 'assumes', { kind: 'identity', key: roleKey });
}
