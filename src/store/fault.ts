// Fault injection for the crash-safety test: pause inside the scan transaction so a test can SIGKILL the process.

export const FAULT_ENV = 'AISPM_FAULT_PAUSE_AFTER_ASSETS';
export const FAULT_MARKER = 'aispm-fault-point';

/** The number of asset rows after which to pause, or undefined when no fault is requested. */
export function faultPauseAfterAssets(): number | undefined {
  const raw = process.env[FAULT_ENV];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Announces the fault point on stderr and never returns; the interval keeps the event loop (and process) alive. */
export async function pauseForever(): Promise<never> {
  process.stderr.write(`${FAULT_MARKER}\n`);
  return new Promise<never>(() => {
    setInterval(() => undefined, 1 << 30);
  });
}

export const FINDINGS_FAULT_ENV = 'AISPM_FAULT_PAUSE_AFTER_FINDINGS';

/** The number of finding rows after which to pause inside the scan transaction, or undefined. */
export function faultPauseAfterFindings(): number | undefined {
  const raw = process.env[FINDINGS_FAULT_ENV];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
