// The domain model shared by the scanner, store, server, gateway and UI. No I/O here.

export const ASSET_KINDS = [
  'application', // a repository or project (the unit that owns code and manifests)
  'ai-service', // a hosted provider API (OpenAI, Bedrock, ...)
  'model', // a model identified by id (gpt-4o, meta-llama/Llama-3-8B)
  'model-file', // serialized weights on disk
  'library', // an AI SDK or framework package at a version (from manifests)
  'endpoint', // a serving / inference endpoint
  'dataset',
  'vector-store',
  'knowledge-base',
  'prompt',
  'agent',
  'tool',
  'mcp-server',
  'notebook',
  'pipeline', // CI or training job
  'secret', // a credential, keyed by the name it is referenced by
  'identity',
  'storage', // bucket or database
  'workload',
  'network', // the special node `internet`
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const EDGE_KINDS = [
  'uses-model',
  'calls-service',
  'serves',
  'trains-on',
  'fine-tunes-from',
  'retrieves-from',
  'embeds-with',
  'stores-in',
  'has-tool',
  'can-access',
  'authenticates-with',
  'assumes',
  'exposes',
  'deployed-by',
  'loads',
  'defined-in',
  'derived-from',
  'depends-on', // application -> library (manifest dependency)
  'uses-prompt', // agent/application -> prompt
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export const SENSITIVITIES = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Where an asset was seen. File paths are relative to the scanned root, with forward slashes. */
export interface Evidence {
  file?: string;
  line?: number;
  endLine?: number;
  /** A short excerpt, always masked before it gets here. */
  snippet?: string;
  /** A cloud resource, URL or log reference when the evidence is not a file. */
  uri?: string;
  collector: string;
}

export type AttrValue = string | number | boolean | null | AttrValue[] | { [k: string]: AttrValue };
export type Attrs = Record<string, AttrValue | undefined>;

export interface Asset {
  /** Stable id: kind + hash of the natural key, so a rescan updates instead of duplicating. */
  id: string;
  kind: AssetKind;
  /** The natural key the id is derived from (e.g. `openai/gpt-4o`, `s3://bucket`, a relative path). */
  key: string;
  name: string;
  provider?: string;
  attrs: Attrs;
  evidence: Evidence[];
  owner?: string;
  environment?: string;
  sensitivity?: Sensitivity;
  tags: string[];
  firstSeen?: string;
  lastSeen?: string;
}

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  evidence?: Evidence[];
  attrs?: Attrs;
}

export interface ScanWarning {
  file?: string;
  line?: number;
  message: string;
  collector?: string;
}

export function isAssetKind(s: string): s is AssetKind {
  return (ASSET_KINDS as readonly string[]).includes(s);
}
