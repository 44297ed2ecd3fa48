// `aispm report compliance [PATH] --framework ID`: one framework's controls with pass / fail / not evaluated
// and the evidence behind each, from a fresh scan of PATH or from a saved JSON report (--input). Wiring only:
// the judgement is src/compliance/assess.ts, the renderings src/compliance/render.ts.

import { Command, Option } from 'commander';
import { promises as fs } from 'node:fs';
import { assessCompliance, COMPLIANCE_FORMATS, loadCatalogue, loadFramework, renderCompliance, type ComplianceFormat } from '../compliance/index.js';
import { FRAMEWORKS, type FrameworkId, type Report } from '../model/index.js';
import { ScanInputError } from '../scan.js';
import { addScanFlags, emit, runScan, type CommonScanFlags } from './common.js';

/** The `report` command group (created once; other report kinds add their subcommands to it). */
export function reportCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'report') ??
    program.command('report').description('reports built from a scan: compliance evidence per framework')
  );
}

interface ComplianceFlags extends CommonScanFlags {
  framework: FrameworkId;
  format: ComplianceFormat;
  output?: string;
  input?: string;
  color: boolean;
}

export function registerReportCommand(program: Command): void {
  addScanFlags(
    reportCommand(program)
      .command('compliance')
      .description('judge a framework\'s controls from a scan: pass, fail or not evaluated, with evidence')
      .argument('[path]', 'folder to scan', '.')
      .addOption(new Option('--framework <id>', 'framework to report on').choices([...FRAMEWORKS]).makeOptionMandatory())
      .addOption(new Option('-f, --format <format>', 'output format').choices([...COMPLIANCE_FORMATS]).default('table'))
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--input <report.json>', 'use a saved `aispm scan --format json` report instead of scanning PATH')
      .option('--no-color', 'plain output'),
  ).action(async (root: string, o: ComplianceFlags) => {
    const report = o.input ? await readReport(o.input) : await runScan(root, o);
    const catalogue = loadCatalogue(o.policy ?? []);
    const compliance = assessCompliance({ report, checks: catalogue.checks, framework: loadFramework(o.framework) });
    const toTerminal = !o.output && process.stdout.isTTY;
    await emit(renderCompliance(compliance, o.format, { color: o.color && toTerminal, width: toTerminal ? process.stdout.columns : 120 }), o.output);
    if (o.output && !o.quiet) process.stderr.write(`Wrote ${o.format} compliance report for ${o.framework} to ${o.output}\n`);
  });
}

/** A saved JSON report, checked against the schema of its own version: a wrong file is named, not guessed at. */
export async function readReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new ScanInputError(`cannot read report ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ScanInputError(`${file}: not JSON (${(e as Error).message})`);
  }
  // the schema validator (Ajv) loads only when a saved report is read, not on every CLI start
  const { validateReport } = await import('../formats/report-schema.js');
  let errors: string[];
  try {
    errors = validateReport(data);
  } catch (e) {
    throw new ScanInputError(`${file}: ${(e as Error).message}`);
  }
  if (errors.length) throw new ScanInputError(`${file}: not an aispm JSON report: ${errors.slice(0, 3).join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`);
  return data as Report;
}
