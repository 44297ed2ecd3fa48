// `aispm findings`, `aispm finding`, `aispm accept`, `aispm ignore`, `aispm reopen`, `aispm kpis`: the finding
// lifecycle in the store, from the terminal. Fingerprints may be shortened to any unique prefix (like git hashes).

import { Command, InvalidArgumentError, Option } from 'commander';
import os from 'node:os';
import { formatColumns } from '../formats/table.js';
import { SEVERITIES, type FindingStatus, type Severity } from '../model/index.js';
import { ScanInputError } from '../scan.js';
import type { FindingQuery, Kpis, Store, StoredFinding } from '../store/index.js';
import { emit, openConfiguredStore, sourceName } from './common.js';

const STATUSES: FindingStatus[] = ['open', 'resolved', 'accepted', 'false-positive'];
/** Shortest prefix accepted for a fingerprint: shorter ones match too much to be a deliberate choice. */
const MIN_PREFIX = 4;
const SHORT = 12;

function listOf<T extends string>(allowed: readonly T[], what: string) {
  return (v: string): T[] => {
    const items = v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    if (what === 'status' && items.includes('all')) return [...allowed];
    const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
    if (bad.length || !items.length) throw new InvalidArgumentError(`expected ${what} values from ${allowed.join(', ')}${what === 'status' ? ', all' : ''} (comma-separated)`);
    return items as T[];
  };
}

function parseDate(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(new Date(`${v}T00:00:00Z`).getTime())) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  return v;
}

function currentUser(): string {
  if (process.env.USER) return process.env.USER;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function withStore<T>(dataDir: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(dataDir);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A full fingerprint from a unique prefix; unknown or ambiguous prefixes are usage errors (exit 2). */
export async function resolveFingerprint(store: Store, prefix: string): Promise<string> {
  const p = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(p)) throw new ScanInputError(`"${prefix}" is not a fingerprint (hex digits, as \`aispm findings\` prints them)`);
  if (p.length < MIN_PREFIX) throw new ScanInputError(`fingerprint prefix "${prefix}" is too short: give at least ${MIN_PREFIX} characters`);
  const found = await store.matchFingerprints(p, 6);
  if (!found.length) throw new ScanInputError(`no stored finding has a fingerprint starting with ${p} (see \`aispm findings --status all\`)`);
  if (found.length > 1) {
    throw new ScanInputError(`fingerprint prefix ${p} is ambiguous: it matches ${found.slice(0, 5).map((f) => f.slice(0, SHORT)).join(', ')}${found.length > 5 ? ', …' : ''}; give more characters`);
  }
  return found[0];
}

/** Store errors about the request (not found, wrong state, bad input) are the user's to fix: exit 2. */
async function asUsage<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if ((e as Error)?.name === 'FindingTriageError') throw new ScanInputError((e as Error).message);
    throw e;
  }
}

function where(f: StoredFinding): string {
  const e = f.evidence.find((x) => x.file && x.file !== '.');
  return e ? `${e.file}${e.line ? `:${e.line}` : ''}` : '';
}

function statusText(f: StoredFinding): string {
  if (f.status === 'accepted') return f.acceptedUntil ? `accepted until ${f.acceptedUntil.slice(0, 10)}` : 'accepted';
  if (f.status === 'open' && f.suppressed) return `open (${f.suppressed.kind})`;
  return f.status;
}

export function renderFindingsTable(page: { items: StoredFinding[]; total: number }, width = 120): string {
  if (!page.items.length) return 'No findings match.\n';
  const rows = page.items.map((f) => [f.fingerprint.slice(0, SHORT), String(f.score), f.severity, statusText(f), f.checkId,
    f.title, where(f), f.firstSeen.slice(0, 10)]);
  const out = formatColumns([['FINGERPRINT', 'SCORE', 'SEVERITY', 'STATUS', 'CHECK', 'TITLE', 'LOCATION', 'FIRST SEEN'], ...rows], width);
  if (page.total > page.items.length) out.push(`  … ${page.total - page.items.length} more (use --limit, or --format json)`);
  return out.join('\n') + '\n';
}

export function renderFinding(f: StoredFinding, history: Awaited<ReturnType<Store['findingHistory']>>): string {
  const lines = [
    `${f.fingerprint}`,
    `  ${f.checkId}  ${f.severity}  score ${f.score}  ${statusText(f)}${f.assignee ? `  assigned to ${f.assignee}` : ''}`,
    `  ${f.title}`,
    `  ${f.message}`,
    `  source ${f.source}; first seen ${f.firstSeen} (${f.firstScan}); last seen ${f.lastSeen} (${f.lastScan})${f.resolvedAt ? `; resolved ${f.resolvedAt}` : ''}`,
  ];
  if (f.suppressed) lines.push(`  suppressed (${f.suppressed.kind}${f.suppressed.by ? ` by ${f.suppressed.by}` : ''}): ${f.suppressed.reason}`);
  for (const e of f.evidence.slice(0, 5)) lines.push(`  at ${e.file ?? e.uri ?? ''}${e.line ? `:${e.line}` : ''}${e.snippet ? `  ${e.snippet}` : ''}`);
  if (f.remediation) lines.push(`  remediation: ${f.remediation}`);
  lines.push('  history:');
  for (const e of history) {
    const extra = e.kind === 'assigned' ? (e.assignee ?? 'unassigned') : [e.reason, e.until ? `until ${e.until}` : ''].filter(Boolean).join(', ');
    lines.push(`    ${e.at}  ${e.kind.padEnd(14)} ${e.by}${extra ? `  ${extra}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function renderKpis(k: Kpis): string {
  const sev = SEVERITIES.map((s) => `${k.openFindingsBySeverity[s]} ${s}`).join(', ');
  const lines = [
    `Posture KPIs${k.source ? ` for ${k.source}` : ' (all sources)'}`,
    `  Assets with an owner            ${pct(k.ownerCoverage)} of ${k.assets}`,
    `  Models and agents mapped        ${pct(k.mappingCoverage)} of ${k.modelsAndAgents ?? 0}` +
      (k.mappedTo ? ` (data ${pct(k.mappedTo.data)}, identities ${pct(k.mappedTo.identities)}, endpoints ${pct(k.mappedTo.endpoints)})` : ''),
    `  Shadow AI services              ${k.shadowAiServices}`,
    `  Open findings                   ${sev}`,
    `  Mean time to remediate          ${k.meanTimeToRemediateHours === null ? 'n/a (nothing resolved yet)' : `${k.meanTimeToRemediateHours.toFixed(1)} h over ${k.remediated ?? 0} remediation(s)`}`,
  ];
  return lines.join('\n') + '\n';
}

export function registerFindingsCommands(program: Command): void {
  const format = () => new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table');

  program
    .command('findings')
    .description('list stored findings with their lifecycle status (highest score first)')
    .argument('[source]', 'only this source (name or the scanned folder); default: all sources')
    .option('--status <list>', `comma-separated: ${STATUSES.join(', ')}, or all`, listOf(STATUSES, 'status'), ['open'] as FindingStatus[])
    .option('--severity <list>', `comma-separated: ${SEVERITIES.join(', ')}`, listOf(SEVERITIES, 'severity'))
    .option('--check <id>', 'only this check id')
    .addOption(new Option('--sort <field>', 'sort by').choices(['score', 'severity', 'firstSeen', 'lastSeen', 'checkId']).default('score'))
    .option('-n, --limit <n>', 'how many (at most 1000)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number above 0');
      return n;
    }, 100)
    .addOption(format())
    .option('--data-dir <dir>', 'embedded store location')
    .action(async (source: string | undefined, o: { status: FindingStatus[]; severity?: Severity[]; check?: string; sort: FindingQuery['sort']; limit: number; format: string; dataDir?: string }) => {
      const query: FindingQuery = { status: o.status, severity: o.severity, checkId: o.check, sort: o.sort, limit: o.limit };
      if (source) query.source = await sourceName(source);
      const page = await withStore(o.dataDir, (store) => store.findings(query));
      const width = process.stdout.isTTY ? process.stdout.columns : 160;
      await emit(o.format === 'json' ? JSON.stringify(page, null, 2) + '\n' : renderFindingsTable(page, width));
    });

  program
    .command('finding')
    .description('one stored finding with its evidence and history')
    .argument('<fingerprint>', 'fingerprint or a unique prefix of it')
    .option('--source <name>', 'the source, when several share the fingerprint')
    .addOption(format())
    .option('--data-dir <dir>', 'embedded store location')
    .action(async (prefix: string, o: { source?: string; format: string; dataDir?: string }) => {
      const text = await withStore(o.dataDir, async (store) => {
        const fp = await resolveFingerprint(store, prefix);
        const f = await store.finding(fp, o.source);
        if (!f) throw new ScanInputError(`finding ${fp.slice(0, SHORT)} is not in source ${o.source}`);
        const history = await store.findingHistory(fp, f.source);
        return o.format === 'json' ? JSON.stringify({ ...f, history }, null, 2) + '\n' : renderFinding(f, history);
      });
      await emit(text);
    });

  program
    .command('accept')
    .description('accept the risk of a finding (optionally until a date, when it reopens); records who and why')
    .argument('<fingerprint>', 'fingerprint or a unique prefix of it')
    .requiredOption('--reason <text>', 'why the risk is accepted')
    .option('--until <date>', 'YYYY-MM-DD: the acceptance lapses at the start of that day (UTC) and the finding reopens', parseDate)
    .option('--by <name>', 'who decided (default: the current user)')
    .option('--data-dir <dir>', 'embedded store location')
    .action(async (prefix: string, o: { reason: string; until?: string; by?: string; dataDir?: string }) => {
      const f = await withStore(o.dataDir, async (store) => {
        const fp = await resolveFingerprint(store, prefix);
        return asUsage(store.triageFinding(fp, { status: 'accepted', reason: o.reason, by: o.by ?? currentUser(), until: o.until }));
      });
      process.stdout.write(`Accepted ${f.fingerprint.slice(0, SHORT)} (${f.checkId}: ${f.title})${f.acceptedUntil ? ` until ${f.acceptedUntil.slice(0, 10)}` : ''}\n`);
    });

  program
    .command('ignore')
    .description('mark a finding as a false positive; records who and why')
    .argument('<fingerprint>', 'fingerprint or a unique prefix of it')
    .requiredOption('--reason <text>', 'why it is a false positive')
    .option('--by <name>', 'who decided (default: the current user)')
    .option('--data-dir <dir>', 'embedded store location')
    .action(async (prefix: string, o: { reason: string; by?: string; dataDir?: string }) => {
      const f = await withStore(o.dataDir, async (store) => {
        const fp = await resolveFingerprint(store, prefix);
        return asUsage(store.triageFinding(fp, { status: 'false-positive', reason: o.reason, by: o.by ?? currentUser() }));
      });
      process.stdout.write(`Marked ${f.fingerprint.slice(0, SHORT)} (${f.checkId}: ${f.title}) as a false positive\n`);
    });

  program
    .command('reopen')
    .description('reopen an accepted or false-positive finding')
    .argument('<fingerprint>', 'fingerprint or a unique prefix of it')
    .option('--reason <text>', 'why')
    .option('--by <name>', 'who decided (default: the current user)')
    .option('--data-dir <dir>', 'embedded store location')
    .action(async (prefix: string, o: { reason?: string; by?: string; dataDir?: string }) => {
      const f = await withStore(o.dataDir, async (store) => {
        const fp = await resolveFingerprint(store, prefix);
        return asUsage(store.triageFinding(fp, { status: 'open', reason: o.reason, by: o.by ?? currentUser() }));
      });
      process.stdout.write(`Reopened ${f.fingerprint.slice(0, SHORT)} (${f.checkId}: ${f.title}): ${f.status}\n`);
    });

  program
    .command('kpis')
    .description('posture KPIs: owner coverage, mapping coverage, shadow AI, open findings, mean time to remediate')
    .argument('[source]', 'only this source (name or the scanned folder); default: all sources')
    .addOption(format())
    .option('--data-dir <dir>', 'embedded store location')
    .action(async (source: string | undefined, o: { format: string; dataDir?: string }) => {
      const name = source ? await sourceName(source) : undefined;
      const k = await withStore(o.dataDir, async (store) => {
        if (name !== undefined && !(await store.listSources()).some((s) => s.name === name)) {
          throw new ScanInputError(`no stored scans for source "${name}"; run \`aispm scan\` first`);
        }
        return store.kpis(name);
      });
      await emit(o.format === 'json' ? JSON.stringify(k, null, 2) + '\n' : renderKpis(k));
    });
}
