// Which edges carry what, in which direction. Reachability in checks is a graph search over these tables,
// so what "reachable from the internet" or "reaches sensitive data" means is written down in one place.

import type { Asset, AssetKind, EdgeKind } from '../model/index.js';

/** `out` follows an edge from its `from` to its `to`; `in` walks it backwards. */
export interface FlowRule {
  kind: EdgeKind;
  dir: 'out' | 'in';
  /** Only followed from a node that is itself an entry point (see CONTENT_FLOW: a tool's output). */
  fromEntryOnly?: boolean;
  /** Only reaches nodes of these kinds (e.g. what is stored in a store is data, not the application writing it). */
  reach?: AssetKind[];
}

/** What can be stored in a storage or vector store and so shares its exposure. */
const STORED: AssetKind[] = ['dataset', 'knowledge-base', 'model-file'];

/**
 * Network exposure: what an attacker on the internet can send input to, starting at the `internet` node.
 * An exposed application exposes what is defined in it; an exposed storage exposes the datasets stored in it.
 */
export const EXPOSURE: FlowRule[] = [
  { kind: 'exposes', dir: 'out' },
  { kind: 'serves', dir: 'out' },
  { kind: 'uses-model', dir: 'out' },
  { kind: 'calls-service', dir: 'out' },
  { kind: 'has-tool', dir: 'out' },
  { kind: 'retrieves-from', dir: 'out' },
  { kind: 'uses-prompt', dir: 'out' },
  { kind: 'can-access', dir: 'out' },
  { kind: 'assumes', dir: 'out' },
  { kind: 'authenticates-with', dir: 'out' },
  { kind: 'loads', dir: 'out' },
  { kind: 'depends-on', dir: 'out' },
  { kind: 'defined-in', dir: 'in' },
  { kind: 'stores-in', dir: 'in', reach: STORED },
];

/**
 * Content flow from untrusted entry points: text an attacker controls reaches an agent through what the agent
 * reads (tool output, retrieved documents, training data, loaded files) and then whatever the agent drives.
 * A tool's output flows back to its agents only when the tool itself reads external content; otherwise two
 * agents sharing a tool would taint each other.
 */
export const CONTENT_FLOW: FlowRule[] = [
  { kind: 'exposes', dir: 'out' },
  { kind: 'serves', dir: 'out' },
  { kind: 'uses-model', dir: 'out' },
  { kind: 'calls-service', dir: 'out' },
  { kind: 'has-tool', dir: 'out' },
  { kind: 'has-tool', dir: 'in', fromEntryOnly: true },
  { kind: 'retrieves-from', dir: 'in' },
  { kind: 'uses-prompt', dir: 'in' },
  { kind: 'trains-on', dir: 'in' },
  { kind: 'fine-tunes-from', dir: 'in' },
  { kind: 'loads', dir: 'in' },
  { kind: 'derived-from', dir: 'in' },
  { kind: 'stores-in', dir: 'in', reach: STORED },
  { kind: 'defined-in', dir: 'in' },
];

/**
 * Data access, walked backwards from sensitive data: X reaches it when X retrieves, loads, trains on, can
 * access or stores into it, through tools, assumed identities and models trained on it.
 */
export const DATA_ACCESS: FlowRule[] = [
  { kind: 'retrieves-from', dir: 'out' },
  { kind: 'can-access', dir: 'out' },
  { kind: 'loads', dir: 'out' },
  { kind: 'trains-on', dir: 'out' },
  { kind: 'fine-tunes-from', dir: 'out' },
  { kind: 'stores-in', dir: 'out' },
  { kind: 'derived-from', dir: 'out' },
  { kind: 'has-tool', dir: 'out' },
  { kind: 'assumes', dir: 'out' },
  { kind: 'uses-model', dir: 'out' },
];

/** Control, walked backwards from side-effecting tools: who can make them run. */
export const CONTROL: FlowRule[] = [
  { kind: 'has-tool', dir: 'out' },
  { kind: 'defined-in', dir: 'in' },
];

/** Tool capabilities that change the world (the spec's list); used by `reachesSideEffects`. */
export const SIDE_EFFECT_CAPABILITIES = new Set(['shell', 'code-execution', 'file-write', 'email', 'messaging', 'payments', 'database']);

/** Tool capabilities that read content from outside the organisation. */
export const UNTRUSTED_READ_CAPABILITIES = new Set(['network', 'browser', 'email', 'messaging']);

const SENSITIVE_LEVELS = new Set(['confidential', 'restricted']);
const DATA_KINDS = new Set(['dataset', 'storage', 'knowledge-base', 'vector-store']);
/** Attribute names detectors and collectors use to say a data asset holds personal data. */
const PII_FLAGS = ['pii', 'containsPii', 'hasPii'] as const;
const PII_LISTS = ['piiTypes', 'piiColumns', 'piiFindings'] as const;

export function capabilitiesOf(a: Asset): string[] {
  const c = a.attrs.capabilities;
  return Array.isArray(c) ? c.filter((x): x is string => typeof x === 'string') : [];
}

/** Data that matters if it leaks: a data asset marked confidential/restricted, or one that holds PII. */
export function isSensitiveData(a: Asset): boolean {
  if (!DATA_KINDS.has(a.kind)) return false;
  if (a.sensitivity && SENSITIVE_LEVELS.has(a.sensitivity)) return true;
  if (typeof a.attrs.sensitivity === 'string' && SENSITIVE_LEVELS.has(a.attrs.sensitivity)) return true;
  if (PII_FLAGS.some((k) => a.attrs[k] === true)) return true;
  return PII_LISTS.some((k) => Array.isArray(a.attrs[k]) && (a.attrs[k] as unknown[]).length > 0);
}

/**
 * Where attacker-controlled content enters: anything marked untrusted, public repositories, and tools that
 * read the web, mail or chat. (The internet node is added by the index itself.)
 */
export function isUntrustedSource(a: Asset): boolean {
  if (a.attrs.untrusted === true || a.attrs.trust === 'untrusted' || a.tags.includes('untrusted')) return true;
  if (a.kind === 'application' && (a.attrs.visibility === 'public' || a.attrs.public === true)) return true;
  if (a.kind === 'tool') return capabilitiesOf(a).some((c) => UNTRUSTED_READ_CAPABILITIES.has(c));
  return false;
}

export function isSideEffectTool(a: Asset): boolean {
  return capabilitiesOf(a).some((c) => SIDE_EFFECT_CAPABILITIES.has(c));
}
