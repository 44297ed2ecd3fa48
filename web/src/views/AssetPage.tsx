// One asset: what it is (attributes), where it was seen (evidence), what it is connected to, its findings, and who
// owns it (analysts can assign an owner; the assignment survives rescans).
import { type FormEvent, useState } from 'react';
import { put, useGet, withQuery } from '../api.js';
import { Card, Empty, ErrorNote, JsonValue, KeyValues, KindBadge, Loading, Score, SeverityBadge, StatusBadge } from '../components/ui.js';
import { when } from '../format.js';
import { href, Link, useQueryState } from '../router.js';
import { Can } from '../session.js';
import type { AssetDetail, Relationship } from '../types.js';

function Relations({ title, items, dir, source }: { title: string; items: Relationship[]; dir: 'out' | 'in'; source: string }) {
  return (
    <div>
      <h3 className="sub">{title} ({items.length})</h3>
      {items.length === 0 ? <p className="muted">None.</p> : (
        <ul className="relations">
          {items.map((r) => {
            const other = dir === 'out' ? r.to : r.from;
            return (
              <li key={`${r.kind}${other}`}>
                <span className="edge">{dir === 'out' ? `${r.kind} →` : `← ${r.kind}`}</span>
                {r.target ? <Link to={href(`/assets/${encodeURIComponent(r.target.id)}`, { source })}>{r.target.name}</Link> : <span className="muted">{other}</span>}
                {r.target && <KindBadge kind={r.target.kind} />}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function OwnerForm({ asset, onSaved }: { asset: AssetDetail; onSaved(): void }) {
  const [owner, setOwner] = useState(asset.owner ?? '');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const save = async (value: string | null) => {
    setBusy(true);
    setError(undefined);
    try {
      await put(withQuery(`/api/assets/${encodeURIComponent(asset.id)}/owner`, { source: asset.source }), { owner: value });
      onSaved();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e: FormEvent) => { e.preventDefault(); void save(owner.trim() || null); }}>
      <label htmlFor="owner-input">Assign an owner</label>
      <input id="owner-input" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="team or person" maxLength={200} />
      <button type="submit" className="primary" disabled={busy || !owner.trim()}>Save owner</button>
      {asset.ownerAssigned && <button type="button" onClick={() => void save(null)} disabled={busy}>Return to scanned owner{asset.scannedOwner ? ` (${asset.scannedOwner})` : ''}</button>}
      <ErrorNote error={error} title="Could not assign" />
    </form>
  );
}

export function AssetPage({ id }: { id: string }) {
  const [q] = useQueryState();
  const asset = useGet<AssetDetail>(withQuery(`/api/assets/${encodeURIComponent(id)}`, { source: q.source }));
  if (asset.error) {
    return <div className="view"><Empty title="Asset not found" action={<Link to="/inventory">Back to the inventory</Link>}>{asset.error.message}</Empty></div>;
  }
  const a = asset.data;
  if (!a || a.id !== id) return <div className="view"><Loading what="Loading the asset" /></div>;
  const attrs = Object.entries(a.attrs).sort(([x], [y]) => x.localeCompare(y));
  return (
    <div className="view">
      <nav aria-label="Breadcrumb" className="crumbs"><Link to={href('/inventory', { source: q.source })}>Inventory</Link> / <span>{a.kind}</span></nav>
      <header className="view-head">
        <h1>{a.name} <KindBadge kind={a.kind} /></h1>
        <p className="muted mono">{a.key}</p>
        <div className="actions">
          <Link className="button" to={href('/graph', { asset: a.id, source: a.source })}>Open in graph explorer</Link>
          <Link className="button" to={href('/findings', { source: a.source, assetId: a.id, status: 'open,accepted,false-positive,resolved' })}>All findings of this asset</Link>
        </div>
      </header>
      {a.removedAt && <div className="error-note" role="status">The last scan of {a.source} no longer saw this asset ({when(a.removedAt)}).</div>}
      <div className="grid-2">
        <Card title="Ownership and context">
          <KeyValues entries={[
            ['Owner', a.owner ? <>{a.owner} <span className="muted small">{a.ownerAssigned ? '(assigned)' : '(from the scan)'}</span></> : <span className="warn">no owner</span>],
            ['Provider', a.provider],
            ['Environment', a.environment],
            ['Sensitivity', a.sensitivity],
            ['Source', a.source + (a.alsoIn.length ? ` (also in ${a.alsoIn.join(', ')})` : '')],
            ['First seen', when(a.firstSeen)],
            ['Last seen', when(a.lastSeen)],
            ['Tags', a.tags.length ? a.tags.join(', ') : null],
          ]} />
          <Can role="analyst"><OwnerForm key={`${a.id}${a.owner}`} asset={a} onSaved={asset.reload} /></Can>
        </Card>
        <Card title={`Findings (${a.findings.length})`}>
          {a.findings.length === 0 ? <p className="muted">No finding on this asset.</p> : (
            <ol className="risk-list">
              {a.findings.map((f) => (
                <li key={f.fingerprint}>
                  <Score value={f.score} />
                  <div>
                    <Link to={href(`/findings/${f.fingerprint}`, { source: a.source })}>{f.title}</Link>
                    <div className="small"><SeverityBadge severity={f.severity} /> <StatusBadge status={f.status} /> <span className="muted">{f.checkId}</span></div>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
      <Card title="Attributes">
        {attrs.length === 0 ? <p className="muted">No attributes recorded.</p> : <KeyValues entries={attrs.map(([k, v]) => [k, <JsonValue value={v} />])} />}
      </Card>
      <Card title={`Evidence (${a.evidence.length})`}>
        <ul className="evidence">
          {a.evidence.map((e, i) => (
            <li key={i}>
              <span className="mono">{e.file ? `${e.file}${e.line ? `:${e.line}${e.endLine && e.endLine !== e.line ? `-${e.endLine}` : ''}` : ''}` : e.uri ?? '(reference)'}</span>
              <span className="muted small"> via {e.collector}</span>
              {e.snippet && <pre className="snippet">{e.snippet}</pre>}
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Relationships">
        <div className="grid-2 tight">
          <Relations title="Outgoing" items={a.relationships.outgoing} dir="out" source={a.source} />
          <Relations title="Incoming" items={a.relationships.incoming} dir="in" source={a.source} />
        </div>
      </Card>
    </div>
  );
}
