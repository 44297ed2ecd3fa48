// Settings: sources and their schedules and scans, users, API tokens, the check library, gateway keys, integrations, background
// jobs, the audit log and one's own password. Each tab shows only what the signed-in role may use.
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { del, patch, post, put, useAction, useGet, withQuery } from '../api.js';
import { Card, Empty, ErrorNote, Field, Loading, SeverityBadge, StatusBadge } from '../components/ui.js';
import { ago, when } from '../format.js';
import { href, Link, useQueryState } from '../router.js';
import { Can, useCan, useSession } from '../session.js';
import type { ApiToken, AuditEntry, Integration, Job, Page, Role, ScanRun, Schedule, Source, SourceKindInfo, User } from '../types.js';
import { SEVERITIES } from '../types.js';
import { ChecksTab } from './SettingsChecks.js';
import { GatewayKeysTab } from './SettingsGatewayKeys.js';

const TABS: Array<{ id: string; label: string; role: Role }> = [
  { id: 'sources', label: 'Sources and scans', role: 'viewer' },
  { id: 'users', label: 'Users', role: 'admin' },
  { id: 'tokens', label: 'API tokens', role: 'viewer' },
  { id: 'checks', label: 'Checks', role: 'viewer' },
  { id: 'gateway-keys', label: 'Gateway keys', role: 'viewer' },
  { id: 'integrations', label: 'Integrations', role: 'analyst' },
  { id: 'jobs', label: 'Jobs', role: 'viewer' },
  { id: 'audit', label: 'Audit log', role: 'admin' },
  { id: 'account', label: 'Account', role: 'viewer' },
];

export function Settings({ tab = 'sources' }: { tab?: string }) {
  const { me } = useSession();
  const [q] = useQueryState();
  const rank = { viewer: 0, analyst: 1, admin: 2 };
  const tabs = TABS.filter((t) => me && rank[me.role] >= rank[t.role]);
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  const body: Record<string, ReactNode> = {
    sources: <SourcesTab />, users: <UsersTab />, tokens: <TokensTab />, checks: <ChecksTab />, 'gateway-keys': <GatewayKeysTab />, integrations: <IntegrationsTab />,
    jobs: <JobsTab />, audit: <AuditTab />, account: <AccountTab />,
  };
  return (
    <div className="view settings">
      <header className="view-head"><h1>Settings</h1></header>
      <nav className="tabs" aria-label="Settings sections">
        {tabs.map((t) => <Link key={t.id} to={href(`/settings/${t.id}`, { source: q.source })} aria-current={t.id === current.id ? 'page' : undefined}>{t.label}</Link>)}
      </nav>
      {body[current.id]}
    </div>
  );
}

// ---- sources, schedules, scans ------------------------------------------------------------------------------------

function SourcesTab() {
  const sources = useGet<Page<Source>>('/api/sources?limit=500');
  const runs = useGet<Page<ScanRun>>('/api/scan-runs?limit=15');
  const schedules = useGet<Page<Schedule>>('/api/schedules?limit=500');
  const active = runs.data?.items.some((r) => r.status === 'queued' || r.status === 'running');
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => {
      runs.reload();
      sources.reload();
    }, 1500);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);
  const refresh = () => {
    sources.reload();
    runs.reload();
    schedules.reload();
  };
  const scheduleOf = (id: number) => schedules.data?.items.find((s) => s.sourceId === id);

  return (
    <>
      <Can role="analyst"><AddSource onAdded={refresh} /></Can>
      <Card title="Sources">
        <ErrorNote error={sources.error} />
        {sources.data?.total === 0 && (
          <Empty title="No sources yet">
            <Can role="analyst" otherwise={<>An analyst or admin adds the folders and repositories to scan.</>}>Add the first one above: a folder on this server, or a git repository.</Can>
          </Empty>
        )}
        {sources.data && sources.data.total > 0 && (
          <table className="table" aria-label="Sources">
            <thead><tr><th scope="col">name</th><th scope="col">kind</th><th scope="col">location</th><th scope="col">assets</th><th scope="col">last scan</th><th scope="col">schedule</th><th scope="col"><span className="sr-only">actions</span></th></tr></thead>
            <tbody>
              {sources.data.items.map((s) => <SourceRow key={s.id} source={s} schedule={scheduleOf(s.id)} onChanged={refresh} />)}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Recent scans">
        {runs.data?.items.length === 0 && <p className="muted">No scan has been requested yet.</p>}
        <ul className="runs" aria-label="Recent scans">
          {runs.data?.items.map((r) => (
            <li key={r.id} data-status={r.status}>
              <StatusBadge status={r.status} /> <b>{r.source}</b> <span className="muted small">by {r.requestedBy}, {ago(r.requestedAt)}</span>
              {r.summary && <span className="small"> · {r.summary.assets} assets, {r.summary.findings} findings (+{r.summary.added} / ~{r.summary.changed} / −{r.summary.removed})</span>}
              {r.error && <div className="error-note small">{r.error}</div>}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

function AddSource({ onAdded }: { onAdded(): void }) {
  const [form, setForm] = useState({ name: '', kind: 'directory', location: '', description: '' });
  const [scanNow, setScanNow] = useState(true);
  const { busy, error, run } = useAction();
  // the kinds this server can scan, from its registry (GET /api/sources/kinds), not a list kept here
  const kinds = useGet<{ items: SourceKindInfo[] }>('/api/sources/kinds');
  const hint = kinds.data?.items.find((k) => k.kind === form.kind)?.hint;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const s = await post<Source>('/api/sources', { ...form, description: form.description || undefined });
      if (scanNow) await post(`/api/sources/${s.id}/scans`);
    }, () => {
      setForm({ name: '', kind: 'directory', location: '', description: '' });
      onAdded();
    });
  };
  return (
    <Card title="Add a source">
      <form className="form-grid" onSubmit={submit}>
        <Field label="Name">{(id) => <input id={id} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="acme-ai" />}</Field>
        <Field label="Kind">
          {(id) => (
            <select id={id} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {(kinds.data?.items ?? [{ kind: 'directory', description: 'a folder on the server', hint: '' }]).map((k) => <option key={k.kind} value={k.kind} title={k.description}>{k.kind}</option>)}
            </select>
          )}
        </Field>
        <Field label="Location" hint={hint}>{(id) => <input id={id} required value={form.location} onChange={(e) => setForm({ ...form, location: e.target.value })} />}</Field>
        <Field label="Description">{(id) => <input id={id} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />}</Field>
        <label className="check"><input type="checkbox" checked={scanNow} onChange={(e) => setScanNow(e.target.checked)} /> Scan it now</label>
        <button type="submit" className="primary" disabled={busy}>Add source</button>
      </form>
      <ErrorNote error={error} title="Not added" />
    </Card>
  );
}

function SourceRow({ source: s, schedule, onChanged }: { source: Source; schedule?: Schedule; onChanged(): void }) {
  const { busy, error, run } = useAction();
  const [editing, setEditing] = useState(false);
  const [cron, setCron] = useState(schedule?.schedule ?? '');
  const [tz, setTz] = useState(schedule?.timezone ?? 'UTC');
  const analyst = useCan('analyst');
  return (
    <>
      <tr>
        <td><b>{s.name}</b>{s.description && <div className="muted small">{s.description}</div>}</td>
        <td>{s.kind}</td>
        <td className="mono small wrap">{s.location}</td>
        <td><Link to={href('/inventory', { source: s.name })}>{s.assetCount}</Link></td>
        <td>{s.lastScanAt ? <span title={when(s.lastScanAt)}>{ago(s.lastScanAt)}</span> : <span className="muted">never</span>} <span className="muted small">({s.scanCount})</span></td>
        <td className="small">{schedule?.schedule ? <><code>{schedule.schedule}</code> {schedule.timezone}<div className="muted">next {when(schedule.nextRunAt)}</div></> : <span className="muted">on demand</span>}</td>
        <td className="row-actions">
          {analyst && <button type="button" disabled={busy} onClick={() => void run(() => post(`/api/sources/${s.id}/scans`), onChanged)} aria-label={`Scan ${s.name} now`}>Scan now</button>}
          {analyst && <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing} aria-label={`Schedule of ${s.name}`}>Schedule</button>}
          <Can role="admin">
            <button type="button" className="danger" disabled={busy} aria-label={`Delete ${s.name}`}
              onClick={() => window.confirm(`Delete the source ${s.name} with its scans, inventory and findings?`) && void run(() => del(`/api/sources/${s.id}`), onChanged)}>Delete</button>
          </Can>
        </td>
      </tr>
      {(editing || error) && (
        <tr className="subrow">
          <td colSpan={7}>
            {editing && (
              <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void run(() => put(`/api/sources/${s.id}/schedule`, { schedule: cron.trim() || null, timezone: tz || undefined }), () => { setEditing(false); onChanged(); }); }}>
                <label htmlFor={`cron-${s.id}`}>Cron</label>
                <input id={`cron-${s.id}`} value={cron} onChange={(e) => setCron(e.target.value)} placeholder="0 3 * * * (empty: on demand only)" />
                <label htmlFor={`tz-${s.id}`}>Time zone</label>
                <input id={`tz-${s.id}`} value={tz} onChange={(e) => setTz(e.target.value)} />
                <button type="submit" className="primary" disabled={busy}>Save schedule</button>
              </form>
            )}
            <ErrorNote error={error} title="Not done" />
          </td>
        </tr>
      )}
    </>
  );
}

// ---- users --------------------------------------------------------------------------------------------------------

function UsersTab() {
  const users = useGet<Page<User>>('/api/users?limit=500');
  const { busy, error, run } = useAction();
  const [form, setForm] = useState({ username: '', displayName: '', role: 'viewer' as Role, password: '' });
  return (
    <>
      <Card title="Add a user">
        <form className="form-grid" onSubmit={(e) => { e.preventDefault(); void run(() => post('/api/users', { ...form, displayName: form.displayName || undefined, mustChangePassword: true }), () => { setForm({ username: '', displayName: '', role: 'viewer', password: '' }); users.reload(); }); }}>
          <Field label="User name">{(id) => <input id={id} required value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />}</Field>
          <Field label="Display name">{(id) => <input id={id} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />}</Field>
          <Field label="Role">{(id) => <select id={id} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}><option>viewer</option><option>analyst</option><option>admin</option></select>}</Field>
          <Field label="Initial password" hint="at least 12 characters; they change it at first sign-in">{(id) => <input id={id} type="password" required autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}</Field>
          <button type="submit" className="primary" disabled={busy}>Add user</button>
        </form>
        <ErrorNote error={error} title="Not done" />
      </Card>
      <Card title="Users">
        <ErrorNote error={users.error} />
        <table className="table" aria-label="Users">
          <thead><tr><th scope="col">user</th><th scope="col">role</th><th scope="col">state</th><th scope="col">created</th><th scope="col"><span className="sr-only">actions</span></th></tr></thead>
          <tbody>
            {users.data?.items.map((u) => (
              <tr key={u.id}>
                <td><b>{u.username}</b> {u.displayName && <span className="muted">{u.displayName}</span>}</td>
                <td>
                  <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.username}</label>
                  <select id={`role-${u.id}`} value={u.role} disabled={busy} onChange={(e) => void run(() => patch(`/api/users/${u.id}`, { role: e.target.value }), users.reload)}>
                    <option>viewer</option><option>analyst</option><option>admin</option>
                  </select>
                </td>
                <td>{u.disabled ? <span className="warn">disabled</span> : 'active'}{u.mustChangePassword ? <span className="muted small"> · must change password</span> : null}</td>
                <td className="small">{when(u.createdAt)}</td>
                <td className="row-actions">
                  <button type="button" disabled={busy} onClick={() => void run(() => patch(`/api/users/${u.id}`, { disabled: !u.disabled }), users.reload)}>{u.disabled ? 'Enable' : 'Disable'}</button>
                  <button type="button" className="danger" disabled={busy} onClick={() => window.confirm(`Delete ${u.username}?`) && void run(() => del(`/api/users/${u.id}`), users.reload)}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}

// ---- API tokens ---------------------------------------------------------------------------------------------------

function TokensTab() {
  const { me } = useSession();
  const tokens = useGet<Page<ApiToken>>('/api/tokens?limit=500');
  const { busy, error, run } = useAction();
  const [form, setForm] = useState({ name: '', scope: 'read', expiresInDays: 90 });
  const [shown, setShown] = useState<string>();
  const scopes = me?.role === 'admin' ? ['read', 'write', 'admin'] : me?.role === 'analyst' ? ['read', 'write'] : ['read'];
  return (
    <>
      <Card title="Create an API token">
        <p className="muted small">For scripts and CI: send it as <code>Authorization: Bearer …</code>. Read acts as a viewer, write as an analyst, admin as an admin — never more than your own role.</p>
        <form className="form-grid" onSubmit={(e) => { e.preventDefault(); void run(async () => { const r = await post<{ token: string }>('/api/tokens', form); setShown(r.token); }, () => { setForm({ ...form, name: '' }); tokens.reload(); }); }}>
          <Field label="Name">{(id) => <input id={id} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="ci-pipeline" />}</Field>
          <Field label="Scope">{(id) => <select id={id} value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })}>{scopes.map((s) => <option key={s}>{s}</option>)}</select>}</Field>
          <Field label="Expires in (days)">{(id) => <input id={id} type="number" min={1} max={365} value={form.expiresInDays} onChange={(e) => setForm({ ...form, expiresInDays: Number(e.target.value) })} />}</Field>
          <button type="submit" className="primary" disabled={busy}>Create token</button>
        </form>
        <ErrorNote error={error} title="Not done" />
        {shown && (
          <div className="token-once" role="status">
            <p><b>Copy this token now</b>: it is shown once and stored only as a hash.</p>
            <code className="mono wrap" data-testid="new-token">{shown}</code>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(shown)}>Copy</button>
            <button type="button" onClick={() => setShown(undefined)}>Done</button>
          </div>
        )}
      </Card>
      <Card title="Your tokens">
        {tokens.data?.items.length === 0 && <p className="muted">No token yet.</p>}
        {!!tokens.data?.items.length && (
          <table className="table" aria-label="API tokens">
            <thead><tr><th scope="col">name</th><th scope="col">scope</th><th scope="col">prefix</th><th scope="col">expires</th><th scope="col">last used</th><th scope="col"><span className="sr-only">actions</span></th></tr></thead>
            <tbody>
              {tokens.data.items.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td><td>{t.scope}</td><td className="mono">{t.prefix}…</td><td>{when(t.expiresAt)}</td><td>{t.lastUsedAt ? ago(t.lastUsedAt) : <span className="muted">never</span>}</td>
                  <td><button type="button" className="danger" disabled={busy} onClick={() => void run(() => del(`/api/tokens/${t.id}`), tokens.reload)}>Revoke</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

// ---- integrations -------------------------------------------------------------------------------------------------

const INTEGRATION_EXAMPLES: Record<Integration['type'], { config: string; secrets: string }> = {
  webhook: { config: '{ "url": "https://hooks.example.com/aispm" }', secrets: '{ "signingSecret": "…" }' },
  slack: { config: '{}', secrets: '{ "webhookUrl": "https://hooks.slack.com/services/…" }' },
  jira: { config: '{ "baseUrl": "https://acme.atlassian.net", "projectKey": "SEC" }', secrets: '{ "email": "bot@acme.com", "apiToken": "…" }' },
  github: { config: '{ "repository": "acme/ai-platform" }', secrets: '{ "token": "…" }' },
  servicenow: { config: '{ "instanceUrl": "https://acme.service-now.com" }', secrets: '{ "username": "…", "password": "…" }' },
};

function IntegrationsTab() {
  const list = useGet<Page<Integration>>('/api/integrations?limit=500');
  const { busy, error, run } = useAction();
  const [test, setTest] = useState<Record<number, string>>({});
  return (
    <>
      <Can role="admin"><AddIntegration onAdded={list.reload} /></Can>
      <Card title="Integrations">
        <ErrorNote error={list.error ?? error} />
        {list.data?.items.length === 0 && (
          <Empty title="No integrations yet">
            <Can role="admin" otherwise={<>An admin can add Jira, GitHub Issues or ServiceNow to open tickets from findings, and webhooks or Slack for notifications.</>}>
              Add Jira, GitHub Issues or ServiceNow above to open tickets from findings, or a webhook or Slack channel for notifications.
            </Can>
          </Empty>
        )}
        {!!list.data?.items.length && (
          <table className="table" aria-label="Integrations">
            <thead><tr><th scope="col">name</th><th scope="col">type</th><th scope="col">settings</th><th scope="col">min severity</th><th scope="col">state</th><th scope="col"><span className="sr-only">actions</span></th></tr></thead>
            <tbody>
              {list.data.items.map((i) => (
                <tr key={i.id}>
                  <td><b>{i.name}</b></td>
                  <td>{i.type}</td>
                  <td className="mono small wrap">{JSON.stringify(i.config)} {Object.keys(i.secrets).length ? `secrets: ${Object.keys(i.secrets).join(', ')}` : ''}</td>
                  <td><SeverityBadge severity={i.minSeverity} /></td>
                  <td>{i.enabled ? 'enabled' : <span className="warn">disabled</span>}{test[i.id] && <div className="small">{test[i.id]}</div>}</td>
                  <td className="row-actions">
                    <Can role="admin">
                      {['webhook', 'slack'].includes(i.type) && (
                        <button type="button" disabled={busy} onClick={() => void run(async () => { const r = await post<{ ok: boolean; error?: string }>(`/api/integrations/${i.id}/test`); setTest({ ...test, [i.id]: r.ok ? 'test delivered' : `test failed: ${r.error}` }); })}>Test</button>
                      )}
                      <button type="button" disabled={busy} onClick={() => void run(() => patch(`/api/integrations/${i.id}`, { enabled: !i.enabled }), list.reload)}>{i.enabled ? 'Disable' : 'Enable'}</button>
                      <button type="button" className="danger" disabled={busy} onClick={() => window.confirm(`Remove ${i.name}?`) && void run(() => del(`/api/integrations/${i.id}`), list.reload)}>Remove</button>
                    </Can>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

function AddIntegration({ onAdded }: { onAdded(): void }) {
  const [type, setType] = useState<Integration['type']>('github');
  const [name, setName] = useState('');
  const [config, setConfig] = useState('');
  const [secrets, setSecrets] = useState('');
  const [minSeverity, setMinSeverity] = useState('high');
  const { busy, error, run } = useAction();
  const parse = (label: string, text: string) => {
    try {
      return text.trim() ? JSON.parse(text) : {};
    } catch {
      throw new Error(`${label} is not valid JSON`);
    }
  };
  return (
    <Card title="Add an integration">
      <form className="form-grid" onSubmit={(e) => { e.preventDefault(); void run(() => post('/api/integrations', {
        name, type, config: parse('Settings', config), secrets: parse('Secrets', secrets), minSeverity,
        events: ['webhook', 'slack'].includes(type) ? ['finding.opened', 'scan.failed'] : [],
      }), () => { setName(''); setConfig(''); setSecrets(''); onAdded(); }); }}>
        <Field label="Name">{(id) => <input id={id} required value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <Field label="Type">{(id) => <select id={id} value={type} onChange={(e) => setType(e.target.value as Integration['type'])}>{Object.keys(INTEGRATION_EXAMPLES).map((t) => <option key={t}>{t}</option>)}</select>}</Field>
        <Field label="Settings (JSON)" hint={INTEGRATION_EXAMPLES[type].config}>{(id) => <textarea id={id} rows={2} value={config} onChange={(e) => setConfig(e.target.value)} placeholder={INTEGRATION_EXAMPLES[type].config} />}</Field>
        <Field label="Secrets (JSON, write-only)" hint={INTEGRATION_EXAMPLES[type].secrets}>{(id) => <textarea id={id} rows={2} value={secrets} onChange={(e) => setSecrets(e.target.value)} placeholder={INTEGRATION_EXAMPLES[type].secrets} />}</Field>
        <Field label="Minimum severity">{(id) => <select id={id} value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)}>{SEVERITIES.map((s) => <option key={s}>{s}</option>)}</select>}</Field>
        <button type="submit" className="primary" disabled={busy}>Add integration</button>
      </form>
      <ErrorNote error={error} title="Not added" />
    </Card>
  );
}

// ---- jobs ---------------------------------------------------------------------------------------------------------

function JobsTab() {
  const [q, setQ] = useQueryState();
  const jobs = useGet<Page<Job>>(withQuery('/api/jobs', { limit: 100, status: q.jstatus }));
  const { busy, error, run } = useAction();
  return (
    <Card title="Background jobs" actions={<button type="button" onClick={jobs.reload}>Refresh</button>}>
      <div className="filters">
        <Field label="Status">{(id) => (
          <select id={id} value={q.jstatus ?? ''} onChange={(e) => setQ({ jstatus: e.target.value })}>
            <option value="">any</option>{['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => <option key={s}>{s}</option>)}
          </select>
        )}</Field>
      </div>
      <ErrorNote error={jobs.error ?? error} />
      {jobs.data?.items.length === 0 && <p className="muted">No job{q.jstatus ? ` is ${q.jstatus}` : ' yet'}: scans, ticket deliveries and ticket sync run as jobs.</p>}
      {!!jobs.data?.items.length && (
        <table className="table" aria-label="Jobs">
          <thead><tr><th scope="col">#</th><th scope="col">kind</th><th scope="col">status</th><th scope="col">attempts</th><th scope="col">created</th><th scope="col">last error</th><th scope="col"><span className="sr-only">actions</span></th></tr></thead>
          <tbody>
            {jobs.data.items.map((j) => (
              <tr key={j.id}>
                <td>{j.id}</td><td>{j.kind}</td><td><StatusBadge status={j.status} /></td><td>{j.attempts}/{j.maxAttempts}</td>
                <td className="small">{when(j.createdAt)}{j.createdBy ? ` by ${j.createdBy}` : ''}</td>
                <td className="small wrap">{j.lastError ?? ''}</td>
                <td className="row-actions">
                  <Can role="analyst">
                    {(j.status === 'failed' || j.status === 'cancelled') && <button type="button" disabled={busy} onClick={() => void run(() => post(`/api/jobs/${j.id}/retry`), jobs.reload)}>Retry</button>}
                    {j.status === 'queued' && <button type="button" disabled={busy} onClick={() => void run(() => post(`/api/jobs/${j.id}/cancel`), jobs.reload)}>Cancel</button>}
                  </Can>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

// ---- audit log ----------------------------------------------------------------------------------------------------

function AuditTab() {
  const [q, setQ] = useQueryState();
  const filters = { actor: q.actor, action: q.action };
  const audit = useGet<Page<AuditEntry>>(withQuery('/api/audit', { ...filters, limit: 100 }));
  return (
    <Card title="Audit log" actions={<>
      <a className="button" href={withQuery('/api/audit/export', { ...filters, format: 'csv' })} download>Export CSV</a>
      <a className="button" href={withQuery('/api/audit/export', { ...filters, format: 'json' })} download>Export JSON</a>
    </>}>
      <div className="filters">
        <Field label="Actor">{(id) => <input id={id} value={q.actor ?? ''} onChange={(e) => setQ({ actor: e.target.value })} />}</Field>
        <Field label="Action" hint="exact, or a prefix ending in a dot: finding.">{(id) => <input id={id} value={q.action ?? ''} onChange={(e) => setQ({ action: e.target.value })} />}</Field>
      </div>
      <ErrorNote error={audit.error} />
      {!audit.data && !audit.error && <Loading />}
      <table className="table" aria-label="Audit entries">
        <thead><tr><th scope="col">when</th><th scope="col">who</th><th scope="col">action</th><th scope="col">target</th><th scope="col">change</th></tr></thead>
        <tbody>
          {audit.data?.items.map((e) => (
            <tr key={e.id}>
              <td className="small">{when(e.at)}</td><td>{e.actor} <span className="muted small">{e.via}</span></td><td className="mono small">{e.action}</td>
              <td className="small wrap">{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</td>
              <td>{(e.before !== null && e.before !== undefined) || (e.after !== null && e.after !== undefined) ? (
                <details><summary className="small">before / after</summary><pre className="json small">{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre></details>
              ) : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

// ---- own account --------------------------------------------------------------------------------------------------

function AccountTab() {
  const { me, refresh } = useSession();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  return (
    <Card title="Change your password">
      {me?.user.mustChangePassword && <p className="warn">Your password was set by an admin: choose your own.</p>}
      <form className="form-grid" onSubmit={(e) => { e.preventDefault(); setDone(false); void run(() => put('/api/auth/password', form), () => { setDone(true); setForm({ currentPassword: '', newPassword: '' }); void refresh(); }); }}>
        <input type="text" autoComplete="username" value={me?.user.username ?? ''} readOnly hidden />
        <Field label="Current password">{(id) => <input id={id} type="password" required autoComplete="current-password" value={form.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} />}</Field>
        <Field label="New password" hint="at least 12 characters, not your user name">{(id) => <input id={id} type="password" required autoComplete="new-password" value={form.newPassword} onChange={(e) => setForm({ ...form, newPassword: e.target.value })} />}</Field>
        <button type="submit" className="primary" disabled={busy}>Change password</button>
      </form>
      <ErrorNote error={error} title="Not changed" />
      {done && <p role="status">Password changed; your other sessions were signed out.</p>}
    </Card>
  );
}
