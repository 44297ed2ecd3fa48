// .NET: SDK-style project files (`<PackageReference Include Version>`, version as attribute or child),
// central package management (Directory.Packages.props `<PackageVersion>`) and legacy packages.config.

import type { Dependency, ManifestParser } from '../types.js';
import { findTokenLine, isRecord } from '../text.js';
import { parseXml, textOf } from './xml.js';

const nuget = (name: string, extra: Omit<Dependency, 'ecosystem' | 'name'>): Dependency => ({ ecosystem: 'nuget', name, ...extra });

function itemGroups(project: Record<string, unknown>): Array<Record<string, unknown>> {
  return Array.isArray(project.ItemGroup) ? project.ItemGroup.filter(isRecord) : [];
}

function items(group: Record<string, unknown>, tag: string): Array<Record<string, unknown>> {
  const list = group[tag];
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** NuGet ranges (`[1.2,2.0)`) and floating versions (`1.*`) are specs; anything else is exact. */
function exactNuget(v: string | undefined): string | undefined {
  return v && !/[[\](),*]/.test(v) && !v.includes('$(') ? v : undefined;
}

function referenceLine(text: string, name: string): number | undefined {
  return findTokenLine(text, `"${name}"`);
}

export const parseCsproj: ManifestParser = (text, warn, rel) => {
  const doc = parseXml(text, warn, 'project file');
  const project = doc && isRecord(doc.Project) ? doc.Project : undefined;
  if (!project) return { deps: [] };
  const deps: Dependency[] = [];
  let assemblyName: string | undefined;
  const groups = Array.isArray(project.PropertyGroup) ? project.PropertyGroup : [project.PropertyGroup];
  for (const pg of groups) if (isRecord(pg)) assemblyName ??= textOf(pg.AssemblyName) ?? textOf(pg.PackageId);
  for (const group of itemGroups(project)) {
    for (const ref of items(group, 'PackageReference')) {
      const name = textOf(ref['@Include']) ?? textOf(ref['@Update']);
      if (!name) continue;
      const written = textOf(ref['@Version']) ?? textOf(ref.Version) ?? textOf(ref['@VersionOverride']);
      const privateAssets = (textOf(ref['@PrivateAssets']) ?? textOf(ref.PrivateAssets) ?? '').toLowerCase();
      const version = exactNuget(written);
      deps.push(nuget(name, { version, spec: written !== version ? written : undefined, dev: privateAssets === 'all', direct: true, locate: () => referenceLine(text, name) }));
    }
  }
  const fileName = rel.split('/').pop()!.replace(/\.(?:cs|fs|vb)proj$/i, '');
  return { name: assemblyName ?? fileName, deps };
};

export const parsePackagesProps: ManifestParser = (text, warn) => {
  const doc = parseXml(text, warn, 'Directory.Packages.props');
  const project = doc && isRecord(doc.Project) ? doc.Project : undefined;
  if (!project) return { deps: [] };
  const deps: Dependency[] = [];
  for (const group of itemGroups(project)) {
    for (const pv of items(group, 'PackageVersion')) {
      const name = textOf(pv['@Include']);
      const written = textOf(pv['@Version']);
      if (!name) continue;
      const version = exactNuget(written);
      deps.push(nuget(name, { version, spec: written !== version ? written : undefined, locate: () => referenceLine(text, name) }));
    }
  }
  return { deps };
};

export const parsePackagesConfig: ManifestParser = (text, warn) => {
  const doc = parseXml(text, warn, 'packages.config');
  const root = doc && isRecord(doc.packages) ? doc.packages : undefined;
  if (!root) return { deps: [] };
  const list = Array.isArray(root.package) ? root.package.filter(isRecord) : [];
  const deps = list.flatMap((p) => {
    const name = textOf(p['@id']);
    if (!name) return [];
    const v = textOf(p['@version']);
    return [nuget(name, { version: exactNuget(v), spec: exactNuget(v) ? undefined : v, dev: textOf(p['@developmentDependency']) === 'true', direct: true, locate: () => referenceLine(text, name) })];
  });
  return { deps };
};
