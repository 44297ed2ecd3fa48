import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectFiles, edgeStrings, findAsset, keysOf, testdataDir } from '../manifests/test-helpers.js';
import { composeCollector } from './index.js';
import { parsePort } from './ports.js';

const root = testdataDir(import.meta.url);
const run = (...files: string[]) => collectFiles(composeCollector, root, files);

test('recognises compose files by name', () => {
  for (const b of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.prod.yaml', 'compose.override.yml']) assert.equal(composeCollector.wants(`x/${b}`, b), true, b);
  for (const b of ['composer.json', 'docker-compose.json', 'values.yaml']) assert.equal(composeCollector.wants(b, b), false, b);
});

test('port syntax: host IP decides whether every interface listens', () => {
  assert.deepEqual(parsePort('8000:8000'), { target: '8000', published: '8000', bindAll: true });
  assert.deepEqual(parsePort('127.0.0.1:8000:80'), { target: '80', published: '8000', hostIp: '127.0.0.1', bindAll: false });
  assert.deepEqual(parsePort('0.0.0.0:5000:5000/udp'), { target: '5000', published: '5000', hostIp: '0.0.0.0', protocol: 'udp', bindAll: true });
  assert.deepEqual(parsePort('[::1]:80:80'), { target: '80', published: '80', hostIp: '::1', bindAll: false });
  assert.deepEqual(parsePort('3000'), { target: '3000', bindAll: true });
  assert.deepEqual(parsePort(8080), { target: '8080', bindAll: true });
  assert.deepEqual(parsePort({ target: 80, published: '8080', host_ip: '10.0.0.5' }), { target: '80', published: '8080', hostIp: '10.0.0.5', bindAll: false });
  assert.equal(parsePort('not a port'), undefined);
});

test('AI services: image pins, published ports, host mounts, env-named models and services, build link', async () => {
  const out = await run('docker-compose.yml');
  assert.deepEqual(keysOf(out, 'workload'), ['compose:docker-compose.yml#app', 'compose:docker-compose.yml#vllm']); // redis is not AI
  const vllm = findAsset(out, 'workload', 'compose:docker-compose.yml#vllm');
  assert.deepEqual(vllm.attrs, {
    platform: 'compose',
    service: 'vllm',
    file: 'docker-compose.yml',
    image: 'vllm/vllm-openai@sha256:0d7e4a3bb1c2f7a2b6f0e5c4d3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918',
    repository: 'vllm/vllm-openai',
    digest: 'sha256:0d7e4a3bb1c2f7a2b6f0e5c4d3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918',
    pinnedByDigest: true,
    latest: false,
    product: 'vLLM',
    role: 'model-server',
    latestImages: [],
    imagesWithoutDigest: [],
    serverAuth: 'configured',
    serverAuthVia: 'arg:--api-key',
    unpinnedModels: ['Qwen/Qwen2.5-7B-Instruct'],
    ports: [
      { target: '8000', published: '8000', hostIp: '127.0.0.1', bindAll: false },
      { target: '9000', published: '9000', hostIp: '::', protocol: 'tcp', bindAll: true },
    ],
    bindAll: true,
    volumes: ['/var/run/docker.sock:/var/run/docker.sock:ro', './models:/models:ro'],
    hostPathMounts: ['/var/run/docker.sock', './models'],
    runtimeSocketMounted: true,
    runsAsRoot: null,
    hostNetwork: true,
    command: ['--model', 'Qwen/Qwen2.5-7B-Instruct', '--api-key', 'loca…(21)'],
  });
  assert.equal(vllm.evidence?.[0]?.line, 2);
  const app = findAsset(out, 'workload', 'compose:docker-compose.yml#app');
  assert.deepEqual([app.attrs?.build, app.attrs?.runsAsRoot, app.attrs?.capabilitiesAdded, app.attrs?.ports], ['app/Dockerfile', false, ['NET_ADMIN'], [{ target: '3000', bindAll: true }]]);
  assert.deepEqual(app.attrs?.env, { OPENAI_API_KEY: 'host-env:OPENAI_API_KEY', AZURE_OPENAI_ENDPOINT: 'https://acme.openai.azure.com', LLM_MODEL: 'claude-3-5-sonnet-20241022' });
  assert.deepEqual(findAsset(out, 'ai-service', 'azure-openai').attrs, { endpoint: 'https://acme.openai.azure.com' });
  assert.deepEqual(findAsset(out, 'secret', 'env:OPENAI_API_KEY').attrs, { envVar: 'OPENAI_API_KEY', hasValue: false, provider: 'openai', sources: ['host-env:OPENAI_API_KEY'] });
  assert.deepEqual(edgeStrings(out), [
    'network:internet -exposes-> workload:compose:docker-compose.yml#app',
    'network:internet -exposes-> workload:compose:docker-compose.yml#vllm',
    'workload:compose:docker-compose.yml#app -authenticates-with-> secret:env:OPENAI_API_KEY',
    'workload:compose:docker-compose.yml#app -calls-service-> ai-service:azure-openai',
    'workload:compose:docker-compose.yml#app -calls-service-> ai-service:openai',
    'workload:compose:docker-compose.yml#app -derived-from-> path:app/Dockerfile',
    'workload:compose:docker-compose.yml#app -uses-model-> model:anthropic/claude-3-5-sonnet-20241022',
    'workload:compose:docker-compose.yml#vllm -uses-model-> model:huggingface/Qwen/Qwen2.5-7B-Instruct',
  ]);
  const exposed = out.edges.find((e) => e.kind === 'exposes' && 'key' in e.to && e.to.key.endsWith('#vllm'))!;
  assert.deepEqual(exposed.attrs, { bindAll: true, ports: ['9000'] });
  assert.ok(!JSON.stringify(out).includes('local-vllm-key-123456'));
});

test('malformed compose YAML is a warning with its line', async () => {
  const out = await run('compose.broken.yaml');
  assert.deepEqual(out.assets, []);
  assert.deepEqual(out.warnings.map((w) => [w.line, w.message.startsWith('malformed YAML: ')]), [[7, true]]);
});
