// The kill-mid-save harness of the crash tests: a child process (write-scan-child.ts) saves a synthetic report, pauses
// at a fault point inside the scan transaction, and is SIGKILLed there, so no cleanup of any kind can run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { FAULT_ENV, FAULT_MARKER, FINDINGS_FAULT_ENV } from '../../src/store/fault.js';
import type { SyntheticOptions } from '../../src/store/synthetic-report.js';
import { REPO_ROOT } from './engines.js';

export interface KilledChild {
  sawFaultPoint: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Where the child pauses: after this many asset rows, or after this many finding rows (asset rows all written). */
export type FaultPoint = { afterAssets: number } | { afterFindings: number };

/** Runs the writer child until it reports the fault point, then kills it with SIGKILL. */
export function saveAndKill(options: object, report: SyntheticOptions, fault: FaultPoint): Promise<KilledChild> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // exactly one fault point: an inherited setting of the other one would stop the child somewhere else
  delete env[FAULT_ENV];
  delete env[FINDINGS_FAULT_ENV];
  if ('afterAssets' in fault) env[FAULT_ENV] = String(fault.afterAssets);
  else env[FINDINGS_FAULT_ENV] = String(fault.afterFindings);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('test', 'store', 'write-scan-child.ts'), JSON.stringify(options), JSON.stringify(report)],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let sawFaultPoint = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000); // never hang the suite
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sawFaultPoint && stderr.includes(FAULT_MARKER)) {
        sawFaultPoint = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ sawFaultPoint, signal, stderr });
    });
  });
}
