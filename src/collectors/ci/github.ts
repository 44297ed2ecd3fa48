// GitHub Actions workflows: triggers, permissions, the actions each job uses (with their ref and whether it
// is a full commit SHA), secrets and where they go, and whether a job checks out a pull request's head
// while running on a trigger that has secrets (`pull_request_target`, `workflow_run`).

import type { AttrValue } from '../../model/index.js';
import { analyseScript, emptyFacts } from './commands.js';
import { isCredentialEnv, isLiteralSecret, type EnvEntry } from '../dockerfile/container.js';
import { isAiSecret, isPrintableCredential, type JobFacts, type SecretRef } from './pipeline.js';
import { printedSecrets, type PrintedSecret } from './leaks.js';
import { isRecord, str, type Json, type YamlFile } from './yaml.js';

/** Triggers that run with the base repository's secrets and token on events outsiders can cause. */
const PRIVILEGED_TRIGGERS = new Set(['pull_request_target', 'workflow_run', 'issue_comment', 'pull_request_review_comment', 'issues', 'discussion_comment']);
const FIRST_PARTY_OWNERS = new Set(['actions', 'github']);
const SECRET_EXPR = /\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
// Refs that check out the contributor's code rather than the base branch.
const PR_HEAD_REF = /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch)|refs\/pull\//;

export function isWorkflowPath(rel: string): boolean {
  // a YAML file directly inside `.github/workflows/` (string tests: no backtracking on long names)
  const slash = rel.lastIndexOf('/');
  const dir = rel.slice(0, slash + 1).toLowerCase();
  const base = rel.slice(slash + 1).toLowerCase();
  return (dir === '.github/workflows/' || dir.endsWith('/.github/workflows/')) && (base.endsWith('.yml') || base.endsWith('.yaml')) && base.length > 4;
}

function triggersOf(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  if (isRecord(on)) return Object.keys(on);
  return [];
}

function permissionsOf(p: unknown): AttrValue | undefined {
  if (typeof p === 'string') return p;
  if (isRecord(p)) return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
  return undefined;
}

export interface ActionUse {
  uses: string;
  action: string;
  ref?: string;
  pinned: boolean;
  thirdParty: boolean;
  kind: 'action' | 'local' | 'docker' | 'reusable-workflow';
}

/** `owner/repo/path@ref`, `./local`, `docker://image`. */
export function parseUses(uses: string): ActionUse {
  if (uses.startsWith('./')) return { uses, action: uses, pinned: true, thirdParty: false, kind: 'local' };
  if (uses.startsWith('docker://')) {
    const image = uses.slice(9);
    return { uses, action: image, pinned: /@sha256:[0-9a-f]{64}$/.test(image), thirdParty: true, kind: 'docker' };
  }
  const at = uses.lastIndexOf('@');
  const action = at > 0 ? uses.slice(0, at) : uses;
  const ref = at > 0 ? uses.slice(at + 1) : undefined;
  const owner = action.split('/')[0]!.toLowerCase();
  return {
    uses,
    action,
    ...(ref ? { ref } : {}),
    pinned: !!ref && /^[0-9a-f]{40}$/.test(ref),
    thirdParty: !FIRST_PARTY_OWNERS.has(owner),
    kind: /\.ya?ml$/.test(action) ? 'reusable-workflow' : 'action',
  };
}

/** Secrets referenced in a value; `envVar` when the value is assigned to an env entry. */
function secretsIn(value: unknown, line: number | undefined, envVar?: string): SecretRef[] {
  const out: SecretRef[] = [];
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  for (const m of text.matchAll(SECRET_EXPR)) out.push({ name: m[1]!, ...(envVar ? { envVar } : {}), line });
  return out;
}

function envSecrets(env: unknown, y: YamlFile, path: Array<string | number>): SecretRef[] {
  if (!isRecord(env)) return [];
  return Object.entries(env).flatMap(([k, v]) => {
    const line = y.lineOf([...path, k]);
    const refs = secretsIn(v, line, k);
    // a credential written into the workflow itself rather than taken from secrets
    const value = str(v);
    if (!refs.length && isAiSecret(k) && isCredentialEnv({ name: k }) && isLiteralSecret(value)) refs.push({ name: k, literal: value, line });
    return refs;
  });
}

/** Plain env values (secret expressions are handled as secrets, not values). */
function envOf(env: unknown, y: YamlFile, path: Array<string | number>): EnvEntry[] {
  if (!isRecord(env)) return [];
  return Object.entries(env)
    .filter(([, v]) => !/\$\{\{/.test(String(v)))
    .map(([name, v]) => ({ name, value: str(v) ?? '', line: y.lineOf([...path, name]) }));
}

export function readWorkflow(y: YamlFile, doc: Json): JobFacts[] {
  const triggers = triggersOf(doc.on ?? doc[true as unknown as string]);
  const privileged = triggers.filter((t) => PRIVILEGED_TRIGGERS.has(t));
  const workflowPermissions = permissionsOf(doc.permissions);
  const workflowSecrets = envSecrets(doc.env, y, ['env']);
  const jobs = isRecord(doc.jobs) ? doc.jobs : {};
  const out: JobFacts[] = [];
  for (const [id, job] of Object.entries(jobs)) {
    if (!isRecord(job)) continue;
    const base: Array<string | number> = ['jobs', id];
    const commands = emptyFacts();
    const secrets: SecretRef[] = [...workflowSecrets, ...envSecrets(job.env, y, [...base, 'env'])];
    const actions: ActionUse[] = [];
    let checksOutPrHead = false;
    const printed: PrintedSecret[] = [];
    const runs: Array<{ run: string; line?: number }> = [];
    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step, i) => {
      if (!isRecord(step)) return;
      const sp = [...base, 'steps', i];
      secrets.push(...envSecrets(step.env, y, [...sp, 'env']));
      if (isRecord(step.with)) for (const [k, v] of Object.entries(step.with)) secrets.push(...secretsIn(v, y.lineOf([...sp, 'with', k])));
      const run = str(step.run);
      if (run !== undefined) {
        secrets.push(...secretsIn(run, y.lineOf([...sp, 'run'])));
        analyseScript(run, y.contentLine([...sp, 'run']), commands);
        runs.push({ run, line: y.contentLine([...sp, 'run']) });
      }
      const uses = str(step.uses);
      if (uses) {
        const a = parseUses(uses);
        actions.push(a);
        if (a.action.toLowerCase() === 'actions/checkout' && isRecord(step.with) && PR_HEAD_REF.test(String(step.with.ref ?? ''))) checksOutPrHead = true;
      }
    });
    // a job that calls a reusable workflow
    const jobUses = str(job.uses);
    if (jobUses) {
      actions.push(parseUses(jobUses));
      if (isRecord(job.secrets)) for (const [k, v] of Object.entries(job.secrets)) secrets.push(...secretsIn(v, y.lineOf([...base, 'secrets', k]), k));
    }
    // variables the job maps from secrets count as credentials whatever their names
    const mapped = new Set(secrets.map((x) => x.envVar).filter((n): n is string => !!n));
    for (const r of runs) printed.push(...printedSecrets(r.run, r.line, (n) => mapped.has(n) || isPrintableCredential(n)));
    const images: string[] = [];
    const container = isRecord(job.container) ? str(job.container.image) : str(job.container);
    if (container) images.push(container);
    if (isRecord(job.services)) for (const s of Object.values(job.services)) if (isRecord(s) && str(s.image)) images.push(str(s.image)!);

    const attrs: Record<string, AttrValue> = {};
    if (str(doc.name)) attrs.workflow = str(doc.name)!;
    if (str(job.name)) attrs.jobName = str(job.name)!;
    attrs.triggers = triggers;
    if (privileged.length) attrs.privilegedTriggers = privileged;
    attrs.permissions = permissionsOf(job.permissions) ?? workflowPermissions ?? 'default';
    if (job.secrets === 'inherit') attrs.secretsInherited = true;
    const runsOn = Array.isArray(job['runs-on']) ? job['runs-on'].map(String) : str(job['runs-on']) ? [str(job['runs-on'])!] : [];
    if (runsOn.length) attrs.runsOn = runsOn;
    if (runsOn.includes('self-hosted')) attrs.selfHostedRunner = true;
    const environment = isRecord(job.environment) ? str(job.environment.name) : str(job.environment);
    if (environment) attrs.environment = environment;
    attrs.actions = actions.map((a) => ({ uses: a.uses, action: a.action, ...(a.ref ? { ref: a.ref } : {}), pinned: a.pinned, thirdParty: a.thirdParty, kind: a.kind }));
    const unpinned = actions.filter((a) => a.thirdParty && !a.pinned).map((a) => a.uses);
    if (unpinned.length) attrs.unpinnedThirdPartyActions = unpinned;
    attrs.checksOutPrHead = checksOutPrHead;
    if (printed.length) attrs.printsSecrets = [...new Set(printed.map((p) => p.name))];
    const env = [...envOf(doc.env, y, ['env']), ...envOf(job.env, y, [...base, 'env']), ...steps.flatMap((s, i) => (isRecord(s) ? envOf(s.env, y, [...base, 'steps', i, 'env']) : []))];
    out.push({ ci: 'github-actions', file: y.rel, job: id, line: y.lineOf(base) ?? 1, commands, secrets, images, env, attrs });
  }
  return out;
}
