// What outputs need to know beyond the Report: the checks' descriptions (SARIF rules, remediation, links)
// and the framework mappings (compliance). Loaded from the policy data once per process.

import type { Check, FrameworkDefinition } from '../model/index.js';
import { loadChecks } from '../policy/index.js';
import { loadFrameworks } from './frameworks.js';

export interface Catalogue {
  checks: readonly Check[];
  frameworks: readonly FrameworkDefinition[];
}

/** A check without its compiled programs and disk locations: only what a reader is told. */
export function describeCheck(c: Check): Check {
  return {
    id: c.id,
    longId: c.longId,
    title: c.title,
    severity: c.severity,
    kinds: c.kinds,
    condition: c.condition,
    message: c.message,
    remediation: c.remediation,
    references: c.references,
    frameworks: c.frameworks,
    maturity: c.maturity,
    domain: c.domain,
  };
}

let builtin: Catalogue | undefined;

/** The built-in checks plus those in `policyDirs`, and every framework file. */
export function loadCatalogue(policyDirs: readonly string[] = []): Catalogue {
  if (!policyDirs.length && builtin) return builtin;
  const catalogue: Catalogue = {
    checks: loadChecks({ dirs: [...policyDirs] }).checks.map(describeCheck),
    frameworks: loadFrameworks(),
  };
  if (!policyDirs.length) builtin = catalogue;
  return catalogue;
}
