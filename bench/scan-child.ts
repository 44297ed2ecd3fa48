// One measured scan, in its own process so that peak RSS belongs to this scan alone:
// `node --import tsx bench/scan-child.ts BUILD_DIR TREE [--store DATADIR] [--no-content]`. BUILD_DIR holds the scanner
// compiled by bench/lib/build.ts. Prints one JSON line (see ChildResult). With --store, the report is then
// saved through the store (openStore from src/store/index.ts), timing start-up and save separately.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Report } from '../src/model/index.js';
import type { scan as scanFn } from '../src/scan.js';
import type { openStore as openStoreFn } from '../src/store/index.js';
import { modelsOf, type ChildResult } from './lib/child-result.js';
import { saveToStore } from './lib/store-probe.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { store: { type: 'string' }, 'no-content': { type: 'boolean' } } });
const [buildDir, root] = positionals;
if (!buildDir || !root) throw new Error('usage: scan-child.ts BUILD_DIR TREE [--store DATADIR]');
const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(path.join(buildDir, rel)).href)) as T;

const { scan } = await load<{ scan: typeof scanFn }>('src/scan.js');
const t0 = performance.now();
const report: Report = await scan({ root, content: !values['no-content'] });
const scanMs = performance.now() - t0;

const assetsByKind: Record<string, number> = {};
for (const a of report.assets) assetsByKind[a.kind] = (assetsByKind[a.kind] ?? 0) + 1;

const result: ChildResult = {
  wallMs: Math.round(scanMs),
  files: report.scan.stats.files,
  bytes: report.scan.stats.bytes,
  assets: report.assets.length,
  edges: report.edges.length,
  assetsByKind,
  warnings: report.warnings.length,
  collectors: Object.keys(report.scan.stats.byCollector).sort(),
  models: modelsOf(report.assets),
  maxRssKb: 0,
};
if (values.store) {
  const { openStore } = await load<{ openStore: typeof openStoreFn }>('src/store/index.js');
  result.store = await saveToStore(openStore, values.store, report);
}
// Linux reports maxRSS in kilobytes; it covers the worker threads, which share this process.
result.maxRssKb = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify(result) + '\n');
