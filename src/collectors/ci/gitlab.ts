// GitLab CI (`.gitlab-ci.yml` and included `*.gitlab-ci.yml` files): jobs with their scripts (including
// `default:` and `extends:` templates), images and services, variables (values masked), the CI/CD
// variables their scripts read, and the rules that decide when they run.

import type { AttrValue } from '../../model/index.js';
import { isCredentialEnv, isLiteralSecret, maskEnvValue } from '../dockerfile/container.js';
import { analyseScript, emptyFacts } from './commands.js';
import { printedSecrets, type PrintedSecret } from './leaks.js';
import { isAiSecret, isPrintableCredential, type JobFacts, type SecretRef } from './pipeline.js';
import { isRecord, str, type Json, type YamlFile } from './yaml.js';

const RESERVED = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'spec']);
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'] as const;
// `$NAME` and `${NAME}` in scripts: CI/CD variables, which is where GitLab keeps credentials
const VAR_REF = /\$\{?([A-Z_][A-Z0-9_]*)\}?/g;
const PIPELINE_SOURCE = /\$CI_PIPELINE_SOURCE\s*==\s*["']([\w-]+)["']/g;

export function isGitlabCiPath(rel: string, base: string): boolean {
  if (base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml' || base.endsWith('.gitlab-ci.yml') || base.endsWith('.gitlab-ci.yaml')) return true;
  // included pipeline files kept in `.gitlab/ci/`
  const parts = rel.split('/');
  return parts.length >= 3 && parts[parts.length - 3] === '.gitlab' && parts[parts.length - 2] === 'ci' && /\.ya?ml$/.test(base);
}

function imageName(v: unknown): string | undefined {
  return isRecord(v) ? str(v.name) : str(v);
}

function lines(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.flatMap(lines) : [];
}

/** A job with its `extends:` templates merged underneath it (templates first, the job wins). */
function resolveExtends(doc: Json, job: Json, depth = 0): Json {
  const ext = job.extends;
  const names = typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext.map(String) : [];
  if (!names.length || depth > 10) return job;
  const merged: Json = {};
  for (const n of names) if (isRecord(doc[n])) Object.assign(merged, resolveExtends(doc, doc[n] as Json, depth + 1));
  return { ...merged, ...job };
}

const SHA = /^[0-9a-f]{40}$/;

/**
 * Pipeline code pulled from elsewhere that can change without a commit here: `remote:` URLs without an
 * `integrity:` hash, `project:` includes not at a commit SHA, components not at a SHA or an exact version.
 * GitLab's own `template:` includes and `local:` files are not counted.
 */
export function unpinnedIncludes(include: unknown): string[] {
  const list = Array.isArray(include) ? include : include === undefined ? [] : [include];
  const out: string[] = [];
  for (const inc of list) {
    if (typeof inc === 'string') {
      if (/^https?:\/\//i.test(inc)) out.push(`remote:${inc}`);
      continue;
    }
    if (!isRecord(inc)) continue;
    const remote = str(inc.remote);
    const project = str(inc.project);
    const component = str(inc.component);
    if (remote && !str(inc.integrity)) out.push(`remote:${remote}`);
    if (project && !SHA.test(str(inc.ref) ?? '')) out.push(`project:${project}@${str(inc.ref) ?? 'HEAD'}`);
    if (component) {
      const at = component.lastIndexOf('@');
      const version = at > 0 ? component.slice(at + 1) : '';
      const exact = version.split('.').length === 3 && version.split('.').every((p) => /^\d{1,9}$/.test(p));
      if (!SHA.test(version) && !exact) out.push(`component:${component}`);
    }
  }
  return out;
}

const isTrueVar = (v: unknown) => /^(?:true|1)$/i.test(String(isRecord(v) ? v.value : v ?? '').trim());

export function readGitlab(y: YamlFile, doc: Json): JobFacts[] {
  const defaults = isRecord(doc.default) ? doc.default : {};
  const globalVars = isRecord(doc.variables) ? doc.variables : {};
  const includes = unpinnedIncludes(doc.include);
  const out: JobFacts[] = [];
  for (const [id, raw] of Object.entries(doc)) {
    if (RESERVED.has(id) || id.startsWith('.') || !isRecord(raw)) continue;
    const job = resolveExtends(doc, raw);
    if (!SCRIPT_KEYS.some((k) => job[k] !== undefined) && job.trigger === undefined) continue;
    const commands = emptyFacts();
    const printed: PrintedSecret[] = [];
    const referenced = new Map<string, number | undefined>();
    for (const key of SCRIPT_KEYS) {
      const own = job[key] !== undefined;
      const script = own ? job[key] : (defaults[key] ?? doc[key]);
      const path = own && raw[key] !== undefined ? [id, key] : undefined;
      lines(script).forEach((text, i) => {
        const line = path ? (y.lineOf([...path, i]) ?? y.lineOf(path)) : undefined;
        analyseScript(text, line, commands);
        printed.push(...printedSecrets(text, line, isPrintableCredential));
        for (const m of text.matchAll(VAR_REF)) if (!referenced.has(m[1]!)) referenced.set(m[1]!, line);
      });
    }
    const jobVars = isRecord(job.variables) ? job.variables : {};
    const variables = { ...globalVars, ...jobVars };
    const secrets: SecretRef[] = [...referenced].filter(([n]) => isAiSecret(n) && !(n in variables)).map(([name, line]) => ({ name, line: line ?? y.lineOf([id]) }));
    // a credential written into the file itself
    // global variables reach every job; they count for the jobs whose scripts read them
    for (const [name, v] of Object.entries(variables)) {
      if (!(name in jobVars) && !referenced.has(name)) continue;
      const value = isRecord(v) ? str(v.value) : str(v);
      if (isAiSecret(name) && isCredentialEnv({ name }) && isLiteralSecret(value)) secrets.push({ name, literal: value, line: y.lineOf([id, 'variables', name]) ?? y.lineOf(['variables', name]) });
    }
    // Vault / cloud secrets declared on the job
    if (isRecord(job.secrets)) for (const name of Object.keys(job.secrets)) secrets.push({ name, line: y.lineOf([id, 'secrets', name]) });

    const images = [imageName(job.image ?? defaults.image ?? doc.image), ...(Array.isArray(job.services) ? job.services : []).map(imageName)].filter((i): i is string => !!i);
    const attrs: Record<string, AttrValue> = {};
    const stage = str(job.stage);
    if (stage) attrs.stage = stage;
    const rules = (Array.isArray(job.rules) ? job.rules : []).map((r) => (isRecord(r) ? str(r.if) : undefined)).filter((r): r is string => !!r);
    if (rules.length) attrs.rules = rules;
    const sources = new Set<string>();
    const workflowRules = isRecord(doc.workflow) && Array.isArray(doc.workflow.rules) ? doc.workflow.rules.map((r) => (isRecord(r) ? (str(r.if) ?? '') : '')) : [];
    for (const r of [...rules, ...workflowRules]) for (const m of r.matchAll(PIPELINE_SOURCE)) sources.add(m[1]!);
    const only = job.only;
    for (const o of Array.isArray(only) ? only : isRecord(only) && Array.isArray(only.refs) ? only.refs : []) if (String(o) === 'merge_requests') sources.add('merge_request_event');
    attrs.triggers = sources.size ? [...sources].sort() : ['push'];
    if (str(job.when)) attrs.when = str(job.when)!;
    const environment = isRecord(job.environment) ? str(job.environment.name) : str(job.environment);
    if (environment) attrs.environment = environment;
    const masked = Object.fromEntries(Object.entries(jobVars).map(([k, v]) => [k, maskEnvValue({ name: k, value: isRecord(v) ? (str(v.value) ?? '') : (str(v) ?? '') })]));
    if (Object.keys(masked).length) attrs.variables = masked;
    if (job.trigger !== undefined) attrs.triggersPipeline = true;
    if (printed.length) attrs.printsSecrets = [...new Set(printed.map((p) => p.name))];
    // GitLab's debug trace writes every variable, masked or not, into the job log
    if (isTrueVar(variables.CI_DEBUG_TRACE) || isTrueVar(variables.CI_DEBUG_SERVICES)) attrs.debugTrace = true;
    if (includes.length) attrs.unpinnedIncludes = includes;
    const env = Object.entries(variables)
      .filter(([name]) => (name in jobVars || referenced.has(name)) && !secrets.some((s) => s.name === name))
      .map(([name, v]) => ({ name, value: isRecord(v) ? (str(v.value) ?? '') : (str(v) ?? ''), line: y.lineOf([id, 'variables', name]) ?? y.lineOf(['variables', name]) }));
    out.push({ ci: 'gitlab-ci', file: y.rel, job: id, line: y.lineOf([id]) ?? 1, commands, secrets, images, env, attrs });
  }
  return out;
}
