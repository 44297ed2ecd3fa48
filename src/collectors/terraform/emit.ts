// What a resource handler works with: the evaluated instance, evidence at its block header, common
// attributes (IaC, resource type, address, module folder) and helpers to name things and to find the
// resources it references.

import type { Attrs, AttrValue, EdgeKind, Evidence } from '../../model/index.js';
import { maskIfSecret, maskSecrets } from '../../util/mask.js';
import { ownershipTags } from '../owner-tags.js';
import type { AssetDraft, CollectContext, KeyRef } from '../types.js';
import { roleKey, roleNameOfArn } from '../aws/keys.js';
import type { AwsSink } from '../aws/sink.js';
import type { Instance, ModuleUnit } from './module.js';
import { display, isRecord, ResourceRef, str, Unresolved, type Value } from './values.js';

/** An asset draft whose attributes may still hold evaluated values; `compact` turns them into attributes. */
export type Draft = Omit<AssetDraft, 'attrs'> & { attrs?: Record<string, unknown> };

export interface Named {
  name: string;
  /** Attributes recording an unresolved name: the expression text and `unresolved: true`. */
  attrs: Attrs;
}

export class ResourceEmit implements AwsSink {
  readonly ev: Evidence;
  readonly base: Attrs;
  readonly origin: Record<string, unknown>;

  constructor(
    readonly ctx: CollectContext,
    readonly inst: Instance,
  ) {
    const d = inst.decl;
    const snippet = d.line !== undefined ? d.file.text.split('\n')[d.line - 1] : undefined;
    this.ev = { ...ctx.at(d.line, snippet), file: d.file.rel };
    this.base = {
      iac: 'terraform',
      resourceType: d.type,
      address: inst.address,
      modulePath: inst.unit.parent ? inst.unit.dirRel : undefined,
      iacTags: ownershipTags(inst.body.tags, inst.body.labels),
    };
    this.origin = { address: inst.address };
  }

  get body(): Record<string, Value> {
    return this.inst.body;
  }

  get unit(): ModuleUnit {
    return this.inst.unit;
  }

  /** Emits an asset with this resource's evidence and common attributes (the handler's own win). */
  asset(d: Draft, withBase = true): KeyRef {
    return this.ctx.asset({ ...d, attrs: compact({ ...(withBase ? this.base : {}), ...d.attrs }), evidence: [this.ev] });
  }

  edge(from: KeyRef, kind: EdgeKind, to: KeyRef, attrs?: Record<string, unknown>): void {
    this.ctx.edge(from, kind, to, { file: this.ev.file, line: this.ev.line }, attrs ? compact(attrs) : undefined);
  }

  /** The resource's name from an argument; unresolved names fall back to the resource address. */
  named(v: Value | undefined): Named {
    const s = str(v);
    if (s !== undefined && s !== '') return { name: s, attrs: {} };
    return { name: this.inst.address, attrs: { nameExpression: display(v) ?? null, unresolved: true } };
  }

  /** The key of an IAM role given by ARN, name or reference. */
  roleKey(v: Value | undefined): string | undefined {
    if (v instanceof ResourceRef) return v.type === 'aws_iam_role' ? roleKey(str(v.body.name) ?? v.address) : undefined;
    const s = str(v);
    if (!s) return undefined;
    return s.startsWith('arn:') ? (roleNameOfArn(s) ? roleKey(roleNameOfArn(s)!) : undefined) : roleKey(s);
  }

  /** The name argument of the resource a value references (`aws_bedrockagent_agent.a.id` → its `agent_name`). */
  referencedName(v: Value | undefined, type: string, nameArg: string): string | undefined {
    if (v instanceof ResourceRef && v.type === type) return str(v.body[nameArg]) ?? v.address;
    return undefined;
  }

  /** Instances of a type in this unit, its parents and the other folders it has loaded. */
  async find(type: string, pred: (i: Instance) => boolean): Promise<Instance | undefined> {
    for (let u: ModuleUnit | undefined = this.unit; u; u = u.parent) {
      const hit = (await u.instancesOfType(type)).find(pred);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Names of the buckets this configuration defines, for resolving wildcards in policies. */
  async knownBuckets(): Promise<string[]> {
    const out = new Set<string>();
    for (let u: ModuleUnit | undefined = this.unit; u; u = u.parent)
      for (const i of await u.instancesOfType('aws_s3_bucket')) {
        const b = str(i.body.bucket);
        if (b) out.add(b);
      }
    return [...out];
  }
}

/** Drops undefined attributes and turns evaluated values into attribute values. */
export function compact(attrs: Record<string, unknown>): { [k: string]: AttrValue } {
  const out: { [k: string]: AttrValue } = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    out[k] = (v instanceof Unresolved || v instanceof ResourceRef || Array.isArray(v) || isRecord(v) ? display(v as Value) : v) as AttrValue;
  }
  return out;
}

/** Environment variables with values masked when their name or value looks like a credential. */
export function maskedEnv(v: Value | undefined): Record<string, AttrValue> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, AttrValue> = {};
  for (const [k, x] of Object.entries(v)) {
    const s = str(x);
    out[k] = s === undefined ? (display(x) ?? null) : maskSecrets(maskIfSecret(k, s));
  }
  return out;
}

/** Describes one resource instance: the assets and edges it shows. */
export type Handler = (e: ResourceEmit) => Promise<void> | void;

/** The special internet node (generic; shared with the AWS builders). */
export { internet } from '../aws/sink.js';
