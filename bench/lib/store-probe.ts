// What the store costs a CLI run: open (PGlite start-up and migrations), save one scan, close.
import type { Report } from '../../src/model/index.js';
import type { openStore as openStoreFn } from '../../src/store/index.js';
import type { StoreTiming } from './child-result.js';

export async function saveToStore(openStore: typeof openStoreFn, dataDir: string, report: Report): Promise<StoreTiming> {
  const t0 = performance.now();
  try {
    const store = await openStore({ dataDir });
    const t1 = performance.now();
    await store.saveScan(report);
    const t2 = performance.now();
    await store.close();
    const t3 = performance.now();
    return { openMs: Math.round(t1 - t0), saveMs: Math.round(t2 - t1), closeMs: Math.round(t3 - t2) };
  } catch (e) {
    return { openMs: 0, saveMs: 0, closeMs: 0, error: String((e as Error).message ?? e).slice(0, 300) };
  }
}
