// Known advisories for AI libraries, from the bundled list `advisories.json` (format and refresh: ADVISORIES.md).
// Versions are compared with each ecosystem's own rules: PEP 440 for PyPI, semver for npm.

import { readFileSync } from 'node:fs';
import { satisfies as pep440Satisfies } from '@renovatebot/pep440';
import semver from 'semver';
import { z } from 'zod';
import { fromPackageRoot } from './package-root.js';

const AdvisorySchema = z.object({
  id: z.string().min(1),
  ecosystem: z.enum(['pypi', 'npm']),
  package: z.string().min(1),
  /** Ranges in the ecosystem's syntax; alternatives joined by `||`. */
  affected: z.string().min(1),
  fixed: z.string().optional(),
  summary: z.string().min(1),
});
export type Advisory = z.infer<typeof AdvisorySchema>;
const FileSchema = z.object({ updated: z.string(), advisories: z.array(AdvisorySchema) });

type RangeTest = (version: string, range: string) => boolean;
const MATCHERS: Record<Advisory['ecosystem'], RangeTest> = {
  pypi: (v, r) => r.split('||').some((part) => safe(() => pep440Satisfies(v, part.trim()))),
  npm: (v, r) => safe(() => semver.satisfies(v, r)),
};

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false; // an unparsable version cannot be said to be affected
  }
}

/** PyPI names compare case-insensitively with `-`, `_` and `.` as one (PEP 503); npm names as written. */
function normaliseName(ecosystem: string, name: string): string {
  return ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

export class AdvisoryIndex {
  private readonly byPackage = new Map<string, Advisory[]>();

  constructor(advisories: Advisory[]) {
    for (const a of advisories) {
      const k = `${a.ecosystem}:${normaliseName(a.ecosystem, a.package)}`;
      const list = this.byPackage.get(k);
      if (list) list.push(a);
      else this.byPackage.set(k, [a]);
    }
  }

  /** Advisories that affect a `library` asset at its resolved version (none for `*` or a missing version). */
  forLibrary(a: { attrs: Record<string, unknown> }): Advisory[] {
    const eco = a.attrs.ecosystem;
    const pkg = a.attrs.package;
    const version = a.attrs.version;
    if (typeof eco !== 'string' || typeof pkg !== 'string' || typeof version !== 'string' || version === '*') return [];
    const candidates = this.byPackage.get(`${eco}:${normaliseName(eco, pkg)}`);
    if (!candidates) return [];
    const test = MATCHERS[eco as Advisory['ecosystem']];
    return candidates.filter((adv) => test(version, adv.affected));
  }
}

export function parseAdvisories(text: string, source: string): Advisory[] {
  const parsed = FileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data.advisories;
}

let bundled: AdvisoryIndex | undefined;
/** The advisory list shipped with aispm. */
export function bundledAdvisories(): AdvisoryIndex {
  if (!bundled) {
    const file = fromPackageRoot('src', 'policy', 'advisories.json');
    bundled = new AdvisoryIndex(parseAdvisories(readFileSync(file, 'utf8'), 'src/policy/advisories.json'));
  }
  return bundled;
}

