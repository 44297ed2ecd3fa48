// Upstream calls: one keep-alive undici Pool per upstream, the provider's URL and auth shape (OpenAI,
// Azure OpenAI deployments, Anthropic, any OpenAI-compatible server), and the route's retry and fallback
// policy. A request is retried or sent to the next target only before anything reached the client: on a
// connection failure, a timeout before the response headers, or a retryable status.

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
  /** The same as a flat name/value list, the form undici takes without converting. */
  headerList: string[];
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
    headerList: Object.entries(headers).flat(),
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

/**
 * The request headers as undici's flat name/value list: the upstream's static headers (auth and extras, built
 * once per upstream), the body type, and the protocol options the client sent.
 */
export function upstreamHeaders(u: Upstream, client: Record<string, string | string[] | undefined>, hasBody: boolean): string[] {
  const h = u.headerList.slice();
  if (hasBody) setHeader(h, u, 'content-type', 'application/json');
  let version = u.headers['anthropic-version'] !== undefined;
  for (const name of FORWARDED) {
    const v = client[name];
    if (typeof v !== 'string') continue;
    setHeader(h, u, name, v);
    if (name === 'anthropic-version') version = true;
  }
  if (u.provider === 'anthropic' && !version) h.push('anthropic-version', '2023-06-01');
  return h;
}

/** Appends a header, or replaces the configured one of the same name (the client's protocol options win). */
function setHeader(list: string[], u: Upstream, name: string, value: string): void {
  if (u.headers[name] !== undefined) {
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) list[i + 1] = value;
  } else list.push(name, value);
}

export interface UpstreamAttempt {
  upstream: Upstream;
  response: UpstreamResponse;
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

/** Cancels the upstream call of a request when its client goes away or a guardrail ends its stream. */
export class Cancellation {
  aborted = false;
  /** The call in flight; a plain field, not a listener, since there is one per request on the hot path. */
  current: UpstreamResponse | undefined;
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.current?.cancel(new Error('request cancelled'));
  }
}

/** A stream consumer holds this many bytes unread before the upstream socket is paused. */
const HIGH_WATER = 64 * 1024;

/**
 * One upstream answer through undici's dispatch API: `started` resolves with the status and headers; the body is
 * then read whole (`bytes`, `text`), chunk by chunk with backpressure (`chunks`), or discarded (`dump`). undici's
 * request() would wrap the same call in a Readable and an AsyncResource; measured on an idle-between-requests
 * gateway, that wrapping cost about 0.1 ms of the 0.6-0.8 ms of CPU a request took (docs/gateway.md, Performance).
 */
export class UpstreamResponse implements Dispatcher.DispatchHandler {
  statusCode = 0;
  headers: Record<string, string | string[] | undefined> = {};
  readonly started: Promise<UpstreamResponse>;
  private resolveStart!: (r: UpstreamResponse) => void;
  private rejectStart!: (e: Error) => void;
  private controller: Dispatcher.DispatchController | undefined;
  private queue: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private discarding = false;
  /** Read everything without pausing (see keep()). */
  private unbounded = false;
  private failure: Error | undefined;
  private cancelled: Error | undefined;
  /** The consumer waiting for the next chunk or the end. */
  private wake: (() => void) | undefined;

  constructor() {
    this.started = new Promise((resolve, reject) => {
      this.resolveStart = resolve;
      this.rejectStart = reject;
    });
  }

  cancel(reason: Error): void {
    if (this.ended || this.failure) return;
    this.cancelled = reason;
    this.controller?.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.cancelled) controller.abort(this.cancelled);
  }

  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return; // 1xx informational answers come before the real one
    this.statusCode = statusCode;
    this.headers = headers;
    this.resolveStart(this);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.discarding) return;
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued > HIGH_WATER && this.wake === undefined && !this.unbounded) controller.pause();
    this.notify();
  }

  onResponseEnd(): void {
    this.ended = true;
    this.notify();
  }

  onResponseError(_c: Dispatcher.DispatchController, error: Error): void {
    this.failure = error;
    if (this.statusCode === 0) this.rejectStart(error);
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    if (w) {
      this.wake = undefined;
      w();
    }
  }

  private next(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /** The whole body; rejects when the upstream fails or the call is cancelled before its end. */
  async bytes(): Promise<Buffer> {
    while (!this.ended && !this.failure) await this.next();
    if (this.failure) throw this.failure;
    return this.queue.length === 1 ? this.queue[0]! : Buffer.concat(this.queue, this.queued);
  }

  async text(): Promise<string> {
    return (await this.bytes()).toString('utf8');
  }

  /** The body as it arrives; the socket is paused while the consumer has more than HIGH_WATER bytes unread. */
  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.queue.length) {
        const batch = this.queue;
        this.queue = [];
        this.queued = 0;
        if (this.controller?.paused) this.controller.resume();
        for (const c of batch) yield c;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return;
      await this.next();
    }
  }

  /**
   * Reads the rest of the body into memory without pausing, so the connection is free for the next attempt: for
   * an error answer kept while the request is retried (it is returned if every attempt fails).
   */
  keep(): void {
    this.unbounded = true;
    if (this.controller?.paused) this.controller.resume();
  }

  /** Reads and drops the rest of the body, so the keep-alive connection can serve the next request. */
  dump(): void {
    this.discarding = true;
    this.queue = [];
    this.queued = 0;
    if (this.controller?.paused) this.controller.resume();
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
        const call = new UpstreamResponse();
        signal.current = call;
        upstream.pool.dispatch({ origin: upstream.origin, path: upstreamPath(upstream, endpoint, model, query), method, headers: upstreamHeaders(upstream, clientHeaders, body !== undefined), body }, call);
        const response = await call.started;
        if (!route.retryOn.has(response.statusCode)) {
          lastResponse?.response.dump();
          return { upstream, response, attempts };
        }
        lastResponse?.response.dump();
        response.keep();
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
