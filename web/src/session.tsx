// Who is signed in, with which role, and the CSRF token of the session. A viewer never sees a control that changes
// anything: views wrap such controls in <Can role="analyst"> (the API refuses them anyway).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, get, onUnauthenticated, post, setCsrfToken } from './api.js';
import type { Me, Role, User } from './types.js';

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

interface Session {
  status: 'loading' | 'signed-out' | 'signed-in';
  me?: Me;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ status: Session['status']; me?: Me }>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await get<Me>('/api/auth/me');
      setCsrfToken(me.csrfToken);
      setState({ status: 'signed-in', me });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setState({ status: 'signed-out' });
      else throw e;
    }
  }, []);

  useEffect(() => {
    onUnauthenticated(() => setState({ status: 'signed-out' }));
    refresh().catch(() => setState({ status: 'signed-out' }));
  }, [refresh]);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await post<{ user: User; csrfToken: string }>('/api/auth/login', { username, password });
    setCsrfToken(answer.csrfToken);
    setState({ status: 'signed-in', me: { user: answer.user, role: answer.user.role, via: 'session', csrfToken: answer.csrfToken } });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    }
  }, []);

  return <SessionContext.Provider value={{ ...state, signIn, signOut, refresh }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Whether the signed-in user has at least `role`. */
export function useCan(role: Role): boolean {
  const { me } = useSession();
  return !!me && RANK[me.role] >= RANK[role];
}

export function Can({ role, children, otherwise = null }: { role: Role; children: ReactNode; otherwise?: ReactNode }) {
  return <>{useCan(role) ? children : otherwise}</>;
}
