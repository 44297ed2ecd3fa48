// Package URLs (purl spec) per ecosystem, and the name spelling each ecosystem compares by.

import type { Ecosystem } from '../catalogue.js';

const PURL_TYPE: Record<Ecosystem, string> = { pypi: 'pypi', npm: 'npm', go: 'golang', maven: 'maven', nuget: 'nuget' };

/** The spelling used in keys: PyPI names are case- and separator-insensitive (PEP 503). */
export function canonicalName(eco: Ecosystem, name: string): string {
  return eco === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/** The spelling two files must agree on to name the same package (NuGet ids are case-insensitive). */
export function matchName(eco: Ecosystem, name: string): string {
  return eco === 'nuget' ? name.toLowerCase() : canonicalName(eco, name);
}

const enc = (s: string) => encodeURIComponent(s);

export function purl(eco: Ecosystem, name: string, version?: string): string {
  let path: string;
  switch (eco) {
    case 'pypi':
      path = enc(name.toLowerCase().replace(/_/g, '-'));
      break;
    case 'maven': {
      const [group, artifact] = name.split(':');
      path = `${enc(group!)}/${enc(artifact ?? '')}`;
      break;
    }
    case 'npm':
    case 'go':
      // scoped npm names and Go module paths keep their slashes as namespace separators
      path = name.split('/').map(enc).join('/');
      break;
    default:
      path = enc(name);
  }
  return `pkg:${PURL_TYPE[eco]}/${path}${version ? `@${enc(version)}` : ''}`;
}
