// Python manifests and lockfiles: requirements*.txt, pyproject.toml (PEP 621, PEP 735, Poetry),
// Pipfile, Pipfile.lock, poetry.lock, uv.lock and setup.cfg.

import { parse as parseToml } from 'smol-toml';
import { maskSecrets } from '../../../util/mask.js';
import type { Dependency, ManifestParser, ParsedManifest, Warn } from '../types.js';
import { asString, findTokenLine, isRecord, parseJson, parserErrorLine } from '../text.js';
import { DEV_GROUP, parseRequirement, pinnedVersion } from './pep508.js';
import { packagePeople } from '../people.js';

const pypi = (name: string, extra: Omit<Dependency, 'ecosystem' | 'name'>): Dependency => ({ ecosystem: 'pypi', name, ...extra });

// ---------------------------------------------------------------- requirements.txt

/** Options that take a value; their argument is not a requirement. */
const REQ_OPTIONS: Record<string, 'includes' | 'constraints' | 'indexUrls' | 'ignore'> = {
  '-r': 'includes',
  '--requirement': 'includes',
  '-c': 'constraints',
  '--constraint': 'constraints',
  '-i': 'indexUrls',
  '--index-url': 'indexUrls',
  '--extra-index-url': 'indexUrls',
  '-f': 'ignore',
  '--find-links': 'ignore',
  '--trusted-host': 'ignore',
  '--pre': 'ignore',
  '--prefer-binary': 'ignore',
  '--only-binary': 'ignore',
  '--no-binary': 'ignore',
  '--require-hashes': 'ignore',
  '--use-feature': 'ignore',
};

export const parseRequirementsTxt: ManifestParser = (text, warn) => {
  const deps: Dependency[] = [];
  const notes: Record<string, string[]> = { includes: [], constraints: [], indexUrls: [] };
  const lines = text.split(/\r?\n/);
  let hashPinned = false;
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let logical = lines[i]!;
    // a trailing backslash continues the requirement on the next line
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) logical = logical.replace(/\\\s*$/, ' ') + lines[++i];
    const content = logical.replace(/(?:^|\s)#.*$/, '').trim();
    if (!content) continue;
    if (/--hash[=\s]/.test(content)) hashPinned = true;
    const withoutHashes = content.replace(/\s*--hash[=\s]\s*\S+/g, '').trim();
    if (withoutHashes.startsWith('-')) {
      const m = /^(--?[\w-]+)(?:[=\s]\s*(.*))?$/.exec(withoutHashes);
      const opt = m?.[1] ?? '';
      const value = m?.[2]?.trim();
      if (opt === '-e' || opt === '--editable') {
        const egg = value ? /[#&]egg=([A-Za-z0-9._-]+)/.exec(value) : null;
        if (egg) deps.push(pypi(egg[1]!, { spec: undefined, direct: true, line: startLine }));
        continue;
      }
      const target = REQ_OPTIONS[opt];
      if (!target) warn(`unknown requirements option ${opt}`, startLine);
      else if (target !== 'ignore' && value) notes[target]!.push(target === 'indexUrls' ? maskSecrets(value) : value);
      continue;
    }
    if (/^(?:https?|git\+\w+|file):/.test(withoutHashes) || /^\.{0,2}\//.test(withoutHashes)) continue; // bare URL or path: no name to match
    const req = parseRequirement(withoutHashes);
    if (!req) {
      warn(`cannot parse requirement "${maskSecrets(withoutHashes).slice(0, 80)}"`, startLine);
      continue;
    }
    deps.push(
      pypi(req.name, {
        spec: req.spec ?? req.url,
        version: pinnedVersion(req.spec),
        direct: true,
        line: startLine,
      }),
    );
  }
  const out: ParsedManifest = { deps, notes: hashPinned ? { hashPinned } : {} };
  for (const [k, v] of Object.entries(notes)) if (v.length) out.notes![k] = v;
  return out;
};

// ---------------------------------------------------------------- TOML files

function toml(text: string, warn: Warn, what: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (e) {
    warn(`malformed ${what}: ${String((e as Error).message).split('\n')[0]}`, parserErrorLine(e));
    return undefined;
  }
}

function fromRequirementList(list: unknown, text: string, opts: { dev: boolean }, warn: Warn, where: string): Dependency[] {
  if (!Array.isArray(list)) return [];
  const out: Dependency[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue; // PEP 735 `{include-group = ...}` entries
    const req = parseRequirement(item);
    const line = findTokenLine(text, item.split(/[\s\[<>=!~;@(]/)[0]!);
    if (!req) {
      warn(`cannot parse requirement "${item.slice(0, 80)}" in ${where}`, line);
      continue;
    }
    out.push(pypi(req.name, { spec: req.spec ?? req.url, version: pinnedVersion(req.spec), dev: opts.dev, direct: true, line }));
  }
  return out;
}

/** A Poetry / Pipfile dependency table: `name = "^1.0"` or `name = { version = "^1.0", extras = [...] }`. */
function fromDependencyTable(table: unknown, text: string, dev: boolean): Dependency[] {
  if (!isRecord(table)) return [];
  const out: Dependency[] = [];
  for (const [name, value] of Object.entries(table)) {
    if (name.toLowerCase() === 'python') continue;
    const spec = typeof value === 'string' ? value : isRecord(value) ? asString(value.version) : undefined;
    const cleaned = spec && spec !== '*' ? spec.replace(/\s+/g, '') : undefined;
    out.push(pypi(name, { spec: cleaned, version: poetryExact(cleaned), dev, direct: true, locate: () => findTokenLine(text, name) }));
  }
  return out;
}

/** Poetry treats a bare `1.2.3` as `==1.2.3`. */
function poetryExact(spec: string | undefined): string | undefined {
  if (!spec) return undefined;
  if (/^\d+(?:\.\d+)*(?:[a-z]+\d*)?$/i.test(spec)) return spec;
  return pinnedVersion(spec);
}

export const parsePyproject: ManifestParser = (text, warn) => {
  const doc = toml(text, warn, 'pyproject.toml');
  if (!doc) return { deps: [] };
  const deps: Dependency[] = [];
  const project = isRecord(doc.project) ? doc.project : {};
  deps.push(...fromRequirementList(project.dependencies, text, { dev: false }, warn, '[project] dependencies'));
  if (isRecord(project['optional-dependencies'])) {
    for (const [group, list] of Object.entries(project['optional-dependencies'])) {
      deps.push(...fromRequirementList(list, text, { dev: DEV_GROUP.test(group) }, warn, `optional-dependencies.${group}`));
    }
  }
  if (isRecord(doc['dependency-groups'])) {
    for (const [group, list] of Object.entries(doc['dependency-groups'])) {
      deps.push(...fromRequirementList(list, text, { dev: true }, warn, `dependency-groups.${group}`));
    }
  }
  const tool = isRecord(doc.tool) ? doc.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  deps.push(...fromDependencyTable(poetry.dependencies, text, false));
  deps.push(...fromDependencyTable(poetry['dev-dependencies'], text, true));
  if (isRecord(poetry.group)) {
    for (const [group, def] of Object.entries(poetry.group)) {
      if (isRecord(def)) deps.push(...fromDependencyTable(def.dependencies, text, group !== 'main'));
    }
  }
  const uv = isRecord(tool.uv) ? tool.uv : {};
  deps.push(...fromRequirementList(uv['dev-dependencies'], text, { dev: true }, warn, '[tool.uv] dev-dependencies'));
  const people = packagePeople(project.authors, project.maintainers, poetry.authors, poetry.maintainers);
  return { name: asString(project.name) ?? asString(poetry.name), deps, ...(people.length ? { notes: { packageAuthors: people } } : {}) };
};

export const parsePipfile: ManifestParser = (text, warn) => {
  const doc = toml(text, warn, 'Pipfile');
  if (!doc) return { deps: [] };
  return { deps: [...fromDependencyTable(doc.packages, text, false), ...fromDependencyTable(doc['dev-packages'], text, true)] };
};

export const parsePipfileLock: ManifestParser = (text, warn) => {
  const doc = parseJson(text, warn, 'Pipfile.lock');
  if (!isRecord(doc)) return { deps: [] };
  const deps: Dependency[] = [];
  for (const [section, dev] of [
    ['default', false],
    ['develop', true],
  ] as const) {
    const table = doc[section];
    if (!isRecord(table)) continue;
    for (const [name, entry] of Object.entries(table)) {
      const v = isRecord(entry) ? asString(entry.version) : undefined;
      deps.push(pypi(name, { version: v?.replace(/^===?/, ''), dev, locate: () => findTokenLine(text, `"${name}"`) }));
    }
  }
  return { deps };
};

/** poetry.lock and uv.lock: `[[package]]` tables with name and version. */
function lockPackages(text: string, warn: Warn, what: string): Array<Record<string, unknown>> {
  const doc = toml(text, warn, what);
  return doc && Array.isArray(doc.package) ? doc.package.filter(isRecord) : [];
}

/** Line of the `name = "<pkg>"` entry of a `[[package]]` table. */
function packageLine(text: string, name: string): number | undefined {
  return findTokenLine(text, `name = "${name}"`);
}

export const parsePoetryLock: ManifestParser = (text, warn) => {
  const deps = lockPackages(text, warn, 'poetry.lock').flatMap((p) => {
    const name = asString(p.name);
    if (!name) return [];
    // Poetry < 1.2 wrote `category = "dev"`; later versions write `groups = [...]`
    const groups = Array.isArray(p.groups) ? p.groups.map(String) : undefined;
    const dev = p.category !== undefined ? p.category === 'dev' : groups ? !groups.includes('main') : undefined;
    return [pypi(name, { version: asString(p.version), ...(dev !== undefined ? { dev } : {}), locate: () => packageLine(text, name) })];
  });
  return { deps };
};

export const parseUvLock: ManifestParser = (text, warn) => {
  const packages = lockPackages(text, warn, 'uv.lock');
  // The project itself is the package whose source is the folder (editable or virtual `.`).
  const root = packages.find((p) => isRecord(p.source) && (p.source.editable === '.' || p.source.virtual === '.'));
  const direct = new Set<string>();
  const devDirect = new Set<string>();
  const names = (list: unknown) => (Array.isArray(list) ? list.filter(isRecord).map((d) => String(d.name).toLowerCase()) : []);
  if (root) {
    for (const n of names(root.dependencies)) direct.add(n);
    for (const list of Object.values(isRecord(root['optional-dependencies']) ? root['optional-dependencies'] : {})) for (const n of names(list)) direct.add(n);
    for (const list of Object.values(isRecord(root['dev-dependencies']) ? root['dev-dependencies'] : {})) for (const n of names(list)) devDirect.add(n);
  }
  const deps = packages.flatMap((p) => {
    const name = asString(p.name);
    if (!name || p === root) return [];
    const key = name.toLowerCase();
    const isDirect = direct.has(key) || devDirect.has(key);
    return [
      pypi(name, {
        version: asString(p.version),
        ...(root ? { direct: isDirect } : {}),
        ...(isDirect ? { dev: !direct.has(key) } : {}),
        locate: () => packageLine(text, name),
      }),
    ];
  });
  return { name: root ? asString(root.name) : undefined, deps };
};

// ---------------------------------------------------------------- setup.cfg

interface IniValue {
  value: string;
  line: number;
}

/** A minimal INI reader with indented continuation lines, as setuptools' configparser reads setup.cfg. */
function readIni(text: string): Map<string, Map<string, IniValue[]>> {
  const sections = new Map<string, Map<string, IniValue[]>>();
  let current: Map<string, IniValue[]> | undefined;
  let lastKey: IniValue[] | undefined;
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    if (/^\s*[#;]/.test(raw) || !raw.trim()) return;
    const section = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (section) {
      current = new Map();
      sections.set(section[1]!.trim(), current);
      lastKey = undefined;
      return;
    }
    if (/^\s/.test(raw) && lastKey) {
      lastKey.push({ value: raw.trim(), line });
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv && current) {
      lastKey = [];
      if (kv[2]!.trim()) lastKey.push({ value: kv[2]!.trim(), line });
      current.set(kv[1]!.trim(), lastKey);
    }
  });
  return sections;
}

export const parseSetupCfg: ManifestParser = (text, warn) => {
  const ini = readIni(text);
  const deps: Dependency[] = [];
  const take = (values: IniValue[] | undefined, dev: boolean) => {
    for (const { value, line } of values ?? []) {
      const clean = value.replace(/(?:^|\s)#.*$/, '').trim();
      if (!clean) continue;
      const req = parseRequirement(clean);
      if (!req) {
        warn(`cannot parse requirement "${clean.slice(0, 80)}"`, line);
        continue;
      }
      deps.push(pypi(req.name, { spec: req.spec ?? req.url, version: pinnedVersion(req.spec), dev, direct: true, line }));
    }
  };
  take(ini.get('options')?.get('install_requires'), false);
  for (const [group, values] of ini.get('options.extras_require') ?? []) take(values, DEV_GROUP.test(group));
  return { name: ini.get('metadata')?.get('name')?.[0]?.value, deps };
};
