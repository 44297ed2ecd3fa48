// `aispm scan` and `aispm graph`: discover, judge, store and render one folder.

import { Command, Option } from 'commander';
import { GRAPH_FORMATS, SCAN_FORMATS } from '../formats/index.js';
import { SEVERITIES, SEVERITY_RANK, type Severity } from '../model/index.js';
import { addScanFlags, emit, EXIT, openConfiguredStore, runScan, setExitCode, type CommonScanFlags } from './common.js';

export function registerScanCommands(program: Command): void {
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
        setExitCode(EXIT.findings);
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

}
