// Loads checks from folders: the built-in `checks/<domain>/<ID>/check.yaml` and any user folder given with
// `--policy DIR` in the same layout (`DIR/<domain>/<ID>/check.yaml`, or `DIR/<ID>/check.yaml` for domain
// `custom`), and from YAML texts (the server's custom checks). Every check is validated and every condition
// compiled here, once, whatever it came from; ids must be unique across all.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Environment } from '@marcbachmann/cel-js';
import type { Check } from '../model/index.js';
import { compile, createEnvironment, type EvalScope, type Program } from './cel-env.js';
import { fromPackageRoot } from './package-root.js';
import { CheckFileSchema } from './schema.js';

export interface LoadedCheck extends Check {
  /** Where the check was read from (relative to the folder it was loaded from, with that folder's name). */
  source: string;
  /** The check's folder on disk (fixtures and expected results live there); empty for a check given as text. */
  dir: string;
  vars?: Record<string, string>;
  compiled: { condition: Program; vars: Record<string, Program> };
}

export interface CheckSet {
  checks: LoadedCheck[];
  /** Shared by every compiled program: the evaluator points it at the graph being judged. */
  scope: EvalScope;
}

/** A check that cannot be loaded: the message names the file (or text), the key and the problem. */
export class PolicyLoadError extends Error {
  constructor(
    message: string,
    /** Where in the check, when one check is at fault: its key path, 1-based line (when known) and the problem alone. */
    readonly at?: { key: string; line?: number; problem: string },
  ) {
    super(message);
  }
}

/** A check given as YAML text instead of a file (the server's custom checks). */
export interface CheckText {
  /** Names the check in errors and as its `source`, e.g. `custom-checks/ACME-001`. */
  source: string;
  text: string;
  /** The id the check must have (the record it is stored as); absent: any id. */
  id?: string;
  /** Default `custom`. */
  domain?: string;
}

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
  /** Checks given as YAML text, loaded after the folders. */
  texts?: readonly CheckText[];
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
  for (const t of opts.texts ?? []) {
    const check = { ...compileCheckText(env, t.text, { source: t.source, id: t.id, domain: t.domain ?? 'custom' }), dir: '' };
    const prior = seen.get(check.id);
    if (prior) throw new PolicyLoadError(`${check.source}: duplicate check id ${check.id} (already defined in ${prior})`, { key: 'id', problem: `duplicate check id ${check.id} (already defined in ${prior})` });
    seen.set(check.id, check.source);
    checks.push(check);
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
  const folder = rel.length >= 2 ? rel[rel.length - 2]! : '';
  const domain = rel.length >= 3 ? rel[rel.length - 3]! : 'custom';
  const check = compileCheckText(env, readFileSync(file, 'utf8'), { source, id: folder, idOf: `its folder name (${folder || 'none'})`, domain });
  return { ...check, dir: path.dirname(file) };
}

/** Validates one check's YAML and compiles its CEL; a problem throws a PolicyLoadError naming the key and line. */
function compileCheckText(env: Environment, text: string, o: { source: string; id?: string; idOf?: string; domain: string }): Omit<LoadedCheck, 'dir'> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const fail = (key: string, msg: string, line?: number): never => {
    throw new PolicyLoadError(`${o.source}: ${key}: ${msg}`, { key, ...(line ? { line } : {}), problem: msg });
  };
  const yamlError = doc.errors[0];
  if (yamlError) fail('(yaml)', yamlError.message.split('\n')[0]!.replace(/:\s*$/, ''), yamlError.linePos?.[0]?.line);
  const parsed = CheckFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const unknown = issue.code === 'unrecognized_keys';
    const keyPath = unknown ? [...issue.path, ...issue.keys] : issue.path;
    fail(keyPath.join('.') || '(root)', unknown ? 'unknown key' : issue.message, lineOf(doc, lines, keyPath as Array<string | number>));
  }
  const c = parsed.data!;
  const at = (...keyPath: string[]) => lineOf(doc, lines, keyPath);
  if (o.id !== undefined && o.id !== c.id) fail('id', `${c.id} must match ${o.idOf ?? o.id}`, at('id'));

  const condition = compile(env, c.condition, 'bool');
  if (!condition.program) fail('condition', condition.error!, at('condition'));
  const vars: Record<string, Program> = {};
  for (const [name, expr] of Object.entries(c.vars ?? {})) {
    const r = compile(env, expr, 'any');
    if (!r.program) fail(`vars.${name}`, r.error!, at('vars', name));
    vars[name] = r.program!;
  }
  for (const ref of c.message.matchAll(/\{\{\s*vars\.([A-Za-z0-9_]+)\s*\}\}/g)) {
    if (!(ref[1]! in vars)) fail('message', `uses {{vars.${ref[1]}}} but vars has no ${ref[1]}`, at('message'));
  }
  return {
    ...describeCheck({ ...c, domain: o.domain }),
    ...(c.vars ? { vars: c.vars } : {}),
    source: o.source,
    compiled: { condition: condition.program!, vars },
  };
}

/** The 1-based line of a key path (the key itself for map entries), or of its nearest existing parent below the root. */
function lineOf(doc: Document, lines: LineCounter, keyPath: ReadonlyArray<string | number>): number | undefined {
  for (let n = keyPath.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(keyPath.slice(0, n - 1), true);
    const last = keyPath[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
      const offset = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
      if (offset !== undefined) return lines.linePos(offset).line;
    } else {
      const node = doc.getIn(keyPath.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
  }
  return undefined;
}
