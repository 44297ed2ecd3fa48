// `aispm shadow LOGFILE...`: which AI services egress logs show, who used them, and which of them are
// shadow AI (used, but neither sanctioned by the allow-list nor declared by scanned code or IaC). The
// results are also stored as a scan of ai-service assets (source `egress`) so inventory, checks and KPIs
// see them. Wiring only: the work is in src/shadow/.

import { Command, InvalidArgumentError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import type { Report } from '../model/index.js';
import { REPORT_SCHEMA_VERSION } from '../model/index.js';
import { ScanInputError } from '../scan.js';
import { EgressAggregator, summariseAll, type ServiceSummary } from '../shadow/aggregate.js';
import { AllowListError, parseAllowList, type AllowList } from '../shadow/allowlist.js';
import { analyseLog, type LogStats } from '../shadow/analyse.js';
import { EGRESS_COLLECTOR_ID, serviceAsset } from '../shadow/assets.js';
import { LOG_FORMATS, type LogFormat } from '../shadow/parsers/index.js';
import { ColumnSpecError, parseColumnSpec, type ColumnMap } from '../shadow/records.js';
import { renderShadowTable } from '../shadow/render.js';
import { VERSION } from '../version.js';
import { defaultDataDir } from './config.js';

export const DEFAULT_SHADOW_SOURCE = 'egress';

export interface ShadowIo {
  out(text: string): Promise<void> | void;
  err(text: string): void;
}

const processIo: ShadowIo = {
  out: (text) => new Promise<void>((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve))),
  err: (text) => void process.stderr.write(text),
};

interface ShadowFlags {
  allow?: string;
  columns?: ColumnMap;
  logFormat?: LogFormat;
  format: 'table' | 'json';
  source: string;
  store: boolean;
  dataDir?: string;
  quiet?: boolean;
}


function columnsArg(v: string): ColumnMap {
  try {
    return parseColumnSpec(v);
  } catch (e) {
    throw new InvalidArgumentError((e as ColumnSpecError).message);
  }
}

async function loadAllowList(file: string): Promise<AllowList> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new ScanInputError(`allow-list not found: ${file}`);
  });
  try {
    return parseAllowList(text, file);
  } catch (e) {
    if (e instanceof AllowListError) throw new ScanInputError(`invalid allow-list: ${e.message}`);
    throw e;
  }
}

/** Keys of ai-services found in other sources by collectors other than this one: what code and IaC declare. */
async function declaredServices(store: import('../store/index.js').Store, exceptSource: string): Promise<{ keys: Set<string>; sources: string[] }> {
  const keys = new Set<string>();
  const sources: string[] = [];
  for (const src of await store.listSources()) {
    if (src.name === exceptSource) continue;
    sources.push(src.name);
    for (const a of await store.assets(src.name, { kind: 'ai-service' })) {
      if (a.evidence.some((e) => e.collector !== EGRESS_COLLECTOR_ID)) keys.add(a.key);
    }
  }
  return { keys, sources: sources.sort() };
}

function reportOf(services: ServiceSummary[], logs: LogStats[], source: string, startedAt: Date, bytes: number): Report {
  const finishedAt = new Date();
  const assets = services.map(serviceAsset);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'aispm', version: VERSION },
    scan: {
      root: logs.map((l) => l.file).join(' '),
      source,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      stats: {
        files: logs.length,
        bytes,
        skipped: logs.filter((l) => !l.format).length,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        byCollector: { [EGRESS_COLLECTOR_ID]: { files: logs.length, assets: assets.length, ms: finishedAt.getTime() - startedAt.getTime() } },
      },
    },
    assets,
    edges: [],
    warnings: logs.flatMap((l) => [
      ...(l.format ? [] : [{ file: l.file, message: 'not an egress log this tool reads (Squid, common log format, Zeek, JSON lines, CSV, key=value)', collector: EGRESS_COLLECTOR_ID }]),
      ...l.warnings.map((w) => ({ file: l.file, ...(w.line !== undefined ? { line: w.line } : {}), message: w.message, collector: EGRESS_COLLECTOR_ID })),
    ]),
  };
}

export async function runShadow(files: string[], o: ShadowFlags, io: ShadowIo = processIo): Promise<{ services: ServiceSummary[]; report: Report }> {
  const startedAt = new Date();
  let bytes = 0;
  for (const f of files) {
    const st = await fs.stat(f).catch(() => undefined);
    if (!st) throw new ScanInputError(`log file not found: ${f}`);
    if (!st.isFile()) throw new ScanInputError(`not a file: ${f}`);
    bytes += st.size;
  }
  const allowList = o.allow ? await loadAllowList(o.allow) : undefined;
  const agg = new EgressAggregator(allowList);
  const logs: LogStats[] = [];
  for (const f of files) logs.push(await analyseLog({ path: f }, f, agg, { format: o.logFormat, columns: o.columns }));

  let services: ServiceSummary[];
  let declaredFrom: string[] | undefined;
  let report: Report;
  let stored: string | undefined;
  if (o.store) {
    const { openStore } = await import('../store/index.js');
    const store = await openStore({ dataDir: o.dataDir ?? defaultDataDir(), databaseUrl: process.env.DATABASE_URL });
    try {
      const declared = await declaredServices(store, o.source);
      declaredFrom = declared.sources;
      services = summariseAll(agg, { allowListKnown: true, declared: declared.keys });
      report = reportOf(services, logs, o.source, startedAt, bytes);
      const saved = await store.saveScan(report);
      report.scan.id = saved.scanId;
      stored = `Stored as scan ${saved.scanId} of source "${o.source}" (${store.kind}).`;
    } finally {
      await store.close();
    }
  } else {
    services = summariseAll(agg, { allowListKnown: true, judgeShadow: true });
    report = reportOf(services, logs, o.source, startedAt, bytes);
  }

  if (!o.quiet) for (const w of report.warnings) io.err(`warning: ${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}\n`);
  if (o.format === 'json') {
    await io.out(JSON.stringify({ services, logs: logs.map(({ warnings: _w, ...l }) => l), allowList: allowList?.origin ?? null, declaredFrom: declaredFrom ?? null, scanId: report.scan.id ?? null }, null, 2) + '\n');
  } else {
    await io.out(renderShadowTable(services, { logs, allowList: allowList?.origin, declaredFrom }));
  }
  if (stored && !o.quiet) io.err(stored + '\n');
  return { services, report };
}

/** Adds `aispm shadow` to the program (called from cli/main.ts). */
export function registerShadowCommand(program: Command, io: ShadowIo = processIo): Command {
  return program
    .command('shadow')
    .description('summarise the AI services seen in egress logs (proxy, DNS, TLS, firewall) and flag shadow AI')
    .argument('<logfile...>', 'Squid access.log, Zeek http/dns/ssl logs, JSON lines, CSV or key=value logs (.gz is fine)')
    .option('--allow <file>', 'allow-list of sanctioned AI services (e.g. security/ai-allowlist.yaml)')
    .option('--columns <map>', 'column mapping for CSV/JSON/key=value logs, e.g. time=ts,user=src_user,host=dest_host,bytes=bytes_out', columnsArg)
    .addOption(new Option('--log-format <format>', 'input format (default: detected)').choices([...LOG_FORMATS]))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--source <name>', 'source name of the results in the store', DEFAULT_SHADOW_SOURCE)
    .option('--no-store', 'do not store the results (and do not look up declared services)')
    .option('--data-dir <dir>', 'embedded store location (default: $AISPM_DATA_DIR or ~/.local/share/aispm); DATABASE_URL selects PostgreSQL')
    .option('-q, --quiet', 'no warnings or informational messages on stderr')
    .action(async (files: string[], o: ShadowFlags) => {
      await runShadow(files, o, io);
    });
}
