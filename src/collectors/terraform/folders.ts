// Reading a Terraform folder from disk: its `.tf` files and tfvars, parsed once per file version, and
// whether some other configuration inside the scanned root calls the folder as a local module (then
// the caller instantiates its resources with real inputs, and the folder is not evaluated on its own).
// Only regular files inside the scanned root are read; symlinks are never followed.

// Synchronous file-system calls: the module search asks about many folders, and in a scan worker a
// synchronous stat costs a fraction of an asynchronous one.
import { lstatSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';

const attempt = <T>(f: () => T): T | undefined => {
  try {
    return f();
  } catch {
    return undefined;
  }
};
import path from 'node:path';
import { DEFAULT_LIMITS } from '../file-input.js';
import { parseHcl, type HclDocument } from './hcl.js';
import { localModuleDir, tfFile, type FolderSource, type TfFile } from './module.js';
import type { Value } from './values.js';

const PARSE_CACHE_LIMIT = 512;
const parsed = new Map<string, { stamp: string; file?: TfFile; vars?: Record<string, Value> }>();

/** Folder listings by absolute path, valid while the folder's mtime is unchanged. */
const listings = new Map<string, { mtime: number; entries: Array<{ name: string; dir: boolean }> }>();
const LISTING_CACHE_LIMIT = 20_000;
const isTerraformFile = (name: string) => name.endsWith('.tf') || isTfvars(name);

const SKIP_DIRS = new Set(['.terraform', '.git', 'node_modules', '.terragrunt-cache']);
const MAX_CALLER_FILES = 400;
// `source = "./modules/ml"` (local sources only); the value is a plain quoted string in practice
const LOCAL_SOURCE = /^\s*source\s*=\s*"(\.\.?\/[^"]*)"/gm;

export const isTfvars = (name: string) => name.endsWith('.tfvars') && !name.endsWith('.json.tfvars');

export class DiskFolders implements FolderSource {
  constructor(readonly rootAbs: string) {}

  private abs(rel: string): string | undefined {
    const abs = path.resolve(this.rootAbs, rel);
    const back = path.relative(this.rootAbs, abs);
    return back.startsWith('..') || path.isAbsolute(back) ? undefined : abs;
  }

  /**
   * The entries of a folder. Names and types are cached per folder and reused while the folder's own mtime
   * is unchanged (adding, removing or renaming an entry changes it), because every `.tf` file of a tree asks
   * about its neighbourhood: without the cache a large tree is listed again and again. Sizes and mtimes of
   * Terraform files are read fresh, since editing a file in place does not touch its folder.
   */
  private async entries(dirRel: string): Promise<Array<{ name: string; abs: string; rel: string; dir: boolean; size: number; mtime: number }>> {
    const abs = this.abs(dirRel);
    if (!abs) return [];
    const dirStat = attempt(() => statSync(abs));
    if (!dirStat?.isDirectory()) return [];
    let listing = listings.get(abs);
    if (!listing || listing.mtime !== dirStat.mtimeMs) {
      const names: Dirent[] = attempt(() => readdirSync(abs, { withFileTypes: true })) ?? [];
      listing = {
        mtime: dirStat.mtimeMs,
        entries: names
          .filter((d) => !d.isSymbolicLink() && (d.isDirectory() || d.isFile()))
          .map((d) => ({ name: d.name, dir: d.isDirectory() }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      };
      if (listings.size >= LISTING_CACHE_LIMIT) listings.delete(listings.keys().next().value!);
      listings.set(abs, listing);
    }
    const out = [];
    for (const { name, dir } of listing.entries) {
      const p = path.join(abs, name);
      const rel = dirRel === '.' ? name : `${dirRel}/${name}`;
      if (dir || !isTerraformFile(name)) {
        out.push({ name, abs: p, rel, dir, size: 0, mtime: 0 });
        continue;
      }
      const st = attempt(() => lstatSync(p));
      if (!st || !st.isFile()) continue;
      out.push({ name, abs: p, rel, dir: false, size: st.size, mtime: st.mtimeMs });
    }
    return out;
  }

  async load(dirRel: string): Promise<{ files: TfFile[]; tfvars: Record<string, Value> } | undefined> {
    const entries = await this.entries(dirRel);
    const files: TfFile[] = [];
    const tfvars: Record<string, Value> = {};
    // terraform.tfvars first, then *.auto.tfvars and others in name order: later files win, as in Terraform
    const ordered = [...entries].sort((a, b) => rankVars(a.name) - rankVars(b.name) || a.name.localeCompare(b.name));
    for (const e of ordered) {
      if (e.dir || e.size > DEFAULT_LIMITS.maxContentBytes) continue;
      if (e.name.endsWith('.tf')) {
        const f = await this.parseCached(e.abs, e.rel, `${e.size}:${e.mtime}`);
        if (f.file) files.push(f.file);
      } else if (isTfvars(e.name)) {
        const f = await this.parseCached(e.abs, e.rel, `${e.size}:${e.mtime}`);
        Object.assign(tfvars, f.vars ?? {});
      }
    }
    return files.length ? { files, tfvars } : undefined;
  }

  private async parseCached(abs: string, rel: string, stamp: string): Promise<{ file?: TfFile; vars?: Record<string, Value> }> {
    const hit = parsed.get(abs);
    if (hit?.stamp === stamp) return hit;
    const text = attempt(() => readFileSync(abs, 'utf8'));
    // a file that does not parse is reported when the scan reaches it; here it is simply left out
    const doc = text === undefined ? undefined : await parseHcl(path.basename(rel), text).catch(() => undefined);
    return remember(abs, rel, stamp, text, doc);
  }

  /**
   * Parses the `.tf` file the scan is collecting (its text already read) and keeps the result in the cache
   * under the file's current size and mtime, so that loading its folder next does not parse it again.
   * Throws `HclSyntaxError` for the caller to report.
   */
  async parseFile(rel: string, text: string): Promise<TfFile> {
    const abs = this.abs(rel);
    const st = abs ? attempt(() => lstatSync(abs)) : undefined;
    const stamp = st?.isFile() ? `${st.size}:${st.mtimeMs}` : undefined;
    const hit = abs && stamp ? parsed.get(abs) : undefined;
    if (hit?.stamp === stamp && hit?.file && hit.file.text === text) return hit.file;
    const doc = await parseHcl(path.posix.basename(rel), text);
    const file = tfFile(rel, text, doc);
    if (abs && stamp) remember(abs, rel, stamp, text, doc);
    return file;
  }

  /**
   * True when a `.tf` file near the folder (in an ancestor or an ancestor's subfolders, outside the folder itself)
   * calls it as a module. Every Terraform folder of a tree asks, and the neighbourhoods of folders overlap (the
   * root's is everyone's): so the module calls of each ancestor's neighbourhood are gathered once and remembered for a
   * few seconds, long enough to serve every folder of a scan, short enough that a later scan in the same process
   * sees edited module calls.
   */
  async isCalledModule(dirRel: string): Promise<boolean> {
    if (dirRel === '.') return false;
    const inside = dirRel + '/';
    for (let dir = parentOf(dirRel); ; dir = parentOf(dir)) {
      const callers = (await this.callsAround(dir)).get(dirRel);
      if (callers?.some((c) => c !== dirRel && !c.startsWith(inside))) return true;
      if (dir === '.') return false;
    }
  }

  /** The local module folders called from `.tf` files in a folder and two levels below it, each with its callers' folders. */
  private async callsAround(dirRel: string): Promise<Map<string, string[]>> {
    const key = `${this.rootAbs}\0${dirRel}`;
    const now = Date.now();
    const hit = neighbourhoods.get(key);
    if (hit && now - hit.at < NEIGHBOURHOOD_TTL_MS) return hit.calls;
    const calls = new Map<string, string[]>();
    let budget = MAX_CALLER_FILES;
    const search = async (dir: string, depth: number): Promise<void> => {
      for (const e of await this.entries(dir)) {
        if (budget <= 0) return;
        if (e.dir) {
          if (depth > 0 && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await search(e.rel, depth - 1);
          continue;
        }
        if (!e.name.endsWith('.tf') || e.size > DEFAULT_LIMITS.maxContentBytes) continue;
        budget--;
        for (const source of await localSources(e.abs, `${e.size}:${e.mtime}`)) {
          const called = localModuleDir(dir, source);
          if (called === undefined) continue;
          const callers = calls.get(called);
          if (callers) callers.push(dir);
          else calls.set(called, [dir]);
        }
      }
    };
    await search(dirRel, 2);
    if (neighbourhoods.size >= LISTING_CACHE_LIMIT) neighbourhoods.delete(neighbourhoods.keys().next().value!);
    neighbourhoods.set(key, { at: now, calls });
    return calls;
  }
}

function remember(abs: string, rel: string, stamp: string, text: string | undefined, doc: HclDocument | undefined) {
  const entry = { stamp, file: doc && !isTfvars(rel) ? tfFile(rel, text!, doc) : undefined, vars: doc && isTfvars(rel) ? (doc as Record<string, Value>) : undefined };
  if (parsed.size >= PARSE_CACHE_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(abs, entry);
  return entry;
}

const NEIGHBOURHOOD_TTL_MS = 5_000;
const neighbourhoods = new Map<string, { at: number; calls: Map<string, string[]> }>();

/** The local module sources a `.tf` file calls, cached by the file's size and mtime. */
const sourcesCache = new Map<string, { stamp: string; sources: string[] }>();
async function localSources(abs: string, stamp: string): Promise<string[]> {
  const hit = sourcesCache.get(abs);
  if (hit?.stamp === stamp) return hit.sources;
  const text = attempt(() => readFileSync(abs, 'utf8')) ?? '';
  const sources = [...text.matchAll(LOCAL_SOURCE)].map((m) => m[1]!);
  if (sourcesCache.size >= LISTING_CACHE_LIMIT) sourcesCache.delete(sourcesCache.keys().next().value!);
  sourcesCache.set(abs, { stamp, sources });
  return sources;
}

function parentOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '.' : rel.slice(0, i);
}

function rankVars(name: string): number {
  return name === 'terraform.tfvars' ? 0 : name.endsWith('.auto.tfvars') ? 1 : 2;
}

