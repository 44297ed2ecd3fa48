// JVM manifests: Maven pom.xml (properties `${...}` resolved from the same file, dependencyManagement
// used for versionless dependencies and noted) and Gradle build scripts (Groovy and Kotlin DSL, string
// and map notation). Gradle version catalogs (`libs.versions.toml`, `libs.x.y` accessors) are out of
// scope: the number of catalog references is noted on the application instead.

import type { Dependency, ManifestParser } from '../types.js';
import { findTokenLine, isRecord } from '../text.js';
import { parseXml, textOf } from './xml.js';

const maven = (group: string, artifact: string, extra: Omit<Dependency, 'ecosystem' | 'name'>): Dependency => ({
  ecosystem: 'maven',
  name: `${group}:${artifact}`,
  ...extra,
});

const TEST_SCOPES = new Set(['test']);

/** Replaces `${name}` from the property table, leaving unknown references as written. */
function resolveProps(value: string | undefined, props: Map<string, string>): string | undefined {
  if (!value) return value;
  let out = value;
  // properties may refer to other properties; a few rounds settle any sane chain without looping forever
  for (let round = 0; round < 5 && out.includes('${'); round++) out = out.replace(/\$\{([\w.-]+)\}/g, (m, k: string) => props.get(k) ?? m);
  return out;
}

function dependencyList(node: unknown): Array<Record<string, unknown>> {
  if (!isRecord(node)) return [];
  const list = node.dependency;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

export const parsePom: ManifestParser = (text, warn) => {
  const doc = parseXml(text, warn, 'pom.xml');
  const project = doc && isRecord(doc.project) ? doc.project : undefined;
  if (!project) {
    if (doc) warn('pom.xml has no <project> element');
    return { deps: [] };
  }
  const props = new Map<string, string>();
  if (isRecord(project.properties)) for (const [k, v] of Object.entries(project.properties)) if (textOf(v)) props.set(k, textOf(v)!);
  const parent = isRecord(project.parent) ? project.parent : {};
  const version = textOf(project.version) ?? textOf(parent.version);
  const groupId = textOf(project.groupId) ?? textOf(parent.groupId);
  if (version) props.set('project.version', version);
  if (groupId) props.set('project.groupId', groupId);
  if (textOf(parent.version)) props.set('project.parent.version', textOf(parent.version)!);

  const managed = new Map<string, string>();
  const bomImports: string[] = [];
  const managedDeps: string[] = [];
  for (const d of dependencyList(isRecord(project.dependencyManagement) ? project.dependencyManagement.dependencies : undefined)) {
    const g = resolveProps(textOf(d.groupId), props);
    const a = resolveProps(textOf(d.artifactId), props);
    const v = resolveProps(textOf(d.version), props);
    if (!g || !a) continue;
    if (v) managed.set(`${g}:${a}`, v);
    managedDeps.push(`${g}:${a}${v ? `:${v}` : ''}`);
    if (textOf(d.scope) === 'import') bomImports.push(`${g}:${a}${v ? `:${v}` : ''}`);
  }

  const deps: Dependency[] = [];
  // the same artifact may sit in <dependencyManagement> first; its real declaration comes after that block
  const afterManagement = findTokenLine(text, '</dependencyManagement>') ?? 0;
  for (const d of dependencyList(project.dependencies)) {
    const g = resolveProps(textOf(d.groupId), props);
    const a = resolveProps(textOf(d.artifactId), props);
    if (!g || !a) {
      warn('a <dependency> without groupId or artifactId', findTokenLine(text, '<dependency>'));
      continue;
    }
    const written = textOf(d.version);
    const v = resolveProps(written, props) ?? managed.get(`${g}:${a}`);
    const exact = v && !v.includes('${') && !/^[[(]/.test(v) ? v : undefined;
    deps.push(
      maven(g, a, {
        version: exact,
        spec: written && written !== exact ? written : undefined,
        dev: TEST_SCOPES.has(textOf(d.scope) ?? ''),
        direct: true,
        locate: () => findTokenLine(text, `<artifactId>${textOf(d.artifactId)}</artifactId>`, afterManagement),
      }),
    );
  }
  const notes: Record<string, string[]> = {};
  if (managedDeps.length) notes.dependencyManagement = managedDeps;
  if (bomImports.length) notes.bomImports = bomImports;
  return { name: textOf(project.name) ?? textOf(project.artifactId), deps, notes };
};

// ---------------------------------------------------------------- Gradle

/** Configurations whose dependencies exist only for tests or the build itself. */
const DEV_CONFIG = /^(?:test\w*|androidTest\w*|kapt\w*|annotationProcessor|ksp\w*|compileOnly|developmentOnly|detekt\w*|lint\w*)$/;
const CONFIG = '(\\w+)';
// `implementation 'g:a:v'`, `implementation("g:a:v")`, `api(platform("g:a:v"))`
const STRING_NOTATION = new RegExp(`^\\s*${CONFIG}\\s*\\(?\\s*(?:(platform|enforcedPlatform)\\s*\\(\\s*)?["']([^"':\\s]+):([^"':\\s]+)(?::([^"'\\s]+))?["']`);
// `implementation group: 'g', name: 'a', version: 'v'` (Groovy) or `implementation(group = "g", name = "a", version = "v")` (Kotlin)
const MAP_NOTATION = new RegExp(`^\\s*${CONFIG}\\s*\\(?\\s*group\\s*[:=]\\s*["']([^"']+)["']\\s*,\\s*name\\s*[:=]\\s*["']([^"']+)["'](?:\\s*,\\s*version\\s*[:=]\\s*["']([^"']+)["'])?`);
const CATALOG_REF = /^\s*\w+\s*\(?\s*(?:platform\s*\(\s*)?libs\.[\w.]+/;
// `def openaiVersion = '1.2.3'`, `val lc4j = "0.35.0"`, `ext.foo = "1"`, `set("foo", "1")`
const VARIABLE = /^\s*(?:(?:def|val|var|ext\.)\s*)?([A-Za-z_]\w*)\s*=\s*["']([^"'$]+)["']/;
const EXTRA_SET = /set\(\s*["']([A-Za-z_]\w*)["']\s*,\s*["']([^"'$]+)["']\s*\)/;
const NOT_CONFIGS = new Set(['id', 'classpath', 'mavenBom', 'exclude', 'apply', 'plugin', 'kotlin', 'version', 'group', 'maven', 'url']);

export const parseGradle: ManifestParser = (text) => {
  const lines = text.split(/\r?\n/);
  const vars = new Map<string, string>();
  for (const l of lines) {
    const m = VARIABLE.exec(l) ?? EXTRA_SET.exec(l);
    if (m) vars.set(m[1]!, m[2]!);
  }
  const resolve = (v: string | undefined) => v?.replace(/\$\{?([A-Za-z_][\w.]*)\}?/g, (m, k: string) => vars.get(k) ?? vars.get(k.replace(/^(?:project\.|rootProject\.|ext\.)/, '')) ?? m);
  const deps: Dependency[] = [];
  let catalogRefs = 0;
  const bomImports: string[] = [];
  lines.forEach((l, idx) => {
    const line = idx + 1;
    if (/^\s*\/\//.test(l)) return;
    if (CATALOG_REF.test(l)) {
      catalogRefs++;
      return;
    }
    const s = STRING_NOTATION.exec(l);
    const m = s ? undefined : MAP_NOTATION.exec(l);
    const config = s?.[1] ?? m?.[1];
    if (!config || NOT_CONFIGS.has(config)) return;
    const group = s ? s[3]! : m![2]!;
    const artifact = s ? s[4]! : m![3]!;
    const written = s ? s[5] : m![4];
    const version = resolve(written);
    if (s?.[2]) bomImports.push(`${group}:${artifact}${version ? `:${version}` : ''}`);
    const exact = version && !version.includes('$') && !/[+[\](),]/.test(version) ? version : undefined;
    deps.push(maven(group, artifact, { version: exact, spec: written && written !== exact ? written : undefined, dev: DEV_CONFIG.test(config), direct: true, line }));
  });
  const notes: Record<string, string[] | number> = {};
  if (catalogRefs) notes.versionCatalogRefs = catalogRefs;
  if (bomImports.length) notes.bomImports = bomImports;
  return { deps, notes };
};
