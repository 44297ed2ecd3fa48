// `aispm scan` and `aispm graph`: discover, judge, store and render one folder.

import { Command, Option } from 'commander';
import { loadCatalogue } from '../compliance/catalogue.js';
import { GRAPH_FORMATS, SCAN_FORMATS } from '../formats/index.js';
import { SEVERITIES, SEVERITY_RANK, type Severity } from '../model/index.js';
import { applyStoredTriage } from '../policy/suppress/index.js';
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
      .addOption(new Option('--fail-on <severity>', 'exit 1 when findings at or above this severity exist').choices([...SEVERITIES]))
      .option('--baseline <file>', 'a previous JSON report or SARIF file: findings already in it are marked suppressed (report only new ones)')
      .option('--ignore-file <file>', 'suppressions file (default: .aispm-ignore.yaml at the scanned root)'),
  ).action(async (root: string, o: CommonScanFlags & { format: string; output?: string; store: boolean; dataDir?: string; color: boolean; failOn?: Severity }) => {
    const report = await runScan(root, o);
    let stored: string | undefined;
    if (o.store) {
      const store = await openConfiguredStore(o.dataDir);
      try {
        const saved = await store.saveScan(report);
        report.scan.id = saved.scanId;
        // accepted and false-positive decisions from the store: every output shows them as suppressed
        if (report.findings && saved.findings) applyStoredTriage(report.findings, saved.findings.triaged);
        const d = saved.diff;
        stored = `Stored as scan ${saved.scanId} (${store.kind}): ${d.fromScan ? `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed since the previous scan` : 'first scan of this source'}`;
        const lf = saved.findings;
        if (lf) stored += `; findings: ${lf.opened} new, ${lf.reopened} reopened, ${lf.resolved} resolved${lf.expired ? `, ${lf.expired} acceptance(s) expired` : ''}`;
      } finally {
        await store.close();
      }
    }
    const toTerminal = !o.output && process.stdout.isTTY;
    // --policy checks describe their own rules in SARIF and count in the HTML compliance section
    const catalogue = o.policy?.length ? loadCatalogue(o.policy) : undefined;
    const text = SCAN_FORMATS[o.format](report, { color: o.color && toTerminal, width: toTerminal ? process.stdout.columns : 120, catalogue });
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
