import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCycloneDx } from './cyclonedx.js';
import { validateCycloneDx } from './cyclonedx-schema.js';
import { FINISHED_AT, MASKED_VALUE, PLANTED_SECRET, SHA256, idOf, sampleReport, type SampleKey } from './testdata/sample-report.js';
import type { Report } from '../model/index.js';

interface Property {
  name: string;
  value: string;
}
interface Entry {
  type?: string;
  'bom-ref': string;
  name: string;
  version?: string;
  purl?: string;
  hashes?: Array<{ alg: string; content: string }>;
  properties?: Property[];
  evidence?: { occurrences: Array<{ location: string; line?: number }> };
  modelCard?: { modelParameters?: Record<string, unknown> };
  data?: Array<Record<string, unknown>>;
  cryptoProperties?: Record<string, unknown>;
  endpoints?: string[];
  authenticated?: boolean;
  provider?: { name: string };
  externalReferences?: Array<{ type: string; url: string }>;
  [k: string]: unknown;
}
interface Bom {
  $schema: string;
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: { timestamp: string; tools: { components: Entry[] }; component?: Entry };
  components: Entry[];
  services?: Entry[];
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

const render = (r: Report = sampleReport()) => JSON.parse(renderCycloneDx(r)) as Bom;
const bom = render();
const byRef = new Map<string, Entry>([...bom.components, ...(bom.services ?? [])].map((c) => [c['bom-ref'], c]));
const get = (name: SampleKey): Entry => {
  const c = byRef.get(idOf(name));
  assert.ok(c, `no component or service for ${name}`);
  return c;
};
const props = (c: Entry, name: string) => (c.properties ?? []).filter((p) => p.name === `aispm:${name}`).map((p) => p.value);

test('the sample BOM validates against the official CycloneDX 1.6 schema', () => {
  assert.deepEqual(validateCycloneDx(bom), []);
  assert.equal(bom.$schema, 'http://cyclonedx.org/schema/bom-1.6.schema.json');
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.equal(bom.specVersion, '1.6');
  assert.equal(bom.version, 1);
  assert.match(bom.serialNumber, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the validator rejects a broken BOM, so a pass means something', () => {
  const broken = structuredClone(bom) as unknown as Record<string, unknown> & Bom;
  broken.components[0]!.type = 'model'; // not a CycloneDX component type
  (broken as { serialNumber: string }).serialNumber = 'not-a-uuid';
  const errors = validateCycloneDx(broken);
  assert.ok(errors.some((e) => e.startsWith('/components/0/type: must be equal to one of the allowed values')), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('/serialNumber: must match pattern')), errors.join('\n'));
  // and a missing required field on a service
  const noName = structuredClone(bom);
  delete (noName.services![0] as Partial<Entry>).name;
  assert.ok(validateCycloneDx(noName).some((e) => e.includes("must have required property 'name'")));
});

test('metadata: timestamp from the scan, aispm as tool, the root application as the subject', () => {
  assert.equal(bom.metadata.timestamp, FINISHED_AT);
  assert.deepEqual(bom.metadata.tools, { components: [{ type: 'application', name: 'aispm', version: '0.1.0' }] });
  const root = bom.metadata.component!;
  assert.equal(root['bom-ref'], idOf('root'));
  assert.equal(root.type, 'application');
  assert.equal(root.name, 'support-bot');
  assert.equal(byRef.has(idOf('root')), false, 'the root application is not repeated in components');
});

test('each asset kind becomes the documented component type, or a service', () => {
  const expected: Array<[SampleKey, string]> = [
    ['api', 'application'],
    ['gpt4o', 'machine-learning-model'],
    ['llama', 'machine-learning-model'],
    ['gguf', 'machine-learning-model'],
    ['openaiLib', 'library'],
    ['tickets', 'data'],
    ['s3Data', 'data'],
    ['kb', 'data'],
    ['vectors', 'data'],
    ['prompt', 'data'],
    ['role', 'data'],
    ['bucket', 'data'],
    ['agent', 'application'],
    ['tool', 'application'],
    ['mcpLocal', 'application'],
    ['pipeline', 'application'],
    ['workload', 'application'],
    ['notebook', 'file'],
    ['openaiKey', 'cryptographic-asset'],
  ];
  for (const [name, type] of expected) assert.equal(get(name).type, type, name);
  const services = (bom.services ?? []).map((s) => s['bom-ref']).sort();
  assert.deepEqual(services, [idOf('openai'), idOf('endpoint'), idOf('mcpRemote')].sort());
  // the internet node is not a component, and every component says which kind it was
  assert.equal(byRef.has(idOf('internet')), false);
  for (const c of byRef.values()) assert.equal(props(c, 'kind').length, 1, c['bom-ref']);
  assert.deepEqual(props(get('prompt'), 'kind'), ['prompt']);
  assert.equal(bom.components.length + (bom.services?.length ?? 0), sampleReport().assets.length - 2); // minus root and internet
});

test('models: model card only with known facts, provider and Hub identity as purl', () => {
  const gpt = get('gpt4o');
  assert.deepEqual(gpt.modelCard, { modelParameters: { task: 'chat' } });
  assert.deepEqual(props(gpt, 'provider'), ['openai']);
  assert.deepEqual(props(gpt, 'modelId'), ['gpt-4o']);
  assert.equal(gpt.purl, undefined);
  assert.deepEqual(gpt.evidence, { occurrences: [{ location: 'app/chat.py', line: 5 }, { location: 'services/api/src/llm.ts', line: 9 }] });

  const llama = get('llama');
  assert.deepEqual(llama.modelCard, {
    modelParameters: { approach: { type: 'self-supervised' }, task: 'text-generation', datasets: [idOf('squad'), idOf('s3Data')].sort().map((ref) => ({ ref })) },
  });
  assert.equal(llama.purl, 'pkg:huggingface/meta-llama/Llama-3.1-8B@a1b2c3d4');
  assert.deepEqual(props(llama, 'revision'), ['A1B2C3D4']);
  assert.deepEqual(props(llama, 'trustRemoteCode'), ['true']);
  assert.equal(llama.externalReferences?.[0]?.type, 'model-card');
  assert.match(llama.externalReferences![0]!.url, /^https:\/\/[^/]+\/meta-llama\/Llama-3\.1-8B$/);

  const embed = get('embed');
  assert.equal(embed.modelCard, undefined, 'no task, approach or datasets known: no model card');
});

test('model files carry their SHA-256 and format facts', () => {
  const f = get('gguf');
  assert.deepEqual(f.hashes, [{ alg: 'SHA-256', content: SHA256 }]);
  assert.deepEqual(props(f, 'format'), ['gguf']);
  assert.deepEqual(props(f, 'architecture'), ['llama']);
  assert.deepEqual(props(f, 'parameters'), ['8B']);
  assert.deepEqual(props(f, 'quantization'), ['Q4_K_M']);
  assert.deepEqual(props(f, 'sha256'), [], 'the hash is a native field, not repeated');
  assert.deepEqual(f.evidence, { occurrences: [{ location: 'models/llama-q4.gguf' }] });
});

test('libraries: package name, pinned version and purl; no version for a wildcard', () => {
  const lib = get('openaiLib');
  assert.equal(lib.name, 'openai');
  assert.equal(lib.version, '4.52.0');
  assert.equal(lib.purl, 'pkg:npm/openai@4.52.0');
  assert.deepEqual(lib.evidence, { occurrences: [{ location: 'services/api/package.json', line: 12 }] });
  const lc = get('langchainLib');
  assert.equal(lc.version, undefined);
  assert.equal(lc.purl, 'pkg:pypi/langchain');
});

test('data components: componentData with remote contents and classification', () => {
  assert.deepEqual(get('tickets').data, [{ type: 'dataset', name: 'tickets.csv', classification: 'confidential' }]);
  assert.deepEqual(props(get('tickets'), 'sensitivity'), ['confidential']);
  assert.deepEqual(props(get('tickets'), 'columns'), ['id', 'email', 'body']);
  assert.deepEqual(get('s3Data').data, [{ type: 'dataset', name: 's3://acme-ml/train/2024/', contents: { url: 's3://acme-ml/train/2024/' } }]);
  const squad = get('squad').data![0]!;
  assert.match((squad.contents as { url: string }).url, /^https:\/\/[^/]+\/datasets\/rajpurkar\/squad$/);
  assert.deepEqual(get('kb').data, [{ type: 'dataset', name: 'Support | FAQ <b>' }]);
  assert.deepEqual(get('prompt').data, [{ type: 'configuration', name: 'system prompt\nline two (v2); #1 & <b>' }]);
  assert.deepEqual(get('role').data, [{ type: 'definition', name: 'ml-trainer' }]);
  // evidence without a file (a cloud ARN) is kept as a property, not as a file occurrence
  assert.equal(get('role').evidence, undefined);
  assert.deepEqual(props(get('role'), 'evidenceUri'), ['arn:aws:iam::123456789012:role/ml-trainer']);
});

test('services: provider hosts as endpoints, authentication, locations as properties', () => {
  const openai = get('openai');
  assert.deepEqual(openai.provider, { name: 'OpenAI' });
  assert.deepEqual(openai.endpoints, ['https://api.openai.com']);
  assert.equal(openai.authenticated, true);
  assert.equal(openai['x-trust-boundary'], true);
  assert.equal(openai.evidence, undefined);
  assert.deepEqual(props(openai, 'evidence'), ['app/chat.py:3', 'services/api/src/llm.ts:8']);

  const remote = get('mcpRemote');
  assert.deepEqual(remote.endpoints, ['https://mcp.example.com/sse']);
  assert.equal(remote.authenticated, undefined, 'no credential seen: authentication unknown');
  assert.deepEqual(props(remote, 'evidence'), ['.cursor/mcp.json:12']);

  const endpoint = get('endpoint');
  assert.deepEqual(endpoint.endpoints, ['https://chat.example.com/v1/chat']);
  assert.deepEqual(props(endpoint, 'exposedToInternet'), ['true']);
  assert.deepEqual(props(endpoint, 'environment'), ['production']);
});

test('secrets and credentials never appear: only the name and the variable', () => {
  const text = renderCycloneDx(sampleReport());
  assert.equal(text.includes(PLANTED_SECRET), false, 'a raw key in an attribute is masked');
  assert.equal(text.includes(PLANTED_SECRET.slice(8)), false);
  assert.equal(text.includes(MASKED_VALUE), false, 'even the masked value of a secret is left out');
  assert.equal(text.includes('ghp_'), false, 'MCP env values are left out');
  const key = get('openaiKey');
  assert.equal(key.name, 'OPENAI_API_KEY');
  assert.deepEqual(
    key.properties?.map((p) => p.name),
    ['aispm:kind', 'aispm:provider', 'aispm:owner', 'aispm:envVar'],
  );
  assert.deepEqual(key.cryptoProperties, { assetType: 'related-crypto-material', relatedCryptoMaterialProperties: { type: 'credential' } });
  assert.deepEqual(get('githubToken').cryptoProperties, { assetType: 'related-crypto-material', relatedCryptoMaterialProperties: { type: 'token' } });
  assert.deepEqual(props(get('mcpLocal'), 'envVar'), ['GITHUB_TOKEN']);
  assert.deepEqual(props(get('tool'), 'description'), ['Runs a command; api_key="sk-p…(40)"']);
  assert.deepEqual(props(get('agent'), 'instructions'), [], 'free-text instructions are not exported');
  assert.deepEqual(props(get('prompt'), 'preview'), [], 'prompt text is not exported');
});

test('dependencies follow the edges (defined-in reversed), cover every ref, sorted and unique', () => {
  const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
  const allRefs = [bom.metadata.component!['bom-ref'], ...byRef.keys()].sort();
  assert.deepEqual([...deps.keys()], allRefs, 'one entry per component and service, sorted by ref');
  for (const [ref, on] of deps) {
    assert.deepEqual(on, [...new Set(on)].sort(), `${ref}: sorted, unique`);
    for (const target of on) assert.ok(deps.has(target), `${ref} -> ${target} exists`);
  }
  const root = deps.get(idOf('root'))!;
  // uses-model / calls-service / stores-in / loads / depends-on point from the application
  for (const name of ['gpt4o', 'openai', 'vectors', 'gguf', 'langchainLib'] as const) assert.ok(root.includes(idOf(name)), name);
  // defined-in points from the part: the application depends on it
  for (const name of ['agent', 'tool', 'prompt', 'mcpLocal', 'mcpRemote', 'notebook', 'tickets', 'openaiKey', 'api'] as const) assert.ok(root.includes(idOf(name)), name);
  assert.deepEqual(deps.get(idOf('agent')), [idOf('gpt4o'), idOf('kb'), idOf('prompt'), idOf('tool'), idOf('vectors')].sort());
  assert.deepEqual(deps.get(idOf('openai')), [idOf('gpt4o'), idOf('embed'), idOf('openaiKey')].sort());
  assert.deepEqual(deps.get(idOf('llama')), [idOf('baseModel'), idOf('s3Data'), idOf('squad')].sort());
  assert.deepEqual(deps.get(idOf('s3Data')), [idOf('bucket')]);
  assert.deepEqual(deps.get(idOf('endpoint')), [idOf('gpt4o')], 'the internet -> endpoint exposure is not a dependency');
  assert.deepEqual(deps.get(idOf('tickets')), []);
  assert.equal(deps.has(idOf('internet')), false);
});

test('serial number is derived from content: same scan, same BOM apart from the timestamp', () => {
  const again = render(sampleReport('2027-01-01T00:00:00.000Z'));
  assert.equal(again.serialNumber, bom.serialNumber);
  assert.equal(again.metadata.timestamp, '2027-01-01T00:00:00.000Z');
  assert.deepEqual({ ...again, metadata: { ...again.metadata, timestamp: '' } }, { ...bom, metadata: { ...bom.metadata, timestamp: '' } });
  const changed = sampleReport();
  changed.assets = changed.assets.filter((a) => a.id !== idOf('notebook'));
  assert.notEqual(render(changed).serialNumber, bom.serialNumber);
});

test('a minimal report (no root application, no edges) still renders a valid BOM', () => {
  const r: Report = { ...sampleReport(), assets: [], edges: [] };
  const minimal = render(r);
  assert.deepEqual(validateCycloneDx(minimal), []);
  assert.equal(minimal.metadata.component, undefined);
  assert.deepEqual(minimal.components, []);
  assert.deepEqual(minimal.dependencies, []);
  assert.equal(minimal.services, undefined);
});

test('URLs with spaces or credentials are made valid IRIs and masked', () => {
  const r = sampleReport();
  const ep = r.assets.find((a) => a.id === idOf('endpoint'))!;
  ep.attrs.url = 'https://user:hunter2secret@chat.example.com/v1/my chat?q="x"';
  const out = render(r);
  assert.deepEqual(validateCycloneDx(out), []);
  const svc = out.services!.find((s) => s['bom-ref'] === idOf('endpoint'))!;
  assert.deepEqual(svc.endpoints, ['https://user:****@chat.example.com/v1/my%20chat?q=%22x%22']);
});
