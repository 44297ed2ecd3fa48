// Renderings of a ComplianceReport: terminal table, JSON, Markdown and a self-contained HTML page. Each
// shows every control with its status and the evidence behind it; nothing here decides a status.

import pc from 'picocolors';
import { CONTROL_STATUSES, type ComplianceReport, type ControlResult, type ControlStatus } from '../model/index.js';
import { html, masked, md, mdCode, plain } from '../formats/escape.js';
import { link, page, severityBadge, statusBadge } from '../formats/html-kit.js';
import { formatColumns } from '../formats/table.js';

export const COMPLIANCE_FORMATS = ['table', 'json', 'markdown', 'html'] as const;
export type ComplianceFormat = (typeof COMPLIANCE_FORMATS)[number];

export function renderCompliance(report: ComplianceReport, format: ComplianceFormat, opts: { color?: boolean; width?: number } = {}): string {
  switch (format) {
    case 'table':
      return renderComplianceTable(report, opts);
    case 'json':
      return renderComplianceJson(report);
    case 'markdown':
      return renderComplianceMarkdown(report);
    case 'html':
      return renderComplianceHtml(report);
  }
}

const STATUS_WORD: Record<ControlStatus, string> = { pass: 'PASS', fail: 'FAIL', 'not-evaluated': 'NOT EVALUATED' };

function summaryLine(r: ComplianceReport): string {
  const s = r.summary;
  return `${s.controls} controls: ${s.fail} fail, ${s.pass} pass, ${s.notEvaluated} not evaluated (${s.coveragePercent}% tested by aispm checks)`;
}

/** One line per control; the evidence (findings or checks that passed) indented below it. */
export function renderComplianceTable(r: ComplianceReport, opts: { color?: boolean; width?: number } = {}): string {
  const c = pc.createColors(opts.color ?? false);
  const colour: Record<ControlStatus, (s: string) => string> = { fail: c.red, pass: c.green, 'not-evaluated': c.dim };
  const width = Math.max(80, opts.width ?? 120);
  const out = [c.bold(`${plain(r.framework.name)} — ${plain(r.scan.root)}`), `  ${summaryLine(r)}`, ''];
  const rows = r.controls.map((ctl) => [plain(ctl.id), STATUS_WORD[ctl.status], plain(ctl.title), plain(evidenceSummary(ctl))]);
  const lines = formatColumns([['CONTROL', 'STATUS', 'TITLE', 'EVIDENCE'], ...rows], width, (s) => c.dim(s));
  out.push(lines[0]!);
  r.controls.forEach((ctl, i) => {
    out.push(lines[i + 1]!.replace(STATUS_WORD[ctl.status], colour[ctl.status](STATUS_WORD[ctl.status])));
    for (const f of ctl.findings.slice(0, 5)) {
      out.push(c.dim(`      ${f.severity} ${f.checkId} ${plain(f.assetName)}${f.location ? ` (${plain(f.location)})` : ''}${f.suppressed ? ` [${f.suppressed.kind}]` : ''}`));
    }
    if (ctl.findings.length > 5) out.push(c.dim(`      … and ${ctl.findings.length - 5} more findings (--format json lists all)`));
  });
  out.push('', c.dim('Not evaluated means no aispm check tested the control in this scan: it is neither compliant nor failing.'));
  return out.join('\n') + '\n';
}

function evidenceSummary(ctl: ControlResult): string {
  if (ctl.status === 'fail') {
    const checks = [...new Set(ctl.findings.map((f) => f.checkId))];
    return `${ctl.findings.length} finding${ctl.findings.length === 1 ? '' : 's'} (${checks.join(', ')})`;
  }
  if (ctl.status === 'pass') return ctl.checks.filter((e) => e.ran).map((e) => `${e.checkId} on ${e.applicableAssets}`).join(', ');
  return ctl.reason;
}

export function renderComplianceJson(r: ComplianceReport): string {
  return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'string' ? masked(v) : v), 2) + '\n';
}

export function renderComplianceMarkdown(r: ComplianceReport): string {
  const out = [
    `## ${md(r.framework.name)}: ${md(r.scan.root)}`,
    '',
    `${summaryLine(r)}. Scan of ${md(r.scan.finishedAt)} by aispm ${md(r.scan.tool.version)}.`,
    '',
    '| Control | Status | Title | Evidence |',
    '| --- | --- | --- | --- |',
  ];
  for (const ctl of r.controls) out.push(`| ${md(ctl.id)} | ${STATUS_WORD[ctl.status].toLowerCase()} | ${md(ctl.title)} | ${md(evidenceSummary(ctl))} |`);
  const failing = r.controls.filter((c) => c.status === 'fail');
  if (failing.length) {
    out.push('', '<details><summary>Findings behind failing controls</summary>', '');
    for (const ctl of failing) {
      out.push(`**${md(ctl.id)}** ${md(ctl.title)}`, '');
      for (const f of ctl.findings) {
        out.push(`- ${f.severity} ${md(f.checkId)} on ${md(f.assetName)}${f.location ? ` ${mdCode(f.location)}` : ''}: ${md(f.message)}${f.suppressed ? ` _(${md(f.suppressed.kind)}: ${md(f.suppressed.reason)})_` : ''}`);
      }
      out.push('');
    }
    out.push('</details>');
  }
  out.push('', '_Not evaluated: no aispm check tested the control in this scan, so nothing is claimed about it._', '');
  return out.join('\n');
}

/** The per-control detail, shared by the compliance page and the scan report's compliance section. */
export function controlsHtml(r: ComplianceReport): string {
  const rows = r.controls.map((ctl) => {
    const checks = ctl.checks
      .map((e) => `<li><code>${html(e.checkId)}</code> ${html(e.title)}: ${e.ran ? `${e.failingAssets} failing, ${e.passingAssets} passing of ${e.applicableAssets} assets` : `<span class="muted">not run (${html(e.notRunReason ?? '')})</span>`}</li>`)
      .join('');
    const findings = ctl.findings
      .map((f) => `<li>${severityBadge(f.severity)} <code>${html(f.checkId)}</code> ${html(f.assetName)}${f.location ? ` <code>${html(f.location)}</code>` : ''}: ${html(f.message)}${f.suppressed ? ` <span class="badge supp">${html(f.suppressed.kind)}</span>` : ''}</li>`)
      .join('');
    return `<tr data-status="${ctl.status}"><td><code>${html(ctl.id)}</code></td><td>${statusBadge(ctl.status)}</td><td>${html(ctl.title)}<div class="muted">${html(ctl.reason)}</div>${
      checks || findings
        ? `<details><summary>Evidence</summary>${findings ? `<p>Findings</p><ul>${findings}</ul>` : ''}${checks ? `<p>Mapped checks</p><ul>${checks}</ul>` : ''}</details>`
        : ''
    }</td></tr>`;
  });
  return `<table><thead><tr><th>Control</th><th>Status</th><th>Title and evidence</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

export function statusCountsHtml(r: ComplianceReport): string {
  const n: Record<ControlStatus, number> = { pass: r.summary.pass, fail: r.summary.fail, 'not-evaluated': r.summary.notEvaluated };
  return CONTROL_STATUSES.map((s) => `${statusBadge(s)} ${n[s]}`).join(' ');
}

export function renderComplianceHtml(r: ComplianceReport): string {
  const fw = r.framework;
  const header = `<h1>${html(fw.name)}</h1><p class="meta">Compliance evidence for <strong>${html(r.scan.root)}</strong> from the aispm scan of ${html(r.scan.finishedAt)} (aispm ${html(r.scan.tool.version)})${fw.url ? ` · ${link(fw.url, 'framework')}` : ''}</p>`;
  const body = `<section id="summary"><h2>Summary</h2><div class="cards">
<div class="card"><div class="n">${r.summary.controls}</div><div class="l">controls</div></div>
<div class="card"><div class="n">${r.summary.fail}</div><div class="l">${statusBadge('fail')}</div></div>
<div class="card"><div class="n">${r.summary.pass}</div><div class="l">${statusBadge('pass')}</div></div>
<div class="card"><div class="n">${r.summary.notEvaluated}</div><div class="l">${statusBadge('not-evaluated')}</div></div>
<div class="card"><div class="n">${r.summary.coveragePercent}%</div><div class="l">of controls tested by a check</div></div>
</div>
<p class="muted">A control passes only when a mapped check ran on at least one asset it applies to and found nothing. Not evaluated means nothing tested it: no claim either way.</p></section>
<section id="controls"><h2>Controls</h2>${controlsHtml(r)}</section>`;
  return page({ title: `${fw.name}: ${r.scan.root}`, header, body, footer: `Generated by aispm ${html(r.scan.tool.version)} · compliance schema ${html(r.schemaVersion)}` });
}
