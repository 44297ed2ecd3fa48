// Loads checks from folders: the built-in `checks/<domain>/<ID>/check.yaml` and any user folder given with
// `--policy DIR` in the same layout (`DIR/<domain>/<ID>/check.yaml`, or `DIR/<ID>/check.yaml` for domain
// `custom`). Every file is validated and every condition compiled here, once; ids must be unique across all.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Environment } from '@marcbachmann/cel-js';
import type { Check } from '../model/index.js';
import { compile, createEnvironment, type EvalScope, type Program } from './cel-env.js';
import { fromPackageRoot } from './package-root.js';
import { CheckFileSchema } from './schema.js';

export interface LoadedCheck extends Check {
  /** Where the check was read from (relative to the folder it was loaded from, with that folder's name). */
  source: string;
  /** The check's folder on disk (fixtures and expected results live there). */
  dir: string;
  vars?: Record<string, string>;
  compiled: { condition: Program; vars: Record<string, Program> };
}

export interface CheckSet {
  checks: LoadedCheck[];
  /** Shared by every compiled program: the evaluator points it at the graph being judged. */
  scope: EvalScope;
}

export class PolicyLoadError extends Error {}

/** A check without its compiled programs, vars and disk locations: only what a reader is told (outputs, the API). */
export function describeCheck(c: Check): Check {
  return {
    id: c.id,
    longId: c.longId,
    title: c.title,
    severity: c.severity,
    kinds: c.kinds,
    condition: c.condition,
    message: c.message,
    remediation: c.remediation,
    references: c.references,
    frameworks: c.frameworks,
    maturity: c.maturity,
    domain: c.domain,
  };
}

/** Folders never searched for checks. */
const SKIP_DIRS = new Set(['fixtures', 'node_modules', 'testdata']);
const MAX_DEPTH = 4;

export function builtinChecksDir(): string {
  return fromPackageRoot('checks');
}

export interface LoadOptions {
  /** Load the built-in library (default true). */
  builtin?: boolean;
  /** User policy folders (`--policy DIR`). */
  dirs?: string[];
}

export function loadChecks(opts: LoadOptions = {}): CheckSet {
  const scope: EvalScope = {};
  const env = createEnvironment(scope);
  const roots = [...(opts.builtin === false ? [] : [builtinChecksDir()]), ...(opts.dirs ?? [])];
  const checks: LoadedCheck[] = [];
  const seen = new Map<string, string>();
  for (const root of roots) {
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new PolicyLoadError(`policy folder not found: ${root}`);
    for (const file of findCheckFiles(root)) {
      const check = loadCheckFile(env, root, file);
      const prior = seen.get(check.id);
      if (prior) throw new PolicyLoadError(`${check.source}: duplicate check id ${check.id} (already defined in ${prior})`);
      seen.set(check.id, check.source);
      checks.push(check);
    }
  }
  checks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { checks, scope };
}

function findCheckFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && depth < MAX_DEPTH && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) visit(path.join(dir, e.name), depth + 1);
      else if (e.isFile() && e.name === 'check.yaml') out.push(path.join(dir, e.name));
    }
  };
  visit(root, 0);
  return out;
}

function loadCheckFile(env: Environment, root: string, file: string): LoadedCheck {
  const rel = path.relative(root, file).split(path.sep);
  const source = [path.basename(root), ...rel].join('/');
  const fail = (key: string, msg: string): never => {
    throw new PolicyLoadError(`${source}: ${key}: ${msg}`);
  };
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    fail('(yaml)', (e as Error).message.split('\n')[0]!);
  }
  const parsed = CheckFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys].join('.') : issue.path.join('.') || '(root)';
    fail(key, issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message);
  }
  const c = parsed.data!;
  const folder = rel.length >= 2 ? rel[rel.length - 2]! : '';
  if (folder !== c.id) fail('id', `${c.id} must match its folder name (${folder || 'none'})`);
  const domain = rel.length >= 3 ? rel[rel.length - 3]! : 'custom';

  const condition = compile(env, c.condition, 'bool');
  if (!condition.program) fail('condition', condition.error!);
  const vars: Record<string, Program> = {};
  for (const [name, expr] of Object.entries(c.vars ?? {})) {
    const r = compile(env, expr, 'any');
    if (!r.program) fail(`vars.${name}`, r.error!);
    vars[name] = r.program!;
  }
  for (const ref of c.message.matchAll(/\{\{\s*vars\.([A-Za-z0-9_]+)\s*\}\}/g)) {
    if (!(ref[1]! in vars)) fail('message', `uses {{vars.${ref[1]}}} but vars has no ${ref[1]}`);
  }
  return {
    ...describeCheck({ ...c, domain }),
    ...(c.vars ? { vars: c.vars } : {}),
    source,
    dir: path.dirname(file),
    compiled: { condition: condition.program!, vars },
  };
}
