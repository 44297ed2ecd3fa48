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

/**
 * Blast radius: what an attacker who controls an asset can act on next (its tools, identities, credentials,
 * data, and for an application everything defined in it). Walked forwards from the asset, bounded.
 */
export const BLAST_RADIUS: FlowRule[] = [
  { kind: 'has-tool', dir: 'out' },
  { kind: 'assumes', dir: 'out' },
  { kind: 'can-access', dir: 'out' },
  { kind: 'authenticates-with', dir: 'out' },
  { kind: 'calls-service', dir: 'out' },
  { kind: 'retrieves-from', dir: 'out' },
  { kind: 'loads', dir: 'out' },
  { kind: 'stores-in', dir: 'out' },
  { kind: 'derived-from', dir: 'out' },
  { kind: 'exposes', dir: 'out' },
  { kind: 'defined-in', dir: 'in' },
];

/**
 * What an attacker holds at a node of an attack path: `drive` (they send it input or make it act), `content`
 * (they write what it holds or returns: a poisoned document, a writable store, a web page a tool fetched) or
 * `read` (they can read it through something they drive). The state keeps paths honest: an agent someone
 * drives reads its knowledge base but cannot poison it for the other agents; a poisoned knowledge base can.
 */
export type AttackState = 'drive' | 'content' | 'read';

export interface AttackRule extends FlowRule {
  /** The state the attacker must hold at the node the edge is followed from. */
  from: AttackState;
  /** The state they hold at the node reached (see `settleState`). */
  to: AttackState;
  /** Only from nodes this predicate accepts (a shell tool runs code inside its application). */
  onlyFrom?: (a: Asset) => boolean;
  /** Only to nodes this predicate accepts. */
  onlyTo?: (a: Asset) => boolean;
}

/** Kinds that hold content: driving one (an exposed vector database, a storage an identity can access) is writing it. */
const CONTENT_KINDS = new Set<AssetKind>(['dataset', 'vector-store', 'knowledge-base', 'storage', 'model-file', 'prompt']);

export function settleState(state: AttackState, a: Asset | undefined): AttackState {
  return state === 'drive' && a && CONTENT_KINDS.has(a.kind) ? 'content' : state;
}

/**
 * Tools in code that run commands or code: driving one means running code where its application runs. A
 * tool declared in IaC (a managed code interpreter, a cloud function) runs in the provider's sandbox instead.
 */
export function runsCode(a: Asset): boolean {
  if (a.kind !== 'tool' || a.attrs.iac !== undefined || a.attrs.builtIn !== undefined) return false;
  return capabilitiesOf(a).some((c) => c === 'shell' || c === 'code-execution');
}

/** CI jobs that run code from outside contributors with the repository's secrets (`pull_request_target`). */
export function runsOutsideCode(a: Asset): boolean {
  if (a.kind !== 'pipeline') return false;
  const t = a.attrs.privilegedTriggers;
  return Array.isArray(t) && t.length > 0;
}

/**
 * Attack paths: EXPOSURE and CONTENT_FLOW joined, with the attacker's state on each node. Entry states: the
 * internet and web input are `drive`, untrusted content and tool output `content`, a public repository `read`.
 */
export const ATTACK_FLOW: AttackRule[] = [
  // driving a node: what it exposes, and the models, services, tools, identities and credentials it uses
  { kind: 'exposes', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'serves', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'uses-model', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'calls-service', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'has-tool', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'assumes', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'can-access', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'authenticates-with', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'stores-in', dir: 'out', from: 'drive', to: 'drive' },
  { kind: 'defined-in', dir: 'in', from: 'drive', to: 'drive' },
  { kind: 'defined-in', dir: 'out', from: 'drive', to: 'drive', onlyFrom: runsCode },
  // what a driven node reads, and what that was derived from
  { kind: 'retrieves-from', dir: 'out', from: 'drive', to: 'read' },
  { kind: 'loads', dir: 'out', from: 'drive', to: 'read' },
  { kind: 'trains-on', dir: 'out', from: 'drive', to: 'read' },
  { kind: 'uses-prompt', dir: 'out', from: 'drive', to: 'read' },
  { kind: 'derived-from', dir: 'out', from: 'drive', to: 'read' },
  { kind: 'derived-from', dir: 'out', from: 'read', to: 'read' },
  { kind: 'derived-from', dir: 'out', from: 'content', to: 'read' },
  // content the attacker writes flows into whatever reads it, which they then drive
  { kind: 'stores-in', dir: 'in', from: 'content', to: 'content', reach: STORED },
  { kind: 'retrieves-from', dir: 'in', from: 'content', to: 'drive' },
  { kind: 'uses-prompt', dir: 'in', from: 'content', to: 'drive' },
  { kind: 'trains-on', dir: 'in', from: 'content', to: 'drive' },
  { kind: 'fine-tunes-from', dir: 'in', from: 'content', to: 'drive' },
  { kind: 'loads', dir: 'in', from: 'content', to: 'drive' },
  { kind: 'derived-from', dir: 'in', from: 'content', to: 'content' },
  { kind: 'has-tool', dir: 'in', from: 'content', to: 'drive', fromEntryOnly: true },
  // a repository anyone can read: what is defined in it, and the CI jobs that run outsiders' code
  { kind: 'defined-in', dir: 'in', from: 'read', to: 'read' },
  { kind: 'defined-in', dir: 'in', from: 'read', to: 'drive', onlyTo: runsOutsideCode },
];
