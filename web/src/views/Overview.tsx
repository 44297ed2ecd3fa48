// Overview: the posture score and KPIs with their trend, the top risks (findings and attack paths), newly seen shadow
// AI, and charts of open findings by severity, owner coverage and shadow AI over time.
import { type ReactNode, useEffect, useState } from 'react';
import { get, useGet, withQuery } from '../api.js';
import { BarList, Gauge, Sparkline, TimeChart } from '../components/charts.js';
import { useSources } from '../components/Shell.js';
import { Card, Empty, ErrorNote, Loading, Score, SeverityBadge } from '../components/ui.js';
import { ago, count, hours, pct } from '../format.js';
import { combinedTrend, postureOf } from '../posture.js';
import { href, Link, navigate, useQueryState } from '../router.js';
import { Can } from '../session.js';
import { type AssetSummary, type AttackPath, type Facets, type KpiPoint, type Kpis, type Page, SEVERITIES, type StoredFinding } from '../types.js';

function Delta({ now, before, good = 'up', format }: { now: number; before?: number; good?: 'up' | 'down'; format(n: number): string }) {
  if (before === undefined || before === now) return <span className="delta flat">{before === undefined ? 'first scan' : 'no change'}</span>;
  const up = now > before;
  const better = good === 'up' ? up : !up;
  return <span className={`delta ${better ? 'better' : 'worse'}`}>{up ? '▲' : '▼'} {format(Math.abs(now - before))} since last scan</span>;
}

function Kpi({ label, value, trend, delta, to }: { label: string; value: string; trend?: number[]; delta?: ReactNode; to?: string }) {
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      {trend && <Sparkline values={trend} label={label} />}
      {delta}
    </>
  );
  return to ? <Link className="kpi" to={to}>{body}</Link> : <div className="kpi">{body}</div>;
}

/** The best attack paths of the chosen source, or of every source when none is chosen. */
function useTopPaths(sourceNames: string[]): { paths: Array<AttackPath & { source: string }>; error?: Error } {
  const [state, setState] = useState<{ key: string; paths: Array<AttackPath & { source: string }>; error?: Error }>({ key: '', paths: [] });
  const key = sourceNames.join('\u0000');
  useEffect(() => {
    let live = true;
    Promise.all(sourceNames.slice(0, 10).map((s) =>
      get<Page<AttackPath>>(withQuery('/api/graph/paths', { source: s, limit: 3 })).then((p) => p.items.map((x) => ({ ...x, source: s })))))
      .then((lists) => live && setState({ key, paths: lists.flat().sort((a, b) => b.score - a.score).slice(0, 4) }),
        (error: Error) => live && setState({ key, paths: [], error }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

export function Overview() {
  const [q] = useQueryState();
  const source = q.source || undefined;
  const sources = useSources();
  const kpis = useGet<Kpis>(withQuery('/api/kpis', { source }));
  const trend = useGet<{ items: KpiPoint[] }>(withQuery('/api/kpis/trend', { source, limit: 200 }));
  const top = useGet<Page<StoredFinding>>(withQuery('/api/findings', { source, status: 'open', sort: 'score', limit: 6 }));
  const shadow = useGet<Page<AssetSummary & { attrs: Record<string, any> }>>(withQuery('/api/shadow', { source, limit: 6 }));
  const facets = useGet<Facets>(withQuery('/api/assets/facets', { source }));
  const names = source ? [source] : (sources.data?.items ?? []).filter((s) => s.lastScanId).map((s) => s.name);
  const paths = useTopPaths(names);

  if (sources.data && sources.data.total === 0) {
    return (
      <div className="view">
        <h1>Overview</h1>
        <Empty
          title="No sources yet"
          action={<Can role="analyst" otherwise={<p className="muted">Ask an analyst or an admin to add a source.</p>}>
            <Link className="button primary" to="/settings/sources">Add a source</Link>
          </Can>}
        >
          aispm shows posture once it has scanned something. Add a folder or a git repository as a source in Settings → Sources,
          then run a scan; from the command line, <code>npx aispm scan examples/acme-ai</code> shows what a scan finds.
        </Empty>
      </div>
    );
  }
  if (kpis.error) return <div className="view"><h1>Overview</h1><ErrorNote error={kpis.error} /></div>;
  if (!kpis.data || !trend.data) return <div className="view"><h1>Overview</h1><Loading /></div>;

  const k = kpis.data;
  const points = source ? trend.data.items.map((p) => ({ at: p.at, kpis: p.kpis })) : combinedTrend(trend.data.items);
  const prev = points.length > 1 ? points[points.length - 2].kpis : undefined;
  const posture = postureOf(k);
  const series = (f: (k: Kpis) => number) => points.map((p) => f(p.kpis));
  const openHigh = (x: Kpis) => (x.openFindingsBySeverity.critical ?? 0) + (x.openFindingsBySeverity.high ?? 0);
  const owners = (facets.data?.owner ?? []).slice().sort((a, b) => (a.value === null ? -1 : b.value === null ? 1 : b.count - a.count));
  const noScans = points.length === 0 && k.assets === 0;

  return (
    <div className="view overview">
      <header className="view-head">
        <h1>Overview{source ? `: ${source}` : ''}</h1>
        <p className="muted">{source ? `Source ${source}` : `All ${sources.data?.total ?? ''} sources`} · {points.length} scan{points.length === 1 ? '' : 's'} recorded</p>
      </header>
      {noScans && (
        <Empty title="Nothing scanned yet" action={<Can role="analyst"><Link className="button primary" to="/settings/sources">Scan a source</Link></Can>}>
          The sources exist but no scan has finished. Start one in Settings → Sources; this page fills in when it is done.
        </Empty>
      )}
      <div className="grid-top">
        <Card title="Posture score" className="posture">
          <div className="posture-body">
            <Gauge value={posture.score} label="Posture score" />
            <ul className="posture-parts">
              {posture.parts.map((p) => (
                <li key={p.label}>
                  <span>{p.label}</span>
                  <b>{p.points >= 0 ? '+' : '−'}{Math.abs(Math.round(p.points))}{p.max ? ` / ${p.max}` : ''}</b>
                  <small className="muted">{p.detail}</small>
                </li>
              ))}
            </ul>
          </div>
          {points.length > 1 && <Sparkline values={points.map((p) => postureOf(p.kpis).score)} label="Posture score" />}
        </Card>
        <div className="kpis" role="list" aria-label="Key indicators">
          <div role="listitem"><Kpi label="AI assets" value={count(k.assets)} trend={series((x) => x.assets)} to={href('/inventory', { source })}
            delta={<Delta now={k.assets} before={prev?.assets} good="down" format={String} />} /></div>
          <div role="listitem"><Kpi label="Critical + high open" value={count(openHigh(k))} trend={series(openHigh)} to={href('/findings', { source, severity: 'critical,high' })}
            delta={<Delta now={openHigh(k)} before={prev && openHigh(prev)} good="down" format={String} />} /></div>
          <div role="listitem"><Kpi label="Owner coverage" value={pct(k.ownerCoverage)} trend={series((x) => x.ownerCoverage)} to={href('/inventory', { source, owner: 'none' })}
            delta={<Delta now={k.ownerCoverage} before={prev?.ownerCoverage} format={pct} />} /></div>
          <div role="listitem"><Kpi label="Mapping coverage" value={pct(k.mappingCoverage)} trend={series((x) => x.mappingCoverage)}
            delta={<Delta now={k.mappingCoverage} before={prev?.mappingCoverage} format={pct} />} /></div>
          <div role="listitem"><Kpi label="Shadow AI services" value={count(k.shadowAiServices)} trend={series((x) => x.shadowAiServices)}
            to={href('/inventory', { source, kind: 'ai-service' })}
            delta={<Delta now={k.shadowAiServices} before={prev?.shadowAiServices} good="down" format={String} />} /></div>
          <div role="listitem"><Kpi label="Mean time to remediate" value={hours(k.meanTimeToRemediateHours)}
            delta={<span className="delta flat">{k.remediated ?? 0} remediated</span>} /></div>
        </div>
      </div>

      <div className="grid-2">
        <Card title="Top risks" actions={<Link to={href('/findings', { source })}>All findings →</Link>}>
          <ErrorNote error={top.error} />
          {top.data && top.data.items.length === 0 && <Empty title="No open findings">Every finding is resolved, accepted or marked false positive.</Empty>}
          <ol className="risk-list">
            {top.data?.items.map((f) => (
              <li key={`${f.source}/${f.fingerprint}`}>
                <Score value={f.score} />
                <div>
                  <Link to={href(`/findings/${f.fingerprint}`, { source: f.source })}>{f.title}</Link>
                  <div className="muted small"><SeverityBadge severity={f.severity} /> {f.checkId} · {f.source}</div>
                </div>
              </li>
            ))}
          </ol>
          <h3 className="sub">Attack paths</h3>
          <ErrorNote error={paths.error} />
          {paths.paths.length === 0 && !paths.error && <p className="muted">No attack path found in the latest scans.</p>}
          <ol className="path-list">
            {paths.paths.map((p) => (
              <li key={`${p.source}/${p.id}`}>
                <Score value={p.score} />
                <Link to={href('/graph', { source: p.source, path: p.id })}>{p.summary}</Link>
              </li>
            ))}
          </ol>
        </Card>
        <Card title="Newly discovered shadow AI" actions={<Link to={href('/inventory', { source, kind: 'ai-service' })}>AI services →</Link>}>
          <ErrorNote error={shadow.error} />
          {shadow.data && shadow.data.items.length === 0 && (
            <Empty title="No shadow AI seen">Add egress logs (proxy, DNS, TLS) to a source to find AI services used without approval.</Empty>
          )}
          <ul className="shadow-list">
            {shadow.data?.items.map((s) => {
              const eg = (s.attrs.egress ?? {}) as { users?: string[]; requests?: number; destinations?: string[]; lastSeen?: string };
              return (
                <li key={`${s.source}/${s.id}`}>
                  <Link to={href(`/assets/${encodeURIComponent(s.id)}`, { source: s.source })}><b>{s.name}</b></Link>
                  <span className="muted small">{(eg.destinations ?? []).join(', ')}</span>
                  <span className="small">{count(eg.requests ?? 0)} requests · {(eg.users ?? []).length} users · first seen {ago(s.firstSeen)}</span>
                </li>
              );
            })}
          </ul>
        </Card>
      </div>

      {points.length > 0 && (
        <div className="grid-3">
          <Card title="Open findings by severity">
            <TimeChart title="Open findings by severity over time" stacked times={points.map((p) => p.at)}
              series={SEVERITIES.filter((s) => s !== 'info').map((s) => ({ label: s, color: `var(--sev-${s})`, values: series((x) => x.openFindingsBySeverity[s] ?? 0) }))} />
          </Card>
          <Card title="Owner coverage">
            <TimeChart title="Share of assets with an owner over time" times={points.map((p) => p.at)} max={1} format={pct}
              series={[{ label: 'owned', color: 'var(--good)', values: series((x) => x.ownerCoverage) }]} />
            <BarList title="Assets per owner" format={String}
              items={owners.slice(0, 8).map((o) => ({ label: o.value ?? 'no owner', key: o.value ?? 'none', value: o.count, color: o.value === null ? 'var(--sev-high)' : undefined }))}
              onSelect={(owner) => navigate(href('/inventory', { source, owner }))} />
          </Card>
          <Card title="Shadow AI over time">
            <TimeChart title="Unsanctioned AI services seen in egress" times={points.map((p) => p.at)}
              series={[{ label: 'shadow AI services', color: 'var(--sev-medium)', values: series((x) => x.shadowAiServices) }]} />
          </Card>
        </div>
      )}
    </div>
  );
}
