// Runtime: what the AI gateway decided — requests per day, blocked requests, abuse and anomaly detections — and the
// events themselves, filtered in the URL.
import { useState } from 'react';
import { useGet, withQuery } from '../api.js';
import { BarList, TimeChart } from '../components/charts.js';
import { type Column, VirtualTable } from '../components/VirtualTable.js';
import { Card, Dialog, Empty, ErrorNote, Field, Loading } from '../components/ui.js';
import { count, when } from '../format.js';
import { useQueryState } from '../router.js';
import type { RuntimeEvent, RuntimeSummary } from '../types.js';

const VIEWS: Record<string, { label: string; query: Record<string, string | undefined> }> = {
  all: { label: 'every event', query: {} },
  blocked: { label: 'blocked requests', query: { action: 'block,refuse,throttle' } },
  detections: { label: 'anomalies and abuse', query: { kind: 'detection' } },
  flagged: { label: 'flagged or redacted', query: { action: 'flag,redact' } },
};

export function Runtime() {
  const [q, setQ] = useQueryState();
  const days = Number(q.days ?? 14);
  const summary = useGet<RuntimeSummary>(withQuery('/api/runtime/summary', { days }));
  const [open, setOpen] = useState<RuntimeEvent>();
  const view = VIEWS[q.show ?? 'all'] ?? VIEWS.all;
  const path = withQuery('/api/runtime/events', { ...view.query, app: q.app, model: q.model });
  const s = summary.data;

  const columns: Column<RuntimeEvent>[] = [
    { key: 'time', label: 'Time', width: '10rem', render: (e) => <time dateTime={e.time}>{when(e.time)}</time> },
    { key: 'kind', label: 'Kind', width: '6.5rem', render: (e) => e.kind },
    { key: 'action', label: 'Action', width: '6rem', render: (e) => <span className={`badge action-${e.action}`}>{e.action ?? '–'}</span> },
    { key: 'sev', label: 'Severity', width: '7rem', render: (e) => e.severity },
    { key: 'title', label: 'Event', width: 'minmax(14rem, 2fr)', render: (e) => <span className="cell-main" title={e.message ?? ''}>{e.title}{e.guardrails.length ? ` · ${e.guardrails.join(', ')}` : ''}</span> },
    { key: 'app', label: 'App', width: '8rem', render: (e) => e.app ?? <span className="muted">–</span> },
    { key: 'model', label: 'Model', width: '9rem', render: (e) => e.model ?? <span className="muted">–</span> },
  ];

  return (
    <div className="view">
      <header className="view-head">
        <h1>Runtime</h1>
        <p className="muted">Security events from <code>aispm gateway</code>: every request it decided, what it blocked, and the anomalies it detected.</p>
      </header>
      <ErrorNote error={summary.error} />
      {!s && !summary.error && <Loading />}
      {s && s.totals.events === 0 && (
        <Empty title="No gateway events yet">
          Run <code>aispm gateway</code> with its event store pointed at this server's database, and send your AI traffic through it:
          its decisions, blocked requests and detections appear here.
        </Empty>
      )}
      {s && s.totals.events > 0 && (
        <>
          <div className="summary-row">
            <div className="stat"><b>{count(s.totals.requests)}</b> requests</div>
            <div className="stat fail"><b>{count(s.totals.blocked)}</b> blocked</div>
            <div className="stat ne"><b>{count(s.totals.detections)}</b> detections</div>
            <Field label="Period">
              {(id) => (
                <select id={id} value={String(days)} onChange={(e) => setQ({ days: e.target.value === '14' ? undefined : e.target.value })}>
                  <option value="7">7 days</option><option value="14">14 days</option><option value="30">30 days</option><option value="90">90 days</option>
                </select>
              )}
            </Field>
          </div>
          <div className="grid-2">
            <Card title="Requests and blocks per day">
              <TimeChart title="Gateway requests, blocked requests and detections per day" times={s.days.map((d) => `${d.day}T12:00:00Z`)}
                series={[
                  { label: 'requests', color: 'var(--accent)', values: s.days.map((d) => d.requests) },
                  { label: 'blocked', color: 'var(--sev-critical)', values: s.days.map((d) => d.blocked) },
                  { label: 'detections', color: 'var(--sev-medium)', values: s.days.map((d) => d.detections) },
                ]} />
            </Card>
            <Card title="Busiest applications">
              <BarList title="Requests per application" items={s.apps.map((a) => ({ label: `${a.app}${a.blocked ? ` (${a.blocked} blocked)` : ''}`, key: a.app, value: a.requests }))}
                onSelect={(app) => setQ({ app: q.app === app ? undefined : app })} />
              <BarList title="Events by action" items={s.byAction.map((a) => ({ label: a.action, value: a.count, color: ['block', 'refuse', 'throttle'].includes(a.action) ? 'var(--sev-critical)' : undefined }))}
                onSelect={(action) => setQ({ show: ['block', 'refuse', 'throttle'].includes(action) ? 'blocked' : ['flag', 'redact'].includes(action) ? 'flagged' : undefined })} />
            </Card>
          </div>
          <div className="filters">
            <Field label="Show">
              {(id) => (
                <select id={id} value={q.show ?? 'all'} onChange={(e) => setQ({ show: e.target.value === 'all' ? undefined : e.target.value })}>
                  {Object.entries(VIEWS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
                </select>
              )}
            </Field>
            {q.app && <button type="button" className="chip" onClick={() => setQ({ app: undefined })}>app {q.app} ✕</button>}
          </div>
          <VirtualTable<RuntimeEvent> label="Gateway events" path={path} columns={columns} rowKey={(e) => String(e.id)} onOpen={setOpen} height="28rem"
            empty={<Empty title="No event matches">Choose another filter.</Empty>} />
        </>
      )}
      <Dialog title={open ? `${open.title} (${open.kind})` : 'Event'} open={!!open} onClose={() => setOpen(undefined)}>
        {open && (
          <>
            <p>{open.message}</p>
            <pre className="json">{JSON.stringify(open.event, null, 2)}</pre>
            <button type="button" onClick={() => setOpen(undefined)}>Close</button>
          </>
        )}
      </Dialog>
    </div>
  );
}
