// Which file names are dependency manifests or lockfiles, how each is parsed, and which lockfiles next to
// a manifest pin the exact versions of its ranges. Adding a format: one row here and a parser.

import type { Ecosystem } from '../catalogue.js';
import { parseCsproj, parsePackagesConfig, parsePackagesProps } from './parsers/dotnet.js';
import { parseGoMod } from './parsers/go.js';
import { parseGradle, parsePom } from './parsers/jvm.js';
import { parsePackageJson, parsePackageLock, parsePnpmLock, parseYarnLock } from './parsers/npm.js';
import { parsePipfile, parsePipfileLock, parsePoetryLock, parsePyproject, parseRequirementsTxt, parseSetupCfg, parseUvLock } from './parsers/python.js';
import type { ManifestParser } from './types.js';

export interface ManifestFormat {
  id: string;
  ecosystem: Ecosystem;
  /** Matches the lower-cased base name. */
  match: (base: string) => boolean;
  parse: ManifestParser;
  /** Lockfiles record resolved versions; manifests record what the project asked for. */
  lock: boolean;
  /** For a manifest: lockfiles in the same folder whose exact versions replace its ranges, in preference order.
   *  For a lockfile: the manifest beside it that says which packages are direct. */
  siblings?: string[];
}

const named =
  (...names: string[]) =>
  (base: string) =>
    names.includes(base);

// requirements.txt, requirements-dev.txt, requirements_test.txt, requirements.in, dev-requirements.txt
const REQUIREMENTS = /^(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.(?:txt|in)$/;

export const FORMATS: ManifestFormat[] = [
  { id: 'requirements', ecosystem: 'pypi', match: (b) => REQUIREMENTS.test(b), parse: parseRequirementsTxt, lock: false },
  { id: 'pyproject', ecosystem: 'pypi', match: named('pyproject.toml'), parse: parsePyproject, lock: false, siblings: ['poetry.lock', 'uv.lock', 'Pipfile.lock'] },
  { id: 'pipfile', ecosystem: 'pypi', match: named('pipfile'), parse: parsePipfile, lock: false, siblings: ['Pipfile.lock'] },
  { id: 'pipfile-lock', ecosystem: 'pypi', match: named('pipfile.lock'), parse: parsePipfileLock, lock: true, siblings: ['Pipfile'] },
  { id: 'poetry-lock', ecosystem: 'pypi', match: named('poetry.lock'), parse: parsePoetryLock, lock: true, siblings: ['pyproject.toml'] },
  { id: 'uv-lock', ecosystem: 'pypi', match: named('uv.lock'), parse: parseUvLock, lock: true, siblings: ['pyproject.toml'] },
  { id: 'setup-cfg', ecosystem: 'pypi', match: named('setup.cfg'), parse: parseSetupCfg, lock: false },
  {
    id: 'package-json',
    ecosystem: 'npm',
    match: named('package.json'),
    parse: parsePackageJson,
    lock: false,
    siblings: ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'],
  },
  { id: 'package-lock', ecosystem: 'npm', match: named('package-lock.json', 'npm-shrinkwrap.json'), parse: parsePackageLock, lock: true, siblings: ['package.json'] },
  { id: 'yarn-lock', ecosystem: 'npm', match: named('yarn.lock'), parse: parseYarnLock, lock: true, siblings: ['package.json'] },
  { id: 'pnpm-lock', ecosystem: 'npm', match: named('pnpm-lock.yaml'), parse: parsePnpmLock, lock: true, siblings: ['package.json'] },
  { id: 'go-mod', ecosystem: 'go', match: named('go.mod'), parse: parseGoMod, lock: false },
  { id: 'pom', ecosystem: 'maven', match: named('pom.xml'), parse: parsePom, lock: false },
  { id: 'gradle', ecosystem: 'maven', match: named('build.gradle', 'build.gradle.kts'), parse: parseGradle, lock: false },
  { id: 'csproj', ecosystem: 'nuget', match: (b) => /\.(?:cs|fs|vb)proj$/.test(b), parse: parseCsproj, lock: false, siblings: ['Directory.Packages.props'] },
  { id: 'packages-props', ecosystem: 'nuget', match: named('directory.packages.props'), parse: parsePackagesProps, lock: true },
  { id: 'packages-config', ecosystem: 'nuget', match: named('packages.config'), parse: parsePackagesConfig, lock: false },
];

export function formatFor(base: string): ManifestFormat | undefined {
  return FORMATS.find((f) => f.match(base));
}
