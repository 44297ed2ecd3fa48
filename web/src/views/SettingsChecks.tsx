// Settings → Checks: the library every server scan is judged with (built-in and custom checks, searchable), and for
// admins an editor for custom checks: a check.yaml in a text area, started from a template or a built-in check,
// validated by the server with errors shown at their line, tried on a source's latest scan, saved, enabled or
// disabled, deleted. Viewers and analysts see the library without any control that changes it.
import { useId, useRef, useState } from 'react';
import { ApiError, del, get, patch, post, put, useGet, withQuery } from '../api.js';
import { Card, Empty, ErrorNote, Field, SeverityBadge } from '../components/ui.js';
import { href, Link, useQueryState } from '../router.js';
import { Can, useCan } from '../session.js';
import type { CheckDetail, CheckInfo, CheckTestResult, Page, Source } from '../types.js';
import { SEVERITIES } from '../types.js';

/** Where a new check starts: every key of the format, a condition that works on the example, one line of help each. */
export const CHECK_TEMPLATE = `id: ACME-001                     # yours for good: upper case, dash-separated, not a built-in id
longId: openai-model-without-approval
title: OpenAI model used without an approval tag
severity: medium                 # critical | high | medium | low | info
maturity: experimental           # experimental | stable | deprecated (not evaluated)
kinds: [model]                   # the asset kinds the condition runs on
# CEL over the asset; true means the asset fails. Helpers: attr(asset, "a.b", default), out(asset, "has-tool"),
# incoming(asset, "uses-model"), reachableFromInternet(asset), reachesSensitiveData(asset), ... (docs/custom-checks.md)
condition: asset.provider == "openai" && !("approved" in asset.tags)
message: Model {{asset.name}} is used without the AI board's approval
remediation: Ask the AI board to approve the model, then tag it approved.
references: []
frameworks:                      # control ids exactly as in frameworks/*.yaml
  owasp-llm-2025: [LLM03:2025]
  mitre-atlas: [AML.T0010]
`;

interface Library {
  items: CheckInfo[];
  domains: string[];
}

export function ChecksTab() {
  const [q, setQ] = useQueryState();
  const checks = useGet<Library>(withQuery('/api/checks', { q: q.cq, severity: q.csev, domain: q.domain, origin: q.corigin }));
  const admin = useCan('admin');
  const [editing, setEditing] = useState<{ id: string | null; yaml: string; key: number }>();
  const [busyId, setBusyId] = useState<string>();
  const [error, setError] = useState<Error>();

  const act = async (id: string, fn: () => Promise<unknown>) => {
    setBusyId(id);
    setError(undefined);
    try {
      await fn();
      checks.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusyId(undefined);
    }
  };
  /** Opens the editor on a check: a custom one to change it, a built-in one as the start of a new check. */
  const open = (c: CheckInfo) => act(c.id, async () => {
    const d = await get<CheckDetail>(`/api/checks/${encodeURIComponent(c.id)}`);
    const yaml = c.custom ? d.yaml : d.yaml.replace(/^id: .*$/m, 'id: ACME-001');
    setEditing({ id: c.custom ? c.id : null, yaml, key: Date.now() });
  });
  const custom = checks.data?.items.filter((c) => c.custom).length ?? 0;

  return (
    <>
      <Can role="admin">
        {editing
          ? <CheckEditor key={editing.key} id={editing.id} initial={editing.yaml} onSaved={checks.reload} onClose={() => setEditing(undefined)} />
          : (
            <Card title="Custom checks">
              <p className="muted small">
                Write your own checks in the language of the built-in ones: a <code>check.yaml</code> with a CEL condition over each asset.
                Every later scan of every source judges with the enabled ones; their findings map to the frameworks you name.
              </p>
              <div className="row-actions" style={{ justifyContent: 'flex-start' }}>
                <button type="button" className="primary" onClick={() => setEditing({ id: null, yaml: CHECK_TEMPLATE, key: Date.now() })}>New custom check</button>
              </div>
            </Card>
          )}
      </Can>
      <Card title={`Check library${checks.data ? ` (${checks.data.items.length})` : ''}`}>
        <p className="muted small">
          The checks every scan is judged with: the built-in library in <code>checks/&lt;domain&gt;/&lt;ID&gt;/check.yaml</code>
          {custom ? <>, and {custom} custom {custom === 1 ? 'check' : 'checks'} added on this server</> : null}.
          {!admin && <> Admins add and change custom checks.</>}
        </p>
        <div className="filters">
          <Field label="Search">{(id) => <input id={id} type="search" data-search value={q.cq ?? ''} onChange={(e) => setQ({ cq: e.target.value })} />}</Field>
          <Field label="Severity">{(id) => <select id={id} value={q.csev ?? ''} onChange={(e) => setQ({ csev: e.target.value })}><option value="">any</option>{SEVERITIES.map((s) => <option key={s}>{s}</option>)}</select>}</Field>
          <Field label="Domain">{(id) => <select id={id} value={q.domain ?? ''} onChange={(e) => setQ({ domain: e.target.value })}><option value="">any</option>{checks.data?.domains.map((d) => <option key={d}>{d}</option>)}</select>}</Field>
          <Field label="Origin">{(id) => (
            <select id={id} value={q.corigin ?? ''} onChange={(e) => setQ({ corigin: e.target.value })}>
              <option value="">built-in and custom</option><option value="builtin">built-in</option><option value="custom">custom</option>
            </select>
          )}</Field>
        </div>
        <ErrorNote error={checks.error ?? error} />
        {checks.data?.items.length === 0 && (
          <Empty title={q.corigin === 'custom' && !q.cq && !q.csev && !q.domain ? 'No custom checks yet' : 'No check matches'}>
            {q.corigin === 'custom' ? <Can role="admin" otherwise={<>An admin can add custom checks here.</>}>Start one with “New custom check” above.</Can> : 'Clear a filter to see more.'}
          </Empty>
        )}
        <ul className="check-list" aria-label="Checks">
          {checks.data?.items.map((c) => (
            <li key={c.id} data-check={c.id}>
              <details>
                <summary>
                  <SeverityBadge severity={c.severity} /> <b className="mono">{c.id}</b> {c.title}{' '}
                  <span className="muted small">({c.domain}, {c.maturity})</span>
                  {c.custom && <> <span className="badge">custom</span></>}
                  {!c.enabled && <> <span className="badge warn">disabled</span></>}
                </summary>
                <p className="small"><b>Applies to:</b> {c.kinds.join(', ') || '–'}</p>
                <p className="small"><b>Remediation:</b> {c.remediation || '–'}</p>
                <p className="small"><b>Frameworks:</b> {Object.entries(c.frameworks).map(([f, ids]) => `${f} ${ids.join(', ')}`).join('; ') || '–'}</p>
                <div className="row-actions" style={{ justifyContent: 'flex-start' }}>
                  <Link to={href('/findings', { checkId: c.id, status: 'open,accepted,false-positive,resolved' })}>Findings of this check →</Link>
                  <Can role="admin">
                    {c.custom ? (
                      <>
                        <button type="button" disabled={busyId === c.id} onClick={() => void open(c)} aria-label={`Edit ${c.id}`}>Edit</button>
                        <button type="button" disabled={busyId === c.id} aria-label={`${c.enabled ? 'Disable' : 'Enable'} ${c.id}`}
                          onClick={() => void act(c.id, () => patch(`/api/checks/${encodeURIComponent(c.id)}`, { enabled: !c.enabled }))}>{c.enabled ? 'Disable' : 'Enable'}</button>
                        <button type="button" className="danger" disabled={busyId === c.id} aria-label={`Delete ${c.id}`}
                          onClick={() => window.confirm(`Delete the custom check ${c.id}? Its findings resolve at the next scan of each source.`)
                            && void act(c.id, async () => {
                              await del(`/api/checks/${encodeURIComponent(c.id)}`);
                              if (editing?.id === c.id) setEditing(undefined);
                            })}>Delete</button>
                      </>
                    ) : (
                      <button type="button" disabled={busyId === c.id} onClick={() => void open(c)} aria-label={`Start a custom check from ${c.id}`}>Use as template</button>
                    )}
                  </Can>
                </div>
              </details>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

/** The line a server validation message names (`check.yaml line 4: severity: ...`). */
function lineOf(e: unknown): number | undefined {
  const m = e instanceof ApiError && e.code === 'invalid_check' ? /^check\.yaml line (\d+):/.exec(e.message) : null;
  return m ? Number(m[1]) : undefined;
}

function CheckEditor({ id, initial, onSaved, onClose }: { id: string | null; initial: string; onSaved(): void; onClose(): void }) {
  const [yaml, setYaml] = useState(initial);
  const [savedId, setSavedId] = useState(id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [note, setNote] = useState<string>();
  const [result, setResult] = useState<CheckTestResult>();
  const [source, setSource] = useState('');
  const sources = useGet<Page<Source>>('/api/sources?limit=500');
  const scanned = sources.data?.items.filter((s) => s.lastScanId) ?? [];
  const errorId = useId();
  const line = lineOf(error);
  const lineText = line ? yaml.split('\n')[line - 1] : undefined;
  const editorRef = useRef<HTMLTextAreaElement>(null);
  /** Selects the line the server named in the editor, scrolled into view, so it can be fixed where it is. */
  const goToLine = (n: number) => {
    const ta = editorRef.current;
    if (!ta) return;
    const lines = ta.value.split('\n');
    const start = lines.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0);
    ta.focus();
    ta.setSelectionRange(start, start + (lines[n - 1]?.length ?? 0));
    const lineHeight = parseFloat(getComputedStyle(ta).lineHeight) || 18;
    ta.scrollTop = Math.max(0, (n - 3) * lineHeight);
  };

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setNote(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(async () => {
    const saved = savedId
      ? await put<CheckDetail>(`/api/checks/${encodeURIComponent(savedId)}`, { yaml })
      : await post<CheckDetail>('/api/checks', { yaml });
    setSavedId(saved.id);
    setNote(`Saved ${saved.id}${saved.enabled ? ': the next scan of each source judges with it.' : ' (disabled).'}`);
    onSaved();
  });
  const test = () => run(async () => {
    setResult(undefined);
    setResult(await post<CheckTestResult>('/api/checks/test', { yaml, source: source || scanned[0]?.name, limit: 20 }));
  });

  return (
    <Card title={savedId ? `Edit custom check ${savedId}` : 'New custom check'} actions={<button type="button" onClick={onClose}>Close editor</button>}>
      <p className="muted small">
        The format of <code>aispm scan --policy</code> (docs/custom-checks.md). The server validates it with the same loader and
        compiles the condition; {savedId ? 'the id cannot change.' : 'the id must be new.'}
      </p>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Field label="Check YAML">
          {(fid) => (
            <textarea id={fid} ref={editorRef} className="mono" rows={18} spellCheck={false} value={yaml} aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined} onChange={(e) => { setYaml(e.target.value); setResult(undefined); }} />
          )}
        </Field>
        {error && (
          <div id={errorId}>
            <ErrorNote error={error} title={error instanceof ApiError && error.code === 'invalid_check' ? 'Invalid check' : 'Not done'} />
            {lineText !== undefined && (
              <>
                <pre className="json small" aria-label={`Line ${line}`}>{`${line} | ${lineText}`}</pre>
                <button type="button" onClick={() => goToLine(line!)}>Go to line {line}</button>
              </>
            )}
          </div>
        )}
        {note && <p role="status">{note}</p>}
        <div className="inline-form">
          <button type="submit" className="primary" disabled={busy}>{savedId ? 'Save changes' : 'Save check'}</button>
          {scanned.length > 0 && (
            <>
              <label htmlFor={`${errorId}-src`}>Try on</label>
              <select id={`${errorId}-src`} value={source || scanned[0]?.name} onChange={(e) => setSource(e.target.value)}>
                {scanned.map((s) => <option key={s.id}>{s.name}</option>)}
              </select>
              <button type="button" disabled={busy} onClick={() => void test()}>Try it</button>
            </>
          )}
          <button type="button" disabled={busy} onClick={() => { setYaml(CHECK_TEMPLATE); setResult(undefined); setError(undefined); }}>Reset to template</button>
        </div>
      </form>
      {result && <TestResult result={result} />}
    </Card>
  );
}

function TestResult({ result: r }: { result: CheckTestResult }) {
  return (
    <section aria-label="Dry run" className="small">
      <p role="status">
        <b>{r.checkId}</b> would raise <b>{r.total}</b> {r.total === 1 ? 'finding' : 'findings'} on the latest scan of <b>{r.source}</b>
        {' '}({r.evaluated} {r.evaluated === 1 ? 'asset' : 'assets'} of its kinds evaluated; nothing was stored).
      </p>
      {r.findings.length > 0 && (
        <ul className="check-list">
          {r.findings.map((f) => <li key={f.fingerprint}><SeverityBadge severity={f.severity} /> {f.message} <span className="muted mono">{f.assetId}</span></li>)}
        </ul>
      )}
      {r.problems.map((p, i) => <div key={i} className="error-note">The condition failed to answer{p.assetId ? <> on <span className="mono">{p.assetId}</span></> : null}: {p.message}</div>)}
    </section>
  );
}
