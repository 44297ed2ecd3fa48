// Small building blocks every view uses: badges, empty states, errors, labelled fields, dialogs.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { kindColor } from '../kinds.js';
import type { Severity } from '../types.js';

export function SeverityBadge({ severity }: { severity: Severity | string }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{status.replace('-', ' ')}</span>;
}

export function Score({ value }: { value: number }) {
  const level = value >= 80 ? 'critical' : value >= 60 ? 'high' : value >= 40 ? 'medium' : 'low';
  return <span className={`score sev-${level}`} title="priority score 0-100">{value}</span>;
}

/** What to show when there is nothing: says why, and what to do next. */
export function Empty({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

export function ErrorNote({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert">
      <strong>{title}:</strong> {(error as Error).message ?? String(error)}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <div className="loading" role="status" aria-live="polite">{what}…</div>;
}

export function Card({ title, children, actions, className = '' }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={`card ${className}`} aria-labelledby={title ? id : undefined}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2 id={id}>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <small className="hint">{hint}</small>}
    </div>
  );
}

/** A select over facet values with their counts; '' means any. */
export function FacetSelect({ label, value, options, onChange, allLabel = 'any' }: {
  label: string; value: string; options: Array<{ value: string | null; count?: number; label?: string }>; onChange(v: string): void; allLabel?: string;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{allLabel}</option>
          {options.map((o) => (
            <option key={o.value ?? '∅'} value={o.value ?? 'none'}>
              {o.label ?? o.value ?? '(none)'}{o.count !== undefined ? ` (${o.count})` : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A modal dialog (the native <dialog>: focus is trapped and Escape closes it). */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={id} onClose={onClose} className="dialog">
      <h2 id={id}>{title}</h2>
      {open && children}
    </dialog>
  );
}

export function KeyValues({ entries }: { entries: Array<[string, ReactNode]> }) {
  return (
    <dl className="kv">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v ?? '–'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Attribute values of any JSON shape, readable. */
export function JsonValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">–</span>;
  if (typeof value === 'boolean') return <span className={value ? 'yes' : 'no'}>{value ? 'yes' : 'no'}</span>;
  if (typeof value === 'string' || typeof value === 'number') return <span>{String(value)}</span>;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return <span>{value.join(', ')}</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function KindBadge({ kind }: { kind: string }) {
  return <span className="kind" style={{ ['--k' as string]: kindColor(kind) }}>{kind}</span>;
}
