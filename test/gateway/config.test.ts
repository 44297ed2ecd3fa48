// Config validation messages (file, line, key path), environment references, and the SSE framing the stream
// inspection rests on (events cut at any byte, multi-byte characters intact).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayConfigError, loadGatewayConfig, parseGatewayConfig } from '../../src/gateway/config.js';
import { silentLogger } from '../../src/gateway/log.js';
import { startGateway } from '../../src/gateway/server.js';
import { SseParser } from '../../src/gateway/sse.js';

const MIN = `upstreams:\n  - { name: u, provider: openai, base_url: "http://127.0.0.1:1/v1" }\nroutes:\n  - { name: r, api: openai, targets: [u] }\n`;

describe('gateway config', () => {
  it('the example config is valid', () => {
    const loaded = loadGatewayConfig('examples/gateway.yaml', { OPENAI_API_KEY: 'x', ANTHROPIC_API_KEY: 'y' });
    assert.equal(loaded.config.listen.port, 8787);
    assert.equal(loaded.config.guardrails.length, 6);
  });

  it('names the file, line and key path of a bad value or an unknown key', () => {
    assert.throws(() => parseGatewayConfig(MIN + 'listen:\n  port: high\n', 'gw.yaml'), (e: unknown) => e instanceof GatewayConfigError && /^gw\.yaml:6: listen\.port: /.test((e as Error).message));
    assert.throws(() => parseGatewayConfig(MIN + 'guardrails:\n  - { id: a, action: block, detector: secrets, colour: red }\n', 'gw.yaml'), /gw\.yaml:6: guardrails\[0\]\.colour: unknown key/);
    assert.throws(() => parseGatewayConfig('upstreams: [\n', 'gw.yaml'), /gw\.yaml:\d+: invalid YAML/);
  });

  it('takes values from the environment, typed where the setting is a number, and names a missing variable', () => {
    const c = parseGatewayConfig(MIN + 'listen: { port: "${PORT:-9000}" }\n', 'gw.yaml', { PORT: '9100' });
    assert.equal(c.config.listen.port, 9100);
    assert.equal(parseGatewayConfig(MIN + 'listen: { port: "${PORT:-9000}" }\n', 'gw.yaml', {}).config.listen.port, 9000);
    assert.throws(() => parseGatewayConfig(MIN.replace('base_url: "http://127.0.0.1:1/v1"', 'base_url: "${BASE}"'), 'gw.yaml', {}), /upstreams\[0\]\.base_url: environment variable BASE is not set/);
  });

  it('rejects routes to unknown upstreams or upstreams of the other protocol', async () => {
    const bad = parseGatewayConfig(MIN.replace('targets: [u]', 'targets: [nope]'), 'gw.yaml', {});
    await assert.rejects(startGateway(bad, { port: 0, logger: silentLogger }), /gw\.yaml:4: routes\[0\]\.targets\[0\]: unknown upstream nope/);
    const mixed = parseGatewayConfig(MIN.replace('api: openai', 'api: anthropic'), 'gw.yaml', {});
    await assert.rejects(startGateway(mixed, { port: 0, logger: silentLogger }), /speaks the openai API but route r serves the anthropic API/);
  });
});

describe('SSE framing', () => {
  it('cuts events at blank lines whatever the chunking, keeping exact bytes', () => {
    const stream = Buffer.from('event: a\ndata: {"t":"héllo ✓"}\n\n: keep-alive\n\ndata: one\ndata: two\r\n\r\ndata: [DONE]\n\n');
    for (let cut = 1; cut < stream.length; cut++) {
      const p = new SseParser();
      const events = [...p.push(stream.subarray(0, cut)), ...p.push(stream.subarray(cut))];
      assert.deepEqual(events.map((e) => [e.event, e.data]), [['a', '{"t":"héllo ✓"}'], ['', ''], ['', 'one\ntwo'], ['', '[DONE]']]);
      assert.equal(Buffer.concat(events.map((e) => e.raw)).toString(), stream.toString());
      assert.equal(p.pending(), undefined);
    }
  });
});
