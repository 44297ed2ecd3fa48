// The comparable state of an asset or edge: what is stored in events, digested, and diffed field by field.
import { createHash, hash } from 'node:crypto';
import type { Asset, AssetKind, Attrs, Edge, EdgeKind, Evidence } from '../model/asset.js';

/** An asset without its id and seen-times; absent optional fields are `null` so JSON keeps them comparable. */
export interface AssetSnapshot {
  kind: AssetKind;
  key: string;
  name: string;
  provider: string | null;
  owner: string | null;
  environment: string | null;
  sensitivity: string | null;
  tags: string[];
  attrs: Attrs;
  evidence: Evidence[];
}

export interface EdgeSnapshot {
  from: string;
  kind: EdgeKind;
  to: string;
  attrs?: Attrs;
  evidence?: Evidence[];
}

/**
 * A copy with object keys in sorted insertion order and `undefined` dropped: serialising it with JSON.stringify
 * gives the same text for equal values (one pass; no parse round trip on the hot path of 50,000 assets).
 */
export function canonical<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v))) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = canonical(v);
  }
  return out as T;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value ?? null));
}

// One-shot hashing (Node >= 20.12) avoids a Hash object per asset: a third of the digest time at 50,000 assets.
const oneShot = typeof hash === 'function' ? (text: string) => hash('sha256', text, 'hex') : undefined;
export function sha256(text: string): string {
  return oneShot ? oneShot(text) : createHash('sha256').update(text).digest('hex');
}

function evidenceOrder(e: Evidence): string {
  // zero-padded line so that line 9 sorts before line 10
  return `${e.file ?? ''}\0${String(e.line ?? 0).padStart(9, '0')}\0${e.collector}\0${e.uri ?? ''}\0${e.snippet ?? ''}`;
}

/** Evidence is a set: parallel collectors may emit it in any order, and order alone is not a change. */
function normaliseEvidence(evidence: Evidence[] | undefined): Evidence[] {
  if (!evidence?.length) return [];
  const keyed = evidence.map((e) => ({ e: canonical(e), order: evidenceOrder(e) }));
  keyed.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return keyed.map((k) => k.e);
}

export function snapshotOf(asset: Asset): AssetSnapshot {
  return {
    kind: asset.kind,
    key: asset.key,
    name: asset.name,
    provider: asset.provider ?? null,
    owner: asset.owner ?? null,
    environment: asset.environment ?? null,
    sensitivity: asset.sensitivity ?? null,
    tags: [...new Set(asset.tags ?? [])].sort(),
    attrs: canonical(asset.attrs ?? {}),
    evidence: normaliseEvidence(asset.evidence),
  };
}

export function edgeSnapshotOf(edge: Edge): EdgeSnapshot {
  const snap: EdgeSnapshot = { from: edge.from, kind: edge.kind, to: edge.to };
  if (edge.attrs && Object.keys(edge.attrs).length) snap.attrs = canonical(edge.attrs);
  if (edge.evidence?.length) snap.evidence = normaliseEvidence(edge.evidence);
  return snap;
}

/** Digest of everything but the evidence, and of the evidence alone: two digests tell "changed" from "moved". */
export function assetDigests(snap: AssetSnapshot): { digest: string; evidenceDigest: string } {
  // snapshots are already canonical: plain JSON.stringify is stable here
  const { evidence, ...content } = snap;
  return { digest: sha256(JSON.stringify(content)), evidenceDigest: sha256(JSON.stringify(evidence)) };
}

export function edgeDigest(snap: EdgeSnapshot): string {
  return sha256(JSON.stringify(snap));
}

export function edgeIdentity(e: { from: string; kind: string; to: string }): string {
  return `${e.from}|${e.kind}|${e.to}`;
}
