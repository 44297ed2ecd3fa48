// What a CloudFormation resource handler works with: resolved properties, evidence at the logical id,
// common attributes and helpers that turn references into the natural keys the Terraform collector and
// the code collectors use for the same things.

import type { EdgeKind, Evidence } from '../../model/index.js';
import type { CollectContext, KeyRef } from '../types.js';
import { ownershipTags } from '../owner-tags.js';
import { roleKey, roleNameOfArn } from '../aws/keys.js';
import type { AwsSink } from '../aws/sink.js';
import { compact, type Draft } from '../terraform/emit.js';
import { isRecord, ResourceRef, str, Unresolved, type Value } from '../terraform/values.js';
import type { Resolver } from './intrinsics.js';

export class CfnEmit implements AwsSink {
  readonly ev: Evidence;
  readonly base: Record<string, unknown>;
  readonly origin: Record<string, unknown>;
  readonly props: Record<string, Value>;

  constructor(
    readonly ctx: CollectContext,
    readonly resolver: Resolver,
    readonly id: string,
    readonly type: string,
    line: number | undefined,
  ) {
    this.ev = ctx.at(line, `${id}: ${type}`);
    this.base = { iac: 'cloudformation', resourceType: type, logicalId: id };
    this.origin = { logicalId: id };
    const p = resolver.resolve(resolver.tpl.resources[id]?.Properties ?? {});
    this.props = isRecord(p) ? p : {};
    this.base.iacTags = ownershipTags(this.props.Tags);
  }

  asset(d: Draft, withBase = true): KeyRef {
    return this.ctx.asset({ ...d, attrs: compact({ ...(withBase ? this.base : {}), ...d.attrs }), evidence: [this.ev] });
  }

  edge(from: KeyRef, kind: EdgeKind, to: KeyRef, attrs?: Record<string, unknown>): void {
    this.ctx.edge(from, kind, to, { line: this.ev.line }, attrs ? compact(attrs) : undefined);
  }

  /** This resource's name: the name property, else its logical id (CloudFormation generates the rest). */
  named(): { name: string; attrs: Record<string, unknown> } {
    const n = this.resolver.physicalName(this.id);
    if (n.expression !== undefined) return { name: n.name, attrs: { nameFromLogicalId: true, nameExpression: n.expression, unresolved: true } };
    return { name: n.name, attrs: n.fromLogicalId ? { nameFromLogicalId: true } : {} };
  }

  /** The name of the resource a value references, or the value itself when it is a plain string. */
  nameOf(v: Value | undefined): string | undefined {
    if (v instanceof ResourceRef) return this.resolver.physicalName(v.address).name;
    return str(v);
  }

  roleKey(v: Value | undefined): string | undefined {
    if (v instanceof ResourceRef) return v.type === 'AWS::IAM::Role' ? roleKey(this.resolver.physicalName(v.address).name) : undefined;
    const s = str(v);
    if (!s) return undefined;
    const fromArn = s.startsWith('arn:') ? roleNameOfArn(s) : s;
    return fromArn ? roleKey(fromArn) : undefined;
  }

  /** Plain JSON for policy analysis: references become the ARN or name they stand for, unknowns their text. */
  plain(v: Value | undefined): unknown {
    if (v instanceof Unresolved) return v.expr;
    if (v instanceof ResourceRef) {
      const n = this.resolver.physicalName(v.address).name;
      if (v.type === 'AWS::S3::Bucket') return v.attr === 'Arn' ? `arn:aws:s3:::${n}` : n;
      return `${v.address}.${v.attr}`;
    }
    if (Array.isArray(v)) return v.map((x) => this.plain(x));
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.plain(x)]));
    return v;
  }
}
