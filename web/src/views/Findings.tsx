// Findings: the prioritised queue (highest score first) with its filters in the URL, and beside it the selected
// finding with everything needed to act: assign, accept the risk with a reason and an expiry, mark a false positive,
// reopen, comment, open a ticket, and the full history.
import { type FormEvent, useState } from 'react';
import { post, useAction, useGet, withQuery } from '../api.js';
import { type Column, VirtualTable } from '../components/VirtualTable.js';
import { Dialog, Empty, ErrorNote, Field, KeyValues, Loading, Score, SeverityBadge, StatusBadge } from '../components/ui.js';
import { day, isoDay, when } from '../format.js';
import { href, Link, navigate, useQueryState } from '../router.js';
import { Can, useCan } from '../session.js';
import { SearchBox } from './Inventory.js';
import { FINDING_STATUSES, type FindingEvent, type Integration, type Page, SEVERITIES, type StoredFinding, type Ticket } from '../types.js';

const ALL_STATUSES = FINDING_STATUSES.join(',');

export function Findings({ fingerprint }: { fingerprint?: string }) {
  const [q, setQ] = useQueryState();
  const [version, setVersion] = useState(0);
  const [total, setTotal] = useState<number>();
  const status = q.status ?? 'open';
  const severities = (q.severity ?? '').split(',').filter(Boolean);
  const path = withQuery('/api/findings', { source: q.source, status, severity: q.severity, q: q.q, assignee: q.assignee, checkId: q.checkId, assetId: q.assetId,
    sort: q.sort ?? 'score', order: q.order });
  const keep = { ...q };
  const open = (f: StoredFinding) => navigate(href(`/findings/${f.fingerprint}`, { ...keep, source: q.source ?? undefined }));
  const toggleSeverity = (s: string) => {
    const next = severities.includes(s) ? severities.filter((x) => x !== s) : [...severities, s];
    setQ({ severity: SEVERITIES.filter((x) => next.includes(x)).join(',') });
  };

  const columns: Column<StoredFinding>[] = [
    { key: 'score', label: 'Score', width: '4.5rem', render: (f) => <Score value={f.score} /> },
    { key: 'sev', label: 'Severity', width: '6.5rem', render: (f) => <SeverityBadge severity={f.severity} /> },
    { key: 'title', label: 'Finding', width: 'minmax(10rem, 3fr)', render: (f) => <span className="cell-main" title={f.message}>{f.title}</span> },
    // beside an open finding the queue is narrower: the check id is in the detail
    ...(fingerprint ? [] : [{ key: 'check', label: 'Check', width: '8.5rem', render: (f: StoredFinding) => <span className="mono small">{f.checkId}</span> }]),
    { key: 'status', label: 'Status', width: '7.5rem', render: (f) => <StatusBadge status={f.status} /> },
    { key: 'assignee', label: 'Assignee', width: '7rem', render: (f) => f.assignee ?? <span className="muted">–</span> },
  ];

  return (
    <div className={`view findings${fingerprint ? ' with-detail' : ''}`}>
      <header className="view-head">
        <h1>Findings</h1>
        <p className="muted">{total !== undefined ? `${total} ${status === ALL_STATUSES ? '' : status.replace(/,/g, ', ')} finding${total === 1 ? '' : 's'}, highest priority first` : ' '}</p>
      </header>
      <form className="filters" role="search" aria-label="Filter findings" onSubmit={(e) => e.preventDefault()}>
        <SearchBox label="Search" value={q.q ?? ''} placeholder="title, message or check (press /)" onChange={(v) => setQ({ q: v })} />
        <Field label="Status">
          {(id) => (
            <select id={id} value={status} onChange={(e) => setQ({ status: e.target.value === 'open' ? undefined : e.target.value })}>
              <option value="open">open</option>
              <option value="accepted">accepted</option>
              <option value="false-positive">false positive</option>
              <option value="resolved">resolved</option>
              <option value={ALL_STATUSES}>any status</option>
            </select>
          )}
        </Field>
        <fieldset className="checks">
          <legend>Severity</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className={`chip sev-${s}`}>
              <input type="checkbox" checked={severities.includes(s)} onChange={() => toggleSeverity(s)} /> {s}
            </label>
          ))}
        </fieldset>
        <SearchBox label="Assignee" value={q.assignee ?? ''} onChange={(v) => setQ({ assignee: v })} />
        {q.assetId && <button type="button" className="chip" onClick={() => setQ({ assetId: undefined })} aria-label="Remove the asset filter">asset {q.assetId} ✕</button>}
        {q.checkId && <button type="button" className="chip" onClick={() => setQ({ checkId: undefined })} aria-label="Remove the check filter">check {q.checkId} ✕</button>}
      </form>
      <div className="split">
        <VirtualTable<StoredFinding>
          label="Findings queue"
          path={path}
          version={version}
          columns={columns}
          rowKey={(f) => f.fingerprint}
          selectedKey={fingerprint}
          onOpen={open}
          onTotal={(n) => setTotal(n)}
          height="calc(100vh - 18rem)"
          empty={<Empty title={status === 'open' ? 'No open findings match' : 'No findings match'}>
            {status === 'open' ? 'Nothing needs attention with these filters. Widen the status or severity filters, or scan a source to look again.' : 'Try other filters.'}
          </Empty>}
        />
        {fingerprint && <FindingDetail key={fingerprint} fingerprint={fingerprint} source={q.source} onChanged={() => setVersion((v) => v + 1)}
          onClose={() => navigate(href('/findings', keep))} />}
      </div>
    </div>
  );
}

type Act = 'accept' | 'false-positive' | null;

function FindingDetail({ fingerprint, source, onChanged, onClose }: { fingerprint: string; source?: string; onChanged(): void; onClose(): void }) {
  const finding = useGet<StoredFinding>(withQuery(`/api/findings/${fingerprint}`, { source }));
  const history = useGet<{ items: FindingEvent[] }>(withQuery(`/api/findings/${fingerprint}/history`, { source }));
  const tickets = useGet<Page<Ticket>>(withQuery('/api/tickets', { fingerprint }));
  const analyst = useCan('analyst');
  const integrations = useGet<Page<Integration>>(analyst ? '/api/integrations?limit=100' : null);
  const [dialog, setDialog] = useState<Act>(null);
  const { busy, error, run } = useAction();
  const [assignee, setAssignee] = useState<string>();
  const [comment, setComment] = useState('');
  const [tracker, setTracker] = useState('');

  const f = finding.data;
  const reload = () => {
    finding.reload();
    history.reload();
    tickets.reload();
    onChanged();
  };
  const act = (path: string, body: unknown) => run(() => post(`/api/findings/${fingerprint}/${path}`, body), reload);

  if (finding.error) return <aside className="detail card" aria-label="Finding"><ErrorNote error={finding.error} title="Could not load the finding" /></aside>;
  if (!f || f.fingerprint !== fingerprint) return <aside className="detail card" aria-label="Finding"><Loading /></aside>;
  const trackers = (integrations.data?.items ?? []).filter((i) => ['jira', 'github', 'servicenow'].includes(i.type) && i.enabled);

  return (
    <aside className="detail card" aria-labelledby="finding-title">
      <header className="detail-head">
        <button type="button" className="icon-button close" onClick={onClose} aria-label="Close the finding">✕</button>
        <div className="detail-badges"><Score value={f.score} /> <SeverityBadge severity={f.severity} /> <StatusBadge status={f.status} /></div>
        <h2 id="finding-title">{f.title}</h2>
        <p>{f.message}</p>
      </header>
      <KeyValues entries={[
        ['Asset', <Link to={href(`/assets/${encodeURIComponent(f.assetId)}`, { source: f.source })}>{f.assetId}</Link>],
        ['Check', <Link to={href('/findings', { checkId: f.checkId, status: ALL_STATUSES })}>{f.checkId}</Link>],
        ['Source', f.source],
        ['Assignee', f.assignee ?? null],
        ['Accepted until', f.status === 'accepted' ? (f.acceptedUntil ? day(f.acceptedUntil) : 'no expiry') : null],
        ['First seen', when(f.firstSeen)],
        ['Last seen', when(f.lastSeen)],
      ]} />
      {f.pathId && <p><Link className="button" to={href('/graph', { source: f.source, path: f.pathId })}>Follow the attack path</Link></p>}

      <Can role="analyst">
        <section className="actions-panel" aria-label="Triage">
          <h3 className="sub">Triage</h3>
          <ErrorNote error={error} title="Not done" />
          <form className="inline-form" onSubmit={(e: FormEvent) => { e.preventDefault(); void act('assign', { assignee: (assignee ?? f.assignee ?? '').trim() || null }); }}>
            <label htmlFor="assignee">Assign to</label>
            <input id="assignee" value={assignee ?? f.assignee ?? ''} onChange={(e) => setAssignee(e.target.value)} placeholder="user or team" />
            <button type="submit" disabled={busy}>Assign</button>
          </form>
          <div className="button-row">
            {f.status === 'open' && <button type="button" onClick={() => setDialog('accept')} disabled={busy}>Accept risk…</button>}
            {f.status === 'open' && <button type="button" onClick={() => setDialog('false-positive')} disabled={busy}>Mark false positive…</button>}
            {(f.status === 'accepted' || f.status === 'false-positive') && <button type="button" onClick={() => void act('reopen', {})} disabled={busy}>Reopen</button>}
          </div>
          <form className="stack" onSubmit={async (e: FormEvent) => { e.preventDefault(); if (await act('comments', { text: comment })) setComment(''); }}>
            <label htmlFor="comment">Comment</label>
            <textarea id="comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
            <button type="submit" disabled={busy || !comment.trim()}>Add comment</button>
          </form>
          <form className="inline-form" onSubmit={(e: FormEvent) => { e.preventDefault(); void act('tickets', { integrationId: Number(tracker), source: f.source }); }}>
            <label htmlFor="tracker">Open a ticket in</label>
            {trackers.length ? (
              <>
                <select id="tracker" value={tracker} onChange={(e) => setTracker(e.target.value)}>
                  <option value="">choose a tracker</option>
                  {trackers.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.type})</option>)}
                </select>
                <button type="submit" disabled={busy || !tracker}>Open ticket</button>
              </>
            ) : <span className="muted small" id="tracker">No ticket tracker is set up: an admin adds Jira, GitHub or ServiceNow in Settings → Integrations.</span>}
          </form>
        </section>
      </Can>

      {(tickets.data?.items.length ?? 0) > 0 && (
        <section aria-label="Tickets">
          <h3 className="sub">Tickets</h3>
          <ul className="tickets">
            {tickets.data!.items.map((t) => (
              <li key={t.id}>
                <StatusBadge status={t.status} /> {t.url ? <a href={t.url} target="_blank" rel="noreferrer noopener">{t.key ?? t.title}</a> : <span>{t.key ?? t.title}</span>}
                <span className="muted small"> in {t.integration}{t.lastError ? ` · ${t.lastError}` : ''}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {f.reasons?.length > 0 && (
        <section aria-label="Why this score">
          <h3 className="sub">Why score {f.score}</h3>
          <ul className="reasons">
            {f.reasons.map((r, i) => <li key={i}><b>{r.points >= 0 ? '+' : ''}{r.points}</b> {r.factor}: {r.detail}</li>)}
          </ul>
        </section>
      )}
      {f.remediation && <section><h3 className="sub">Remediation</h3><p>{f.remediation}</p></section>}
      {f.evidence.length > 0 && (
        <section>
          <h3 className="sub">Evidence</h3>
          <ul className="evidence">
            {f.evidence.map((e, i) => (
              <li key={i}><span className="mono">{e.file ? `${e.file}${e.line ? `:${e.line}` : ''}` : e.uri}</span>{e.snippet && <pre className="snippet">{e.snippet}</pre>}</li>
            ))}
          </ul>
        </section>
      )}
      {Object.keys(f.frameworks ?? {}).length > 0 && (
        <section>
          <h3 className="sub">Frameworks</h3>
          <ul className="tags">
            {Object.entries(f.frameworks).map(([fw, ids]) => <li key={fw}><Link to={href('/compliance', { framework: fw, source: f.source })}>{fw}</Link>: {(ids ?? []).join(', ')}</li>)}
          </ul>
        </section>
      )}
      <section aria-label="History">
        <h3 className="sub">History</h3>
        <ol className="timeline">
          {history.data?.items.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{when(e.at)}</time> <b>{e.kind}</b> by {e.by}
              {e.assignee !== undefined && <> → {e.assignee ?? 'nobody'}</>}
              {e.until && <> until {day(e.until)}</>}
              {e.reason && <div className="quote">{e.reason}</div>}
            </li>
          ))}
        </ol>
      </section>

      <Dialog title="Accept the risk" open={dialog === 'accept'} onClose={() => setDialog(null)}>
        <AcceptForm busy={busy} onCancel={() => setDialog(null)} onSubmit={async (reason, until) => { if (await act('accept', { reason, until })) setDialog(null); }} error={error} />
      </Dialog>
      <Dialog title="Mark as false positive" open={dialog === 'false-positive'} onClose={() => setDialog(null)}>
        <ReasonForm busy={busy} onCancel={() => setDialog(null)} onSubmit={async (reason) => { if (await act('false-positive', { reason })) setDialog(null); }} error={error} />
      </Dialog>
    </aside>
  );
}

function AcceptForm({ onSubmit, onCancel, busy, error }: { onSubmit(reason: string, until: string): void; onCancel(): void; busy: boolean; error?: Error }) {
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(isoDay(90));
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); onSubmit(reason.trim(), until); }}>
      <label htmlFor="accept-reason">Reason (kept in the history and the audit log)</label>
      <textarea id="accept-reason" required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      <label htmlFor="accept-until">Accepted until (the finding reopens then)</label>
      <input id="accept-until" type="date" required min={isoDay(1)} value={until} onChange={(e) => setUntil(e.target.value)} />
      <ErrorNote error={error} title="Not accepted" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !reason.trim()}>Accept risk</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function ReasonForm({ onSubmit, onCancel, busy, error }: { onSubmit(reason: string): void; onCancel(): void; busy: boolean; error?: Error }) {
  const [reason, setReason] = useState('');
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); onSubmit(reason.trim()); }}>
      <label htmlFor="fp-reason">Why is this not a real problem?</label>
      <textarea id="fp-reason" required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      <ErrorNote error={error} title="Not marked" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !reason.trim()}>Mark false positive</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
