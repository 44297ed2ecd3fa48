// Sign-in: user name and password; the server rate-limits attempts and says so.
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.js';
import { useSession } from '../session.js';

export function SignIn() {
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong user name or password, or the account is disabled.' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <form onSubmit={submit} aria-labelledby="signin-title" className="card">
        <div className="brand big" aria-hidden="true">
          <svg viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="var(--accent)" /><path d="M9 22 16 8l7 14M12 17h8" stroke="#fff" strokeWidth="3" fill="none" strokeLinecap="round" strokeLinejoin="round" /></svg>
          <span>aispm</span>
        </div>
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">AI security posture: inventory, findings, attack paths and compliance evidence.</p>
        <div className="field">
          <label htmlFor="username">User name</label>
          <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {error && <div className="error-note" role="alert">{error}</div>}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="muted small">
          The first start of <code>aispm serve</code> creates the account <code>admin</code> with the password from
          <code> AISPM_ADMIN_PASSWORD</code>, or prints a one-time password.
        </p>
      </form>
    </main>
  );
}
