// CycloneDX 1.6 ML-BOM: the asset inventory as components, services and a dependency graph that other
// supply-chain tools accept. A pure rendering of the Report: nothing is looked up, nothing is judged.

import { createHash } from 'node:crypto';
import { PROVIDERS, type Asset, type AssetKind, type AttrValue, type Edge, type Evidence, type Report } from '../model/index.js';
import { maskIfSecret, maskSecrets } from '../util/mask.js';

const SPEC_VERSION = '1.6';
const SCHEMA_URL = 'http://cyclonedx.org/schema/bom-1.6.schema.json';
/** Namespace of aispm BOM serial numbers (UUID v5-style: same content, same serial). */
const SERIAL_NAMESPACE = '3d87f3ff-e6c1-4fc5-83fc-71101696e0f1';
const PROPERTY_PREFIX = 'aispm:';

type ComponentType = 'application' | 'library' | 'file' | 'data' | 'machine-learning-model' | 'cryptographic-asset';
type ComponentDataType = 'source-code' | 'configuration' | 'dataset' | 'definition' | 'other';

interface KindMapping {
  /** `service` renders into `services[]`; anything else is a component of that type. */
  as: ComponentType | 'service';
  /** `componentData.type` for components of type `data`. */
  dataType?: ComponentDataType;
}

/**
 * How each asset kind appears in the BOM. Decisions for kinds CycloneDX has no word for:
 * - agent, tool, pipeline, workload and stdio MCP servers are software that runs → `application`;
 * - prompts configure a model's behaviour → `data` (configuration); identities are role/account
 *   definitions → `data` (definition); vector stores and storage hold data → `data` (dataset / other);
 * - notebooks are files in the repository → `file`;
 * - secrets are credentials → `cryptographic-asset` (related crypto material), never with a value;
 * - endpoints, hosted AI APIs and remote MCP servers are reached over the network → `services`.
 * `network` (the special `internet` node) is not a component: exposure becomes a property of its target.
 */
const KIND_MAPPING: Record<Exclude<AssetKind, 'network'>, KindMapping> = {
  application: { as: 'application' },
  'ai-service': { as: 'service' },
  model: { as: 'machine-learning-model' },
  'model-file': { as: 'machine-learning-model' },
  library: { as: 'library' },
  endpoint: { as: 'service' },
  dataset: { as: 'data', dataType: 'dataset' },
  'vector-store': { as: 'data', dataType: 'dataset' },
  'knowledge-base': { as: 'data', dataType: 'dataset' },
  prompt: { as: 'data', dataType: 'configuration' },
  agent: { as: 'application' },
  tool: { as: 'application' },
  'mcp-server': { as: 'application' }, // remote servers (with a URL) become services, see mappingOf
  notebook: { as: 'file' },
  pipeline: { as: 'application' },
  secret: { as: 'cryptographic-asset' },
  identity: { as: 'data', dataType: 'definition' },
  storage: { as: 'data', dataType: 'other' },
  workload: { as: 'application' },
};

/** Attributes rendered into native CycloneDX fields, so not repeated as properties. */
const NATIVE_ATTRS: Partial<Record<AssetKind, readonly string[]>> = {
  'model-file': ['sha256'],
  library: ['purl', 'version', 'package'],
  'ai-service': ['endpoint'],
  endpoint: ['url', 'endpoint'],
  'mcp-server': ['env', 'version'],
};
/** Kinds whose attributes are limited to a list: a secret shows its variable name and nothing else. */
const ONLY_ATTRS: Partial<Record<AssetKind, readonly string[]>> = { secret: ['envVar'] };
/** Never rendered for any kind: values, previews and free text that may carry credentials or private data. */
const NEVER_ATTRS = new Set(['value', 'valueMasked', 'preview', 'instructions', 'snippet', 'text', 'content', 'headers']);

const MODEL_APPROACHES = new Set(['supervised', 'unsupervised', 'reinforcement-learning', 'semi-supervised', 'self-supervised']);
const REMOTE_MCP_TRANSPORTS = new Set(['http', 'sse', 'streamable-http', 'streamablehttp', 'websocket', 'ws']);
/** Credential shape by variable name; the first match wins, the default is `credential`. */
const CREDENTIAL_TYPES: Array<{ re: RegExp; type: string }> = [
  { re: /passw(?:or)?d|pwd/i, type: 'password' },
  { re: /token/i, type: 'token' },
];
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

type Json = Record<string, unknown>;
interface Property {
  name: string;
  value: string;
}

/** Renders the report as a CycloneDX 1.6 JSON BOM. */
export function renderCycloneDx(report: Report): string {
  const rootApp = report.assets.find((a) => a.kind === 'application' && a.key === '.');
  // the internet node is not a component; a duplicated id would make two entries with one bom-ref
  const refs = new Set<string>();
  const rendered: Asset[] = [];
  for (const a of report.assets) {
    if (a.kind === 'network' || refs.has(a.id)) continue;
    refs.add(a.id);
    rendered.push(a);
  }
  const exposed = new Set(report.edges.filter((e) => e.kind === 'exposes' && !refs.has(e.from)).map((e) => e.to));
  const datasetsOf = trainingData(report.edges, rendered);
  const authenticated = new Set(report.edges.filter((e) => e.kind === 'authenticates-with').map((e) => e.from));

  const components: Json[] = [];
  const services: Json[] = [];
  let metadataComponent: Json | undefined;
  for (const a of rendered) {
    const ctx: RenderContext = { exposed: exposed.has(a.id), datasets: datasetsOf.get(a.id) ?? [], authenticated: authenticated.has(a.id) };
    const mapping = mappingOf(a);
    if (mapping.as === 'service') services.push(service(a, ctx));
    else if (a === rootApp) metadataComponent = component(a, mapping, ctx);
    else components.push(component(a, mapping, ctx));
  }

  const body = {
    metadata: {
      tools: { components: [{ type: 'application', name: report.tool.name, version: report.tool.version }] },
      ...(metadataComponent ? { component: metadataComponent } : {}),
    },
    components,
    ...(services.length ? { services } : {}),
    dependencies: dependencies(report.edges, rendered.map((a) => a.id)),
  };
  const bom = {
    $schema: SCHEMA_URL,
    bomFormat: 'CycloneDX',
    specVersion: SPEC_VERSION,
    // from the content without the timestamp: the same scan twice gives the same serial
    serialNumber: `urn:uuid:${uuidV5(SERIAL_NAMESPACE, JSON.stringify(body))}`,
    version: 1,
    metadata: { timestamp: report.scan.finishedAt, ...body.metadata },
    components: body.components,
    ...(body.services ? { services: body.services } : {}),
    dependencies: body.dependencies,
  };
  return JSON.stringify(bom, null, 2) + '\n';
}

interface RenderContext {
  /** Reached by an `exposes` edge from the internet node. */
  exposed: boolean;
  /** Refs of the data components the model trains on. */
  datasets: string[];
  /** Has an `authenticates-with` edge (the service needs a credential). */
  authenticated: boolean;
}

function mappingOf(a: Asset): KindMapping {
  if (a.kind === 'mcp-server' && isRemoteMcp(a)) return { as: 'service' };
  return KIND_MAPPING[a.kind as Exclude<AssetKind, 'network'>] ?? { as: 'application' };
}

function isRemoteMcp(a: Asset): boolean {
  const transport = typeof a.attrs.transport === 'string' ? a.attrs.transport.toLowerCase() : undefined;
  return typeof a.attrs.url === 'string' || (transport !== undefined && REMOTE_MCP_TRANSPORTS.has(transport));
}

// ---- components ----

function component(a: Asset, mapping: KindMapping, ctx: RenderContext): Json {
  const c: Json = { type: mapping.as, 'bom-ref': a.id, name: safe('name', a.name) };
  const detail = COMPONENT_DETAIL[a.kind];
  if (detail) Object.assign(c, detail(a, ctx));
  if (mapping.as === 'data') c.data = [componentData(a, mapping.dataType ?? 'other')];
  if (a.tags.length) c.tags = [...new Set(a.tags)];
  const occurrences = fileOccurrences(a.evidence);
  if (occurrences.length) c.evidence = { occurrences };
  c.properties = [...commonProperties(a, ctx), ...uriEvidenceProperties(a.evidence)];
  return c;
}

/** Native fields per kind, beyond type, bom-ref and name. */
const COMPONENT_DETAIL: Partial<Record<AssetKind, (a: Asset, ctx: RenderContext) => Json>> = {
  model: (a, ctx) => ({ ...huggingFaceIdentity(a), ...withModelCard(a, ctx) }),
  'model-file': (a, ctx) => {
    const sha = a.attrs.sha256;
    return { ...(typeof sha === 'string' && SHA256_HEX.test(sha) ? { hashes: [{ alg: 'SHA-256', content: sha.toLowerCase() }] } : {}), ...withModelCard(a, ctx) };
  },
  library: (a) => {
    const out: Json = {};
    if (typeof a.attrs.package === 'string' && a.attrs.package) out.name = a.attrs.package;
    const version = a.attrs.version;
    if ((typeof version === 'string' && version && version !== '*') || typeof version === 'number') out.version = String(version);
    if (typeof a.attrs.purl === 'string' && a.attrs.purl.startsWith('pkg:')) out.purl = a.attrs.purl;
    return out;
  },
  'mcp-server': (a) => (typeof a.attrs.version === 'string' && a.attrs.version ? { version: a.attrs.version } : {}),
  secret: (a) => ({
    cryptoProperties: {
      assetType: 'related-crypto-material',
      relatedCryptoMaterialProperties: { type: CREDENTIAL_TYPES.find((t) => t.re.test(a.name))?.type ?? 'credential' },
    },
  }),
};

function withModelCard(a: Asset, ctx: RenderContext): Json {
  const params: Json = {};
  const { approach, task } = a.attrs;
  if (typeof approach === 'string' && MODEL_APPROACHES.has(approach)) params.approach = { type: approach };
  if (typeof task === 'string' && task) params.task = task;
  if (ctx.datasets.length) params.datasets = ctx.datasets.map((ref) => ({ ref }));
  return Object.keys(params).length ? { modelCard: { modelParameters: params } } : {};
}

/** A Hugging Face model is identified by a purl (pkg:huggingface/org/name@revision) and its Hub page. */
function huggingFaceIdentity(a: Asset): Json {
  if (a.provider !== 'huggingface') return {};
  const id = typeof a.attrs.modelId === 'string' ? a.attrs.modelId : a.name;
  const parts = id.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return {};
  const revision = typeof a.attrs.revision === 'string' && a.attrs.revision ? `@${encodeURIComponent(a.attrs.revision.toLowerCase())}` : '';
  const out: Json = { purl: `pkg:huggingface/${parts.map(encodeURIComponent).join('/')}${revision}` };
  const hub = PROVIDERS.huggingface?.hosts[0];
  if (hub) out.externalReferences = [{ type: 'model-card', url: toIri(`https://${hub}/${id}`) }];
  return out;
}

function componentData(a: Asset, type: ComponentDataType): Json {
  const d: Json = { type, name: safe('name', a.name) };
  const url = remoteUrl(a);
  if (url) d.contents = { url };
  if (a.sensitivity) d.classification = a.sensitivity;
  return d;
}

/** Where remote data lives: a URI attribute, a URI key (`s3://b/p`), or a Hub dataset (`hf:<id>`). */
function remoteUrl(a: Asset): string | undefined {
  for (const v of [a.attrs.uri, a.attrs.url, a.key]) {
    if (typeof v !== 'string') continue;
    if (URL_WITH_SCHEME.test(v)) return toIri(maskSecrets(v));
    const hub = PROVIDERS.huggingface?.hosts[0];
    if (v.startsWith('hf:') && v.length > 3 && hub) return toIri(`https://${hub}/datasets/${v.slice(3)}`);
  }
  return undefined;
}

// ---- services ----

function service(a: Asset, ctx: RenderContext): Json {
  const s: Json = { 'bom-ref': a.id };
  const info = a.kind === 'ai-service' ? PROVIDERS[a.provider ?? a.key] : undefined;
  if (info) s.provider = { name: info.name };
  s.name = safe('name', a.name);
  const endpoints = serviceEndpoints(a);
  if (endpoints.length) s.endpoints = endpoints;
  // a hosted AI API always takes a key; other services only when a credential was seen
  if (a.kind === 'ai-service' || ctx.authenticated) s.authenticated = true;
  else if (typeof a.attrs.authenticated === 'boolean') s.authenticated = a.attrs.authenticated;
  if (info?.hosted) s['x-trust-boundary'] = true;
  if (a.tags.length) s.tags = [...new Set(a.tags)];
  // services have no evidence field in the schema: their locations travel as properties
  const locations = fileOccurrences(a.evidence).map((o) => ({ name: `${PROPERTY_PREFIX}evidence`, value: o.line !== undefined ? `${o.location}:${o.line}` : o.location }));
  s.properties = [...commonProperties(a, ctx), ...locations, ...uriEvidenceProperties(a.evidence)];
  return s;
}

function serviceEndpoints(a: Asset): string[] {
  const explicit = [a.attrs.endpoint, a.attrs.url].filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (a.kind === 'endpoint' && !explicit.length && URL_WITH_SCHEME.test(a.key)) explicit.push(a.key);
  if (explicit.length) return [...new Set(explicit.map((u) => toIri(maskSecrets(u))))];
  if (a.kind !== 'ai-service') return [];
  return (PROVIDERS[a.provider ?? a.key]?.hosts ?? []).map((h) => `https://${h}`);
}

// ---- properties and evidence ----

function commonProperties(a: Asset, ctx: RenderContext): Property[] {
  const props: Property[] = [{ name: `${PROPERTY_PREFIX}kind`, value: a.kind }];
  const add = (name: string, value: string | undefined) => value && props.push({ name: PROPERTY_PREFIX + name, value: safe(name, value) });
  add('provider', a.provider);
  add('owner', a.owner);
  add('environment', a.environment);
  add('sensitivity', a.sensitivity);
  if (ctx.exposed) add('exposedToInternet', 'true');
  const native = new Set(NATIVE_ATTRS[a.kind] ?? []);
  const only = ONLY_ATTRS[a.kind];
  for (const name of Object.keys(a.attrs).sort()) {
    if (native.has(name) || NEVER_ATTRS.has(name) || (only && !only.includes(name))) continue;
    for (const value of propertyValues(name, a.attrs[name])) props.push({ name: PROPERTY_PREFIX + name, value });
  }
  // MCP server environment: the variable names it is given, never their values
  if (a.kind === 'mcp-server' && isRecord(a.attrs.env)) for (const name of Object.keys(a.attrs.env).sort()) add('envVar', name);
  return props;
}

/** One property per scalar (arrays repeat the name, which CycloneDX allows); objects as JSON. */
function propertyValues(name: string, v: AttrValue | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap((x) => propertyValues(name, x));
  if (typeof v === 'object') return [safe(name, JSON.stringify(v))];
  return [safe(name, String(v))];
}

function fileOccurrences(evidence: Evidence[]): Array<{ location: string; line?: number }> {
  const seen = new Set<string>();
  const out: Array<{ location: string; line?: number }> = [];
  for (const e of evidence) {
    if (!e.file) continue;
    const line = e.line !== undefined && Number.isInteger(e.line) && e.line >= 0 ? e.line : undefined;
    const k = `${e.file}\0${line ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(line !== undefined ? { location: e.file, line } : { location: e.file });
  }
  return out;
}

function uriEvidenceProperties(evidence: Evidence[]): Property[] {
  const uris = new Set(evidence.filter((e) => !e.file && e.uri).map((e) => maskSecrets(e.uri!)));
  return [...uris].map((value) => ({ name: `${PROPERTY_PREFIX}evidenceUri`, value }));
}

// ---- dependencies ----

/** Model id → refs of the rendered datasets it trains on (for modelCard.modelParameters.datasets). */
function trainingData(edges: Edge[], rendered: Asset[]): Map<string, string[]> {
  const dataRefs = new Set(rendered.filter((a) => a.kind === 'dataset' || a.kind === 'knowledge-base').map((a) => a.id));
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (e.kind !== 'trains-on' || !dataRefs.has(e.to)) continue;
    const list = out.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    out.set(e.from, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/**
 * Every edge becomes "from depends on to", except `defined-in`, which points from a part to its
 * application: there the application depends on its part. Every rendered ref gets an entry (an empty
 * one says "no known dependencies"); edges touching anything not rendered are left out.
 */
function dependencies(edges: Edge[], refs: string[]): Array<{ ref: string; dependsOn?: string[] }> {
  const known = new Set(refs);
  const deps = new Map<string, Set<string>>(refs.map((r) => [r, new Set<string>()]));
  for (const e of edges) {
    const [dependent, dependency] = e.kind === 'defined-in' ? [e.to, e.from] : [e.from, e.to];
    if (dependent === dependency || !known.has(dependent) || !known.has(dependency)) continue;
    deps.get(dependent)!.add(dependency);
  }
  return [...deps.keys()].sort().map((ref) => {
    const on = [...deps.get(ref)!].sort();
    return on.length ? { ref, dependsOn: on } : { ref };
  });
}

// ---- helpers ----

/** Defence in depth: collectors mask secrets already, but nothing leaves here unmasked. */
function safe(name: string, value: string): string {
  const masked = maskSecrets(value);
  return masked.includes('…(') ? masked : maskIfSecret(name, masked);
}

/** Percent-encodes what an IRI reference may not contain (spaces, quotes, brackets, a stray `%`). */
function toIri(url: string): string {
  return url.replace(/%(?![0-9A-Fa-f]{2})|[\s\u0000-\u001f\u007f<>"{}|\\^`]/gu, (c) => encodeURIComponent(c));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A name-based UUID (version 5 layout: SHA-1 of namespace and name, version and variant bits set). */
function uuidV5(namespace: string, name: string): string {
  const h = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
