// Shared by the gateway tests: a stand-in upstream and a gateway in front of it, both on 127.0.0.1:0.
import OpenAI from 'openai';
import { parseGatewayConfig, type LoadedConfig } from '../../src/gateway/config.js';
import { silentLogger } from '../../src/gateway/log.js';
import { startGateway, type Gateway, type GatewayOptions } from '../../src/gateway/server.js';
import { startStandInUpstream, type StandInUpstream } from '../../src/gateway/testing/upstream.js';

export const UPSTREAM_KEY = 'sk-upstream-secret-0123456789abcdef';
export const APP_KEY = 'aispm_vk_test-app-key-0123456789abcdefghij';
export const OTHER_KEY = 'aispm_vk_test-other-key-0123456789abcdefgh';

export interface Harness {
  upstream: StandInUpstream;
  gateway: Gateway;
  loaded: LoadedConfig;
  close(): Promise<void>;
}

/** YAML with `${UPSTREAM}` (the stand-in's URL), `${UPSTREAM_KEY}`, `${APP_KEY}` and `${OTHER_KEY}` filled in. */
export async function harness(yaml: string, opts: GatewayOptions = {}, env: Record<string, string> = {}): Promise<Harness> {
  const upstream = await startStandInUpstream({ apiKeys: [UPSTREAM_KEY] });
  try {
    const loaded = parseGatewayConfig(yaml, 'test.yaml', { UPSTREAM: upstream.url, UPSTREAM_KEY, APP_KEY, OTHER_KEY, ...env });
    const gateway = await startGateway(loaded, { port: 0, host: '127.0.0.1', logger: silentLogger, ...opts });
    return {
      upstream,
      gateway,
      loaded,
      close: async () => {
        await gateway.close();
        await upstream.close();
      },
    };
  } catch (e) {
    await upstream.close();
    throw e;
  }
}

/** Upstreams and routes for both protocols, plus two static keys. */
export const BASE = `
upstreams:
  - name: openai
    provider: openai
    base_url: \${UPSTREAM}/v1
    api_key: \${UPSTREAM_KEY}
  - name: anthropic
    provider: anthropic
    base_url: \${UPSTREAM}
    api_key: \${UPSTREAM_KEY}
routes:
  - name: openai
    api: openai
    targets: [openai]
    retry_backoff_ms: 0
  - name: anthropic
    api: anthropic
    targets: [anthropic]
    retry_backoff_ms: 0
keys:
  static:
    - name: support-bot
      app: support-bot
      team: support
      key: \${APP_KEY}
    - name: analytics
      app: analytics
      team: data
      key: \${OTHER_KEY}
      models: ["gpt-4o-mini", "claude-haiku-*"]
`;

/** One OpenAI-protocol route, with virtual keys read from the aispm store the gateway is given (`store` option). */
export const STORE_KEYS = `
upstreams:
  - { name: openai, provider: openai, base_url: "\${UPSTREAM}/v1", api_key: "\${UPSTREAM_KEY}" }
routes:
  - { name: openai, api: openai, targets: [openai] }
keys: { store: true, refresh_seconds: 3600 }
`;

/** One chat completion through the gateway with the official openai client, as an application sends it. */
export const chatThrough = (url: string, key: string, model = 'gpt-4o') =>
  new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 }).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

/** Reads every event of a stream from an async iterable. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
