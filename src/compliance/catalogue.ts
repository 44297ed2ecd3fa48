// What outputs need to know beyond the Report: the checks' descriptions (SARIF rules, remediation, links)
// and the framework mappings (compliance). Loaded from the policy data once per process.

import type { Check, FrameworkDefinition } from '../model/index.js';
import { loadChecks } from '../policy/index.js';
import { describeCheck } from '../policy/loader.js';
import { loadFrameworks } from './frameworks.js';

export { describeCheck };

export interface Catalogue {
  checks: readonly Check[];
  frameworks: readonly FrameworkDefinition[];
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
