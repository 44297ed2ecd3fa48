// Field-level comparison of two asset snapshots: top-level fields by name, attributes by dotted path.
import type { FieldChange } from '../model/diff.js';
import { type AssetSnapshot, canonicalJson } from './snapshot.js';

/** Compared in this order so that diffs read the same every time; `attrs` and `evidence` are handled apart. */
const TOP_LEVEL_FIELDS = ['kind', 'key', 'name', 'provider', 'owner', 'environment', 'sensitivity', 'tags'] as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Recurses into nested objects so `attrs.limits.rpm` is named; arrays and scalars compare as whole values. */
function diffAttrs(before: unknown, after: unknown, pathSoFar: string, out: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) diffAttrs(before[k], after[k], `${pathSoFar}.${k}`, out);
    return;
  }
  if (!same(before, after)) out.push({ field: pathSoFar, before: before ?? null, after: after ?? null });
}

export function diffSnapshots(before: AssetSnapshot, after: AssetSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TOP_LEVEL_FIELDS) {
    if (!same(before[field], after[field])) changes.push({ field, before: before[field], after: after[field] });
  }
  diffAttrs(before.attrs, after.attrs, 'attrs', changes);
  if (!same(before.evidence, after.evidence)) {
    changes.push({ field: 'evidence', before: before.evidence, after: after.evidence });
  }
  return changes;
}
