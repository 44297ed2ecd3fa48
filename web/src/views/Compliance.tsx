// Compliance per framework: every control with its status (pass, fail, not evaluated), the reason, the checks that
// tested it and the findings that make it fail; exported as HTML, Markdown, JSON or PDF for auditors.
import { useGet, withQuery } from '../api.js';
import { useSources } from '../components/Shell.js';
import { Card, Empty, ErrorNote, Field, Loading, SeverityBadge, StatusBadge } from '../components/ui.js';
import { when } from '../format.js';
import { href, Link, useQueryState } from '../router.js';
import type { ComplianceReport, Framework } from '../types.js';

export function Compliance() {
  const [q, setQ] = useQueryState();
  const sources = useSources();
  const frameworks = useGet<{ items: Framework[] }>('/api/compliance/frameworks');
  const scanned = (sources.data?.items ?? []).filter((s) => s.lastScanId);
  const source = q.source || (scanned.length === 1 ? scanned[0].name : undefined);
  const framework = q.framework ?? frameworks.data?.items[0]?.id;
  const report = useGet<ComplianceReport>(framework && source ? withQuery(`/api/compliance/${framework}`, { source }) : null);
  const status = q.status ?? '';
  const r = report.data;
  const exportUrl = (format: string) => withQuery(`/api/compliance/${framework}/export`, { source, format });

  return (
    <div className="view">
      <header className="view-head">
        <h1>Compliance</h1>
        <p className="muted">A control passes only when a mapped check ran on an applicable asset without a finding; nothing is compliant by silence.</p>
      </header>
      <div className="filters">
        <Field label="Framework">
          {(id) => (
            <select id={id} value={framework ?? ''} onChange={(e) => setQ({ framework: e.target.value })}>
              {frameworks.data?.items.map((f) => <option key={f.id} value={f.id}>{f.name} ({f.controls} controls)</option>)}
            </select>
          )}
        </Field>
        <Field label="Status">
          {(id) => (
            <select id={id} value={status} onChange={(e) => setQ({ status: e.target.value })}>
              <option value="">every control</option>
              <option value="fail">fail</option>
              <option value="pass">pass</option>
              <option value="not-evaluated">not evaluated</option>
            </select>
          )}
        </Field>
        {r && source && (
          <div className="export" role="group" aria-label="Export the evidence">
            <span>Export</span>
            <a className="button" href={exportUrl('html')} download>HTML</a>
            <a className="button" href={withQuery(`/api/compliance/${framework}/pdf`, { source })} download>PDF</a>
            <a className="button" href={exportUrl('markdown')} download>Markdown</a>
            <a className="button" href={exportUrl('json')} download>JSON</a>
          </div>
        )}
      </div>
      {!source && sources.data && (
        scanned.length === 0
          ? <Empty title="No scan to judge yet">Compliance is judged from a scan's findings: scan a source in Settings → Sources first.</Empty>
          : <Empty title="Choose a source">Evidence belongs to one source's latest scan: pick the source in the menu at the top.</Empty>
      )}
      <ErrorNote error={report.error ?? frameworks.error} />
      {source && !r && !report.error && <Loading what="Judging the controls" />}
      {r && (
        <>
          <div className="summary-row" aria-label="Summary">
            <div className="stat fail"><b>{r.summary.fail}</b> fail</div>
            <div className="stat pass"><b>{r.summary.pass}</b> pass</div>
            <div className="stat ne"><b>{r.summary.notEvaluated}</b> not evaluated</div>
            <div className="stat"><b>{r.summary.coveragePercent}%</b> of controls tested</div>
            <div className="muted small">Scan of {r.scan.source}, {when(r.scan.finishedAt)} · <a href={r.framework.url} target="_blank" rel="noreferrer noopener">{r.framework.name} {r.framework.version}</a></div>
          </div>
          <div className="stack-bar" role="img" aria-label={`${r.summary.fail} failing, ${r.summary.pass} passing, ${r.summary.notEvaluated} not evaluated`}>
            <span className="fail" style={{ flexGrow: r.summary.fail }} />
            <span className="pass" style={{ flexGrow: r.summary.pass }} />
            <span className="ne" style={{ flexGrow: r.summary.notEvaluated }} />
          </div>
          <Card title={`Controls${status ? ` (${status.replace('-', ' ')})` : ''}`}>
            <ul className="controls">
              {r.controls.filter((c) => !status || c.status === status).map((c) => (
                <li key={c.id}>
                  <details>
                    <summary>
                      <StatusBadge status={c.status} /> <b className="mono">{c.id}</b> {c.title}
                      <span className="muted small"> — {c.reason}</span>
                    </summary>
                    <div className="control-body">
                      <h4>Checks</h4>
                      <table className="table">
                        <thead><tr><th scope="col">check</th><th scope="col">severity</th><th scope="col">ran</th><th scope="col">assets failing / tested</th></tr></thead>
                        <tbody>
                          {c.checks.map((ch) => (
                            <tr key={ch.checkId}>
                              <td><Link to={href('/findings', { checkId: ch.checkId, source, status: 'open,accepted,false-positive,resolved' })}>{ch.checkId}</Link> {ch.title}</td>
                              <td>{ch.severity && <SeverityBadge severity={ch.severity} />}</td>
                              <td>{ch.ran ? 'yes' : <span className="muted">no{ch.notRunReason ? `: ${ch.notRunReason}` : ''}</span>}</td>
                              <td>{ch.failingAssets} / {ch.applicableAssets}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      {c.findings.length > 0 && (
                        <>
                          <h4>Failing findings</h4>
                          <ul className="evidence">
                            {c.findings.map((f) => (
                              <li key={f.fingerprint}>
                                <SeverityBadge severity={f.severity} /> <Link to={href(`/findings/${f.fingerprint}`, { source })}>{f.title}</Link>
                                <span className="muted small"> {f.assetName}{f.location ? ` · ${f.location}` : ''}{f.suppressed ? ` · ${f.suppressed.kind}` : ''}</span>
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </div>
  );
}
