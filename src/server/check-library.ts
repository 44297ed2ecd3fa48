// The check library a server judges with: the built-in checks plus the custom checks admins store (migration 006).
// A custom check is validated and compiled by the policy loader the CLI's `--policy` folders go through, never by a
// second validator, so an upload is accepted exactly when `aispm scan --policy` would accept the same file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CheckDetail, CheckInfo } from '../model/api.js';
import { type Check, SEVERITIES, type Severity } from '../model/index.js';
import { type CheckSet, type CheckText, type LoadedCheck, loadChecks, PolicyLoadError } from '../policy/index.js';
import { describeCheck } from '../policy/loader.js';
import { type CustomCheckRecord, listCustomChecks, withdrawnCustomCheckIds } from '../store/custom-checks.js';
import type { Queryable } from '../store/db.js';

/** Longest check.yaml accepted (the longest built-in is under 3 kB). */
export const MAX_CHECK_YAML = 64 * 1024;

/** How a custom check is named in errors and as its `source`. */
export const customCheckSource = (id: string) => `custom-checks/${id}`;

let builtin: { checks: LoadedCheck[]; byId: Map<string, LoadedCheck> } | undefined;

/** The built-in library, loaded once per process (its files are part of the installed package). */
export function builtinChecks(): { checks: LoadedCheck[]; byId: Map<string, LoadedCheck> } {
  if (!builtin) {
    const checks = loadChecks().checks;
    builtin = { checks, byId: new Map(checks.map((c) => [c.id, c])) };
  }
  return builtin;
}

/**
 * Validates one check's YAML as `--policy` does (schema, CEL compiled, `{{vars.x}}` defined) and that its id is not a
 * built-in one; `id` requires that id (editing keeps a check's id). Throws a PolicyLoadError naming the key and line.
 * Answers the check and the one-check set it was compiled in (ready for `evaluate`).
 */
export function validateCheckYaml(yaml: string, opts: { id?: string } = {}): { check: LoadedCheck; set: CheckSet } {
  const set = loadChecks({ builtin: false, texts: [{ source: 'check.yaml', text: yaml, ...(opts.id ? { id: opts.id } : {}) }] });
  const check = set.checks[0]!;
  if (builtinChecks().byId.has(check.id)) {
    const problem = `${check.id} is the id of a built-in check; custom checks need their own (e.g. ACME-001)`;
    throw new PolicyLoadError(`check.yaml: id: ${problem}`, { key: 'id', line: lineOfKey(yaml, 'id'), problem });
  }
  return { check, set };
}

function lineOfKey(yaml: string, key: string): number | undefined {
  const i = yaml.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  return i < 0 ? undefined : i + 1;
}

/** A stored check as it loads now: the check, or why it does not (a newer aispm may have taken its id or changed a rule). */
export function loadStored(r: CustomCheckRecord): { check?: LoadedCheck; problem?: string } {
  try {
    return { check: validateCheckYaml(r.yaml, { id: r.id }).check };
  } catch (e) {
    if (e instanceof PolicyLoadError) return { problem: e.at ? `${e.at.line ? `line ${e.at.line}: ` : ''}${e.at.key}: ${e.at.problem}` : e.message };
    throw e;
  }
}

export function checkInfo(c: Check, custom: boolean, enabled: boolean): CheckInfo {
  return {
    id: c.id, longId: c.longId, title: c.title, severity: c.severity, domain: c.domain, kinds: [...c.kinds], maturity: c.maturity,
    frameworks: c.frameworks as Record<string, string[]>, remediation: c.remediation, references: [...c.references], custom, enabled,
  };
}

/** A custom check whose YAML no longer loads: what can still be read from it, so the list can show it with its problem. */
function unloadableInfo(r: CustomCheckRecord): CheckInfo {
  let raw: Record<string, unknown> = {};
  try {
    const parsed = parseYaml(r.yaml) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // unreadable YAML: the id is all there is
  }
  const text = (v: unknown, d: string) => (typeof v === 'string' && v ? v : d);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    id: r.id, longId: text(raw.longId, r.id.toLowerCase()), title: text(raw.title, r.id),
    severity: SEVERITIES.includes(raw.severity as Severity) ? (raw.severity as Severity) : 'info', domain: 'custom', kinds: list(raw.kinds),
    maturity: text(raw.maturity, 'experimental'), frameworks: {}, remediation: text(raw.remediation, ''), references: list(raw.references),
    custom: true, enabled: r.enabled,
  };
}

/** The detail of a custom check as stored. */
export function customCheckDetail(r: CustomCheckRecord): CheckDetail {
  const { check, problem } = loadStored(r);
  const info = check ? checkInfo(check, true, r.enabled) : unloadableInfo(r);
  return {
    ...info, condition: check?.condition ?? '', message: check?.message ?? '', yaml: r.yaml, problem: problem ?? null,
    createdBy: r.createdBy, createdAt: r.createdAt, updatedBy: r.updatedBy, updatedAt: r.updatedAt,
  };
}

/** The detail of a built-in check, with its check.yaml as a template for authors. */
export function builtinCheckDetail(c: LoadedCheck): CheckDetail {
  return {
    ...checkInfo(c, false, true), condition: c.condition, message: c.message, yaml: readFileSync(path.join(c.dir, 'check.yaml'), 'utf8'),
    problem: null, createdBy: null, createdAt: null, updatedBy: null, updatedAt: null,
  };
}

/** Every check of the server's library: built-in (deprecated ones left out, as scans skip them) and custom. */
export async function libraryChecks(q: Queryable): Promise<CheckInfo[]> {
  const custom = await listCustomChecks(q);
  return [
    ...builtinChecks().checks.filter((c) => c.maturity !== 'deprecated').map((c) => checkInfo(c, false, true)),
    ...custom.map((r) => {
      const { check } = loadStored(r);
      return check ? checkInfo(check, true, r.enabled) : unloadableInfo(r);
    }),
  ];
}

/** The enabled custom checks that load, as descriptions: what compliance counts beside the built-in library. */
export async function enabledCustomChecks(q: Queryable): Promise<Check[]> {
  const out: Check[] = [];
  for (const r of await listCustomChecks(q, { enabledOnly: true })) {
    const { check } = loadStored(r);
    if (check) out.push(describeCheck(check));
  }
  return out;
}

/**
 * What a server scan judges with beyond the built-in library: the enabled custom checks that load (one that does not
 * is skipped with a message, so one bad check never stops every scan), and the withdrawn ones (disabled or deleted),
 * which the scan speaks for so that their findings resolve.
 */
export async function customChecksForScan(q: Queryable, log: (msg: string) => void): Promise<{ texts: CheckText[]; withdrawn: string[] }> {
  const texts: CheckText[] = [];
  for (const r of await listCustomChecks(q, { enabledOnly: true })) {
    const { problem } = loadStored(r);
    if (problem) log(`custom check ${r.id} skipped: ${problem}`);
    else texts.push({ source: customCheckSource(r.id), text: r.yaml, id: r.id });
  }
  const builtinIds = builtinChecks().byId;
  const withdrawn = (await withdrawnCustomCheckIds(q)).filter((id) => !builtinIds.has(id));
  return { texts, withdrawn };
}
