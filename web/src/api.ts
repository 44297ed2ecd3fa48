// The one way the dashboard talks to the server: same-origin JSON with the session cookie, the CSRF token on every
// change, and the API's error shape turned into an ApiError a view can show.
import { useCallback, useEffect, useRef, useState } from 'react';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSignedOut: (() => void) | undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401), so the app can show the sign-in page. */
export function onUnauthenticated(fn: () => void): void {
  onSignedOut = fn;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('application/json') && text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/auth/login') onSignedOut?.();
    const err = json?.error as { code?: string; message?: string } | undefined;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? (res.statusText || `request failed (${res.status})`));
  }
  return json as T;
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
export const put = <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown = {}) => request<T>('PATCH', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload(): void;
}

/** GETs `path` (null: nothing to load yet) whenever it changes; a late answer for an older path is dropped. */
export function useGet<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: Error }>({ path: null });
  const [tick, setTick] = useState(0);
  const latest = useRef<string | null>(null);
  useEffect(() => {
    latest.current = path;
    if (path === null) return;
    let live = true;
    request<T>('GET', path).then(
      (data) => live && latest.current === path && setState({ path, data }),
      (error: Error) => live && latest.current === path && setState({ path, error }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = state.path === path;
  return {
    // keep showing the previous answer while the next one loads (no flashing of empty tables)
    data: state.data,
    error: current ? state.error : undefined,
    loading: path !== null && (!current || (state.data === undefined && state.error === undefined)),
    reload,
  };
}

/** Runs a change against the API: remembers whether one is under way and its error, and calls `done` after success. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async (fn: () => Promise<unknown>, done?: () => void): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      done?.();
      return true;
    } catch (e) {
      setError(e as Error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
