// Posture KPIs over the stored inventory and the finding lifecycle, for one source or all of them.
import { SEVERITIES, type Severity } from '../model/finding.js';
import type { Db } from './db.js';
import { expireAcceptances } from './finding-events.js';
import type { Kpis } from './types.js';

/** What a model or agent must be linked to (an edge either way) to count as mapped. */
export const DATA_KINDS = ['dataset', 'storage', 'vector-store', 'knowledge-base'];
export const IDENTITY_KINDS = ['identity'];
export const ENDPOINT_KINDS = ['endpoint', 'ai-service'];

const inList = (kinds: string[]) => kinds.map((k) => `'${k}'`).join(', ');

function share(part: number, whole: number): number {
  return whole ? part / whole : 0;
}

export function computeKpis(db: Db, source: string | undefined, now: Date): Promise<Kpis> {
  return db.transaction(async (tx) => {
    await expireAcceptances(tx, now);
    // many short index lookups: compiling them (PostgreSQL's JIT) costs more than it saves
    await tx.query('set local jit = off');
    const [src] = source !== undefined
      ? await tx.query<{ id: number }>('select id from sources where name = $1', [source])
      : [{ id: null }];
    // an unknown source has nothing: -1 matches no row
    const sourceId: number | null = src ? src.id : -1;
    const scope = (alias: string) => `($1::integer is null or ${alias}.source_id = $1)`;

    // the special `internet` node is not an asset anyone owns; an owner a person assigned (server, migration 003)
    // counts as much as one the scan inferred
    const [assets] = await tx.query<{ total: number; owned: number; shadow: number }>(
      `select count(*)::int as total, count(coalesce(a.assigned_owner, a.owner))::int as owned,
         (count(*) filter (where a.kind = 'ai-service' and a.attrs -> 'sanctioned' = 'false'::jsonb))::int as shadow
       from assets a where a.removed_at is null and a.kind <> 'network' and ${scope('a')}`,
      [sourceId],
    );

    const [mapping] = await tx.query<{ subjects: number; data: number; identities: number; endpoints: number; any: number }>(
      // per model or agent, its neighbours both ways through the two edge indexes (by source and from_id, and by
      // source and to_id): a plan that stays index lookups whatever the table statistics say
      `select count(*)::int as subjects, (count(*) filter (where x.data))::int as data,
         (count(*) filter (where x.identities))::int as identities, (count(*) filter (where x.endpoints))::int as endpoints,
         (count(*) filter (where x.data or x.identities or x.endpoints))::int as any
       from assets s
       cross join lateral (
         select bool_or(n.kind in (${inList(DATA_KINDS)})) as data,
           bool_or(n.kind in (${inList(IDENTITY_KINDS)})) as identities,
           bool_or(n.kind in (${inList(ENDPOINT_KINDS)})) as endpoints
         from (select e.to_id as id from edges e where e.source_id = s.source_id and e.from_id = s.id
               union all
               select e.from_id from edges e where e.source_id = s.source_id and e.to_id = s.id) nb
         join assets n on n.source_id = s.source_id and n.id = nb.id and n.removed_at is null) x
       where s.removed_at is null and s.kind in ('model', 'agent') and ${scope('s')}`,
      [sourceId],
    );

    // open and not muted by a scan-time suppression: what still needs someone's attention
    const open = await tx.query<{ severity: Severity; n: number }>(
      `select f.severity, count(*)::int as n from findings f
       where f.status = 'open' and f.suppression is null and ${scope('f')} group by f.severity`,
      [sourceId],
    );
    const openFindingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const r of open) openFindingsBySeverity[r.severity] = r.n;

    // Mean time to remediate from the history: each `resolved` event against the `opened`/`reopened` before it.
    const [mttr] = await tx.query<{ n: number; hours: number | null }>(
      `with lifecycle as (
         select e.kind, e.at, lag(e.kind) over w as prev_kind, lag(e.at) over w as prev_at
         from finding_events e
         where e.kind in ('opened', 'reopened', 'resolved') and ${scope('e')}
         window w as (partition by e.source_id, e.fingerprint order by e.at, e.id))
       select count(*)::int as n, avg(extract(epoch from (at - prev_at)) / 3600.0)::float8 as hours
       from lifecycle where kind = 'resolved' and prev_kind in ('opened', 'reopened')`,
      [sourceId],
    );

    const kpis: Kpis = {
      assets: assets.total,
      ownerCoverage: share(assets.owned, assets.total),
      mappingCoverage: share(mapping.any, mapping.subjects),
      mappedTo: {
        data: share(mapping.data, mapping.subjects),
        identities: share(mapping.identities, mapping.subjects),
        endpoints: share(mapping.endpoints, mapping.subjects),
      },
      modelsAndAgents: mapping.subjects,
      shadowAiServices: assets.shadow,
      openFindingsBySeverity,
      meanTimeToRemediateHours: mttr.n ? Number(mttr.hours) : null,
      remediated: mttr.n,
    };
    if (source !== undefined) kpis.source = source;
    return kpis;
  });
}
