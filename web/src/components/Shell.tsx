// The frame around every view: navigation, the source picker (kept in the URL as ?source=), the theme switch and the
// user menu with the role. "/" jumps to the view's search box; the skip link jumps past the navigation.
import { type ReactNode, useEffect, useRef } from 'react';
import { useGet } from '../api.js';
import { href, Link, useLocation, useQueryState } from '../router.js';
import { useSession } from '../session.js';
import { useTheme } from '../theme.js';
import type { Page, Source } from '../types.js';

const NAV: Array<{ to: string; label: string; match: (p: string) => boolean }> = [
  { to: '/', label: 'Overview', match: (p) => p === '/' },
  { to: '/inventory', label: 'Inventory', match: (p) => p.startsWith('/inventory') || p.startsWith('/assets') },
  { to: '/findings', label: 'Findings', match: (p) => p.startsWith('/findings') },
  { to: '/graph', label: 'Graph', match: (p) => p.startsWith('/graph') },
  { to: '/compliance', label: 'Compliance', match: (p) => p.startsWith('/compliance') },
  { to: '/runtime', label: 'Runtime', match: (p) => p.startsWith('/runtime') },
  { to: '/settings', label: 'Settings', match: (p) => p.startsWith('/settings') },
];

export function useSources() {
  return useGet<Page<Source>>('/api/sources?limit=500&sort=name');
}

function SourcePicker() {
  const [q, setQ] = useQueryState();
  const sources = useSources();
  const list = sources.data?.items ?? [];
  return (
    <label className="source-picker">
      <span>Source</span>
      <select aria-label="Source" value={q.source ?? ''} onChange={(e) => setQ({ source: e.target.value }, { push: true })}>
        <option value="">All sources</option>
        {list.map((s) => <option key={s.id} value={s.name}>{s.name}</option>)}
      </select>
    </label>
  );
}

function UserMenu() {
  const { me, signOut } = useSession();
  const ref = useRef<HTMLDetailsElement>(null);
  if (!me) return null;
  return (
    <details className="user-menu" ref={ref}>
      <summary aria-label={`Account: ${me.user.username}, role ${me.role}`}>
        <span className="avatar" aria-hidden="true">{me.user.username.slice(0, 1).toUpperCase()}</span>
        <span>{me.user.displayName ?? me.user.username}</span>
        <span className={`badge role-${me.role}`} data-testid="role">{me.role}</span>
      </summary>
      <div className="menu" role="menu">
        <p className="muted small">Signed in as <b>{me.user.username}</b> ({me.role})</p>
        <Link role="menuitem" to="/settings/tokens" onClick={() => ref.current?.removeAttribute('open')}>API tokens</Link>
        <Link role="menuitem" to="/settings/account" onClick={() => ref.current?.removeAttribute('open')}>Change password</Link>
        <button role="menuitem" type="button" onClick={() => void signOut()}>Sign out</button>
      </div>
    </details>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const loc = useLocation();
  const [theme, toggleTheme] = useTheme();
  const source = loc.query.get('source') ?? undefined;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
      const box = document.querySelector<HTMLInputElement>('[data-search]');
      if (box) {
        e.preventDefault();
        box.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to={href('/', { source })} className="brand" aria-label="aispm overview">
          <svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="var(--accent)" /><path d="M9 22 16 8l7 14M12 17h8" stroke="#fff" strokeWidth="3" fill="none" strokeLinecap="round" strokeLinejoin="round" /></svg>
          <span>aispm</span>
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <Link to={href(n.to, { source })} aria-current={n.match(loc.path) ? 'page' : undefined}>{n.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-tools">
          <SourcePicker />
          <button type="button" className="icon-button" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} title="Theme">
            {theme === 'dark' ? '☀' : '☾'}
          </button>
          <UserMenu />
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}
