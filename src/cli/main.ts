// The aispm command line: the program and its exit codes. Wiring only: each command registers itself from its own
// module (common.ts holds what they share); the work happens in scan.ts, the store and the formats.

import { Command } from 'commander';
import { ScanInputError } from '../scan.js';
import { VERSION } from '../version.js';
import { EXIT, setExitCode, takeExitCode } from './common.js';
import { registerDetectCommand } from './detect.js';
import { registerFindingsCommands } from './findings.js';
import { registerGatewayCommand } from './gateway.js';
import { registerPathsCommand } from './paths.js';
import { registerReportCommand } from './report.js';
import { registerScanCommands } from './scan-command.js';
import { registerServeCommand } from './serve.js';
import { registerShadowCommand } from './shadow.js';
import { registerStoreCommands } from './store-commands.js';
import { registerWorkerCommand } from './worker.js';

export { EXIT } from './common.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('aispm')
    .description('AI Security Posture Management: find the AI in your code, configs and infrastructure, map it, and judge it.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  registerScanCommands(program);
  registerStoreCommands(program);
  registerFindingsCommands(program);
  registerDetectCommand(program);
  registerShadowCommand(program);
  registerPathsCommand(program);
  registerServeCommand(program);
  registerReportCommand(program);
  registerWorkerCommand(program);
  registerGatewayCommand(program);

  return program;
}

export async function main(argv = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    setExitCode(EXIT.ok);
    await program.parseAsync(argv);
    return takeExitCode();
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
