// The values Terraform expressions evaluate to. What cannot be known without running Terraform stays
// visible: an `Unresolved` keeps its expression text, a `ResourceRef` names the resource a computed
// attribute (an ARN, an id) belongs to, so that edges can still be drawn to it.

import type { AttrValue } from '../../model/index.js';

export class Unresolved {
  constructor(readonly expr: string) {}
}

/** A computed attribute of another resource, e.g. `aws_iam_role.exec.arn`. */
export class ResourceRef {
  constructor(
    /** Resource type, e.g. `aws_iam_role`. */
    readonly type: string,
    /** The instance's evaluated body, to read its name and arguments. */
    readonly body: Record<string, Value>,
    readonly address: string,
    readonly attr: string,
  ) {}
}

export type Value = string | number | boolean | null | Unresolved | ResourceRef | Value[] | { [k: string]: Value };

export function isRecord(v: unknown): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unresolved) && !(v instanceof ResourceRef);
}

export function str(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function bool(v: Value | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(?:true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

export function num(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(?:\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

/** A nested block: hcl2json writes every block as a list of bodies. */
export function block(v: Value | undefined): Record<string, Value> | undefined {
  if (Array.isArray(v)) return v.find(isRecord);
  return isRecord(v) ? v : undefined;
}

export function blocks(v: Value | undefined): Array<Record<string, Value>> {
  if (Array.isArray(v)) return v.filter(isRecord);
  return isRecord(v) ? [v] : [];
}

export function list(v: Value | undefined): Value[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Follows a path of block and attribute names, taking the first body of each block. */
export function dig(v: Value | undefined, ...path: string[]): Value | undefined {
  let cur = v;
  for (const p of path) {
    const b = block(cur);
    if (!b) return undefined;
    cur = b[p];
  }
  return cur;
}

/** The text a value shows in attributes: unresolved expressions keep their source. */
export function display(v: Value | undefined): AttrValue | undefined {
  if (v === undefined) return undefined;
  if (v instanceof Unresolved) return v.expr;
  if (v instanceof ResourceRef) return `${v.address}.${v.attr}`;
  if (Array.isArray(v)) return v.map((x) => display(x) ?? null);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, display(x) ?? null]));
  return v;
}

/** True when a value or anything inside it could not be evaluated. */
export function hasUnresolved(v: Value | undefined): boolean {
  if (v instanceof Unresolved) return true;
  if (Array.isArray(v)) return v.some(hasUnresolved);
  if (isRecord(v)) return Object.values(v).some(hasUnresolved);
  return false;
}
