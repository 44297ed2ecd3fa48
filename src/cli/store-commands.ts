// `aispm diff` and `aispm history`: read what earlier scans stored.

import { Command, Option } from 'commander';
import { renderDiff } from '../formats/diff.js';
import { ScanInputError } from '../scan.js';
import { emit, openConfiguredStore, parseIntArg, sourceName } from './common.js';

export function registerStoreCommands(program: Command): void {
  program
    .command('diff')
    .description('what was added, removed and changed between the last two stored scans of a source')
    .argument('[source]', 'source name or the scanned folder (its folder name is the source name)', '.')
    .option('--data-dir <dir>', 'embedded store location')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--include-evidence', 'also list assets whose only change is where they were seen')
    .action(async (source: string, o: { dataDir?: string; format: string; includeEvidence?: boolean }) => {
      const name = await sourceName(source);
      const store = await openConfiguredStore(o.dataDir);
      try {
        const d = await store.diff(name);
        if (!d) throw new ScanInputError(`no stored scans for source "${name}"; run \`aispm scan\` first`);
        await emit(o.format === 'json' ? JSON.stringify(d, null, 2) + '\n' : renderDiff(d, { includeEvidence: !!o.includeEvidence }));
      } finally {
        await store.close();
      }
    });

  program
    .command('history')
    .description('list stored scans')
    .argument('[source]', 'only scans of this source (name or folder)')
    .option('--data-dir <dir>', 'embedded store location')
    .option('-n, --limit <n>', 'how many', parseIntArg, 20)
    .action(async (source: string | undefined, o: { dataDir?: string; limit: number }) => {
      const store = await openConfiguredStore(o.dataDir);
      try {
        const scans = await store.listScans(source ? await sourceName(source) : undefined, o.limit);
        if (!scans.length) process.stdout.write('No stored scans.\n');
        for (const s of scans) process.stdout.write(`${s.id}  ${s.source}  ${s.startedAt}  ${s.assetCount} assets  +${s.added} -${s.removed} ~${s.changed}\n`);
      } finally {
        await store.close();
      }
    });

}
