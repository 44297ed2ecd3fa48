// The aispm command line: argument parsing, configuration, progress and exit codes. Wiring only; the work
// happens in scan.ts, the store and the formats.

import { Command, InvalidArgumentError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { GRAPH_FORMATS, SCAN_FORMATS } from '../formats/index.js';
import { renderDiff } from '../formats/diff.js';
import { SEVERITIES, SEVERITY_RANK, type Report, type Severity } from '../model/index.js';
import { scan, ScanInputError, type ScanOptions } from '../scan.js';
import { VERSION } from '../version.js';
import { defaultDataDir } from './config.js';
import { registerDetectCommand } from './detect.js';
import { registerShadowCommand } from './shadow.js';
import { createProgress } from './progress.js';

/** 0 ok, 1 findings at or above --fail-on, 2 bad usage or input, 3 anything else went wrong. */
export const EXIT = { ok: 0, findings: 1, usage: 2, error: 3 } as const;


function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 500000, 16MB or 2GB');
  const mult: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1 << 20, mb: 1 << 20, g: 1 << 30, gb: 1 << 30 };
  return Math.round(Number(m[1]) * mult[(m[2] ?? 'b').toLowerCase()]);
}

function parseIntArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

interface CommonScanFlags {
  exclude?: string[];
  maxFileSize?: number;
  maxDepth?: number;
  workers?: number;
  collectors?: string;
  content?: boolean;
  checks?: boolean;
  policy?: string[];
  source?: string;
  quiet?: boolean;
}

function scanOptions(root: string, o: CommonScanFlags): ScanOptions {
  return {
    root,
    sourceName: o.source,
    exclude: o.exclude,
    limits: o.maxFileSize ? { maxContentBytes: o.maxFileSize } : undefined,
    maxDepth: o.maxDepth,
    workers: o.workers,
    collectors: o.collectors ? o.collectors.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    content: o.content,
    checks: o.checks,
    policyDirs: o.policy,
  };
}

async function runScan(root: string, o: CommonScanFlags): Promise<Report> {
  const progress = createProgress(!o.quiet);
  try {
    return await scan({ ...scanOptions(root, o), onProgress: (p) => progress.update(p) });
  } finally {
    progress.done();
  }
}

async function emit(text: string, output?: string): Promise<void> {
  if (output) {
    await fs.mkdir(path.dirname(path.resolve(output)), { recursive: true });
    await fs.writeFile(output, text);
  } else {
    await new Promise<void>((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve)));
  }
}

function addScanFlags(cmd: Command): Command {
  return cmd
    .option('--exclude <glob>', 'exclude paths (gitignore syntax; repeatable)', collect)
    .option('--max-file-size <size>', 'largest file read for content analysis (default 16MB)', parseSize)
    .option('--max-depth <n>', 'deepest folder nesting descended (default 64)', parseIntArg)
    .option('--workers <n>', 'worker threads (default: number of cores for large trees)', parseIntArg)
    .option('--collectors <ids>', 'run only these collectors (comma-separated)')
    .option('--no-content', 'inventory only: skip the content detectors (credentials, PII, model-file safety, hidden instructions)')
    .option('--no-checks', 'inventory only: do not judge the graph with the checks')
    .option('--policy <dir>', 'also load the checks in this folder (repeatable; same format as checks/)', collect)
    .option('--source <name>', 'name of the source in the store and reports (default: folder name)')
    .option('-q, --quiet', 'no progress bar and no informational messages on stderr');
}

async function openConfiguredStore(dataDir?: string) {
  const { openStore } = await import('../store/index.js');
  return openStore({ dataDir: dataDir ?? defaultDataDir(), databaseUrl: process.env.DATABASE_URL });
}

/** Set by commands that finish normally but must fail the build (--fail-on). */
let exitCode: number = EXIT.ok;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('aispm')
    .description('AI Security Posture Management: find the AI in your code, configs and infrastructure, map it, and judge it.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  addScanFlags(
    program
      .command('scan')
      .description('discover AI assets under a folder, print the inventory and store the scan')
      .argument('[path]', 'folder to scan', '.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(SCAN_FORMATS)).default('table'))
      .option('-o, --output <file>', 'write the output to a file instead of stdout')
      .option('--no-store', 'stateless run: do not persist the scan (for CI)')
      .option('--data-dir <dir>', 'embedded store location (default: $AISPM_DATA_DIR or ~/.local/share/aispm); DATABASE_URL selects PostgreSQL')
      .option('--no-color', 'plain output')
      .addOption(new Option('--fail-on <severity>', 'exit 1 when findings at or above this severity exist').choices([...SEVERITIES])),
  ).action(async (root: string, o: CommonScanFlags & { format: string; output?: string; store: boolean; dataDir?: string; color: boolean; failOn?: Severity }) => {
    const report = await runScan(root, o);
    let stored: string | undefined;
    if (o.store) {
      const store = await openConfiguredStore(o.dataDir);
      try {
        const saved = await store.saveScan(report);
        report.scan.id = saved.scanId;
        const d = saved.diff;
        stored = `Stored as scan ${saved.scanId} (${store.kind}): ${d.fromScan ? `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed since the previous scan` : 'first scan of this source'}`;
      } finally {
        await store.close();
      }
    }
    const toTerminal = !o.output && process.stdout.isTTY;
    const text = SCAN_FORMATS[o.format](report, { color: o.color && toTerminal, width: toTerminal ? process.stdout.columns : 120 });
    await emit(text, o.output);
    if (stored && !o.quiet) process.stderr.write(stored + '\n');
    if (o.output && !o.quiet) process.stderr.write(`Wrote ${o.format} to ${o.output}\n`);
    if (o.failOn) {
      const threshold = SEVERITY_RANK[o.failOn];
      const failing = (report.findings ?? []).filter((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= threshold);
      if (failing.length) {
        if (!o.quiet) process.stderr.write(`${failing.length} finding(s) at or above ${o.failOn}\n`);
        exitCode = EXIT.findings;
      }
    }
  });

  addScanFlags(
    program
      .command('graph')
      .description('print the asset graph of a folder')
      .argument('[path]', 'folder to scan', '.')
      .addOption(new Option('-f, --format <format>', 'graph format').choices(Object.keys(GRAPH_FORMATS)).default('json'))
      .option('-o, --output <file>', 'write the output to a file instead of stdout'),
  ).action(async (root: string, o: CommonScanFlags & { format: string; output?: string }) => {
    const report = await runScan(root, o);
    await emit(GRAPH_FORMATS[o.format](report, {}), o.output);
  });

  program
    .command('diff')
    .description('what was added, removed and changed between the last two stored scans of a source')
    .argument('[source]', 'source name or the scanned folder (its folder name is the source name)', '.')
    .option('--data-dir <dir>', 'embedded store location')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--include-evidence', 'also list assets whose only change is where they were seen')
    .action(async (source: string, o: { dataDir?: string; format: string; includeEvidence?: boolean }) => {
      const name = await sourceName(source);
      const store = await openConfiguredStore(o.dataDir);
      try {
        const d = await store.diff(name);
        if (!d) throw new ScanInputError(`no stored scans for source "${name}"; run \`aispm scan\` first`);
        await emit(o.format === 'json' ? JSON.stringify(d, null, 2) + '\n' : renderDiff(d, { includeEvidence: !!o.includeEvidence }));
      } finally {
        await store.close();
      }
    });

  program
    .command('history')
    .description('list stored scans')
    .argument('[source]', 'only scans of this source (name or folder)')
    .option('--data-dir <dir>', 'embedded store location')
    .option('-n, --limit <n>', 'how many', parseIntArg, 20)
    .action(async (source: string | undefined, o: { dataDir?: string; limit: number }) => {
      const store = await openConfiguredStore(o.dataDir);
      try {
        const scans = await store.listScans(source ? await sourceName(source) : undefined, o.limit);
        if (!scans.length) process.stdout.write('No stored scans.\n');
        for (const s of scans) process.stdout.write(`${s.id}  ${s.source}  ${s.startedAt}  ${s.assetCount} assets  +${s.added} -${s.removed} ~${s.changed}\n`);
      } finally {
        await store.close();
      }
    });

  registerDetectCommand(program);
  registerShadowCommand(program);

  return program;
}

/** A source is named like the folder that was scanned, unless the user gives a plain name. */
async function sourceName(arg: string): Promise<string> {
  const st = await fs.stat(arg).catch(() => undefined);
  return st?.isDirectory() ? path.basename(path.resolve(arg)) : arg;
}

export async function main(argv = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    exitCode = EXIT.ok;
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    if (err.code?.startsWith('commander.')) return EXIT.usage; // commander already printed the message
    if (e instanceof ScanInputError) {
      process.stderr.write(`aispm: ${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`aispm: ${err.message ?? e}\n`);
    if (process.env.AISPM_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return EXIT.error;
  }
}
