import type { Report } from '../model/index.js';

/** The Report itself, versioned by `schemaVersion`: the machine-readable form every other output derives from. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
