// Inventory: search and filters (kind, provider, owner, environment, sensitivity) kept in the query string, over a
// paged, virtualised list of every AI asset.
import { useEffect, useState } from 'react';
import { useGet, withQuery } from '../api.js';
import { useSources } from '../components/Shell.js';
import { type Column, VirtualTable } from '../components/VirtualTable.js';
import { Empty, FacetSelect, Field, KindBadge } from '../components/ui.js';
import { ago, count } from '../format.js';
import { href, Link, navigate, useQueryState } from '../router.js';
import { Can } from '../session.js';
import type { AssetSummary, Facets } from '../types.js';

const FILTERS = ['kind', 'provider', 'owner', 'environment', 'sensitivity'] as const;

/** A text box that writes to the URL after a short pause (typing does not flood the history or the server). */
export function SearchBox({ value, onChange, label, placeholder }: { value: string; onChange(v: string): void; label: string; placeholder?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onChange(text), 250);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return (
    <Field label={label}>
      {(id) => <input id={id} type="search" data-search value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} />}
    </Field>
  );
}

export function Inventory() {
  const [q, setQ] = useQueryState();
  const source = q.source || undefined;
  const facets = useGet<Facets>(withQuery('/api/assets/facets', { source }));
  const sources = useSources();
  const [total, setTotal] = useState<{ n: number; capped: boolean }>();
  const sort = q.sort ?? 'name';
  const path = withQuery('/api/assets', { source, q: q.q, sort, order: q.order, ...Object.fromEntries(FILTERS.map((f) => [f, q[f]])) });
  const filtered = FILTERS.some((f) => q[f]) || !!q.q;

  const columns: Column<AssetSummary>[] = [
    { key: 'name', label: 'Name', width: 'minmax(14rem, 3fr)', render: (a) => <Link to={href(`/assets/${encodeURIComponent(a.id)}`, { source: a.source })} tabIndex={-1} className="cell-main" title={a.key}>{a.name}</Link> },
    { key: 'kind', label: 'Kind', width: '8.5rem', render: (a) => <KindBadge kind={a.kind} /> },
    { key: 'provider', label: 'Provider', width: '9rem', render: (a) => a.provider ?? <span className="muted">–</span> },
    { key: 'owner', label: 'Owner', width: 'minmax(9rem, 1.3fr)', render: (a) => a.owner ? <span title={a.ownerAssigned ? 'assigned by a person' : 'found by the scan'}>{a.owner}{a.ownerAssigned ? ' ✎' : ''}</span> : <span className="warn">no owner</span> },
    { key: 'env', label: 'Environment', width: '7.5rem', render: (a) => a.environment ?? <span className="muted">–</span> },
    { key: 'sens', label: 'Sensitivity', width: '7.5rem', render: (a) => a.sensitivity ? <span className={`badge sens-${a.sensitivity}`}>{a.sensitivity}</span> : <span className="muted">–</span> },
    ...(source ? [] : [{ key: 'source', label: 'Source', width: '7rem', render: (a: AssetSummary) => a.source }]),
    { key: 'seen', label: 'Last seen', width: '6.5rem', render: (a) => <span title={a.lastSeen}>{ago(a.lastSeen)}</span> },
  ];

  const noSources = sources.data?.total === 0;
  return (
    <div className="view">
      <header className="view-head">
        <h1>Inventory</h1>
        <p className="muted">{total ? `${count(total.n, total.capped)} assets${filtered ? ' match' : ''}` : ' '}</p>
      </header>
      <form className="filters" role="search" aria-label="Filter the inventory" onSubmit={(e) => e.preventDefault()}>
        <SearchBox label="Search" value={q.q ?? ''} placeholder="name or key (press /)" onChange={(v) => setQ({ q: v })} />
        {FILTERS.map((f) => (
          <FacetSelect key={f} label={f[0].toUpperCase() + f.slice(1)} value={q[f] ?? ''} options={facets.data?.[f] ?? []} onChange={(v) => setQ({ [f]: v })} />
        ))}
        <Field label="Sort">
          {(id) => (
            <select id={id} value={`${sort}:${q.order ?? 'asc'}`} onChange={(e) => { const [s, o] = e.target.value.split(':'); setQ({ sort: s === 'name' ? undefined : s, order: o === 'asc' ? undefined : o }); }}>
              <option value="name:asc">name</option>
              <option value="kind:asc">kind</option>
              <option value="provider:asc">provider</option>
              <option value="owner:asc">owner</option>
              <option value="lastSeen:desc">last seen (newest)</option>
              <option value="firstSeen:desc">first seen (newest)</option>
            </select>
          )}
        </Field>
        {filtered && <button type="button" className="link" onClick={() => setQ({ q: undefined, ...Object.fromEntries(FILTERS.map((f) => [f, undefined])) })}>Clear filters</button>}
      </form>
      {noSources ? (
        <Empty title="The inventory is empty" action={<Can role="analyst"><Link className="button primary" to="/settings/sources">Add a source</Link></Can>}>
          Assets appear here after a source has been scanned. Add a folder or git repository as a source and run a scan.
        </Empty>
      ) : (
        <VirtualTable<AssetSummary>
          label="Assets"
          path={path}
          columns={columns}
          rowKey={(a) => `${a.source}/${a.id}`}
          onOpen={(a) => navigate(href(`/assets/${encodeURIComponent(a.id)}`, { source: a.source }))}
          onTotal={(n, capped) => setTotal({ n, capped })}
          empty={filtered
            ? <Empty title="No asset matches" action={<button type="button" onClick={() => setQ({ q: undefined, ...Object.fromEntries(FILTERS.map((f) => [f, undefined])) })}>Clear filters</button>}>Try fewer filters or another search.</Empty>
            : <Empty title="No assets yet">Scan a source (Settings → Sources) and its AI assets show up here.</Empty>}
        />
      )}
    </div>
  );
}
