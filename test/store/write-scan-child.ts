// Child process for the crash test: opens the store and saves one big synthetic report. The parent sets
// AISPM_FAULT_PAUSE_AFTER_ASSETS so this process stops mid-transaction, then SIGKILLs it.
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { syntheticReport, type SyntheticOptions } from '../../src/store/synthetic-report.js';

const [optionsJson, reportJson] = process.argv.slice(2);
const store = await openStore(JSON.parse(optionsJson) as StoreOptions);
const saved = await store.saveScan(syntheticReport(JSON.parse(reportJson) as SyntheticOptions));
await store.close();
process.stdout.write(`saved ${saved.scanId}\n`);
