// The job queue behind `aispm serve`, its only way to run scans: `startServer` uses `createJobQueue`, which registers
// the extra source kinds (git, mcp-config, egress-log) and runs scans, deliveries and ticket sync as jobs: in this
// process on the embedded store, and on PostgreSQL in this process too unless `runInProcess: false` leaves them to
// `aispm worker`s.

import { registerJobSourceKinds } from './source-kinds.js';
import { JobScanDispatcher, type BaseContext, type JobServicesOptions } from './services.js';

export { JobScanDispatcher, jobHandlers, JOB_KINDS, deliveryDeps, baseUrlOf } from './services.js';
export { JobRunner, PermanentJobError } from './runner.js';
export { Scheduler, queueDueScans, setSchedule, getSchedule, listSchedules, parseSchedule, ScheduleError } from './schedule.js';
export { openTicket, TicketRequestError, findingLink } from './deliveries.js';
export { compliancePdf, htmlToPdf, PdfExportError, findChromium } from './pdf.js';
export { registerJobSourceKinds } from './source-kinds.js';

export interface JobQueueOptions extends Partial<JobServicesOptions> {
  /** Holds the git checkouts (git-cache/). */
  dataDir: string;
}

/**
 * The queue's dispatcher over `base`, for a server or a worker: `start()` starts its consumer (when it runs jobs in this
 * process) and its scheduler, `close()` stops them.
 */
export function createJobQueue(base: BaseContext, o: JobQueueOptions): JobScanDispatcher {
  registerJobSourceKinds({ dataDir: o.dataDir });
  return new JobScanDispatcher(base, {
    // PGlite is one process: its jobs can only run here
    runInProcess: base.db.kind === 'pglite' ? true : (o.runInProcess ?? true),
    schedule: o.schedule,
    scheduleEveryMs: o.scheduleEveryMs,
    runner: o.runner,
  });
}
