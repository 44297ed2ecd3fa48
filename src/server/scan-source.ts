// One scan of one source, the same whoever consumes its job (`aispm serve` or an `aispm worker`): prepare the folder,
// scan, save in one transaction, then keep what the store does not (attack paths, a KPI snapshot for the trend).
import { scan } from '../scan.js';
import type { ScanRun } from '../model/api.js';
import { customChecksForScan } from './check-library.js';
import type { ServerContext } from './context.js';
import { getSource, sourceKind } from './sources.js';

export class SourceScanError extends Error {}

export async function scanSource(ctx: ServerContext, sourceId: number): Promise<{ scanId: string; summary: NonNullable<ScanRun['summary']> }> {
  const source = await getSource(ctx.db, sourceId);
  if (!source) throw new SourceScanError(`source ${sourceId} no longer exists`);
  const kind = sourceKind(source.kind);
  if (!kind) throw new SourceScanError(`source ${source.name}: this server cannot scan sources of kind ${source.kind}`);
  const problem = await kind.validate(source.location, ctx.config);
  if (problem) throw new SourceScanError(`source ${source.name}: ${problem}`);
  const { root, release } = await kind.prepare(ctx, source);
  try {
    // the admins' custom checks judge beside the built-in library (Settings → Checks)
    const custom = await customChecksForScan(ctx.db, ctx.log);
    const report = await scan({ root, sourceName: source.name, policyTexts: custom.texts });
    // a withdrawn (disabled or deleted) custom check is judged "no longer raises anything": its findings resolve
    if (report.scan.checks) report.scan.checks = [...report.scan.checks, ...custom.withdrawn];
    // the source keeps the location the user gave, not the folder a remote kind fetched it into
    report.scan.root = source.location;
    const saved = await ctx.store.saveScan(report);
    await ctx.db.query('insert into scan_paths (scan_id, paths) values ($1, $2::jsonb) on conflict (scan_id) do nothing',
      [saved.scanId, JSON.stringify(report.paths ?? [])]);
    await snapshotKpis(ctx, saved.scanId, source.name, saved.sourceId, report.scan.startedAt);
    return {
      scanId: saved.scanId,
      summary: {
        assets: report.assets.length,
        findings: report.findings?.length ?? 0,
        added: saved.diff.added.length,
        changed: saved.diff.changed.length,
        removed: saved.diff.removed.length,
      },
    };
  } finally {
    await release?.();
  }
}

/** The KPIs right after a scan: the trend endpoint lists these. */
export async function snapshotKpis(ctx: ServerContext, scanId: string, source: string, sourceId: number, at: string): Promise<void> {
  const kpis = await ctx.store.kpis(source);
  await ctx.db.query(
    'insert into kpi_snapshots (scan_id, source_id, at, kpis) values ($1, $2, $3, $4::jsonb) on conflict (scan_id) do nothing',
    [scanId, sourceId, at, JSON.stringify(kpis)],
  );
}
