// Ownership and environment tags on IaC resources (Terraform `tags`/`labels`, CloudFormation `Tags`,
// Kubernetes labels and annotations). Collectors keep only these few, as `attrs.iacTags`; the graph builder
// turns them into an owner (after CODEOWNERS) and an environment (after paths). See src/graph/owners.ts.

import type { AttrValue } from '../model/index.js';

/** Tag names (case-insensitive, after any `prefix/`) and the name they are kept under. */
const KEYS: Record<string, string> = {
  owner: 'owner',
  'owned-by': 'owner',
  ownedby: 'owner',
  team: 'team',
  contact: 'contact',
  maintainer: 'maintainer',
  environment: 'environment',
  env: 'environment',
  stage: 'environment',
};

/**
 * The ownership and environment tags among `tags`: a map (`{ Owner: "x" }`) or a CloudFormation list
 * (`[{ Key: "Owner", Value: "x" }]`). Only plain string values count (an unresolved expression says nothing).
 */
export function ownershipTags(...sources: unknown[]): Record<string, AttrValue> | undefined {
  const out: Record<string, AttrValue> = {};
  const take = (k: unknown, v: unknown) => {
    if (typeof k !== 'string' || typeof v !== 'string' || !v.trim() || v.includes('${')) return;
    const name = KEYS[k.slice(k.lastIndexOf('/') + 1).toLowerCase()];
    if (name && out[name] === undefined) out[name] = v.trim();
  };
  for (const tags of sources) {
    if (Array.isArray(tags)) for (const t of tags) if (t && typeof t === 'object') take((t as Record<string, unknown>).Key, (t as Record<string, unknown>).Value);
    if (tags && typeof tags === 'object' && !Array.isArray(tags)) for (const [k, v] of Object.entries(tags)) take(k, v);
  }
  return Object.keys(out).length ? out : undefined;
}
