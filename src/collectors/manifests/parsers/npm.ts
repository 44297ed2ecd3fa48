// npm ecosystem: package.json, package-lock.json / npm-shrinkwrap.json (v1, v2, v3), yarn.lock (v1 and
// Berry) and pnpm-lock.yaml (v5 to v9).

import { parseSyml } from '@yarnpkg/parsers';
import { parse as parseYaml } from 'yaml';
import type { Dependency, ManifestParser } from '../types.js';
import { asString, findTokenLine, isRecord, parseJson, parserErrorLine } from '../text.js';
import { packagePeople } from '../people.js';

const npm = (name: string, extra: Omit<Dependency, 'ecosystem' | 'name'>): Dependency => ({ ecosystem: 'npm', name, ...extra });

/** package.json sections and whether they are development-only. */
const SECTIONS: Array<[string, boolean]> = [
  ['dependencies', false],
  ['devDependencies', true],
  ['peerDependencies', false],
  ['optionalDependencies', false],
];

const EXACT_SEMVER = /^=?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/** `4.52.0` and `=4.52.0` pin a version; ranges, tags, URLs and workspace links do not. */
export function exactNpmVersion(spec: string | undefined): string | undefined {
  return spec ? EXACT_SEMVER.exec(spec.trim())?.[1] : undefined;
}

/** `npm:real-name@^1` aliases install another package under this name. */
function unalias(name: string, spec: string): { name: string; spec: string } {
  const m = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(spec);
  return m ? { name: m[1]!, spec: m[2] ?? '*' } : { name, spec };
}

export const parsePackageJson: ManifestParser = (text, warn) => {
  const doc = parseJson(text, warn, 'package.json');
  if (!isRecord(doc)) return { deps: [] };
  const deps: Dependency[] = [];
  for (const [section, dev] of SECTIONS) {
    const table = doc[section];
    if (!isRecord(table)) continue;
    const sectionLine = findTokenLine(text, `"${section}"`) ?? 0;
    for (const [declared, rawSpec] of Object.entries(table)) {
      const { name, spec } = unalias(declared, String(rawSpec));
      deps.push(npm(name, { spec, version: exactNpmVersion(spec), dev, direct: true, locate: () => findTokenLine(text, `"${declared}"`, sectionLine) }));
    }
  }
  const people = packagePeople(doc.author, doc.maintainers);
  const notes = { ...(Array.isArray(doc.workspaces) || isRecord(doc.workspaces) ? { workspaces: true } : {}), ...(people.length ? { packageAuthors: people } : {}) };
  return { name: asString(doc.name), deps, ...(Object.keys(notes).length ? { notes } : {}) };
};

/** The package name at the end of a `node_modules/...` path in a v2/v3 lockfile. */
function nameFromLockPath(p: string): string | undefined {
  const i = p.lastIndexOf('node_modules/');
  return i < 0 ? undefined : p.slice(i + 'node_modules/'.length);
}

export const parsePackageLock: ManifestParser = (text, warn) => {
  const doc = parseJson(text, warn, 'package-lock.json');
  if (!isRecord(doc)) return { deps: [] };
  const deps: Dependency[] = [];
  if (isRecord(doc.packages)) {
    // v2 / v3: flat `packages` keyed by install path; "" is the project itself
    const root = isRecord(doc.packages['']) ? doc.packages[''] : {};
    const direct = new Set<string>();
    for (const [section] of SECTIONS) if (isRecord(root[section])) for (const n of Object.keys(root[section])) direct.add(n);
    for (const [p, entry] of Object.entries(doc.packages)) {
      if (!isRecord(entry) || entry.link) continue;
      const pathName = nameFromLockPath(p);
      if (!pathName) continue; // workspace folders
      const name = asString(entry.name) ?? pathName;
      const topLevel = p === `node_modules/${pathName}`;
      deps.push(
        npm(name, {
          version: asString(entry.version),
          dev: entry.dev === true || entry.devOptional === true,
          direct: topLevel && direct.has(pathName),
          locate: () => findTokenLine(text, `"${p}"`),
        }),
      );
    }
    return { name: asString(doc.name), deps };
  }
  // v1: nested `dependencies`; top-level entries include hoisted transitive packages, so directness is unknown
  const visit = (table: unknown, parentLine: number) => {
    if (!isRecord(table)) return;
    for (const [name, entry] of Object.entries(table)) {
      if (!isRecord(entry)) continue;
      const line = findTokenLine(text, `"${name}"`, parentLine);
      deps.push(npm(name, { version: asString(entry.version), dev: entry.dev === true, line }));
      visit(entry.dependencies, line ?? parentLine);
    }
  };
  visit(doc.dependencies, findTokenLine(text, '"dependencies"') ?? 0);
  return { name: asString(doc.name), deps };
};

/** `@scope/name@npm:^1.0` → `@scope/name`: the name is everything before the `@` that starts the range. */
function nameFromDescriptor(descriptor: string): string {
  const at = descriptor.indexOf('@', 1);
  return at < 0 ? descriptor : descriptor.slice(0, at);
}

export const parseYarnLock: ManifestParser = (text, warn) => {
  let doc: Record<string, unknown>;
  try {
    doc = parseSyml(text) as Record<string, unknown>;
  } catch (e) {
    warn(`malformed yarn.lock: ${String((e as Error).message).split('\n')[0]}`, parserErrorLine(e));
    return { deps: [] };
  }
  const deps: Dependency[] = [];
  const seen = new Set<string>();
  for (const [key, entry] of Object.entries(doc)) {
    if (key === '__metadata' || !isRecord(entry)) continue;
    // Berry joins several descriptors in one key: "a@npm:^1, a@npm:^1.2"
    for (const descriptor of key.split(/,\s*/)) {
      const name = nameFromDescriptor(descriptor.trim());
      const version = asString(entry.version);
      if (seen.has(`${name}@${version}`)) continue;
      seen.add(`${name}@${version}`);
      deps.push(npm(name, { version, locate: () => findTokenLine(text, descriptor.trim()) }));
    }
  }
  return { deps };
};

/** Splits a pnpm package key (`/name@1.2.3(peer@1)`, `name@1.2.3`, or v5 `/name/1.2.3_peer`). */
function splitPnpmKey(key: string): { name: string; version: string } | undefined {
  const k = key.replace(/^\//, '').replace(/\(.*$/, '');
  // v5: `name/1.2.3` or `@scope/name/1.2.3_peer@1.0.0` (the version segment starts with a digit)
  const v5 = /^((?:@[^/]+\/)?[^/@]+)\/(\d[^_/]*)(?:_.*)?$/.exec(k);
  if (v5) return { name: v5[1]!, version: v5[2]! };
  const at = k.indexOf('@', 1);
  return at > 0 ? { name: k.slice(0, at), version: k.slice(at + 1) } : undefined;
}

/** Importer dependency values are a version string (v5) or `{ specifier, version }` (v6+). */
function importerVersion(v: unknown): string | undefined {
  const s = isRecord(v) ? asString(v.version) : asString(v);
  return s?.replace(/\(.*$/, '').replace(/_.*$/, '');
}

export const parsePnpmLock: ManifestParser = (text, warn) => {
  let doc: unknown;
  try {
    doc = parseYaml(text, { uniqueKeys: false });
  } catch (e) {
    warn(`malformed pnpm-lock.yaml: ${String((e as Error).message).split('\n')[0]}`, parserErrorLine(e));
    return { deps: [] };
  }
  if (!isRecord(doc)) return { deps: [] };
  const deps: Dependency[] = [];
  const directKeys = new Set<string>();
  // a single project puts its dependencies at the top level; workspaces list them per importer
  const importers = isRecord(doc.importers) ? Object.values(doc.importers) : [doc];
  for (const imp of importers) {
    if (!isRecord(imp)) continue;
    for (const [section, dev] of SECTIONS) {
      if (!isRecord(imp[section])) continue;
      const sectionLine = findTokenLine(text, `${section}:`) ?? 0;
      for (const [name, v] of Object.entries(imp[section])) {
        const version = importerVersion(v);
        if (!version || /^(?:link|file|workspace):/.test(version)) continue;
        directKeys.add(`${name}@${version}`);
        deps.push(npm(name, { version, dev, direct: true, locate: () => findTokenLine(text, name, sectionLine) }));
      }
    }
  }
  if (isRecord(doc.packages)) {
    for (const [key, entry] of Object.entries(doc.packages)) {
      const split = splitPnpmKey(key);
      if (!split || directKeys.has(`${split.name}@${split.version}`)) continue;
      deps.push(npm(split.name, { version: split.version, dev: isRecord(entry) && entry.dev === true ? true : undefined, direct: false, locate: () => findTokenLine(text, key) }));
    }
  }
  return { deps };
};
