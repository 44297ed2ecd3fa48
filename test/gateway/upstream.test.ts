// The upstream call on its own, against a real HTTP server on 127.0.0.1: whole and streamed bodies, backpressure,
// cancellation, timeouts, retries that reuse the connection, and the headers sent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { callUpstream, Cancellation, createUpstream, upstreamHeaders, UpstreamFailure, type CompiledRoute } from '../../src/gateway/upstream.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A promise and the function that settles it, for a server handler and a test to meet at a point. */
function meetingPoint(): { reached: Promise<void>; reach: () => void } {
  let reach!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  return { reached, reach };
}

describe('upstream calls', () => {
  let server: http.Server;
  let url = '';
  let handler: Handler = (_req, res) => res.end('{}');
  const sockets = new Set<unknown>();

  before(async () => {
    server = http.createServer((req, res) => handler(req, res));
    server.on('connection', (s) => sockets.add(s));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  function route(extra = '', routeExtra = ''): CompiledRoute {
    const loaded = parseGatewayConfig(
      `upstreams:\n  - { name: up, provider: openai, base_url: "${url}/v1", api_key: sk-test-upstream ${extra} }\nroutes:\n  - { name: r, api: openai, targets: [up] ${routeExtra} }\nkeys: { static: [{ name: k, app: a, key: aispm_vk_test-0123456789abcdefghij }] }\n`,
      'test.yaml',
      {},
    );
    const r = loaded.config.routes[0]!;
    return { config: r, targets: [createUpstream(loaded.config.upstreams[0]!)], retryOn: new Set(r.retry_on) };
  }

  const call = (r: CompiledRoute, signal = new Cancellation(), headers: Record<string, string> = {}) => callUpstream(r, 'chat', 'gpt-4o', 'POST', Buffer.from('{"model":"gpt-4o"}'), headers, '', signal);

  it('returns status and headers first, then the whole body; the upstream key and body go out as given', async () => {
    let seen: { auth?: string; body: string; path?: string } = { body: '' };
    handler = (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen = { auth: req.headers.authorization, body, path: req.url };
        res.writeHead(201, { 'content-type': 'application/json', 'x-extra': ['a', 'b'] });
        res.end('{"ok":true}');
      });
    };
    const { response, attempts } = await call(route());
    assert.equal(response.statusCode, 201);
    assert.equal(response.headers['content-type'], 'application/json');
    assert.equal(attempts, 1);
    assert.equal(await response.text(), '{"ok":true}');
    assert.deepEqual(seen, { auth: 'Bearer sk-test-upstream', body: '{"model":"gpt-4o"}', path: '/v1/chat/completions' });
  });

  it('hands out chunks as they arrive, before the upstream has finished', async () => {
    const { reached: held, reach: release } = meetingPoint();
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      void held.then(() => res.end('data: last\n\n'));
    };
    const { response } = await call(route());
    const got: string[] = [];
    for await (const c of response.chunks()) {
      got.push(c.toString());
      if (got.length === 1) release();
    }
    assert.deepEqual(got, ['data: first\n\n', 'data: last\n\n']);
  });

  it('pauses the upstream socket while a stream consumer falls behind, and loses no byte', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    let blocked = false;
    const { reached: done, reach: finished } = meetingPoint();
    const limit = 256 * 1024 * 1024;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const pump = () => {
        while (written < limit) {
          written += chunk.length;
          if (!res.write(chunk)) {
            blocked = true;
            res.once('drain', pump);
            return;
          }
        }
        res.end(finished);
      };
      pump();
    };
    const { response } = await call(route());
    const iterator = response.chunks();
    const first = await iterator.next();
    // the consumer stops reading: without backpressure the gateway would take in all 256 MB meanwhile
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(blocked, 'the upstream had to wait for the gateway');
    assert.ok(written < limit / 4, `only what the buffers hold was sent while the consumer paused (${written} bytes)`);
    let received = (first.value as Buffer).length;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) received += r.value.length;
    await done;
    assert.equal(received, limit);
  });

  it('cancelling ends the upstream request: the upstream sees its socket close and the reader an error', async () => {
    const { reached: upstreamClosed, reach: closed } = meetingPoint();
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      req.socket.on('close', closed);
    };
    const signal = new Cancellation();
    const { response } = await call(route(), signal);
    const iterator = response.chunks();
    assert.equal(String((await iterator.next()).value), 'data: one\n\n');
    signal.abort();
    await assert.rejects(iterator.next(), /cancelled/);
    await upstreamClosed;
  });

  it('a request cancelled before it was sent fails without an answer', async () => {
    handler = (_req, res) => res.end('{}');
    const signal = new Cancellation();
    signal.abort();
    await assert.rejects(call(route(), signal), (e: unknown) => e instanceof UpstreamFailure && e.attempts === 0);
  });

  it('a missing answer times out as a timeout failure after every retry', async () => {
    let requests = 0;
    handler = () => {
      requests++; // never answers
    };
    await assert.rejects(call(route(', timeout_ms: 150', ', retries: 1, retry_backoff_ms: 0')), (e: unknown) => e instanceof UpstreamFailure && e.kind === 'timeout' && e.attempts === 2);
    assert.equal(requests, 2);
  });

  it('retries a retryable status on the same connection (one allowed): the error body is read off it first', { timeout: 10_000 }, async () => {
    let n = 0;
    const ports = new Set<number>();
    handler = (req, res) => {
      ports.add(req.socket.remotePort!);
      req.resume();
      if (n++ === 0) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'busy', pad: 'x'.repeat(100_000) } }));
      } else res.end('{"ok":1}');
    };
    const { response, attempts } = await call(route(', max_connections: 1, timeout_ms: 2000', ', retries: 2, retry_backoff_ms: 0'));
    assert.equal(attempts, 2);
    assert.equal(response.statusCode, 200);
    assert.equal(await response.text(), '{"ok":1}');
    assert.equal(ports.size, 1, 'one connection served both attempts');
  });

  it('headers: the configured ones once, the client\'s protocol options replacing a configured value', () => {
    const u = route(', headers: { anthropic-version: "2023-01-01", x-team: ml }').targets[0]!;
    const h = upstreamHeaders(u, { 'anthropic-version': '2023-06-01', accept: 'text/event-stream', authorization: 'Bearer aispm_vk_client' }, true);
    const pairs: string[] = [];
    for (let i = 0; i < h.length; i += 2) pairs.push(`${h[i]}: ${h[i + 1]}`);
    assert.deepEqual(pairs.sort(), ['accept: text/event-stream', 'anthropic-version: 2023-06-01', 'authorization: Bearer sk-test-upstream', 'content-type: application/json', 'x-team: ml']);
  });
});
