// Upstream calls: one keep-alive undici Pool per upstream, the provider's URL and auth shape (OpenAI,
// Azure OpenAI deployments, Anthropic, any OpenAI-compatible server), and the route's retry and fallback
// policy. A request is retried or sent to the next target only before anything reached the client: on a
// connection failure, a timeout before the response headers, or a retryable status.

import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import type { RouteConfig, UpstreamConfig, UpstreamProvider } from './config.js';
import type { ClientApi, Endpoint } from './providers/types.js';

export interface Upstream {
  name: string;
  provider: UpstreamProvider;
  api: ClientApi;
  origin: string;
  /** Path prefix from the base URL, without a trailing slash. */
  basePath: string;
  pool: Pool;
  config: UpstreamConfig;
  /** Static headers sent on every request: auth and the configured extras. */
  headers: Record<string, string>;
}

export function protocolOf(provider: UpstreamProvider): ClientApi {
  return provider === 'anthropic' ? 'anthropic' : 'openai';
}

export function createUpstream(cfg: UpstreamConfig): Upstream {
  const url = new URL(cfg.base_url);
  const headers: Record<string, string> = { ...(cfg.headers ?? {}) };
  if (cfg.api_key) {
    if (cfg.provider === 'anthropic') headers['x-api-key'] = cfg.api_key;
    else if (cfg.provider === 'azure-openai') headers['api-key'] = cfg.api_key;
    else headers.authorization = `Bearer ${cfg.api_key}`;
  }
  const pool = new Pool(url.origin, {
    connections: cfg.max_connections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: cfg.timeout_ms,
    bodyTimeout: cfg.idle_timeout_ms,
    connect: { timeout: cfg.connect_timeout_ms },
  });
  return {
    name: cfg.name,
    provider: cfg.provider,
    api: protocolOf(cfg.provider),
    origin: url.origin,
    basePath: url.pathname.replace(/\/+$/, ''),
    pool,
    config: cfg,
    headers,
  };
}

const OPENAI_PATHS: Record<Endpoint, string> = {
  chat: '/chat/completions',
  responses: '/responses',
  completions: '/completions',
  embeddings: '/embeddings',
  models: '/models',
  messages: '/messages',
};

/** The upstream path (with query) for an endpoint and model. */
export function upstreamPath(u: Upstream, endpoint: Endpoint, model: string | undefined, query: string): string {
  switch (u.provider) {
    case 'anthropic':
      return `${u.basePath}/v1${endpoint === 'models' ? '/models' : '/messages'}${query}`;
    case 'azure-openai': {
      const version = `api-version=${encodeURIComponent(u.config.api_version ?? '2024-10-21')}`;
      if (endpoint === 'models' || endpoint === 'responses') return `${u.basePath}/openai${OPENAI_PATHS[endpoint]}?${version}`;
      const deployment = (model && u.config.deployments?.[model]) || model || '';
      return `${u.basePath}/openai/deployments/${encodeURIComponent(deployment)}${OPENAI_PATHS[endpoint]}?${version}`;
    }
    default:
      return `${u.basePath}${OPENAI_PATHS[endpoint]}${query}`;
  }
}

/** Client headers that carry protocol options upstream; everything else (auth above all) stays here. */
const FORWARDED = ['anthropic-version', 'anthropic-beta', 'openai-beta', 'accept'];

export function upstreamHeaders(u: Upstream, client: Record<string, string | string[] | undefined>, hasBody: boolean): Record<string, string> {
  const h: Record<string, string> = { ...u.headers };
  if (hasBody) h['content-type'] = 'application/json';
  for (const name of FORWARDED) {
    const v = client[name];
    if (typeof v === 'string') h[name] = v;
  }
  if (u.provider === 'anthropic' && !h['anthropic-version']) h['anthropic-version'] = '2023-06-01';
  return h;
}

export interface UpstreamAttempt {
  upstream: Upstream;
  response: Dispatcher.ResponseData;
  attempts: number;
}

export class UpstreamFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'upstream' | 'timeout',
    readonly attempts: number,
  ) {
    super(message);
  }
}

function isTimeout(e: unknown): boolean {
  return e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.ConnectTimeoutError || e instanceof undiciErrors.BodyTimeoutError;
}

/**
 * Cancels an upstream request when the client goes away. undici accepts an EventEmitter as the request's
 * signal; one costs a fraction of an AbortController, which matters once per request on the hot path.
 */
export class Cancellation extends EventEmitter {
  aborted = false;
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

export interface CompiledRoute {
  config: RouteConfig;
  targets: Upstream[];
  retryOn: Set<number>;
}

/**
 * Sends the request to the route's targets in order, retrying each on failures before the response started.
 * Returns the first usable response, or the last upstream error response when every attempt failed with one
 * (it is already in the client's protocol); throws when no upstream answered at all.
 */
export async function callUpstream(
  route: CompiledRoute,
  endpoint: Endpoint,
  model: string | undefined,
  method: 'GET' | 'POST',
  body: Buffer | undefined,
  clientHeaders: Record<string, string | string[] | undefined>,
  query: string,
  signal: Cancellation,
): Promise<UpstreamAttempt> {
  const { retries, retry_backoff_ms: backoff } = route.config;
  let attempts = 0;
  let lastError: unknown;
  let lastResponse: UpstreamAttempt | undefined;
  for (const upstream of route.targets) {
    for (let i = 0; i <= retries; i++) {
      if (signal.aborted) throw new UpstreamFailure('client went away', 'upstream', attempts);
      if (i > 0 && backoff > 0) await sleep(backoff * 2 ** (i - 1) * (0.5 + Math.random() / 2));
      attempts++;
      try {
        const response = await upstream.pool.request({
          path: upstreamPath(upstream, endpoint, model, query),
          method,
          headers: upstreamHeaders(upstream, clientHeaders, body !== undefined),
          body,
          signal,
        });
        if (!route.retryOn.has(response.statusCode)) {
          if (lastResponse) lastResponse.response.body.dump().catch(() => undefined);
          return { upstream, response, attempts };
        }
        if (lastResponse) await lastResponse.response.body.dump().catch(() => undefined);
        lastResponse = { upstream, response, attempts };
      } catch (e) {
        lastError = e;
      }
    }
  }
  if (lastResponse) {
    lastResponse.attempts = attempts;
    return lastResponse;
  }
  const msg = lastError instanceof Error ? lastError.message : String(lastError);
  throw new UpstreamFailure(`no upstream answered (${attempts} attempt${attempts === 1 ? '' : 's'}): ${msg}`, isTimeout(lastError) ? 'timeout' : 'upstream', attempts);
}
