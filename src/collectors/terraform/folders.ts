// Reading a Terraform folder from disk: its `.tf` files and tfvars, parsed once per file version, and
// whether some other configuration inside the scanned root calls the folder as a local module (then
// the caller instantiates its resources with real inputs, and the folder is not evaluated on its own).
// Only regular files inside the scanned root are read; symlinks are never followed.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS } from '../file-input.js';
import { parseHcl } from './hcl.js';
import { localModuleDir, tfFile, type FolderSource, type TfFile } from './module.js';
import type { Value } from './values.js';

const PARSE_CACHE_LIMIT = 512;
const parsed = new Map<string, { stamp: string; file?: TfFile; vars?: Record<string, Value> }>();

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

  private async entries(dirRel: string): Promise<Array<{ name: string; abs: string; rel: string; dir: boolean; size: number; mtime: number }>> {
    const abs = this.abs(dirRel);
    if (!abs) return [];
    const names = await fs.readdir(abs).catch(() => [] as string[]);
    const out = [];
    for (const name of names.sort()) {
      const p = path.join(abs, name);
      const st = await fs.lstat(p).catch(() => undefined);
      if (!st || st.isSymbolicLink()) continue;
      out.push({ name, abs: p, rel: dirRel === '.' ? name : `${dirRel}/${name}`, dir: st.isDirectory(), size: st.size, mtime: st.mtimeMs });
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
    const text = await fs.readFile(abs, 'utf8').catch(() => undefined);
    // a file that does not parse is reported when the scan reaches it; here it is simply left out
    const doc = text === undefined ? undefined : await parseHcl(path.basename(rel), text).catch(() => undefined);
    const entry = { stamp, file: doc && !isTfvars(rel) ? tfFile(rel, text!, doc) : undefined, vars: doc && isTfvars(rel) ? (doc as Record<string, Value>) : undefined };
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(abs, entry);
    return entry;
  }

  /** True when a `.tf` file near the folder (in an ancestor or an ancestor's subfolders) calls it as a module. */
  async isCalledModule(dirRel: string): Promise<boolean> {
    if (dirRel === '.') return false;
    let budget = MAX_CALLER_FILES;
    const visited = new Set<string>();
    const search = async (dir: string, depth: number): Promise<boolean> => {
      if (visited.has(dir) || budget <= 0) return false;
      visited.add(dir);
      for (const e of await this.entries(dir)) {
        if (e.dir) {
          if (depth > 0 && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.') && e.rel !== dirRel && (await search(e.rel, depth - 1))) return true;
          continue;
        }
        if (!e.name.endsWith('.tf') || e.size > DEFAULT_LIMITS.maxContentBytes || budget-- <= 0) continue;
        const text = await fs.readFile(e.abs, 'utf8').catch(() => '');
        for (const m of text.matchAll(LOCAL_SOURCE)) if (localModuleDir(dir, m[1]!) === dirRel) return true;
      }
      return false;
    };
    for (let dir = parentOf(dirRel); ; dir = parentOf(dir)) {
      if (await search(dir, 2)) return true;
      if (dir === '.') return false;
    }
  }
}

function parentOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '.' : rel.slice(0, i);
}

function rankVars(name: string): number {
  return name === 'terraform.tfvars' ? 0 : name.endsWith('.auto.tfvars') ? 1 : 2;
}

