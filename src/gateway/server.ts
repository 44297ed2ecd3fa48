// The gateway process: builds every part from a validated config once (upstream pools, routes, keys, compiled
// guardrails, abuse baselines, event sinks, metrics) and serves them on a plain node:http server — no web
// framework on the hot path. `/healthz` and `/metrics` need no key; everything under /v1 goes through the
// pipeline.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RuntimeStore } from '../store/runtime.js';
import type { Store } from '../store/types.js';
import { AbuseDetector } from './abuse/detector.js';
import { GatewayConfigError, type LoadedConfig } from './config.js';
import { EventBus } from './events/bus.js';
import { jsonlSink } from './events/sinks/jsonl.js';
import { stdoutSink } from './events/sinks/stdout.js';
import { storeSink } from './events/sinks/store.js';
import { syslogSink } from './events/sinks/syslog.js';
import type { EventSink, SinkContext } from './events/sinks/types.js';
import { webhookSink } from './events/sinks/webhook.js';
import { GuardrailSet } from './guardrails/compile.js';
import { RuntimeInventory } from './inventory.js';
import { KeyRegistry, staticKeyRecord } from './keys/registry.js';
import { createLogger, type Logger } from './log.js';
import { GatewayMetrics } from './metrics.js';
import { Pipeline } from './pipeline.js';
import { createUpstream, protocolOf, type CompiledRoute, type Upstream } from './upstream.js';

export interface GatewayStore {
  store: Store;
  runtime: RuntimeStore;
}

export interface GatewayOptions {
  /** The opened aispm store, when the config uses it (store keys, the store sink, inventory). */
  store?: GatewayStore;
  logger?: Logger;
  /** Clock for keys, budgets, abuse baselines and events (tests inject one). */
  now?: () => number;
  /** Overrides `listen.port` (0 for an ephemeral port). */
  port?: number;
  host?: string;
}

export interface Gateway {
  readonly url: string;
  readonly address: AddressInfo;
  readonly metrics: GatewayMetrics;
  readonly keys: KeyRegistry;
  readonly events: EventBus;
  readonly inventory?: RuntimeInventory;
  close(): Promise<void>;
}

/** Whether the config needs the aispm store (store keys or the store sink). */
export function configNeedsStore(loaded: LoadedConfig): boolean {
  return loaded.config.keys.store || loaded.config.events.sinks.some((s) => s.type === 'store');
}

function buildRoutes(loaded: LoadedConfig, upstreams: Map<string, Upstream>): CompiledRoute[] {
  const { config } = loaded;
  const names = new Set<string>();
  return config.routes.map((r, i) => {
    if (names.has(r.name)) throw loaded.error(['routes', i, 'name'], `duplicate route name ${r.name}`);
    names.add(r.name);
    const targets = r.targets.map((t, j) => {
      const u = upstreams.get(t);
      if (!u) throw loaded.error(['routes', i, 'targets', j], `unknown upstream ${t} (known: ${[...upstreams.keys()].join(', ')})`);
      if (protocolOf(u.provider) !== r.api) {
        throw loaded.error(['routes', i, 'targets', j], `upstream ${t} speaks the ${protocolOf(u.provider)} API but route ${r.name} serves the ${r.api} API`);
      }
      return u;
    });
    return { config: r, targets, retryOn: new Set(r.retry_on) };
  });
}

function buildSinks(loaded: LoadedConfig, store: GatewayStore | undefined, ctx: SinkContext): EventSink[] {
  return loaded.config.events.sinks.map((s, i) => {
    switch (s.type) {
      case 'stdout':
        return stdoutSink();
      case 'jsonl':
        return jsonlSink({ path: s.path, maxBytes: s.max_bytes, maxFiles: s.max_files }, ctx);
      case 'webhook':
        return webhookSink(
          { url: s.url, headers: s.headers, batchSize: s.batch_size, flushMs: s.flush_ms, maxRetries: s.max_retries, backoffMs: s.backoff_ms, timeoutMs: s.timeout_ms, maxQueue: s.max_queue },
          ctx,
        );
      case 'syslog':
        return syslogSink({ host: s.host, port: s.port, protocol: s.protocol, facility: s.facility, appName: s.app_name }, ctx);
      case 'store':
        if (!store) throw loaded.error(['events', 'sinks', i], 'the store sink needs the aispm store');
        return storeSink(store.runtime, s.flush_ms, ctx);
    }
  });
}

export async function startGateway(loaded: LoadedConfig, opts: GatewayOptions = {}): Promise<Gateway> {
  const { config } = loaded;
  const logger = opts.logger ?? createLogger(config.log.level, config.log.format);
  const now = opts.now ?? Date.now;
  if (configNeedsStore(loaded) && !opts.store) throw new GatewayConfigError(`${loaded.file}: keys.store or the store sink needs the aispm store`);

  const upstreams = new Map<string, Upstream>();
  config.upstreams.forEach((u, i) => {
    if (upstreams.has(u.name)) throw loaded.error(['upstreams', i, 'name'], `duplicate upstream name ${u.name}`);
    upstreams.set(u.name, createUpstream(u));
  });
  const routes = buildRoutes(loaded, upstreams);
  const guardrails = new GuardrailSet(
    config.guardrails,
    { onError: config.guardrail_defaults.on_error, latencyBudgetMs: config.guardrail_defaults.latency_budget_ms },
    loaded,
  );
  const staticKeys = config.keys.static.map(staticKeyRecord);
  const keys = new KeyRegistry(staticKeys, config.keys.store ? opts.store?.runtime : undefined, now);
  await keys.start(config.keys.refresh_seconds);
  if (keys.size === 0) logger.warn('no virtual keys: every request will be refused (create one with `aispm gateway keys create`)');

  const metrics = new GatewayMetrics();
  const sinkCtx: SinkContext = {
    dropped: (sink, n) => metrics.sinkDrops.inc({ sink }, n),
    warn: (msg, fields) => logger.warn(msg, fields),
  };
  const events = new EventBus(buildSinks(loaded, opts.store, sinkCtx));
  const storeSinkCfg = config.events.sinks.find((s) => s.type === 'store');
  let inventory: RuntimeInventory | undefined;
  if (opts.store && storeSinkCfg && storeSinkCfg.type === 'store') {
    inventory = new RuntimeInventory(opts.store.store, opts.store.runtime, (e) => logger.warn('inventory write failed', { error: e.message }));
    await inventory.start(storeSinkCfg.inventory_seconds);
  }
  const abuse = new AbuseDetector(config.abuse, now);
  const pipeline = new Pipeline({ config, routes, keys, guardrails, abuse, events, metrics, inventory, logger, now });

  const server = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: 0, noDelay: true }, (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path === '/healthz') {
      const body = JSON.stringify({ status: 'ok', keys: keys.size, upstreams: [...upstreams.keys()], routes: routes.map((r) => r.config.name) });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (path === '/metrics' && config.metrics.enabled) {
      const body = metrics.render();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    void pipeline.handle(req, res, path, q === -1 ? '' : url.slice(q));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
  const host = opts.host ?? config.listen.host;
  const port = opts.port ?? config.listen.port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info('gateway listening', { url: `http://${urlHost}:${address.port}`, upstreams: [...upstreams.keys()], routes: routes.length, guardrails: config.guardrails.length, keys: keys.size });

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    address,
    metrics,
    keys,
    events,
    inventory,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 2000).unref();
        });
        await keys.close();
        await inventory?.close().catch((e: Error) => logger.warn('inventory write failed', { error: e.message }));
        await events.close();
        await Promise.all([...upstreams.values()].map((u) => u.pool.close().catch(() => undefined)));
      })();
      return closing;
    },
  };
}
