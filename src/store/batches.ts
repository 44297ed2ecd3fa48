// How a scan's rows reach the database: in batches, one JSON parameter per statement, with the crash test's fault
// point (src/store/fault.ts) falling exactly on a batch boundary.
import { pauseForever } from './fault.js';

/** Rows per statement: large enough to amortise round trips, small enough to keep one JSON parameter modest. */
export const BATCH_ROWS = 2000;

export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Writes `rows` in batches of BATCH_ROWS. With a fault point (`pauseAfter` rows, from the fault hook), a batch ends
 * exactly there and the process pauses inside the transaction, for the crash test to kill it.
 */
export async function writeInBatches<T>(rows: T[], pauseAfter: number | undefined, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  let written = 0;
  for (;;) {
    if (pauseAfter === written) await pauseForever();
    if (written >= rows.length) return;
    const room = pauseAfter !== undefined && pauseAfter > written ? pauseAfter - written : BATCH_ROWS;
    const batch = rows.slice(written, written + Math.min(BATCH_ROWS, room));
    await write(batch);
    written += batch.length;
  }
}
