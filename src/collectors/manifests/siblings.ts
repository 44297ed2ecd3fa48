// A manifest states ranges; the lockfile beside it states what was installed. Reading the one sibling
// that completes a file lets both describe the same asset: a manifest's libraries get the locked exact
// versions, a lockfile's libraries learn which ones the project asked for (direct) and for what (dev).
// Only regular files in the same folder are read (never symlinks), and only for inputs on disk.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS } from '../file-input.js';
import type { FileInput } from '../types.js';
import { formatFor } from './formats.js';
import { matchName } from './purl.js';
import type { ParsedManifest } from './types.js';

export interface Sibling {
  /** The sibling's path relative to the root. */
  rel: string;
  parsed: ParsedManifest;
}

/** Parses the first of `names` that exists beside `file`. */
export async function readSibling(file: FileInput, names: string[] | undefined): Promise<Sibling | undefined> {
  if (!names?.length || !path.isAbsolute(file.abs)) return undefined;
  const dir = path.dirname(file.abs);
  for (const name of names) {
    const abs = path.join(dir, name);
    const st = await fs.lstat(abs).catch(() => undefined);
    if (!st?.isFile() || st.size > DEFAULT_LIMITS.maxContentBytes) continue;
    const fmt = formatFor(name.toLowerCase());
    const text = fmt && (await fs.readFile(abs, 'utf8').catch(() => undefined));
    if (!fmt || text === undefined) continue;
    // the sibling's own problems are reported when the scan reaches it
    const parsed = fmt.parse(text, () => {}, name);
    const relDir = path.posix.dirname(file.rel);
    return { rel: relDir === '.' ? name : `${relDir}/${name}`, parsed };
  }
  return undefined;
}

/** Exact versions by package name; with several installed copies, the one the project asked for wins. */
export function versionsOf(lock: ParsedManifest): Map<string, string> {
  const versions = new Map<string, string>();
  const ordered = [...lock.deps.filter((d) => d.direct), ...lock.deps.filter((d) => !d.direct)];
  for (const d of ordered) {
    const k = matchName(d.ecosystem, d.name);
    if (d.version && !versions.has(k)) versions.set(k, d.version);
  }
  return versions;
}

/** Declared dependencies by package name, with whether every declaration is development-only. */
export function declaredOf(manifest: ParsedManifest): Map<string, { dev: boolean }> {
  const declared = new Map<string, { dev: boolean }>();
  for (const d of manifest.deps) {
    const k = matchName(d.ecosystem, d.name);
    const prev = declared.get(k);
    declared.set(k, { dev: (prev?.dev ?? true) && d.dev === true });
  }
  return declared;
}

/** Manifests that declare the project's name, for files in the same folder that do not. */
const NAMED_MANIFESTS = ['pyproject.toml', 'package.json', 'setup.cfg', 'pom.xml', 'go.mod'];

/** The name a sibling manifest declares, so that every file of one folder names the application alike. */
export async function siblingProjectName(file: FileInput): Promise<string | undefined> {
  const own = path.posix.basename(file.rel);
  for (const name of NAMED_MANIFESTS) {
    if (name === own) continue;
    const sibling = await readSibling(file, [name]);
    if (sibling?.parsed.name) return sibling.parsed.name;
  }
  return undefined;
}
