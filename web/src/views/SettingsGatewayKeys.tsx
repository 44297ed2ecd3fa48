// Settings → Gateway keys: the virtual keys applications present to `aispm gateway` (stored hashed in this server's
// store; gateways started with `keys.store: true` pick changes up at their next refresh). Everyone signed in sees the
// keys, their limits and this period's budget use; admins create, rotate and revoke them.
import { type FormEvent, useState } from 'react';
import { del, post, useAction, useGet } from '../api.js';
import { Card, ErrorNote, Field, Loading, StatusBadge } from '../components/ui.js';
import { ago, when } from '../format.js';
import { Can } from '../session.js';
import type { GatewayKey } from '../types.js';

const PERIODS = ['hour', 'day', 'week', 'month'] as const;
type Period = (typeof PERIODS)[number];

interface KeyForm {
  name: string;
  app: string;
  team: string;
  models: string;
  budgetTokens: string;
  budgetPeriod: Period;
  rpm: string;
  tpm: string;
  expires: string;
}
const EMPTY: KeyForm = { name: '', app: '', team: '', models: '', budgetTokens: '', budgetPeriod: 'month', rpm: '', tpm: '', expires: '' };

/** The API's body from the form: blank fields are left out, numbers are numbers, the expiry is the end of that day (UTC). */
function bodyOf(f: KeyForm): Record<string, unknown> {
  const num = (v: string) => (v.trim() ? Number(v) : undefined);
  const rpm = num(f.rpm);
  const tpm = num(f.tpm);
  return {
    name: f.name.trim(),
    ...(f.app.trim() ? { app: f.app.trim() } : {}),
    ...(f.team.trim() ? { team: f.team.trim() } : {}),
    models: f.models.split(',').map((m) => m.trim()).filter(Boolean),
    ...(num(f.budgetTokens) ? { budget: { tokens: num(f.budgetTokens), period: f.budgetPeriod } } : {}),
    ...(rpm || tpm ? { rateLimit: { ...(rpm ? { requestsPerMinute: rpm } : {}), ...(tpm ? { tokensPerMinute: tpm } : {}) } } : {}),
    ...(f.expires ? { expiresAt: `${f.expires}T23:59:59Z` } : {}),
  };
}

const GRACE_CHOICES: Array<{ minutes: number; label: string }> = [
  { minutes: 0, label: 'no grace' },
  { minutes: 60, label: 'old key works 1 h' },
  { minutes: 24 * 60, label: 'old key works 24 h' },
];

export function GatewayKeysTab() {
  const [showRevoked, setShowRevoked] = useState(false);
  const keys = useGet<{ items: GatewayKey[] }>(`/api/gateway/keys?includeRevoked=${showRevoked}`);
  const [form, setForm] = useState<KeyForm>(EMPTY);
  const [issued, setIssued] = useState<{ name: string; key: string; verb: string }>();
  const { busy, error, run } = useAction();
  const [confirmRevoke, setConfirmRevoke] = useState<string>();
  const [grace, setGrace] = useState(0);

  const act = (fn: () => Promise<void>) => run(fn, keys.reload);
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await post<{ key: string; record: GatewayKey }>('/api/gateway/keys', bodyOf(form));
      setIssued({ name: r.record.name, key: r.key, verb: 'Created' });
      setForm(EMPTY);
    });
  };
  const set = (k: keyof KeyForm) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  return (
    <>
      <Can role="admin">
        <Card title="Create a gateway key">
          <p className="muted small">
            Applications send it to <code>aispm gateway</code> as their API key (<code>Authorization: Bearer …</code> or <code>x-api-key</code>).
            Gateways that read keys from this store (<code>keys: {'{'} store: true {'}'}</code>) accept it at their next refresh.
          </p>
          <form className="form-grid" onSubmit={create} aria-label="Create a gateway key">
            <Field label="Name">{(id) => <input id={id} required value={form.name} onChange={set('name')} placeholder="billing-prod" />}</Field>
            <Field label="Application">{(id) => <input id={id} value={form.app} onChange={set('app')} placeholder="billing" />}</Field>
            <Field label="Team">{(id) => <input id={id} value={form.team} onChange={set('team')} placeholder="finance" />}</Field>
            <Field label="Allowed models" hint="comma-separated globs; empty allows every model the gateway routes">
              {(id) => <input id={id} value={form.models} onChange={set('models')} placeholder="gpt-4o*, claude-*" />}
            </Field>
            <Field label="Token budget">{(id) => <input id={id} type="number" min={1} value={form.budgetTokens} onChange={set('budgetTokens')} placeholder="none" />}</Field>
            <Field label="Budget period">
              {(id) => <select id={id} value={form.budgetPeriod} onChange={set('budgetPeriod')}>{PERIODS.map((p) => <option key={p}>{p}</option>)}</select>}
            </Field>
            <Field label="Requests per minute">{(id) => <input id={id} type="number" min={1} value={form.rpm} onChange={set('rpm')} placeholder="no limit" />}</Field>
            <Field label="Tokens per minute">{(id) => <input id={id} type="number" min={1} value={form.tpm} onChange={set('tpm')} placeholder="no limit" />}</Field>
            <Field label="Expires on">{(id) => <input id={id} type="date" value={form.expires} onChange={set('expires')} />}</Field>
            <button type="submit" className="primary" disabled={busy}>Create key</button>
          </form>
        </Card>
      </Can>
      <ErrorNote error={error} title="Not done" />
      {issued && (
        <div className="token-once" role="status">
          <p><b>{issued.verb} {issued.name}. Copy the key now</b>: it is shown once and stored only as a hash.</p>
          <code className="mono wrap" data-testid="new-gateway-key">{issued.key}</code>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(issued.key)}>Copy</button>
          <button type="button" onClick={() => setIssued(undefined)}>Done</button>
        </div>
      )}
      <Card
        title="Gateway keys"
        actions={<label className="small"><input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} /> show revoked</label>}
      >
        {keys.error ? <ErrorNote error={keys.error} /> : !keys.data ? <Loading /> : keys.data.items.length === 0 ? (
          <p className="muted">No gateway key yet. Admins create them here or with <code>aispm gateway keys create</code>.</p>
        ) : (
          <>
            <Can role="admin">
              <p className="small">
                <label>Rotation: <select aria-label="Rotation grace" value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
                  {GRACE_CHOICES.map((g) => <option key={g.minutes} value={g.minutes}>{g.label}</option>)}
                </select></label>
              </p>
            </Can>
            <table className="table" aria-label="Gateway keys">
              <thead>
                <tr>
                  <th scope="col">name</th><th scope="col">application</th><th scope="col">team</th><th scope="col">models</th>
                  <th scope="col">budget this period</th><th scope="col">rate limit</th><th scope="col">expires</th><th scope="col">status</th>
                  <th scope="col">created / rotated</th><th scope="col"><span className="sr-only">actions</span></th>
                </tr>
              </thead>
              <tbody>
                {keys.data.items.map((k) => (
                  <tr key={k.id} data-key={k.name}>
                    <td>{k.name} <span className="muted mono small">{k.id}</span></td>
                    <td>{k.app ?? <span className="muted">—</span>}</td>
                    <td>{k.team ?? <span className="muted">—</span>}</td>
                    <td className="mono small">{k.models.length ? k.models.join(', ') : '*'}</td>
                    <td><Budget k={k} /></td>
                    <td className="small">{rateLimitText(k) || <span className="muted">none</span>}</td>
                    <td>{k.expiresAt ? when(k.expiresAt) : <span className="muted">never</span>}</td>
                    <td><StatusBadge status={k.status} />{k.previousKeyValidUntil && <div className="muted small">old key until {when(k.previousKeyValidUntil)}</div>}</td>
                    <td className="small">{ago(k.createdAt)}{k.rotatedAt && <div className="muted">rotated {ago(k.rotatedAt)}</div>}</td>
                    <td className="row-actions">
                      {k.status !== 'revoked' && (
                        <Can role="admin">
                          <button type="button" disabled={busy} onClick={() => void act(async () => {
                            const r = await post<{ key: string; record: GatewayKey }>(`/api/gateway/keys/${k.id}/rotate`, { graceMinutes: grace });
                            setIssued({ name: r.record.name, key: r.key, verb: 'Rotated' });
                          })}>Rotate</button>
                          {confirmRevoke === k.id ? (
                            <button type="button" className="danger" disabled={busy} onClick={() => void act(async () => {
                              await del(`/api/gateway/keys/${k.id}`);
                              setConfirmRevoke(undefined);
                            })}>Confirm revoke</button>
                          ) : (
                            <button type="button" className="danger" disabled={busy} onClick={() => setConfirmRevoke(k.id)}>Revoke</button>
                          )}
                        </Can>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Card>
    </>
  );
}

function rateLimitText(k: GatewayKey): string {
  const r = k.rateLimit;
  if (!r) return '';
  return [r.requestsPerMinute ? `${r.requestsPerMinute.toLocaleString()} req/min` : '', r.tokensPerMinute ? `${r.tokensPerMinute.toLocaleString()} tok/min` : '']
    .filter(Boolean)
    .join(', ');
}

/** Tokens used of the budget this period, as a number and a bar. */
function Budget({ k }: { k: GatewayKey }) {
  if (!k.budget) return <span className="muted">no budget</span>;
  const used = k.usage?.tokens ?? 0;
  const share = Math.min(1, used / k.budget.tokens);
  return (
    <div className="small" title={`${used.toLocaleString()} of ${k.budget.tokens.toLocaleString()} tokens this ${k.budget.period}`}>
      <span data-testid="budget-used">{used.toLocaleString()}</span> / {k.budget.tokens.toLocaleString()} per {k.budget.period}
      <div className="bar-track" role="meter" aria-label={`budget used by ${k.name}`} aria-valuemin={0} aria-valuemax={k.budget.tokens} aria-valuenow={used}>
        <span className="bar" style={{ width: `${Math.round(share * 100)}%`, background: share >= 0.9 ? 'var(--sev-high)' : 'var(--accent)' }} />
      </div>
    </div>
  );
}
