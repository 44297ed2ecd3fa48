// A framework's compliance report for one source, from the store: the source's latest inventory and its current
// findings (resolved ones left out; accepted ones still fail a control, false positives do not). The HTML and PDF
// exports render this one object.
import { assessCompliance } from '../compliance/assess.js';
import { loadCatalogue } from '../compliance/catalogue.js';
import { isFrameworkId } from '../compliance/frameworks.js';
import type { ComplianceReport } from '../model/compliance.js';
import type { Finding } from '../model/finding.js';
import { VERSION } from '../version.js';
import { ApiError, notFound } from './api.js';
import { enabledCustomChecks } from './check-library.js';
import type { ServerContext } from './context.js';

/** The source to report on: the one named, or the only one there is. */
export async function complianceSource(ctx: ServerContext, source: string | undefined): Promise<{ name: string; root: string; lastScanId: string | null; finishedAt: string | null }> {
  const rows = await ctx.db.query<{ name: string; root: string; last_scan_id: string | null; finished_at: Date | string | null }>(
    `select src.name, src.root, src.last_scan_id, s.finished_at from sources src left join scans s on s.id = src.last_scan_id
     where ($1::text is null or src.name = $1) order by src.name limit 2`, [source ?? null]);
  if (!rows.length) throw source ? notFound(`source ${source}`) : new ApiError(404, 'not_found', 'no source has been defined yet');
  if (rows.length > 1) throw new ApiError(400, 'invalid_request', 'query.source: several sources exist; name one');
  const r = rows[0];
  return { name: r.name, root: r.root, lastScanId: r.last_scan_id, finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null };
}

export async function complianceReportFor(ctx: ServerContext, framework: string, sourceName?: string): Promise<ComplianceReport> {
  if (!isFrameworkId(framework)) throw notFound(`framework ${framework}`);
  const source = await complianceSource(ctx, sourceName);
  if (!source.lastScanId) throw new ApiError(409, 'not_scanned', `source ${source.name} has not been scanned yet`);
  const catalogue = loadCatalogue();
  const def = catalogue.frameworks.find((f) => f.id === framework);
  if (!def) throw notFound(`framework ${framework}`);
  const assets = await ctx.store.assets(source.name);
  const findings: Finding[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await ctx.store.findings({ source: source.name, status: ['open', 'accepted', 'false-positive'], limit: 1000, offset });
    findings.push(...page.items);
    if (page.items.length < 1000) break;
  }
  const judged = await ctx.db.query<{ judged: boolean }>(
    'select judged_scan_id is not null as judged from sources where name = $1', [source.name]).catch(() => [{ judged: true }]);
  return assessCompliance({
    report: {
      assets,
      findings: judged[0]?.judged === false ? undefined : findings,
      scan: { id: source.lastScanId, root: source.root, source: source.name, startedAt: source.finishedAt ?? '', finishedAt: source.finishedAt ?? '',
        stats: { files: 0, bytes: 0, skipped: 0, durationMs: 0, byCollector: {} } },
      tool: { name: 'aispm', version: VERSION },
    },
    // custom checks map themselves to controls in their YAML, so they count as the built-in ones do
    checks: [...catalogue.checks, ...(await enabledCustomChecks(ctx.db))],
    framework: def,
  });
}
