// One outgoing HTTP call for every integration: JSON in and out, a timeout, and errors that say whether a retry helps
// (network errors, 408, 429 and 5xx do; other 4xx mean the request or its credentials are wrong).

import { VERSION } from '../version.js';
import { maskSecrets } from '../util/mask.js';

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    /** True when the same request may succeed later. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless `rawBody` is given. */
  json?: unknown;
  /** Exact bytes to send (signed webhooks sign what they send). */
  rawBody?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export const USER_AGENT = `aispm/${VERSION}`;

/** Where a request went, without query strings or credentials (for error messages and logs). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export async function httpJson(req: HttpRequest, what: string): Promise<HttpResponse> {
  const body = req.rawBody ?? (req.json === undefined ? undefined : JSON.stringify(req.json));
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: 'application/json', ...req.headers };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  const timeout = AbortSignal.timeout(req.timeoutMs ?? 30_000);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(req.url, { method: req.method, headers, body, signal, redirect: 'error' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const reason = (e as Error).name === 'TimeoutError' ? 'timed out' : cause?.code ?? cause?.message ?? (e as Error).message;
    throw new DeliveryError(`${what}: ${req.method} ${describeUrl(req.url)} failed: ${maskSecrets(String(reason))}`, true);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, text, json };
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  const detail = maskSecrets(errorDetail(json, text)).slice(0, 300);
  throw new DeliveryError(`${what}: ${req.method} ${describeUrl(req.url)} answered ${res.status}${detail ? `: ${detail}` : ''}`, retryable, res.status);
}

/** The error text each service puts in its body (Jira errorMessages/errors, GitHub message, ServiceNow error.message). */
function errorDetail(json: unknown, text: string): string {
  if (json && typeof json === 'object') {
    const j = json as Record<string, unknown>;
    const parts: string[] = [];
    if (Array.isArray(j.errorMessages)) parts.push(...j.errorMessages.map(String));
    if (j.errors && typeof j.errors === 'object' && !Array.isArray(j.errors)) {
      parts.push(...Object.entries(j.errors as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`));
    }
    if (typeof j.message === 'string') parts.push(j.message);
    if (j.error && typeof j.error === 'object' && typeof (j.error as Record<string, unknown>).message === 'string') {
      parts.push(String((j.error as Record<string, unknown>).message));
    }
    if (parts.length) return parts.join('; ');
  }
  return text.trim().split('\n')[0] ?? '';
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Joins a base URL (which may carry a path, as a Jira or ServiceNow behind a proxy does) and an API path. */
export function joinUrl(base: string, apiPath: string): string {
  return `${base.replace(/\/+$/, '')}/${apiPath.replace(/^\/+/, '')}`;
}
