// GitHub-flavoured Markdown for a pull-request comment: one summary line, the open findings by priority in
// a table, remediation per check in a collapsible block, the top attack paths, suppressed findings counted.
// GitHub refuses comments over 65,536 characters, so the body is cut to fit with a note saying so.

import { SEVERITIES, type Check, type Finding, type Report, type Severity } from '../model/index.js';
import { masked, md, mdCode } from './escape.js';
import { assetIndex, describeCounts, findingLocation, findingSets, realAssets, severityCounts, suppressionLabel } from './report-view.js';

/** GitHub's limit for an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Largest body produced, in UTF-16 code units (what GitHub counts); default GITHUB_COMMENT_LIMIT. */
  maxChars?: number;
  /** Check descriptions, for remediation of checks whose findings carry none. */
  checks?: readonly Check[];
  /** Attack paths listed at most (default 5). */
  maxPaths?: number;
}

const SEVERITY_ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const limit = opts.maxChars ?? GITHUB_COMMENT_LIMIT;
  const catalogue = new Map((opts.checks ?? []).map((c) => [c.id, c]));
  const assets = assetIndex(report);
  const { open, suppressed } = findingSets(report);
  const counts = severityCounts(open);
  const root = md(report.scan.root);

  const head: string[] = [];
  if (!report.findings) {
    head.push(`### aispm: ${realAssets(report).length} AI assets in ${root} (checks not run)`);
  } else {
    const worst = SEVERITIES.find((s) => counts[s]);
    head.push(
      `### ${worst ? SEVERITY_ICON[worst] : '✅'} aispm: ${open.length ? `${open.length} open finding${open.length === 1 ? '' : 's'} (${describeCounts(counts)})` : 'no open findings'} in ${realAssets(report).length} AI assets of ${root}`,
    );
  }
  const notes = [
    suppressed.length ? `${suppressed.length} suppressed finding${suppressed.length === 1 ? '' : 's'} not counted` : '',
    report.paths?.length ? `${report.paths.length} attack path${report.paths.length === 1 ? '' : 's'}` : '',
    report.warnings.length ? `${report.warnings.length} scan warning${report.warnings.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (notes.length) head.push('', notes.join(' · '));

  // optional blocks, each added only if it still fits; the table rows are cut first
  const tableHeader = ['', '| Severity | Score | Check | Asset | Location |', '| --- | ---: | --- | --- | --- |'];
  const rows = open.map((f) => row(f, assets));
  const remediation = remediationBlock(open, catalogue);
  const paths = pathsBlock(report, assets, opts.maxPaths ?? 5);
  const suppressedBlock = suppressedList(suppressed, assets);
  const footer = ['', `<sub>aispm ${md(report.tool.version)} · report schema ${md(report.schemaVersion)} · ${md(report.scan.finishedAt)}</sub>`, ''];

  const join = (parts: string[]) => parts.join('\n');
  const size = (parts: string[]) => join(parts).length;
  const truncationNote = (shown: number) =>
    ['', `> [!NOTE]`, `> Showing ${shown} of ${open.length} open findings: the comment is cut to GitHub's ${limit.toLocaleString('en')}-character limit. The SARIF or HTML report has all of them.`];

  // the table is cut first (rows already by priority); paths are short and stay with it
  let tableLines = rows.length ? [...tableHeader, ...rows] : [];
  if (size([...head, ...tableLines, ...paths, ...footer]) > limit) {
    const budget = limit - size([...head, ...paths, ...footer]) - size(truncationNote(rows.length)) - 4;
    const shown = fitRows(rows, tableHeader, budget);
    tableLines = [...(shown ? [...tableHeader, ...rows.slice(0, shown)] : []), ...truncationNote(shown)];
  }
  const out = [...head, ...tableLines];
  for (const block of [paths, remediation, suppressedBlock]) {
    if (block.length && size([...out, ...block, ...footer]) + 1 <= limit) out.push(...block);
  }
  out.push(...footer);
  let text = join(out);
  if (text.length > limit) text = text.slice(0, limit - 40).replace(/\n[^\n]*$/, '') + '\n\n_…cut to the comment size limit._\n';
  return text;
}

function fitRows(rows: string[], header: string[], budget: number): number {
  let used = header.reduce((n, l) => n + l.length + 1, 0);
  let n = 0;
  for (const r of rows) {
    if (used + r.length + 1 > budget) break;
    used += r.length + 1;
    n++;
  }
  return n;
}

function row(f: Finding, assets: ReturnType<typeof assetIndex>): string {
  const asset = assets.get(f.assetId);
  const where = findingLocation(f, asset);
  return `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${f.score} | ${md(f.checkId)} ${md(clip(f.title))} | ${md(clip(asset?.name ?? f.assetId))} | ${where ? mdCode(clip(where)) : ''} |`;
}

/** One long name must not eat the comment (masked before it is cut, so a key is never cut below recognition). */
function clip(text: string, max = 120): string {
  const s = masked(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function remediationBlock(open: Finding[], catalogue: Map<string, Check>): string[] {
  const byCheck = new Map<string, Finding[]>();
  for (const f of open) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
  if (!byCheck.size) return [];
  const out = ['', `<details><summary>How to fix (${byCheck.size} check${byCheck.size === 1 ? '' : 's'})</summary>`, ''];
  for (const [id, fs] of byCheck) {
    const check = catalogue.get(id);
    const fix = fs[0]!.remediation ?? check?.remediation;
    out.push(`**${md(id)}** ${md(check?.title ?? fs[0]!.title)} (${fs.length} finding${fs.length === 1 ? '' : 's'})`, '');
    if (fix) out.push(`${md(fix)}`, '');
    const link = check?.references.find((r) => /^https:\/\//.test(r));
    if (link) out.push(`Reference: <${encodeURI(link).replace(/[<>]/g, '')}>`, '');
  }
  out.push('</details>');
  return out;
}

function pathsBlock(report: Report, assets: ReturnType<typeof assetIndex>, max: number): string[] {
  const paths = [...(report.paths ?? [])].sort((a, b) => b.score - a.score).slice(0, max);
  if (!paths.length) return [];
  const out = ['', `**Attack paths** (top ${paths.length} of ${report.paths!.length})`, ''];
  for (const p of paths) {
    const chain = p.steps.map((s) => md(assets.get(s.assetId)?.name ?? s.assetId)).join(' → ');
    out.push(`- **${p.score}** ${md(p.entry.kind)} to ${md(p.target.kind)}: ${chain}${p.findings.length ? ` (${p.findings.length} finding${p.findings.length === 1 ? '' : 's'} on the way)` : ''}`);
  }
  return out;
}

function suppressedList(suppressed: Finding[], assets: ReturnType<typeof assetIndex>): string[] {
  if (!suppressed.length) return [];
  const out = ['', `<details><summary>Suppressed findings (${suppressed.length})</summary>`, ''];
  for (const f of suppressed.slice(0, 50)) out.push(`- ${md(f.checkId)} on ${md(assets.get(f.assetId)?.name ?? f.assetId)}: ${md(suppressionLabel(f))}`);
  if (suppressed.length > 50) out.push(`- … and ${suppressed.length - 50} more`);
  out.push('', '</details>');
  return out;
}
